"""`mentorlog sync status`: where this machine stands, without touching the network."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from mentorlog.errors import MentorlogError
from mentorlog.storage.store import Store
from mentorlog.sync import conflicts as log
from mentorlog.sync.engine import last_sync, local_changes
from mentorlog.sync.git import TRACKING, Git, redact
from mentorlog.sync.merge import Parser


class SyncStatus(BaseModel):
    set_up: bool  # the journal is a git repository
    remote: str | None = None
    ahead: int = 0  # commits here the remote did not have at the last fetch
    behind: int = 0  # commits the remote had at the last fetch that are not here
    uncommitted: list[str] = Field(default_factory=list)  # files changed since the last commit
    # the same changes in records, as the next sync's commit will say them: `1 goal added`
    # ("" when no record changed, or the files cannot be read now)
    uncommitted_changes: str = ""
    last_sync: datetime | None = None
    open_conflicts: int = 0  # conflict log entries not dismissed on this machine


def sync_status(store: Store) -> SyncStatus:
    git = Git(store.root)
    if not (store.root.is_dir() and Git.available() and git.is_repo()):
        return SyncStatus(set_up=False)
    head = git.rev("HEAD")
    theirs = git.rev(TRACKING)
    ahead = behind = 0
    if head and theirs:
        ahead, behind = git.count(f"{theirs}..{head}"), git.count(f"{head}..{theirs}")
    elif head:
        ahead = git.count(head)
    changed = sorted(git.changed_paths())
    return SyncStatus(
        set_up=True,
        remote=redact(url) if (url := git.remote_url()) else None,
        ahead=ahead,
        behind=behind,
        uncommitted=changed,
        uncommitted_changes=_in_records(git, store, changed),
        last_sync=last_sync(git),
        open_conflicts=len(log.open_entries(store.root)),
    )


def _in_records(git: Git, store: Store, changed: list[str]) -> str:
    if not changed:
        return ""
    try:
        return local_changes(git, store, Parser(), changed)
    except MentorlogError:  # a damaged file, a key not at hand: the sync will say; here, files
        return ""
