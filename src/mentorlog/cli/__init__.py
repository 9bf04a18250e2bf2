"""The command line: a thin shell that parses, calls the journal or insights, and renders.

`main` answers `--version` before importing Typer, Rich or Pydantic: the cheapest command stays
close to a bare interpreter start.
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from mentorlog import __version__

        sys.stdout.write(f"mentorlog {__version__}\n")
        return
    # One short command per process: collecting reference cycles (rare here, and freed at exit
    # anyway) is not worth the collector's passes over all that importing the stack allocates.
    gc.disable()
    from mentorlog.cli.app import app

    app(prog_name="mentorlog")
