"""Shared test helpers: run the CLI in-process, snapshot a journal's bytes and modes, start a
writer process."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from mentorlog.cli.app import app

WRITER = Path(__file__).with_name("_writer.py")  # a process that writes or holds the lock


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


Runner = Callable[..., Result]  # `run`, or the `run` fixture of tests/conftest.py


def run(*args: str, input: str | None = None) -> Result:
    """Run `mentorlog ARGS` in-process, as a user would, with separate stdout and stderr."""
    runner = CliRunner()
    result = runner.invoke(app, list(args), input=input, prog_name="mentorlog")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)


def ok(*args: str, input: str | None = None) -> str:
    """Run `mentorlog ARGS`, which must succeed, and return what it printed on stdout."""
    result = run(*args, input=input)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def import_text(path: Path, text: str, *args: str, encoding: str = "utf-8") -> Result:
    """Write `text` to `path` (a CSV of people, a calendar, ...) and run `mentorlog import PATH
    ARGS` on it."""
    path.write_text(text, encoding=encoding)
    return run("import", str(path), *args)


def created_id(*args: str) -> str:
    """Run `mentorlog ARGS --json`, which must succeed, and return the new record's id."""
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    record_id: str = json.loads(result.stdout)["id"]
    return record_id


def on_disk(home: Path, collection: str) -> list[dict[str, Any]]:
    """The records of `collection` as stored in its data files (`goals.json`, or
    `meetings-YYYY.json` a year at a time), read from disk, not through mentorlog."""
    found: list[dict[str, Any]] = []
    for path in sorted(home.glob("*.json")):
        if path.stem.split("-")[0] == collection:
            found += json.loads(path.read_bytes())[collection]
    return found


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under `directory` (path relative to it -> bytes), for byte-identity checks."""
    if not directory.exists():
        return {}
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def nothing_to_change(home: Path, *args: str, noun: str) -> None:
    """Run an edit that sets only what is already there: it succeeds, says there is nothing to
    change for the `noun`, and leaves every file in `home` byte for byte as it was."""
    before = snapshot(home)
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Nothing to change for {noun}")
    assert snapshot(home) == before


def refused(
    home: Path,
    *args: str,
    code: int,
    says: str,
    input: str | None = None,
    one_line: bool = False,
) -> Result:
    """Run `mentorlog ARGS`: it fails with exit `code`, says `says` on stderr (in one line,
    when `one_line`), and leaves every file in `home` byte for byte as it was."""
    before = snapshot(home)
    result = run(*args, input=input)
    assert result.exit_code == code, result.stderr
    assert says in result.stderr
    if one_line:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert snapshot(home) == before
    return result


def modes(root: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[path.relative_to(root).as_posix()] = stat.S_IMODE(path.stat().st_mode)
    return found


def writer(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# The keys of a row of `meeting list --json`.
MEETING_ROW_KEYS = {
    "id",
    "date",
    "time",
    "mentor",
    "format",
    "duration",
    "rating",
    "goals",
    "takeaways",
    "next",
}
