"""`mentorlog sync init [REMOTE]`: make the journal a git repository, publish it, bring in a
remote journal on a second machine, or (deliberately, `--join`) merge two journals never synced.

The remote is asked first (`git ls-remote`), before anything is created; and any failure after
that removes everything this command created, so a refusal leaves the journal as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from mentorlog.errors import Refused
from mentorlog.storage import atomic, codec, encryption
from mentorlog.storage.backups import BACKUP_DIR
from mentorlog.storage.commit import MANIFEST
from mentorlog.storage.files import data_files, is_data_file, replace_files
from mentorlog.storage.lock import LOCK_NAME
from mentorlog.storage.store import Store
from mentorlog.sync import conflicts as log
from mentorlog.sync.engine import conflict_entries, host, merged_side, remember_sync
from mentorlog.sync.exact import contents, exact, write_log
from mentorlog.sync.git import BRANCH, LOCAL, REMOTE, TRACKING, Git, SyncError, redact
from mentorlog.sync.merge import Parser, Side, changes, describe, merge

Mode = Literal["created", "published", "cloned", "joined", "already"]

GITIGNORE = f"""\
# mentorlog: what stays on this machine (docs/sync.md)
# (the journal's files are synced even if a global gitignore says otherwise)
!/*.json
!/.gitattributes
/{BACKUP_DIR}/
/drafts/
/{LOCK_NAME}
/{MANIFEST}
/{log.DISMISSED_FILE}
.*.tmp
"""

# A plain `git pull` must never write conflict markers into a data file: git's `binary` merge
# keeps this machine's version and reports the conflict; `mentorlog sync` merges by record.
GITATTRIBUTES = """\
# mentorlog: data files are merged by record (`mentorlog sync`), never line by line
*.json -text merge=binary
"""


class InitOutcome(BaseModel):
    mode: Mode
    remote: str | None
    dry_run: bool = False
    records: str = ""  # what came in from the remote (clone, join)
    conflicts: list[log.ConflictEntry] = Field(default_factory=list)
    renamed: list[tuple[str, str, str]] = Field(default_factory=list)

    @field_validator("remote")
    @classmethod
    def _no_credentials(cls, value: str | None) -> str | None:
        return redact(value) if value else value


def init(
    store: Store, remote: str | None, *, join: bool = False, dry_run: bool = False
) -> InitOutcome:
    if not Git.available():
        raise SyncError("git is not installed (or not on PATH); sync needs it.")
    root = store.root
    git = Git(root)
    remote = _normalise(remote)
    is_repo = root.is_dir() and git.is_repo()
    if is_repo and git.rev("HEAD") is None:  # an init stopped before its first commit
        if not dry_run:
            shutil.rmtree(root / ".git")
        is_repo = False
    if is_repo:
        existing = git.remote_url()
        if remote is None or existing == remote:
            return InitOutcome(mode="already", remote=existing, dry_run=dry_run)
        if existing is not None:
            raise Refused(
                f"This journal already syncs with {redact(existing)}; nothing was changed. "
                f"(Change it with `git -C {root} remote set-url {REMOTE} URL`.)"
            )
    remote_has = remote is not None and _probe(remote)
    local_has = store.exists()
    if remote is None:
        mode: Mode = "created"
    elif not remote_has:
        mode = "published"
    elif not local_has and not is_repo:
        mode = "cloned"
    elif join or not local_has:  # (nothing here to lose: joining is only bringing in)
        mode = "joined"
    else:
        raise Refused(
            "Both this journal and the remote one have records and were never synced; nothing "
            "was changed. To merge them, run `mentorlog sync init REMOTE --join` "
            "(add --dry-run to see what it would do first)."
        )
    if dry_run:
        return _plan(store, remote, mode)
    before = set(os.listdir(root)) if root.is_dir() else None
    try:
        with store.locked():
            return _carry_out(store, git, remote, mode, is_repo)
    except _Kept:
        raise
    except BaseException:
        _remove_created(root, before)
        raise


def _normalise(remote: str | None) -> str | None:
    if remote is None:
        return None
    if not remote.strip():
        raise Refused("The remote is empty; give a URL or a path.")
    path = Path(remote).expanduser()
    return str(path.resolve()) if path.exists() else remote


def _probe(remote: str) -> bool:
    """Whether the remote has a journal branch; SyncError when it cannot be reached."""
    with _scratch() as scratch:
        return Git(scratch).remote_has_branch(remote)


@contextlib.contextmanager
def _scratch() -> Iterator[Path]:
    """An empty bare repository outside the journal, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="mentorlog-sync-") as directory:
        path = Path(directory)
        Git(path).run("init", "--quiet", "--bare")
        yield path


def _carry_out(
    store: Store, git: Git, remote: str | None, mode: Mode, is_repo: bool
) -> InitOutcome:
    root = store.root
    outcome = InitOutcome(mode=mode, remote=remote)
    if not is_repo:
        git.run("init", "--quiet", f"--initial-branch={BRANCH}")
    atomic.ensure_private_dir(root / ".git")  # history holds every note: private like the rest
    for name, text in ((".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)):
        if not (root / name).exists():
            atomic.atomic_write(root / name, text.encode("utf-8"))
    git.run("config", "core.quotePath", "false")
    if remote is not None:
        git.run("remote", "add", REMOTE, remote)
        git.run("config", f"branch.{BRANCH}.remote", REMOTE)
        git.run("config", f"branch.{BRANCH}.merge", LOCAL)
    parser = Parser()
    if mode == "cloned":
        git.fetch()
        theirs = git.rev(TRACKING)
        assert theirs is not None
        files = git.files(theirs)
        side = parser.side(files, "the remote")  # refuses a newer mentorlog's journal
        for name, data in files.items():
            if not is_data_file(name) and "/" not in name:
                atomic.atomic_write(root / name, data)
        # not undoable: undo would delete the journal here, and the next sync everywhere
        replace_files(store, side.files, undoable=False)
        encryption.conform_locked(root)  # (its backups, drafts: nothing else is here yet)
        git.run("update-ref", LOCAL, theirs)
        git.run("read-tree", "HEAD")
        outcome.records = describe(changes(Side(files={}), side))
        remember_sync(git)
        return outcome
    git.commit_all(f"mentorlog on {host()}: start syncing this journal")
    if mode == "joined":
        git.fetch()
        theirs = git.rev(TRACKING)
        head = git.rev("HEAD")
        assert theirs is not None
        assert head is not None
        theirs_files = git.files(theirs)
        ours = parser.side(data_files(root), "this journal")
        base_rev = git.merge_base(head, theirs)  # none, unless this repository was a copy
        base = parser.side(git.files(base_rev) if base_rev else {}, "common ancestor")
        result = merge(base, ours, parser.side(theirs_files, "the remote"))
        entries = conflict_entries(result)
        merged_log = log.unite(
            log.read_log(root), log.parse_log(theirs_files.get(log.LOG_FILE)), entries
        )
        if merged_log:
            write_log(root, log.encode_log(merged_log), theirs_files)
        if codec.MARKER in theirs_files and not (root / codec.MARKER).exists():
            atomic.atomic_write(root / codec.MARKER, theirs_files[codec.MARKER])  # encrypted there
        replace_files(store, exact(contents(result.files), theirs_files, contents(theirs_files)))
        encryption.conform_locked(root)  # this journal's files as `encryption.json` says
        git.merge_commit(f"mentorlog on {host()}: join the remote journal", [head, theirs])
        outcome.records = describe(changes(ours, merged_side(result)))
        outcome.conflicts, outcome.renamed = entries, result.renamed
    if remote is None:
        return outcome
    try:
        pushed = git.push()
    except SyncError as error:
        if mode != "joined":
            raise
        raise _Kept(
            f"{error.message.removesuffix(' Nothing was changed.')} The journals "
            "were joined here; run `mentorlog sync` to send the result."
        ) from None
    if not pushed:
        message = "The remote changed meanwhile"
        if mode != "joined":
            raise SyncError(f"{message}; nothing was changed. Try again.")
        raise _Kept(f"{message}; the journals were joined here: run `mentorlog sync`.")
    remember_sync(git)
    return outcome


class _Kept(SyncError):
    """A failure after the journals were joined here: the join is kept, not rolled back."""


def _plan(store: Store, remote: str | None, mode: Mode) -> InitOutcome:
    outcome = InitOutcome(mode=mode, remote=remote, dry_run=True)
    if mode not in ("cloned", "joined") or remote is None:
        return outcome
    with _scratch() as scratch:
        git = Git(scratch)
        git.run("fetch", "--quiet", "--no-tags", remote, f"{LOCAL}:{LOCAL}")
        parser = Parser()
        theirs = parser.side(git.files(LOCAL), "the remote")
        ours = parser.side(data_files(store.root), "this journal")
        if mode == "cloned":
            outcome.records = describe(changes(ours, theirs))
            return outcome
        result = merge(Side(files={}), ours, theirs)
        outcome.records = describe(changes(ours, merged_side(result)))
        outcome.conflicts = conflict_entries(result)
        outcome.renamed = result.renamed
    return outcome


def _remove_created(root: Path, before: set[str] | None) -> None:
    """Undo what a failed `sync init` created (it changes no file that existed before)."""
    if before is None:
        shutil.rmtree(root, ignore_errors=True)
        return
    with contextlib.suppress(OSError):
        for name in set(os.listdir(root)) - before:
            path = root / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
