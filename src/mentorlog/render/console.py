"""The consoles commands print to: data on stdout, warnings and errors on stderr."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def make_console(*, stderr: bool = False, no_color: bool = False) -> Console:
    from rich.console import Console

    no_color = no_color or "NO_COLOR" in os.environ
    return Console(
        stderr=stderr,
        no_color=no_color,
        color_system=None if no_color else "auto",
        highlight=False,
        emoji=False,
        markup=True,
        soft_wrap=False,
    )
