"""A child for the encryption crash tests: `python tests/_encrypting.py ROOT on|off N`.

Turns encryption on (to the identity in $MENTORLOG_IDENTITY) or off for the journal at ROOT,
and SIGKILLs itself just before its N-th step, a step being any write, fsync, rename or
unlink. If it gets to the end first, it prints "done STEPS" (`decrypt` again after a kill at
its very last step finds nothing to do: that is no error).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mentorlog.storage import encryption
from mentorlog.storage.store import Store

steps = 0


def counted(real: Callable[..., Any], kill_at: int) -> Callable[..., Any]:
    def step(*args: Any, **kwargs: Any) -> Any:
        global steps
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    return step


def main() -> None:
    root, mode, kill_at = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    store = Store(root)
    for name in ("write", "fsync", "replace", "unlink"):
        setattr(os, name, counted(getattr(os, name), kill_at))
    if mode == "on":
        encryption.turn_on(store)
    else:
        encryption.turn_off(store)
    sys.stdout.write(f"done {steps}\n")


if __name__ == "__main__":
    main()
