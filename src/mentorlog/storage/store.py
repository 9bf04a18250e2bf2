"""Loading and saving the journal with every guarantee of docs/storage.md.

- Reads never lock and never write. A file that does not parse or validate stops the command.
- `transaction()` holds the journal lock across load -> change -> save; only files whose bytes
  change are written, each after its previous (validated) version is copied to `backups/`.
- Every committed change is recorded in `backups/history.json`, in the same all-or-nothing
  commit as the change itself, so `undo` always knows the last change that was saved.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mentorlog.errors import Refused, StorageError
from mentorlog.journal.state import Journal
from mentorlog.storage import atomic, commit, integrity, parts, strict_json
from mentorlog.storage.backups import BACKUP_DIR, Backups, History, Recorder, Versions
from mentorlog.storage.collections import COLLECTIONS, collection_of
from mentorlog.storage.lock import LOCK_NAME, JournalLock
from mentorlog.storage.reader import Reader
from mentorlog.storage.state import FileState

DEFAULT_BACKUPS = 10
DEFAULT_LOCK_TIMEOUT = 10.0


class Store:
    """The journal in `root`: read it (`journal()`), change it (`transaction()`), and its
    backups and undo history. What a journal has read is kept in a `ReadState`
    (`storage/state.py`), one per journal, filled by its `Reader` (`storage/reader.py`)."""

    def __init__(
        self,
        root: Path,
        *,
        keep_backups: int = DEFAULT_BACKUPS,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        command: str = "mentorlog",
    ) -> None:
        self.root = root
        self.keep_backups = max(1, keep_backups)
        self.lock_timeout = lock_timeout
        self.command = command
        self._backups = Backups(root, self.keep_backups, command)
        self._reader = Reader(root, self._backups)  # the newest journal's

    # -- reading -------------------------------------------------------------------------

    def exists(self) -> bool:
        return self.root.is_dir() and any(
            _is_data_file(entry.name) for entry in os.scandir(self.root) if entry.is_file()
        )

    def journal(self) -> Journal:
        """The journal for reading; collections load on first use."""
        self._reader = reader = Reader(self.root, self._backups)
        return Journal(loader=reader.load, partitions=reader)

    # -- what this store has read (read-only, for tests and diagnostics) -----------------

    def files_read(self) -> frozenset[str]:
        """The names of the data files whose bytes this store has read since it was opened
        (or last re-read)."""
        files = self._reader.state.files
        return frozenset(name for name, file in files.items() if file.read_from is not None)

    def loaded_files(self, collection: str) -> frozenset[str]:
        """The names of the files of `collection` whose records this store holds now."""
        return frozenset(self._reader.state.parts(collection))

    # -- backups and history (storage/backups.py) ---------------------------------------

    @property
    def backup_dir(self) -> Path:
        return self._backups.backup_dir

    @property
    def history_path(self) -> Path:
        return self._backups.history_path

    def backups_of(self, file_name: str) -> list[Path]:
        """Backups of one data file, oldest first."""
        return self._backups.backups_of(file_name)

    def read_history(self) -> History:
        """The undo history (as a commit in flight leaves it); StorageError if damaged."""
        return self._backups.read_history()

    def history_entry(self, files: list[dict[str, Any]]) -> dict[str, Any]:
        """The undo history's entry for a save that rewrites `files` (as this command)."""
        return self._backups.history_entry(files)

    def save_files(self, changed: Versions, before: Versions, record: Recorder) -> None:
        """Write `changed` (None: remove a file) in one commit with its history entry, after
        backing up the versions in `before` (`Backups.save_files`). Hold the lock."""
        self._backups.save_files(changed, before, record)

    # -- writing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Journal]:
        """Lock, load on demand, let the caller change the journal, save what changed.

        If the body raises, nothing is written. A journal that does not exist yet is locked
        (and so created: directory, lock file) only when the body first reads it, so that a
        command that fails before, on bad input say, leaves nothing behind.
        """
        with contextlib.ExitStack() as held:
            locked = False

            def lock() -> None:
                nonlocal locked
                locked = True
                atomic.check_writable(self.root)
                atomic.ensure_private_dir(self.root)
                held.enter_context(
                    JournalLock(self.root, timeout=self.lock_timeout, command=self.command)
                )
                self._prepare_directory()

            fresh = not (self.root / LOCK_NAME).exists() and not self.exists()
            if not fresh:
                lock()
            journal = self.journal()
            reader = self._reader
            reader.before_reading = lock if fresh else None
            try:
                yield journal
            finally:
                reader.before_reading = None
            if not locked:  # nothing was read: only new records, if anything
                if not self._encode_all(journal):
                    return
                lock()
                if self.exists():
                    raise StorageError(
                        "Another mentorlog command started this journal at the same time. "
                        "Nothing was saved; run the command again."
                    )
            self._commit(journal)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the journal lock without loading anything (`undo` restores whole files)."""
        atomic.check_writable(self.root)
        atomic.ensure_private_dir(self.root)
        with JournalLock(self.root, timeout=self.lock_timeout, command=self.command):
            self._prepare_directory()
            yield

    def _prepare_directory(self) -> None:
        """Finish or clear what a killed writer left; refuse what is not mentorlog's to touch."""
        # links and read-only files refused first: nothing is moved through a link
        atomic.tighten_all(self.root, lambda name: name == BACKUP_DIR or _is_data_file(name))
        commit.roll_forward(self.root)  # a killed writer's committed change, before its temps go
        atomic.remove_stray_temps(self.root)
        self._backups.tidy()

    def _encode_all(self, journal: Journal) -> dict[str, bytes]:
        """The bytes each loaded collection's files should have now."""
        state = self._reader.state
        wanted: dict[str, bytes] = {}
        for name, records in journal.loaded().items():
            collection = COLLECTIONS[name]
            if collection.partition is not None:
                wanted.update(parts.encode_partitioned(collection, records, state))
            elif records or state.original(collection.file_name()) is not None:
                # (nothing is created until there is something to keep)
                file_name = collection.file_name()
                wanted[file_name] = collection.encode(records, state.extras(file_name))
        for name in parts.read_in_parts(state, journal):
            collection = COLLECTIONS[name]
            for file_name, part in parts.placed(collection, self._reader).items():
                wanted[file_name] = collection.encode(part, state.extras(file_name))
        return wanted

    def _commit(self, journal: Journal) -> None:
        state = self._reader.state
        changed = {
            name: data
            for name, data in self._encode_all(journal).items()
            if data != state.as_read(name)
        }
        if not changed:
            return
        self._check_before_saving(journal, {_collection_name(name) for name in changed})
        self.check_keys(changed)
        before = {name: state.original(name) for name in changed}

        def record(history: History, files: list[dict[str, Any]]) -> None:
            history.entries.append(self.history_entry(files))
            history.redo.clear()  # a new change: what was undone can no longer come back

        self.save_files(dict(changed), before, record)
        for file_name, data in changed.items():  # as on disk now
            file = state.files.setdefault(file_name, FileState(data))
            file.original, file.migrated = data, None

    def unknown_keys(self) -> dict[str, dict[str, Any]]:
        """Top-level keys mentorlog does not know, by file (of the files read so far)."""
        files = sorted(self._reader.state.files.items())
        return {name: dict(file.extras) for name, file in files if file.extras}

    def check_keys(self, names: Iterable[str] | None = None) -> None:
        """Refuse to rewrite (or export) a file read with a key twice in one object."""
        state = self._reader.state
        for name in sorted(state.files if names is None else names):
            data = state.original(name)
            problem = strict_json.duplicate_key(data) if data else None
            if problem is not None:
                self._reader.corrupt(self.root / name, problem)

    def _check_before_saving(self, journal: Journal, changed: set[str]) -> None:
        """Refuse a change that would save a journal the next load rejects.

        For a collection read in full, the collections on the other end of its references are
        loaded first, so a command that only read `milestones` cannot save one pointing at a
        missing goal. A collection read file by file has the references it adds checked.
        """
        reader = self._reader
        in_parts = set(parts.read_in_parts(reader.state, journal))
        for name in sorted(changed - in_parts):
            for target in sorted(integrity.targets_of(name)):
                journal.collection(target)
            on_disk = reader.state.disk_ids().get(name, set())
            removed = journal.is_loaded(name) and on_disk - journal.ids(name)
            if removed:
                for source in sorted(integrity.sources_of(name)):
                    journal.collection(source)
        loaded = journal.loaded()
        problem = next(
            (
                p
                for name in sorted(changed)
                if name in loaded and (p := integrity.duplicate_id(name, loaded[name]))
            ),
            None,
        )
        problem = problem or integrity.dangling_reference(loaded)
        for name in sorted(in_parts & changed):
            parts.check_parts_read(journal, name, reader)
            problem = problem or parts.parts_problem(journal, name, reader.state)
        if problem is not None:
            raise Refused(
                f"Not saved: {problem.collection} record {problem.record_id}, field "
                f"'{problem.field}' {problem.message}."
            )


def _collection_name(file_name: str) -> str:
    collection = collection_of(file_name)
    assert collection is not None, file_name  # only data files are ever encoded
    return collection.name


def _is_data_file(file_name: str) -> bool:
    return any(c.owns(file_name) for c in COLLECTIONS.values())
