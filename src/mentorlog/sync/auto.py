"""`sync.auto`: commit to the journal's git repository after each change (never the network).

Fine-grained local history costs one `git commit` per change; `mentorlog sync` sends it later.
A failed commit never fails the change itself, which is already saved: the next sync commits.
"""

from __future__ import annotations

import contextlib

from mentorlog.journal.state import Journal
from mentorlog.storage.store import Store
from mentorlog.sync.git import Git, SyncError


class AutoCommitStore(Store):
    def _commit(self, journal: Journal) -> None:
        super()._commit(journal)
        if not (self.root / ".git").is_dir():
            return
        with contextlib.suppress(SyncError):  # saved, not committed yet: the next sync will
            Git(self.root).commit_all(self.command)
