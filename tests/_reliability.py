"""Shared by the reliability suite (tests/test_reliability_*.py): figures, a quick CLI runner,
a realistic journal, and the checks every "nothing changed" test makes."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck

from mentorlog.sample import build_sample
from mentorlog.storage import codec, encryption
from mentorlog.storage.store import Store
from tests.helpers import Result

Seed = Callable[[Path], dict[str, list[Any]]]  # seed_sample, or the `sample` fixture
TODAY = date(2026, 11, 24)  # the frozen clock of tests/conftest.py
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\s+File \"", re.MULTILINE)
# C0 (but tab and newline), DEL, C1 and the bidirectional controls of "Trojan Source"
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX processes and permissions")
# Hypothesis examples drawn the same way on every run, with no database and no time limit.
REPEATABLE: dict[str, Any] = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "suppress_health_check": list(HealthCheck),
}


# Every command that writes, as a user would type it on the sample journal (each must be
# refused whole, changing nothing, when the journal is locked or from a newer mentorlog).
WRITES: list[tuple[str, ...]] = [
    ("goal", "add", "Blocked goal"),
    ("goal", "edit", "Become", "--why", "x"),
    ("goal", "pause", "Grow"),
    ("goal", "resume", "Write"),
    ("goal", "done", "Become"),
    ("goal", "drop", "Become"),
    ("goal", "rm", "Read", "--yes"),
    ("milestone", "add", "Become", "Step"),
    ("mentor", "add", "Blocked Person"),
    ("mentor", "edit", "Ada", "--org", "x"),
    ("mentor", "pause", "Ada"),
    ("mentor", "end", "Ada"),
    ("mentor", "rm", "Jordan", "--yes"),
    ("meet", "Ada", "--notes", "blocked"),
    ("action", "add", "Blocked action", "--mentor", "Ada"),
    ("undo", "--yes"),
]


def figure(capsys: pytest.CaptureFixture[str], text: str) -> None:
    """Print one figure of the suite, visible in a normal `pytest` run (and so in CI's log)."""
    with capsys.disabled():
        sys.stdout.write(f"\n[reliability] {text}\n")
        sys.stdout.flush()


def seed_sample(home: Path) -> dict[str, list[Any]]:
    """The demo's realistic journal (6 mentors, 49 sessions over two years...) at `home`."""
    records = build_sample(TODAY)
    with Store(home, keep_backups=3).transaction() as journal:
        for name, items in records.items():
            journal.collection(name).extend(items)
    return records


def seed_encrypted_sample(home: Path) -> dict[str, list[Any]]:
    """`seed_sample`, then encryption turned on (to the key in $MENTORLOG_IDENTITY)."""
    records = seed_sample(home)
    encryption.turn_on(Store(home))
    return records


def still_ciphertext(home: Path) -> list[str]:
    """Files of an encrypted journal at `home` that hold content in plaintext (empty when the
    journal is encrypted and stayed so)."""
    assert codec.is_encrypted_journal(home)
    files = [*encryption.content_files(home), *encryption.backup_files(home)]
    assert len(files) > 6
    return [path.name for path in files if not codec.is_age(path.read_bytes())]


def one_clean_error(result: Result, codes: tuple[int, ...], *, max_lines: int = 3) -> list[str]:
    """Problems with a failure as a user sees it (empty when it is right)."""
    problems = []
    lines = result.stderr.splitlines()
    if result.exit_code not in codes:
        problems.append(f"exit {result.exit_code}, expected one of {codes}")
    if not 1 <= len(lines) <= max_lines:
        problems.append(f"{len(lines)} lines on stderr")
    if TRACEBACK.search(result.output):
        problems.append("a traceback")
    if lines and not lines[0].startswith("mentorlog: "):
        problems.append(f"first line does not say who is speaking: {lines[0][:80]!r}")
    return problems


@contextlib.contextmanager
def scratch_dir(tmp_path: Path) -> Iterator[Path]:
    """A directory in memory (tmpfs) when there is one, else the test's temp directory.

    For the process tests: a SIGKILL does not lose the page cache and locks work the same on
    any local file system, so what they test is the same; only fsync costs less (its order is
    checked separately, in test_reliability_crash.py).
    """
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    directory = Path(tempfile.mkdtemp(prefix="mentorlog-test-", dir=shm))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)
