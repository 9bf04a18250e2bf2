"""Machines that sync through a bare git remote on local disk, driven through the CLI."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import Result, run, snapshot

LOCAL_ONLY = ("backups", "mentorlog.lock", "sync-dismissed.json")


def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git sees no user or system config of this machine, and never the real $HOME."""
    home = tmp_path / "git-home"
    home.mkdir(exist_ok=True)
    (home / ".gitconfig").write_text("[user]\n\tname = Test\n\temail = test@example.org\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_SSH_COMMAND"):
        monkeypatch.delenv(name, raising=False)


def git(cwd: Path, *args: str, check: bool = True) -> str:
    done = subprocess.run(
        ["git", "-C", str(cwd), *args], capture_output=True, text=True, check=False
    )
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {done.stderr}")
    return done.stdout


@dataclass
class Machine:
    root: Path

    def __call__(self, *args: str, input: str | None = None) -> Result:
        return run("--data-dir", str(self.root), *args, input=input)

    def ok(self, *args: str, input: str | None = None) -> Result:
        result = self(*args, input=input)
        assert result.exit_code == 0, result.output
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json").stdout)

    def sync(self) -> Result:
        return self.ok("sync")

    def head(self) -> str:
        return git(self.root, "rev-parse", "HEAD").strip()

    def synced_files(self) -> dict[str, bytes]:
        """What both machines must agree on byte for byte: everything but local state."""
        return {
            name: data
            for name, data in snapshot(self.root).items()
            if not name.startswith((".git/", *LOCAL_ONLY))
        }

    def data(self, name: str) -> Any:
        return json.loads((self.root / name).read_bytes())


def settle(a: Machine, b: Machine) -> None:
    """Both synced, then A again: the files agree byte for byte and a second sync changes nothing.

    The state every pair of machines must end in.
    """
    a.sync()
    b.sync()
    a.sync()
    assert a.synced_files() == b.synced_files()
    heads = (a.head(), b.head())
    a.sync()
    b.sync()
    assert (a.head(), b.head()) == heads
    assert heads[0] == heads[1]


def make_remote(tmp_path: Path, name: str = "remote.git") -> Path:
    remote = tmp_path / name
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    return remote


def everything(directory: Path) -> dict[str, bytes]:
    """Every file, .git included: `nothing changed locally` means this is equal."""
    return {
        name: data
        for name, data in snapshot(directory).items()
        if not name.endswith("mentorlog.lock")
        and name != ".git/FETCH_HEAD"
        and not name.startswith(".git/refs/remotes/")
        and not name.startswith(".git/logs/refs/remotes")
    }


def env_without_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "no-git-bin"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(empty))
    assert "git" not in os.listdir(empty)
