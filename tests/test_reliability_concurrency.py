"""Concurrency (docs/storage.md): no lost updates, and a lock held by another process is named.

- Two processes write 500 times each through the store (each write a full load -> change ->
  save under the lock): all 1,000 records are kept, each writer's in its own order.
- While another process holds the lock, every command that writes waits the configured time,
  then stops with exit 3 and one line naming the holder (pid, host, command), and leaves every
  file as it was; commands that only read are not held up at all.
"""

from __future__ import annotations

import time
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from mentorlog.errors import Locked
from mentorlog.models import Goal, stamp
from mentorlog.storage.store import Store
from tests._reliability import (
    POSIX,
    WRITES,
    Seed,
    figure,
    one_clean_error,
    scratch_dir,
)
from tests.helpers import Runner, snapshot, writer

pytestmark = [POSIX, pytest.mark.real_clock]


@pytest.mark.slow
def test_two_processes_500_writes_each_keep_all_1000(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with scratch_dir(tmp_path) as scratch:
        two_writers(scratch / "journal", 500, capsys)


def two_writers(root: Path, each: int, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    children = [writer(root, "append", str(each), tag) for tag in ("left", "right")]
    reported: list[str] = []
    for child in children:
        out, errors = child.communicate(timeout=600)
        assert child.returncode == 0, errors
        reported += out.split()
    seconds = time.monotonic() - started
    goals = Store(root).journal().goals
    kept = {goal.id for goal in goals}
    assert len(reported) == len(set(reported)) == 2 * each
    assert kept == set(reported)
    assert len(goals) == 2 * each  # no duplicates either
    titles = [goal.title for goal in goals]
    interleaved = sum(1 for a, b in pairwise(titles) if a.split()[0] != b.split()[0])
    for tag in ("left", "right"):
        mine = [t for t in titles if t.startswith(tag + " ")]
        assert mine == [f"{tag} {n}" for n in range(each)]  # each writer's order is kept
    assert interleaved >= 1  # the two really ran at the same time
    figure(
        capsys,
        f"concurrency: 2 processes x {each} writes: {len(kept)}/{2 * each} kept "
        f"(the writers took turns {interleaved} times) in {seconds:.1f}s",
    )


def test_a_held_lock_stops_every_write_naming_the_holder_and_changes_nothing(
    sample: Seed, home: Path, tmp_path: Path, run: Runner, capsys: pytest.CaptureFixture[str]
) -> None:
    sample(home)
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir()
    wait = 0.1
    config.write_text(f"lock_timeout = {wait}\n")
    holder = writer(home, "hold", "60")
    waited: list[float] = []
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        before = snapshot(tmp_path)
        for args in WRITES:
            started = time.monotonic()
            result = run(*args)
            waited.append(time.monotonic() - started)
            assert one_clean_error(result, (3,), max_lines=1) == [], (args, result.stderr)
            line = result.stderr.strip()
            assert line.startswith("mentorlog: The journal is locked by"), line
            assert f"pid {holder.pid} on " in line
            assert "test-writer" in line
            assert f"gave up after {wait:g}s" in line
            assert snapshot(tmp_path) == before, args
        # reading takes no lock, so it is not held up
        for args in (("status",), ("mentor", "list"), ("meeting", "list"), ("search", "talk")):
            started = time.monotonic()
            result = run(*args)
            assert result.exit_code == 0, (args, result.stderr)
            assert time.monotonic() - started < wait
    finally:
        holder.kill()
        holder.communicate()
    assert snapshot(tmp_path) == before
    assert all(wait <= seconds < wait + 1.5 for seconds in waited), waited
    figure(
        capsys,
        f"concurrency: lock held by another process: {len(WRITES)}/{len(WRITES)} write "
        f"commands stopped after {min(waited):.2f}-{max(waited):.2f}s (lock_timeout {wait}s) "
        "with exit 3 and one line naming the holder's pid, host and command; files unchanged; "
        "reads not held up",
    )


def test_a_new_journal_is_locked_from_its_first_read(tmp_path: Path) -> None:
    """A journal that does not exist yet: nothing is created by a command that fails before it
    reads (bad input); from the first read on, it is locked like any other, so two first
    commands are one after the other and lose nothing."""
    root = tmp_path / "journal"
    with pytest.raises(ValueError, match="bad input"), Store(root).transaction():
        raise ValueError("bad input")
    assert not root.exists()
    with Store(root).transaction() as journal:
        assert journal.goals == []  # the first read: locked from here on
        assert (root / "mentorlog.lock").exists()
        with pytest.raises(Locked), Store(root, lock_timeout=0.1).transaction() as other:
            other.goals  # noqa: B018 - waits for the lock, then gives up
        journal.goals.append(
            Goal(id="0a0a0a0a", title="First", started=date(2026, 1, 1), **stamp())
        )
    assert [goal.title for goal in Store(root).journal().goals] == ["First"]
