"""Start-up budget: the paths that need little import little (docs/performance.md).

`mentorlog --version` answers before Typer, Rich or Pydantic is imported; `--help` (of the
root or of a command) imports the command line, but not the store, the records, the insights,
the renderers or the exchange formats. Measured with `python -X importtime`, which names every
module imported, so a top-level import that drags one of those in fails here.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

VERSION_MAY_IMPORT = {"mentorlog", "mentorlog.cli"}
HEAVY = (
    "pydantic",
    "typer",
    "click",
    "rich",
    "icalendar",
    "pyrage",
    "filelock",
    "platformdirs",
)
# Not needed to show help: imported only when a command runs.
NOT_FOR_HELP = (
    "mentorlog.models",
    "mentorlog.storage.store",
    "mentorlog.journal",
    "mentorlog.insights",
    "mentorlog.render",
    "mentorlog.exchange",
    "icalendar",
    "pyrage",
    "filelock",
)
# Light, and on Rich's Text, which help draws with anyway: user text rendered literally.
LIGHT_RENDERING = {"mentorlog.render", "mentorlog.render.safe"}


def imported(*args: str) -> set[str]:
    """The modules `mentorlog ARGS` imports (python -X importtime, in a fresh interpreter)."""
    code = f"import sys; sys.argv = ['mentorlog', *{list(args)!r}]; from mentorlog.cli import main"
    code += "\ntry:\n    main()\nexcept SystemExit:\n    pass"
    env = {**os.environ, "COLUMNS": "80"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "mentorlog" in done.stdout or "Usage" in done.stdout
    return {
        line.rpartition("|")[2].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def under(modules: set[str], prefix: str) -> set[str]:
    return {name for name in modules if name == prefix or name.startswith(prefix + ".")}


def test_version_imports_nothing_but_the_version() -> None:
    modules = imported("--version")
    assert under(modules, "mentorlog") == VERSION_MAY_IMPORT
    heavy = {name for name in modules for prefix in HEAVY if under({name}, prefix)}
    assert not heavy


@pytest.mark.parametrize(
    "args", [("--help",), ("meet", "--help"), ("mentor", "--help"), ("nudge", "--help")]
)
def test_help_imports_no_store_records_insights_or_formats(args: tuple[str, ...]) -> None:
    modules = imported(*args)
    assert "mentorlog.cli.app" in modules  # the test sees what it means to see
    found = {name for prefix in NOT_FOR_HELP for name in under(modules, prefix)}
    found -= LIGHT_RENDERING
    assert not found, f"mentorlog {' '.join(args)} imports {sorted(found)}"
