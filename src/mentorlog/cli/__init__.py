"""The command line: a thin shell that parses, calls the journal or insights, and renders.

`main` answers `--version` before importing Typer, Rich or Pydantic: the cheapest command stays
close to a bare interpreter start.
"""

from __future__ import annotations

import gc
import os
import sys

from mentorlog import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"mentorlog {__version__}\n")
        return
    # One short command per process: collecting reference cycles (rare here, and freed at exit
    # anyway) is not worth the collector's passes over all that importing the stack allocates.
    gc.disable()
    # Pydantic plugins installed beside mentorlog (tracing, telemetry) would see every record
    # validated, notes included: a private journal has none. It also spares a scan of every
    # installed package's metadata at start-up.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from mentorlog.cli._encoding import install

    install()  # a terminal without mentorlog's glyphs gets plain ones, never an error
    from mentorlog.cli.app import app

    app(prog_name="mentorlog")
