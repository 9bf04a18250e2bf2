"""Crash safety and durability order (docs/storage.md): nothing is lost, nothing is torn.

- A child commits multi-file changes (a goal, a mentor, a session, a milestone and an action
  that refer to each other, as `meet --action` does) and is SIGKILLed at random moments, at
  least 200 times over about 1,000 commits. After every kill: every file parses, the journal
  loads and is consistent, every commit the child confirmed is there, and at most one
  unconfirmed transaction per kill appeared. Temp files a kill left are gone once the next
  writer has started.
- Durability order of a real command: each new file is fsynced as a temp, then renamed over its
  target, then its directory is fsynced; backups are durable before the file they copy is
  replaced; every data file is durable before the commit record goes away.

The crash loop forks its children from a server that has already imported mentorlog
(`tests/_writer.py serve`), so a kill costs milliseconds, not an interpreter start-up.
"""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest

from mentorlog.journal.state import COLLECTION_NAMES
from mentorlog.storage import atomic, commit
from mentorlog.storage.store import Store
from tests._reliability import POSIX, figure, scratch_dir, seed_sample
from tests.helpers import Runner

WRITER = Path(__file__).with_name("_writer.py")

pytestmark = [POSIX, pytest.mark.real_clock]


# -- SIGKILL at random moments -----------------------------------------------------------


@dataclass
class CrashTally:
    kills: int = 0
    commits: int = 0  # transactions the children confirmed
    unconfirmed: int = 0  # transactions that were saved but killed before confirming
    mid_commit: int = 0  # kills that left a commit record: rolled forward by the next writer
    left_temps: int = 0  # kills that left temp files
    temps_cleaned: int = 0  # of those, seen gone once the next writer had committed
    temps_kept: int = 0  # ... and seen still there then (must be 0)
    unparsable: int = 0
    lost: int = 0
    seconds: float = 0.0


class ForkServer:
    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER), str(root), "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def send(self, line: str) -> None:
        stdin: IO[str] | None = self.process.stdin
        assert stdin is not None
        stdin.write(line + "\n")
        stdin.flush()

    def read_until(self, prefix: str, confirmed: list[list[str]]) -> list[str]:
        """Collect confirmed commits until a line of the server starting with `prefix`."""
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            line = stdout.readline()
            assert line, f"the fork server died: {self.errors()}"
            if line.startswith(prefix):
                return line.split()
            confirmed.append(line.split())

    def errors(self) -> str:
        self.process.kill()
        _, errors = self.process.communicate()
        return errors

    def close(self) -> str:
        stdin = self.process.stdin
        assert stdin is not None
        stdin.close()
        self.process.wait(timeout=30)
        stderr = self.process.stderr
        assert stderr is not None
        return stderr.read()


def data_files(root: Path) -> list[Path]:
    """Every file mentorlog keeps (not the temp files a killed writer may leave)."""
    return [
        path
        for path in [*root.glob("*.json"), *root.glob("backups/*.json")]
        if not atomic.is_temp_name(path.name)
    ]


def temps(root: Path) -> set[Path]:
    return {p for p in [*root.iterdir(), *root.glob("backups/*")] if atomic.is_temp_name(p.name)}


def check_after_kill(root: Path, tally: CrashTally, confirmed: list[list[str]]) -> int:
    """Every file parses; the journal loads; no confirmed commit is lost. Returns #goals."""
    for path in data_files(root):
        try:
            json.loads(path.read_bytes())
        except ValueError:
            tally.unparsable += 1
    journal = Store(root).journal()  # raises if a file is torn, empty or inconsistent
    ids = {name: journal.ids(name) for name in COLLECTION_NAMES}
    names = ("goals", "mentors", "meetings", "milestones", "actions")
    for commit_ids in confirmed:
        tally.lost += sum(
            record not in ids[name] for name, record in zip(names, commit_ids, strict=True)
        )
    return len(ids["goals"])


def crash_loop(
    server: ForkServer, root: Path, tally: CrashTally, *, kills: int, commits: int, seed: int
) -> None:
    """Kill committing children in `root` until both `kills` and `commits` are reached."""
    rng = random.Random(seed)
    window = 0.02  # adapted so that about five commits happen between two kills
    goals = 0
    confirmed_here: list[list[str]] = []
    kills += tally.kills
    commits += tally.commits
    while tally.kills < kills or tally.commits < commits:
        left_before = temps(root) if root.exists() else set()
        confirmed: list[list[str]] = []
        child_started = time.monotonic()
        server.send(f"go {root}")
        pid = server.read_until("child", confirmed)[1]
        time.sleep(rng.uniform(0, 2 * window))
        os.kill(int(pid), signal.SIGKILL)
        server.send(f"reap {pid}")
        reaped = server.read_until("reaped", confirmed)
        assert reaped[2] == str(int(signal.SIGKILL)), f"the child was not killed: {reaped}"
        lived = time.monotonic() - child_started
        tally.kills += 1
        tally.commits += len(confirmed)
        confirmed_here.extend(confirmed)
        if confirmed:
            window = 0.7 * window + 0.3 * (5 * lived / len(confirmed))
        else:
            window *= 1.5
        if left_before:
            tally.left_temps += 1
            if confirmed:  # the next writer has started a transaction: the temps are gone
                kept = bool(left_before & temps(root))
                tally.temps_kept += kept
                tally.temps_cleaned += not kept
        if (root / commit.MANIFEST).exists():
            tally.mid_commit += 1
        after = check_after_kill(root, tally, confirmed_here)
        tally.unconfirmed += after - goals - len(confirmed)
        goals = after


def crash_segments(base: Path, *, segments: int, kills: int, commits: int, seed: int) -> CrashTally:
    """`crash_loop` over several fresh journals, so no single one grows large (a commit rewrites
    whole files, so a long-lived journal would make later commits slower, not the test better).
    """
    tally = CrashTally()
    server = ForkServer(base / "unused")
    started = time.monotonic()
    try:
        for n in range(segments):
            root = base / f"journal-{n}"
            crash_loop(
                server,
                root,
                tally,
                kills=-(-kills // segments),
                commits=-(-commits // segments),
                seed=seed + n,
            )
            finish_and_clean(root)
    finally:
        errors = server.close()
    assert "Traceback" not in errors, errors
    tally.seconds = time.monotonic() - started
    return tally


def finish_and_clean(root: Path) -> None:
    """The next command that writes finishes a killed commit and removes every stray temp."""
    with Store(root).transaction() as journal:
        journal.goals  # noqa: B018 - load it
    assert not (root / commit.MANIFEST).exists()
    assert temps(root) == set()


def check_tally(tally: CrashTally, kills: int, commits: int) -> None:
    assert tally.kills >= kills
    assert tally.commits >= commits
    assert tally.unparsable == 0
    assert tally.lost == 0
    # a kill can land after a commit but before its confirmation: at most one per kill
    assert 0 <= tally.unconfirmed <= tally.kills
    assert tally.temps_kept == 0


def test_sigkill_during_commits_loses_nothing_quick(tmp_path: Path) -> None:
    with scratch_dir(tmp_path) as scratch:
        tally = crash_segments(scratch, segments=1, kills=6, commits=24, seed=11)
    check_tally(tally, 6, 24)


@pytest.mark.slow
def test_sigkill_200_times_during_1000_commits_loses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with scratch_dir(tmp_path) as scratch:
        tally = crash_segments(scratch, segments=25, kills=200, commits=1000, seed=2026)
    check_tally(tally, 200, 1000)
    # the loop really hit the two states a killed writer leaves for the next one
    assert tally.mid_commit >= 1
    assert tally.left_temps >= 1
    assert tally.temps_cleaned >= 1
    figure(
        capsys,
        f"crash: {tally.kills} SIGKILLs during {tally.commits} confirmed commits "
        f"(+{tally.unconfirmed} saved but unconfirmed) in {tally.seconds:.1f}s: "
        f"{tally.unparsable} unparsable files, {tally.lost} confirmed records lost; "
        f"{tally.mid_commit} kills after the commit point (rolled forward), "
        f"{tally.left_temps} left temp files ({tally.temps_cleaned} seen cleaned by the next "
        "writer, all cleaned by the next command)",
    )


# -- durability order --------------------------------------------------------------------


class Syscalls:
    """Records the file system calls a command makes, by path."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[tuple[str, str, str]] = []  # (call, path, destination)
        self._paths: dict[int, str] = {}
        real_open, real_write, real_fsync = os.open, os.write, os.fsync
        real_replace, real_unlink = os.replace, os.unlink

        def open_(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
            fd = real_open(path, flags, mode, **kw)
            self._paths[fd] = os.path.abspath(os.fspath(path))
            return fd

        def write(fd: int, data: Any) -> int:
            self.events.append(("write", self._paths.get(fd, "?"), ""))
            return real_write(fd, data)

        def fsync(fd: int) -> None:
            real_fsync(fd)
            path = self._paths.get(fd, "?")
            kind = "fsync-dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync"
            self.events.append((kind, path, ""))

        def replace(src: Any, dst: Any) -> None:
            real_replace(src, dst)
            self.events.append(
                ("replace", os.path.abspath(os.fspath(src)), os.path.abspath(os.fspath(dst)))
            )

        def unlink(path: Any, **kw: Any) -> None:
            real_unlink(path, **kw)
            self.events.append(("unlink", os.path.abspath(os.fspath(path)), ""))

        monkeypatch.setattr(os, "open", open_)
        monkeypatch.setattr(os, "write", write)
        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "unlink", unlink)

    def index(self, call: str, path: str, *, after: int = -1, before: int | None = None) -> int:
        """The first `call` on `path` strictly between `after` and `before` (-1 if none)."""
        stop = len(self.events) if before is None else before
        for i in range(after + 1, stop):
            if self.events[i][0] == call and self.events[i][1] == path:
                return i
        return -1


def check_durability_order(calls: Syscalls, root: Path) -> dict[str, int]:
    """Every replace: its source fsynced after its last write, then the directory fsynced;
    a data file's backup durable before it is replaced; a multi-file commit's manifest
    durable before the first data file is replaced, and removed only once they all are."""
    events = calls.events
    home = str(root.resolve())
    backups = str((root / "backups").resolve())
    replaces = [(i, src, dst) for i, (call, src, dst) in enumerate(events) if call == "replace"]
    assert replaces
    data_replaced: list[int] = []
    manifest = os.path.join(home, commit.MANIFEST)
    for i, src, dst in replaces:
        writes = [j for j in range(i) if events[j][:2] == ("write", src)]
        assert writes, f"{src} was renamed without being written"
        assert calls.index("fsync", src, after=writes[-1], before=i) != -1, (
            f"{dst}: renamed before its content was fsynced"
        )
        assert calls.index("fsync-dir", os.path.dirname(dst), after=i) != -1, (
            f"{dst}: its directory was never fsynced after the rename"
        )
        if os.path.dirname(dst) == home and dst != manifest:
            data_replaced.append(i)
            stem = os.path.basename(dst).removesuffix(".json")
            backup = [
                j
                for j, other, target in replaces
                if os.path.dirname(target) == backups
                and os.path.basename(target).startswith(stem + ".")
                and j < i
            ]
            if backup:  # the file existed before: its backup is durable before it is replaced
                assert calls.index("fsync-dir", backups, after=backup[-1], before=i) != -1, dst
    manifests = [i for i, _src, dst in replaces if dst == manifest]
    for m in manifests:
        # committed: the manifest's directory entry is durable before any target is replaced
        later = [i for i in data_replaced if i > m]
        assert later
        assert calls.index("fsync-dir", home, after=m, before=later[0]) != -1
        removed = calls.index("unlink", manifest, after=m)
        assert removed > later[-1]
        assert calls.index("fsync-dir", home, after=later[-1], before=removed) != -1
    return {"replaces": len(replaces), "data files": len(data_replaced), "commits": len(manifests)}


def test_every_write_is_fsynced_then_renamed_then_its_directory_fsynced(
    home: Path, run: Runner, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_sample(home)
    checked: dict[str, dict[str, int]] = {}
    for name, args in {
        "goal add": ("goal", "add", "Run a workshop"),
        "meet --action": ("meet", "Ada", "--notes", "n", "--action", "Draft it", "--json"),
        "undo": ("undo", "--yes"),
    }.items():
        with pytest.MonkeyPatch.context() as patched:
            calls = Syscalls(patched)
            result = run(*args)
        assert result.exit_code == 0, result.stderr
        checked[name] = check_durability_order(calls, home)
    assert checked["meet --action"]["commits"] == 1  # a session and its action: one commit
    assert checked["undo"]["commits"] == 1
    total = sum(c["replaces"] for c in checked.values())
    figure(
        capsys,
        f"durability order: {total} renames in goal add, meet --action and undo, each after an "
        "fsync of its temp file and followed by an fsync of its directory; backups and commit "
        "records durable before the files they protect are replaced",
    )
