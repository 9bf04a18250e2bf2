"""Real processes: concurrent writers and a lock held by another.

Kills at random moments are in tests/test_reliability_crash.py (200+ SIGKILLs).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentorlog.errors import Locked
from mentorlog.storage.store import Store
from tests.helpers import snapshot, writer

pytestmark = [
    pytest.mark.real_clock,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork-free POSIX semantics"),
]


def concurrent_appends(root: Path, each: int) -> None:
    children = [writer(root, "append", str(each), tag) for tag in ("left", "right")]
    reported: set[str] = set()
    for child in children:
        out, errors = child.communicate(timeout=600)
        assert child.returncode == 0, errors
        reported |= set(out.split())
    goals = Store(root).journal().goals
    assert len(reported) == 2 * each
    assert {goal.id for goal in goals} == reported
    titles = [goal.title for goal in goals]
    for tag in ("left", "right"):
        # each writer's own records are kept in the order it made them
        mine = [t for t in titles if t.startswith(tag + " ")]
        assert mine == [f"{tag} {n}" for n in range(each)]


def test_two_writers_lose_no_update(tmp_path: Path) -> None:
    concurrent_appends(tmp_path / "journal", each=100)


def test_a_held_lock_is_reported_with_its_holder_after_a_bounded_wait(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    child = writer(root, "hold", "30")
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "locked"
        before = snapshot(root)
        store = Store(root, lock_timeout=0.5, command="mentorlog test")
        started = time.monotonic()
        with pytest.raises(Locked) as caught, store.transaction() as journal:
            journal.goals.clear()
        waited = time.monotonic() - started
        assert 0.5 <= waited < 3.0
        assert f"pid {child.pid}" in caught.value.message
        assert "test-writer" in caught.value.message
        assert caught.value.exit_code == 3
        assert snapshot(root) == before
    finally:
        child.kill()
        child.communicate()
    # Once the holder is gone (killed, so its change was never saved), the lock is free.
    with Store(root, lock_timeout=0.5).transaction() as journal:
        assert journal.goals == []


def test_a_held_lock_stops_a_cli_write_with_exit_3_naming_the_holder(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    config = tmp_path / "config.toml"
    config.write_text("lock_timeout = 0.5\n")
    env = {**os.environ, "MENTORLOG_HOME": str(root), "MENTORLOG_CONFIG": str(config)}
    child = writer(root, "hold", "30")
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "locked"
        before = snapshot(root)
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "mentorlog", "goal", "add", "Blocked goal"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        waited = time.monotonic() - started
    finally:
        child.kill()
        child.communicate()
    assert done.returncode == 3
    lines = done.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("mentorlog: The journal is locked by")
    assert f"pid {child.pid}" in lines[0]
    assert "gave up after 0.5s" in lines[0]
    assert done.stdout == ""
    assert waited < 10
    assert snapshot(root) == before
