"""A thin, typed wrapper over the `git` command: the engine of sync (docs/sync.md).

The `git` program brings the user's SSH agent and credential helpers, as pass and gopass rely
on. It runs with an explicit environment: never a terminal prompt (a sync must fail, not hang),
messages in English, and no repository discovery above the journal. Any failure is one line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from mentorlog.errors import StorageError

BRANCH = "main"
REMOTE = "origin"
TRACKING = f"refs/remotes/{REMOTE}/{BRANCH}"
LOCAL = f"refs/heads/{BRANCH}"

# What git needs from the user's environment to reach a remote as they do by hand.
_PASSED = (
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "XDG_CONFIG_HOME",
    "SSH_AUTH_SOCK",
    "SSH_AGENT_PID",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_ASKPASS",
    "SSH_ASKPASS",
    "GIT_CONFIG_GLOBAL",
    "GIT_CONFIG_NOSYSTEM",
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "NO_PROXY",
    "SYSTEMROOT",
    "TMPDIR",
)
_IDENTITY = {
    "GIT_AUTHOR_NAME": "mentorlog",
    "GIT_AUTHOR_EMAIL": "mentorlog@localhost",
    "GIT_COMMITTER_NAME": "mentorlog",
    "GIT_COMMITTER_EMAIL": "mentorlog@localhost",
}


class SyncError(StorageError):
    """git failed, or the remote cannot be synced with; nothing local was changed."""


def environment(root: Path) -> dict[str, str]:
    env = {name: os.environ[name] for name in _PASSED if name in os.environ}
    env.update(
        {
            "GIT_TERMINAL_PROMPT": "0",
            "GCM_INTERACTIVE": "never",
            "LC_ALL": "C",
            "LANG": "C",
            "GIT_CEILING_DIRECTORIES": str(root.parent),
        }
    )
    if "GIT_SSH_COMMAND" not in env:
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
    return env


@dataclass
class Git:
    root: Path

    def __post_init__(self) -> None:
        self._env = environment(self.root)
        self._identity: dict[str, str] | None = None

    @staticmethod
    def available() -> bool:
        return shutil.which("git", path=os.environ.get("PATH")) is not None

    def run(self, *args: str, input: bytes | None = None, check: bool = True) -> str:
        return self.run_bytes(*args, input=input, check=check).decode("utf-8", "replace")

    def run_bytes(self, *args: str, input: bytes | None = None, check: bool = True) -> bytes:
        done = self._raw(*args, input=input)
        if check and done.returncode != 0:
            raise SyncError(_one_line(args, done.stderr.decode("utf-8", "replace")))
        return done.stdout

    def _raw(self, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        env = dict(self._env)
        if args and args[0] in ("commit", "commit-tree", "merge"):
            env.update(self.identity())
        try:
            return subprocess.run(
                ["git", "-C", str(self.root), *args],
                input=input,
                capture_output=True,
                env=env,
                check=False,
            )
        except FileNotFoundError:
            raise SyncError("git is not installed (or not on PATH); sync needs it.") from None
        except OSError as error:
            raise SyncError(f"Cannot run git: {error.strerror or error}.") from None

    def ok(self, *args: str) -> bool:
        """Whether `git ARGS` succeeds (a question, not an action)."""
        try:
            self.run_bytes(*args, check=True)
        except SyncError:
            return False
        return True

    def identity(self) -> dict[str, str]:
        """The user's git identity if they have one, else a neutral mentorlog one."""
        if self._identity is None:
            env = dict(self._env)
            probe = subprocess.run(
                ["git", "-C", str(self.root), "var", "GIT_COMMITTER_IDENT"],
                capture_output=True,
                env=env,
                check=False,
            )
            self._identity = {} if probe.returncode == 0 else dict(_IDENTITY)
        return self._identity

    # -- questions ---------------------------------------------------------------------

    def is_repo(self) -> bool:
        return (self.root / ".git").exists() and self.ok("rev-parse", "--git-dir")

    def rev(self, ref: str) -> str | None:
        try:
            return self.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
        except SyncError:
            return None

    def merge_base(self, one: str, other: str) -> str | None:
        try:
            return self.run("merge-base", one, other).strip() or None
        except SyncError:
            return None

    def is_ancestor(self, older: str, newer: str) -> bool:
        return self.ok("merge-base", "--is-ancestor", older, newer)

    def count(self, range_: str) -> int:
        return int(self.run("rev-list", "--count", range_).strip() or 0)

    def remote_url(self) -> str | None:
        try:
            return self.run("remote", "get-url", REMOTE).strip() or None
        except SyncError:
            return None

    def tree(self, rev: str) -> dict[str, str]:
        """Path -> blob id of the files at the top of `rev`'s tree."""
        found: dict[str, str] = {}
        for line in self.run("ls-tree", "-z", rev).split("\0"):
            if not line:
                continue
            meta, _, path = line.partition("\t")
            _mode, kind, blob = meta.split()
            if kind == "blob":
                found[path] = blob
        return found

    def blobs(self, ids: list[str]) -> dict[str, bytes]:
        """The bytes of each blob, read through one `git cat-file --batch`."""
        unique = sorted(set(ids))
        if not unique:
            return {}
        out = self.run_bytes("cat-file", "--batch", input="\n".join(unique).encode() + b"\n")
        found: dict[str, bytes] = {}
        at = 0
        for blob in unique:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            size = int(header[2])
            found[blob] = out[end + 1 : end + 1 + size]
            at = end + 1 + size + 1
        return found

    def files(self, rev: str) -> dict[str, bytes]:
        """Path -> bytes of the files at the top of `rev`'s tree."""
        tree = self.tree(rev)
        contents = self.blobs(list(tree.values()))
        return {path: contents[blob] for path, blob in tree.items()}

    def changed_paths(self) -> list[str]:
        """Files that differ from HEAD in the working tree (untracked included, ignored not)."""
        out = self.run("status", "--porcelain", "-z", "--untracked-files=all")
        paths = []
        for entry in out.split("\0"):
            if len(entry) > 3 and entry[2] == " ":
                paths.append(entry[3:])
        return paths

    # -- actions -----------------------------------------------------------------------

    def commit_all(self, message: str) -> bool:
        """Stage everything not ignored and commit it; False when there was nothing."""
        self.run("add", "-A")
        if self.ok("diff", "--cached", "--quiet") and self.rev("HEAD") is not None:
            return False
        self.run("commit", "-q", "--no-verify", "--allow-empty", "-m", message)
        return True

    def merge_commit(self, message: str, parents: list[str]) -> str:
        """Commit the working tree as it is (staged whole) with these parents; move the branch."""
        self.run("add", "-A")
        tree = self.run("write-tree").strip()
        args = ["commit-tree", tree, "-m", message]
        for parent in parents:
            args += ["-p", parent]
        commit = self.run(*args).strip()
        old = self.rev("HEAD")
        self.run("update-ref", "-m", "mentorlog sync", LOCAL, commit, *([old] if old else []))
        return commit

    def fast_forward(self, target: str) -> None:
        old = self.rev("HEAD")
        self.run("update-ref", "-m", "mentorlog sync", LOCAL, target, *([old] if old else []))
        self.run("read-tree", "HEAD")

    def fetch(self) -> None:
        self.run("fetch", "--quiet", "--no-tags", REMOTE, f"+{LOCAL}:{TRACKING}")

    def push(self) -> bool:
        """Push the branch; False when the remote moved on first (fetch and merge again)."""
        args = ("push", "--porcelain", REMOTE, f"{LOCAL}:{LOCAL}")
        done = self._raw(*args)
        if done.returncode == 0:
            return True
        report = done.stdout.decode("utf-8", "replace")
        if any(line.startswith("!") and "rejected" in line for line in report.splitlines()):
            return False
        raise SyncError(_one_line(args, done.stderr.decode("utf-8", "replace")))

    def remote_has_branch(self, url: str) -> bool:
        """Whether the remote at `url` has a journal branch (talks to the remote)."""
        return bool(self.run("ls-remote", "--heads", url, BRANCH).strip())


_CREDENTIALS = re.compile(r"(?<=//)[^/@\s]+@")


def redact(text: str) -> str:
    """A URL (or a message quoting one) without the `user:token@` some remotes carry."""
    return _CREDENTIALS.sub("***@", text)


def _one_line(args: tuple[str, ...], stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    useful = [line for line in lines if line.lower().startswith(("fatal:", "error:"))]
    detail = (useful or lines or ["no message"])[0]
    for prefix in ("fatal: ", "error: "):
        detail = detail.removeprefix(prefix)
    detail = redact(detail)
    what = " ".join(args[:1])
    if args and args[0] in ("fetch", "push", "ls-remote", "clone"):
        return f"Cannot reach the sync remote (git {what}: {detail}). Nothing was changed."
    return f"git {what} failed: {detail}."
