"""Sync failures are one clear line, exit 3, and change nothing here (docs/sync.md)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests._sync import Machine, env_without_git, git, git_env, make_remote


@pytest.fixture
def a(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Machine:
    """A published journal with an uncommitted change (which a failed sync must not commit)."""
    git_env(tmp_path, monkeypatch)
    remote = make_remote(tmp_path)
    machine = Machine(tmp_path / "a")
    machine.ok("mentor", "add", "Zoë")
    machine.ok("sync", "init", str(remote))
    machine.ok("goal", "add", "Écrire")
    return machine


def state(machine: Machine) -> tuple[dict[str, bytes], str, str]:
    return machine.synced_files(), machine.head(), git(machine.root, "status", "--porcelain")


def fails_cleanly(machine: Machine, *args: str) -> str:
    before = state(machine)
    result = machine(*args)
    assert result.exit_code == 3, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    assert state(machine) == before
    return lines[0]


def push_from_elsewhere(tmp_path: Path, remote: Path, change: Callable[[Path], None]) -> None:
    """Another machine changes the remote with plain git."""
    other = tmp_path / "elsewhere"
    subprocess.run(["git", "clone", "-q", "-b", "main", str(remote), str(other)], check=True)
    change(other)
    git(other, "add", "-A")
    git(other, "commit", "-qm", "elsewhere")
    git(other, "push", "-q", "origin", "main")


def newer_schema(clone: Path) -> None:
    document = json.loads((clone / "mentors.json").read_bytes())
    document["schema_version"] = 99
    (clone / "mentors.json").write_text(json.dumps(document, indent=2))


def test_an_unreachable_remote(a: Machine, tmp_path: Path) -> None:
    git(a.root, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    line = fails_cleanly(a, "sync")
    assert line.startswith("mentorlog: Cannot reach the sync remote")


def test_authentication_refused(a: Machine, monkeypatch: pytest.MonkeyPatch) -> None:
    git(a.root, "remote", "set-url", "origin", "ssh://git@example.invalid/journal.git")
    monkeypatch.setenv("GIT_SSH_COMMAND", "sh -c 'echo Permission denied >&2; exit 255'")
    assert "Cannot reach the sync remote" in fails_cleanly(a, "sync")


def test_git_missing(a: Machine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    before = state(a)
    env_without_git(monkeypatch, tmp_path)
    for args in (("sync",), ("sync", "init", "somewhere")):
        result = a(*args)
        assert result.exit_code == 3
        assert "git is not installed" in result.stderr
    monkeypatch.undo()
    git_env(tmp_path, monkeypatch)
    assert state(a) == before


def test_a_remote_written_by_a_newer_mentorlog(a: Machine, tmp_path: Path) -> None:
    push_from_elsewhere(tmp_path, tmp_path / "remote.git", newer_schema)
    line = fails_cleanly(a, "sync")
    assert "newer mentorlog" in line
    assert "the remote" in line


def test_unrelated_histories(a: Machine, tmp_path: Path) -> None:
    other_remote = make_remote(tmp_path, "other.git")
    b = Machine(tmp_path / "b")
    b.ok("mentor", "add", "Grace")
    b.ok("sync", "init", str(other_remote))
    git(a.root, "remote", "set-url", "origin", str(other_remote))
    assert "different journal" in fails_cleanly(a, "sync")


def test_init_with_an_unreachable_remote_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_env(tmp_path, monkeypatch)
    c = Machine(tmp_path / "c")
    c.ok("mentor", "add", "Grace")
    before = c.synced_files()
    result = c("sync", "init", str(tmp_path / "nowhere.git"))
    assert result.exit_code == 3
    assert len(result.stderr.strip().splitlines()) == 1
    assert c.synced_files() == before
    assert not (c.root / ".git").exists()
    fresh = Machine(tmp_path / "fresh")
    assert fresh("sync", "init", str(tmp_path / "nowhere.git")).exit_code == 3
    assert not fresh.root.exists()


def test_init_from_a_newer_mentorlog_creates_nothing(a: Machine, tmp_path: Path) -> None:
    push_from_elsewhere(tmp_path, tmp_path / "remote.git", newer_schema)
    fresh = Machine(tmp_path / "fresh")
    result = fresh("sync", "init", str(tmp_path / "remote.git"))
    assert result.exit_code == 3
    assert "newer mentorlog" in result.stderr
    assert not fresh.root.exists()


def test_a_remote_that_moved_on_during_the_sync_is_merged_again(
    a: Machine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorlog.sync.git import Git

    remote = tmp_path / "remote.git"
    real_push = Git.push
    calls: list[int] = []

    def racing_push(self: Git) -> bool:
        if not calls:  # someone else pushes between our fetch and our push
            push_from_elsewhere(tmp_path, remote, lambda c: (c / "notes.txt").write_text("x"))
        calls.append(1)
        return real_push(self)

    monkeypatch.setattr(Git, "push", racing_push)
    out = a.ok("sync").stdout
    assert len(calls) == 2
    assert "Sent" in out
    assert git(remote, "rev-parse", "main").strip() == a.head()
    assert (a.root / "notes.txt").exists()


def test_a_repository_left_off_its_branch(a: Machine) -> None:
    git(a.root, "checkout", "-q", "--detach")  # (the uncommitted goals.json stays as it is)
    assert "not on its branch" in fails_cleanly(a, "sync")


def test_a_token_in_the_remote_url_is_never_shown(a: Machine) -> None:
    git(a.root, "remote", "set-url", "origin", "https://bob:s3cret-token@127.0.0.1:9/journal.git")
    line = fails_cleanly(a, "sync")
    assert "s3cret" not in line
    assert "s3cret" not in a.ok("sync", "status").stdout
    assert "s3cret" not in a.ok("sync", "status", "--json").stdout
