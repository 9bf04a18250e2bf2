"""`encrypt` and `decrypt` killed at any step leave a journal that opens, with every record.

A child (tests/_encrypting.py) turns encryption on or off and SIGKILLs itself just before its
N-th write, fsync, rename or unlink. After each kill: the journal loads with exactly the records
it had; its data files are all ciphertext or all plaintext, as `encryption.json` says (they
change in one commit); every backup still reads. Running the command again finishes the job.
The quick test kills at a few steps; the slow one at every step of both commands.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mentorlog.journal.state import COLLECTION_NAMES
from mentorlog.storage import codec, commit, encryption, keys
from mentorlog.storage.store import Store
from tests._reliability import POSIX, figure, seed_sample

CHILD = Path(__file__).with_name("_encrypting.py")

pytestmark = [POSIX, pytest.mark.real_clock]


def records(root: Path) -> dict[str, list[Any]]:
    journal = Store(root).journal()
    return {
        name: [r.model_dump(mode="json") for r in journal.collection(name)]
        for name in COLLECTION_NAMES
    }


def kill_at(root: Path, mode: str, step: int) -> int | None:
    """Run the child; the number of steps if it finished, None if it was killed."""
    done = subprocess.run(
        [sys.executable, str(CHILD), str(root), mode, str(step)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if done.returncode == -signal.SIGKILL:
        return None
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[1])


def check_opens(root: Path, expected: dict[str, list[Any]]) -> bool:
    """The journal after a kill; True when its data files are encrypted.

    A kill in the middle of a commit's renames leaves its manifest: until the next writer
    finishes it, readers read the new versions it names, so those are what counts here.
    """
    assert records(root) == expected
    in_flight = {k: v for k, v in commit.pending(root).items() if v.exists()}
    data = [in_flight.get(p.name, p) for p in encryption.content_files(root)]
    sealed = {codec.is_age(p.read_bytes()) for p in data}
    assert len(sealed) == 1, "a mix of ciphertext and plaintext data files"
    marker = in_flight.get(codec.MARKER, root / codec.MARKER)
    said = marker.exists() and json.loads(marker.read_bytes())["encrypted"]
    assert said == sealed.pop()
    for backup in encryption.backup_files(root):
        codec.read(backup)  # every backup still reads
    return bool(said)


@pytest.fixture
def journals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A plaintext journal with backups and history, and the same journal encrypted."""
    identity = tmp_path / "keys" / "identity.txt"
    monkeypatch.setenv("MENTORLOG_IDENTITY", str(identity))
    encryption.write_identity(identity, [keys.generate()], None)
    plain = tmp_path / "plain"
    seed_sample(plain)
    for n in range(2):
        with Store(plain, keep_backups=3).transaction() as journal:
            for goal in journal.goals:
                goal.title += f" {n}"
            for meeting in journal.meetings[:3]:
                meeting.notes += f" revised {n}"
    sealed = tmp_path / "sealed"
    shutil.copytree(plain, sealed)
    encryption.turn_on(Store(sealed))
    return plain, sealed


def crash_run(base: Path, source: Path, mode: str, steps: list[int] | None) -> tuple[int, int]:
    """Kill `mode` at each of `steps` (None: every step) on fresh copies of `source`."""
    expected = records(source)
    total = kill_at(_copy(source, base / "full"), mode, 10**9)
    assert total is not None
    kills = 0
    for step in steps if steps is not None else range(1, total + 1):
        root = _copy(source, base / f"{mode}-{step}")
        finished = kill_at(root, mode, min(step, total))
        if finished is not None:  # (the last step is the child's exit: nothing to kill)
            continue
        kills += 1
        check_opens(root, expected)
        assert kill_at(root, mode, 10**9) is not None  # run again: it finishes
        assert check_opens(root, expected) == (mode == "on")
        stale = [
            p.name
            for p in [*encryption.content_files(root), *encryption.backup_files(root)]
            if codec.is_age(p.read_bytes()) != (mode == "on")
        ]
        assert stale == []
        shutil.rmtree(root)
    return kills, total


def _copy(source: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    return target


def test_sigkill_during_encrypt_and_decrypt_quick(
    journals: tuple[Path, Path], tmp_path: Path
) -> None:
    plain, sealed = journals
    for source, mode in ((plain, "on"), (sealed, "off")):
        kills, total = crash_run(tmp_path / "runs", source, mode, [3, 12, 25])
        assert kills >= 2, (mode, total)


@pytest.mark.slow
def test_sigkill_at_every_step_of_encrypt_and_decrypt_leaves_a_journal_that_opens(
    journals: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain, sealed = journals
    found = []
    for source, mode in ((plain, "on"), (sealed, "off")):
        kills, total = crash_run(tmp_path / "runs", source, mode, None)
        assert kills >= total - 2
        found.append(f"{mode}: {kills} kills over {total} steps")
    figure(capsys, f"encryption crash: SIGKILL at every step ({'; '.join(found)}): opens, whole")
    assert os.listdir(tmp_path / "runs") == ["full"]
