"""Strange files and environments (docs/reliability.md): one line, exit 2 or 3, the journal
unchanged.

Files: numbers over 4,300 digits, nesting deeper than a save can write (and a depth that loads
must also save), NaN / Infinity / 1e400, a key twice in one object, a `schema_version` that is
not an integer, timestamps at the calendar's edge, a damaged `history.json`. Environments: a
lock file that is a directory, a link or someone else's; a journal made read-only; a read-only
file system; an editor that deletes its draft or saves Latin-1. And dates at the end of the
calendar (`--due 9999-12-31`) through every view and export.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentorlog.storage.migrations import CURRENT_VERSION
from mentorlog.storage.strict_json import MAX_DEPTH
from tests._reliability import POSIX, figure, one_clean_error, seed_sample
from tests.helpers import Result, run, snapshot

Damage = Callable[[str], str]


V = CURRENT_VERSION  # the files a current mentorlog writes
SV = f'"schema_version": {V},'


def _top(value: str) -> Damage:
    """An unknown top-level key holding `value` (as JSON text)."""
    return lambda text: text.replace(SV, f'"schema_version": {V}, "x": {value},')


def _nested(levels: int) -> str:
    return "[" * levels + "]" * levels


STRANGE: dict[str, Damage] = {
    "a number of 5,000 digits": _top("9" * 5000),
    "nesting 5,000 deep": _top(_nested(5000)),
    f"nesting {MAX_DEPTH + 1} deep": _top(_nested(MAX_DEPTH)),  # the document is one more
    "NaN": _top("NaN"),
    "Infinity": _top("Infinity"),
    "-Infinity": _top("-Infinity"),
    "1e400": _top("1e400"),
    "schema_version as text": lambda t: t.replace(SV, f'"schema_version": "{V}",'),
    "schema_version 1.0": lambda t: t.replace(SV, f'"schema_version": {V}.0,'),
    "schema_version true": lambda t: t.replace(SV, '"schema_version": true,'),
    "0001-01-01T00:00:00+14:00": lambda t: re.sub(
        r'"created": "[^"]*"', '"created": "0001-01-01T00:00:00+14:00"', t, count=1
    ),
    "9999-12-31T23:59:59-12:00": lambda t: re.sub(
        r'"updated": "[^"]*"', '"updated": "9999-12-31T23:59:59-12:00"', t, count=1
    ),
}
COMMANDS = [("goal", "list"), ("status",), ("goal", "add", "New goal"), ("export",)]


def damage(home: Path, name: str, change: Damage) -> None:
    path = home / name
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def check_refused(result: Result, before: dict[str, bytes], home: Path, codes: Any = (3,)) -> None:
    assert one_clean_error(result, codes, max_lines=1) == [], result.stderr
    assert snapshot(home) == before


@pytest.mark.parametrize("kind", list(STRANGE))
def test_a_strange_data_file_is_one_line_and_nothing_changes(home: Path, kind: str) -> None:
    seed_sample(home)
    damage(home, "goals.json", STRANGE[kind])
    before = snapshot(home)
    for args in COMMANDS:
        result = run(*args)
        check_refused(result, before, home)
        assert "goals.json" in result.stderr
    # undo sees a file changed since the last change (by hand): refused, not a crash
    check_refused(run("undo", "--yes"), before, home, codes=(1, 3))


def test_strange_files_figure(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_sample(home)
    pristine = snapshot(home)
    runs = 0
    for kind in STRANGE:
        damage(home, "goals.json", STRANGE[kind])
        before = snapshot(home)
        for args in COMMANDS:
            check_refused(run(*args), before, home)
            runs += 1
        (home / "goals.json").write_bytes(pristine["goals.json"])
    figure(
        capsys,
        f"strange files: {len(STRANGE)} kinds (numbers over 4,300 digits, nesting beyond "
        f"{MAX_DEPTH} levels, NaN/Infinity/1e400, schema_version not an integer, timestamps "
        f"at the calendar's edge) x {len(COMMANDS)} commands = {runs} runs: all exit 3 with one "
        "line naming the file; every file byte-identical",
    )


def test_a_key_twice_is_refused_before_a_value_is_lost(home: Path) -> None:
    seed_sample(home)
    damage(home, "goals.json", lambda t: t.replace('"why": ', '"why": "first", "why": ', 1))
    before = snapshot(home)
    assert run("goal", "list").exit_code == 0  # reading loses nothing
    for args in (("goal", "add", "New goal"), ("export",), ("export", "--format", "csv")):
        result = run(*args)
        check_refused(result, before, home)
        assert "has the key 'why' twice in record" in result.stderr


def test_a_depth_that_loads_also_saves(home: Path) -> None:
    seed_sample(home)
    deepest = _nested(MAX_DEPTH - 1)  # the whole document: exactly MAX_DEPTH levels
    damage(home, "goals.json", _top(deepest))
    record_level = '"y": ' + _nested(MAX_DEPTH - 3) + ", "  # in a record: 2 levels deeper
    damage(home, "mentors.json", lambda t: t.replace('"name": ', record_level + '"name": ', 1))
    assert run("goal", "list").exit_code == 0
    result = run("goal", "add", "New goal")
    assert result.exit_code == 0, result.stderr
    result = run(
        "mentor",
        "edit",
        json.loads((home / "mentors.json").read_bytes())["mentors"][0]["id"],
        "--org",
        "Elsewhere",
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads((home / "goals.json").read_bytes())["x"] == json.loads(deepest)
    kept = json.loads((home / "mentors.json").read_bytes())["mentors"][0]["y"]
    assert kept == json.loads(_nested(MAX_DEPTH - 3))
    assert run("export").exit_code == 0


@pytest.mark.parametrize(
    "history",
    [b"{not json", b'{"entries": 3}', b'{"entries": [], "sequence": "7"}', b"[" * 5000, b""],
    ids=["not JSON", "entries not a list", "sequence not a number", "nested 5000", "empty"],
)
def test_a_damaged_history_is_one_line_and_nothing_changes(home: Path, history: bytes) -> None:
    seed_sample(home)
    assert run("goal", "add", "Speaking up").exit_code == 0
    (home / "backups" / "history.json").write_bytes(history)
    before = snapshot(home)
    for args in (("undo", "--dry-run"), ("undo", "--yes"), ("undo", "--redo", "--yes")):
        result = run(*args)
        check_refused(result, before, home)
        assert "history.json" in result.stderr
        assert "damaged" in result.stderr


@pytest.mark.parametrize("kind", ["a number of 5,000 digits", "NaN", "1e400", "a key twice"])
def test_a_strange_backup_is_not_imported(home: Path, tmp_path: Path, kind: str) -> None:
    seed_sample(home)
    backup = tmp_path / "backup.json"
    backup.write_bytes(run("export").stdout.encode("utf-8"))
    change = STRANGE.get(kind) or (lambda t: t.replace('"why": ', '"why": "x", "why": ', 1))
    text = backup.read_text(encoding="utf-8")
    backup.write_text(
        change(text),
        encoding="utf-8",
    )
    assert backup.read_text(encoding="utf-8") != text
    before = snapshot(home)
    result = run("import", str(backup))
    check_refused(result, before, home, codes=(2,))
    assert "nothing was imported" in result.stderr


# -- dates at the end of the calendar ------------------------------------------------------

VIEWS = [
    (),
    ("status",),
    ("nudge",),
    ("goal", "list", "--all"),
    ("goal", "show", "Edge"),
    ("milestone", "list", "--all"),
    ("mentor", "list", "--all"),
    ("mentor", "show", "Ada"),
    ("meeting", "list"),
    ("action", "list", "--all"),
    ("search", "edge"),
    ("review",),
    ("review", "--last"),
    ("review", "--quarter", "0001-Q1"),
    ("export",),
    ("export", "--format", "markdown"),
    ("export", "--format", "csv"),
    ("export", "--format", "ics"),
]


def test_dates_at_the_ends_of_the_calendar_through_every_view_and_export(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in [
        ("goal", "add", "Edge", "--target", "9999-12-31", "--started", "0001-01-01"),
        ("mentor", "add", "Ada", "--started", "0001-01-01"),
        ("milestone", "add", "Edge", "Far", "--due", "9999-12-31"),
        ("action", "add", "Last edge", "--mentor", "Ada", "--due", "9999-12-31"),
        ("meet", "Ada", "--date", "0001-01-01", "--notes", "edge"),
        ("meet", "Ada", "--notes", "edge", "--next", "9999-12-31"),
    ]:
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
    shown = 0
    for args in VIEWS:
        for extra in ((), ("--json",)) if args and args[0] not in ("export", "search") else ((),):
            result = run(*args, *extra)
            assert result.exit_code == 0, (args, extra, result.stderr)
            shown += 1
    assert "9999" in run("export", "--format", "ics").stdout
    figure(
        capsys,
        f"calendar edges: started 0001-01-01, due/target/next 9999-12-31: {shown} views and "
        "exports (text and --json) all exit 0",
    )


# -- the output encoding -------------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    ],
    ids=["PYTHONIOENCODING=ascii", "LANG=C"],
)
def test_a_terminal_without_the_glyphs_gets_plain_characters(
    tmp_path: Path, env: dict[str, str]
) -> None:
    import subprocess
    import sys

    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO"))}
    environ.update(env, MENTORLOG_HOME=str(tmp_path / "j"), NO_COLOR="1", COLUMNS="80")

    def mentorlog(*args: str) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, "-c", "from mentorlog.cli import main; main()", *args]
        return subprocess.run(command, env=environ, capture_output=True, timeout=60)

    added = mentorlog("mentor", "add", "Zoë Ñúñez")
    assert added.returncode == 0, added.stderr
    assert added.stdout.decode("ascii").startswith("Added mentor ")
    assert "Zoe Nunez" in added.stdout.decode("ascii")
    for args in ((), ("mentor", "list"), ("mentor", "show", "Zoë"), ("review",)):
        shown = mentorlog(*args)
        assert shown.returncode == 0, (args, shown.stderr)
        shown.stdout.decode("ascii")  # plain characters only
    missing = mentorlog("mentor", "show", "Zoë Nobody")
    assert missing.returncode == 1
    assert missing.stderr.decode("ascii").count("\n") == 1
    names = json.loads((tmp_path / "j" / "mentors.json").read_bytes())["mentors"]
    assert names[0]["name"] == "Zoë Ñúñez"  # the journal keeps what was typed


# -- the lock file, permissions, the file system ---------------------------------------------


@POSIX
@pytest.mark.parametrize("kind", ["a directory", "a symbolic link", "someone else's"])
def test_a_strange_lock_file_is_refused_and_not_followed(
    home: Path, tmp_path: Path, kind: str
) -> None:
    seed_sample(home)
    lock = home / "mentorlog.lock"
    lock.unlink()
    outside = tmp_path / "outside.txt"
    outside.write_text("not mentorlog's", encoding="utf-8")
    outside.chmod(0o644)
    if kind == "a directory":
        lock.mkdir()
    elif kind == "a symbolic link":
        lock.symlink_to(outside)
    else:
        if os.geteuid() != 0:
            pytest.skip("needs to make a file owned by another user")
        lock.touch()
        os.chown(lock, 4321, 4321)
    before = snapshot(tmp_path)
    result = run("goal", "add", "New goal")
    check_refused(result, before, tmp_path)
    assert "lock" in result.stderr
    assert stat.S_IMODE(outside.stat().st_mode) == 0o644


@POSIX
def test_a_journal_made_read_only_is_refused_not_made_writable(home: Path) -> None:
    seed_sample(home)
    before = snapshot(home)
    home.chmod(0o500)
    try:
        for args in (("goal", "add", "New goal"), ("undo", "--yes")):
            result = run(*args)
            assert one_clean_error(result, (3,), max_lines=1) == [], result.stderr
            assert "read-only" in result.stderr
        assert stat.S_IMODE(home.stat().st_mode) == 0o500
        assert run("goal", "list").exit_code == 0  # reading still works
    finally:
        home.chmod(0o700)
    assert snapshot(home) == before
    (home / "goals.json").chmod(0o400)
    result = run("goal", "add", "New goal")
    check_refused(result, before, home)
    assert "read-only" in result.stderr
    assert stat.S_IMODE((home / "goals.json").stat().st_mode) == 0o400


def test_a_read_only_file_system_is_one_line(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed_sample(home)
    before = snapshot(home)
    real_open = os.open

    def read_only(path: Any, flags: int, *args: Any, **kw: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(path))
        return real_open(path, flags, *args, **kw)

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(os, "open", read_only)
        for args in (
            ("goal", "add", "New goal"),
            ("undo", "--yes"),
            ("config", "set", "backups", "3"),
        ):
            result = run(*args)
            assert one_clean_error(result, (3,), max_lines=1) == [], (args, result.stderr)
            assert "Read-only file system" in result.stderr
    assert snapshot(home) == before


# -- an editor that misbehaves ---------------------------------------------------------------


@POSIX
@pytest.mark.parametrize(
    ("script", "words"),
    [
        ('rm -f "$1"', "removed the draft"),
        ("printf '## Notes\\n\\ncaf\\351 au lait\\n' > \"$1\"", "not UTF-8"),
    ],
    ids=["deletes its draft", "saves Latin-1"],
)
def test_an_editor_that_misbehaves_is_one_clear_error(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str, words: str
) -> None:
    seed_sample(home)
    editor = tmp_path / "editor.sh"
    editor.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    editor.chmod(0o700)
    monkeypatch.setenv("VISUAL", str(editor))
    data = {k: v for k, v in snapshot(home).items() if not k.startswith("drafts/")}
    result = run("meet", "Ada", "--edit")
    assert one_clean_error(result, (2,), max_lines=2) == [], result.stderr
    assert words in result.stderr
    assert {k: v for k, v in snapshot(home).items() if not k.startswith("drafts/")} == data
