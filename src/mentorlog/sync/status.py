"""`mentorlog sync status`: where this machine stands, without touching the network."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from mentorlog.storage.store import Store
from mentorlog.sync import conflicts as log
from mentorlog.sync.engine import last_sync
from mentorlog.sync.git import TRACKING, Git, redact


class SyncStatus(BaseModel):
    set_up: bool  # the journal is a git repository
    remote: str | None = None
    ahead: int = 0  # commits here the remote did not have at the last fetch
    behind: int = 0  # commits the remote had at the last fetch that are not here
    uncommitted: list[str] = Field(default_factory=list)  # files changed since the last commit
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
    return SyncStatus(
        set_up=True,
        remote=redact(url) if (url := git.remote_url()) else None,
        ahead=ahead,
        behind=behind,
        uncommitted=sorted(git.changed_paths()),
        last_sync=last_sync(git),
        open_conflicts=len(log.open_entries(store.root)),
    )
