"""Loading and saving the journal with every guarantee of SPEC §3.

- Reads never lock and never write. A file that does not parse or validate stops the command.
- `transaction()` holds the journal lock across load -> change -> save; only files whose bytes
  change are written, each after its previous (validated) version is copied to `backups/`.
- Every committed change is recorded in `backups/history.json`, in the same all-or-nothing
  commit as the change itself, so `undo` always knows the last change that was saved.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from mentorlog.errors import CorruptFile, Refused, StorageError
from mentorlog.journal.state import Journal
from mentorlog.storage import atomic, codec, commit, integrity, migrations, strict_json
from mentorlog.storage.backups import BACKUP_DIR, BackupsAndHistory, History
from mentorlog.storage.collections import COLLECTIONS, Collection, collection_of
from mentorlog.storage.decode import bulk_allocation, decode_slowly, extras_of
from mentorlog.storage.lock import LOCK_NAME, JournalLock
from mentorlog.storage.parts import PartitionedFiles

DEFAULT_BACKUPS = 10
DEFAULT_LOCK_TIMEOUT = 10.0


class Store(PartitionedFiles, BackupsAndHistory):
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
        # file name -> the exact bytes read (None: the file did not exist)
        self._originals: dict[str, bytes | None] = {}
        # collection -> file name -> the records read from it (the lists as read, not the
        # journal's list: a transaction may change that one)
        self._parts: dict[str, dict[str, list[Any]]] = {}
        self._disk_ids: dict[str, set[str]] = {}  # collection -> ids of the records read
        # references made by each collection as read from disk: the load-time integrity check
        # judges the files, not what a transaction has changed in memory since
        self._disk_refs: dict[str, integrity.ReferenceIndex] = {}
        # the same for the single files read of a collection not (yet) read in full
        self._part_refs: dict[str, dict[str, integrity.ReferenceIndex]] = {}
        # collection -> new records added to their year's file while the rest is unread
        self._appended: dict[str, list[Any]] = {}
        self._read_from: dict[str, Path] = {}  # file name -> the path its bytes came from
        self._extras: dict[str, dict[str, Any]] = {}  # file name -> unknown top-level keys
        # file name -> its bytes as migrated in memory: unchanged records are not a change
        self._migrated: dict[str, bytes] = {}
        self._before_reading: Callable[[], None] | None = None

    # -- reading -------------------------------------------------------------------------

    def exists(self) -> bool:
        return self.root.is_dir() and any(
            _is_data_file(entry.name) for entry in os.scandir(self.root) if entry.is_file()
        )

    def journal(self) -> Journal:
        """The journal for reading; collections load on first use."""
        self._disk_refs.clear()
        self._part_refs.clear()
        self._appended.clear()
        self._parts.clear()
        self._disk_ids.clear()
        self._read_from.clear()
        journal = Journal(loader=lambda name: self._load(name, journal), partitions=self)
        return journal

    def files_of(self, collection: Collection) -> list[Path]:
        """The data files of `collection`, including ones a pending commit is creating."""
        if self._before_reading is not None:  # a transaction locks before its first read
            before, self._before_reading = self._before_reading, None
            before()
        if not self.root.is_dir():
            return []
        in_flight = [name for name in commit.pending(self.root) if collection.owns(name)]
        gone = commit.removing(self.root)
        if collection.partition is None:
            path = self.root / collection.file_name()
            return [path] if (path.exists() or in_flight) and path.name not in gone else []
        names = {
            entry.name
            for entry in os.scandir(self.root)
            if collection.owns(entry.name) and entry.is_file()
        }
        return sorted(self.root / name for name in names.union(in_flight) - gone)

    def _load(self, name: str, journal: Journal) -> list[Any]:
        with bulk_allocation():
            return self._load_collection(name)

    def _load_collection(self, name: str) -> list[Any]:
        collection = COLLECTIONS[name]
        records: list[Any] = []
        parts: dict[str, list[Any]] = {}
        for path in self.files_of(collection):
            part = self._part(collection, path)
            parts[path.name] = part
            records.extend(part)
        if collection.partition is None:
            self._originals.setdefault(collection.file_name(), None)
        self._parts[name] = parts
        self._disk_ids[name] = {record.id for record in records}
        self._disk_refs[name] = integrity.reference_index(name, records)
        self._part_refs.pop(name, None)  # the years read before are part of it now
        problem = None
        if len(self._disk_ids[name]) != len(records):
            problem = integrity.duplicate_id(name, records)
        problem = problem or integrity.first_dangling(self._references(), self._disk_ids)
        if problem is not None:
            self._raise_problem(problem)
        records.extend(self._appended.pop(name, []))  # added before the rest was read
        return records

    def _part(self, collection: Collection, path: Path) -> list[Any]:
        """The records of one file, read once per journal (a year may be read before the rest)."""
        parts = self._parts.setdefault(collection.name, {})
        if path.name not in parts:
            in_flight = commit.pending(self.root) if self.root.is_dir() else {}
            parts[path.name] = self._load_file(collection, path, in_flight.get(path.name))
        return parts[path.name]

    def _references(self) -> dict[str, integrity.ReferenceIndex]:
        """What every collection read so far refers to, including single years of sessions."""
        found = dict(self._disk_refs)
        for name, by_file in self._part_refs.items():
            merged: integrity.ReferenceIndex = {}
            for index in by_file.values():
                for target, first in index.items():
                    merged[target] = {**first, **merged.get(target, {})}
            found.setdefault(name, merged)
        return found

    def _file_of(self, collection: str, record_id: str) -> str | None:
        """The file a record was read from (the first one, for a duplicated id)."""
        for file_name, part in self._parts.get(collection, {}).items():
            if any(record.id == record_id for record in part):
                return file_name
        return None

    def _load_file(
        self, collection: Collection, path: Path, committed: Path | None = None
    ) -> list[Any]:
        """Records of one file; `committed` is its new version if a killed writer left one."""
        try:
            data = None
            if committed is not None:
                with contextlib.suppress(FileNotFoundError):  # else it was put in place since
                    data = codec.read(committed)
                    self._read_from[path.name] = committed
            if data is None:
                data = codec.read(path)
                self._read_from[path.name] = path
        except OSError as error:
            raise CorruptFile(f"Cannot read {path}: {error.strerror}.") from error
        self._originals[path.name] = data
        if not data.strip():
            self._corrupt(path, "is empty (an empty file is damage, not an empty journal)")
        try:
            document = collection.document.model_validate_json(data)
            version = document.schema_version  # type: ignore[attr-defined]
            records: list[Any] = getattr(document, collection.name)
            extras = dict(document.model_extra or {})
            if version == migrations.CURRENT_VERSION and not strict_json.strange_extra(
                extras_of(records, extras)
            ):
                self._extras[path.name] = extras
                return records
        except (ValidationError, ValueError):  # (a number Python will not read, say)
            pass
        return self._load_slowly(collection, path, data)

    def _load_slowly(self, collection: Collection, path: Path, data: bytes) -> list[Any]:
        """Find out exactly what is wrong (or migrate an older file)."""

        def corrupt(what: str) -> NoReturn:
            self._corrupt(path, what)

        decoded = decode_slowly(collection, path, data, corrupt)
        self._extras[path.name] = decoded.extras
        if decoded.migrated:
            self._migrated[path.name] = collection.encode(decoded.records, decoded.extras)
        return decoded.records

    def _corrupt(self, path: Path, what: str) -> NoReturn:
        raise CorruptFile(f"{path} {what}. Nothing was changed; {self._backup_hint(path.name)}.")

    def _backup_hint(self, file_name: str) -> str:
        newest = self.backups_of(file_name)
        if not newest:
            return "there is no backup of it yet"
        return f"newest backup: {newest[-1]} (the version before the last change)"

    def _raise_problem(self, problem: integrity.Problem, file_name: str | None = None) -> None:
        if self._changed_while_reading():
            raise StorageError(
                "The journal changed while it was being read (another mentorlog command saved "
                "a change). Nothing was changed; run the command again."
            )
        file_name = file_name or self._file_of(problem.collection, problem.record_id)
        file_name = file_name or f"{problem.collection}.json"
        path = self.root / file_name
        self._corrupt(
            path,
            f"is inconsistent: record {problem.record_id}, "
            f"field '{problem.field}' {problem.message}",
        )

    def _changed_while_reading(self) -> bool:
        """Reads take no lock: a writer may have saved between two files this one read."""
        for name, source in self._read_from.items():
            now: bytes | None = None
            try:
                now = codec.read(source)
            except FileNotFoundError:  # a pending version was put in place since
                with contextlib.suppress(FileNotFoundError):
                    now = codec.read(self.root / name)
            except OSError:
                continue
            if now != self._originals.get(name):
                return True
        return False

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
            self._originals.clear()
            self._migrated.clear()
            journal = self.journal()
            self._before_reading = lock if fresh else None
            try:
                yield journal
            finally:
                self._before_reading = None
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
        if self.backup_dir.is_dir():
            atomic.ensure_private_dir(self.backup_dir)
            atomic.remove_stray_temps(self.backup_dir)
            self._remove_orphan_backups()
            atomic.tighten_all(self.backup_dir, lambda name: False)

    def _encode_all(self, journal: Journal) -> dict[str, bytes]:
        """The bytes each loaded collection's files should have now."""
        wanted: dict[str, bytes] = {}
        for name, records in journal.loaded().items():
            collection = COLLECTIONS[name]
            if collection.partition is not None:
                wanted.update(self._encode_partitioned(collection, records))
            elif records or self._originals.get(collection.file_name()) is not None:
                # (nothing is created until there is something to keep)
                file_name = collection.file_name()
                wanted[file_name] = collection.encode(records, self._extras.get(file_name))
        for name in self._read_in_parts(journal):
            collection = COLLECTIONS[name]
            for file_name, part in self._placed(collection).items():
                wanted[file_name] = collection.encode(part, self._extras.get(file_name))
        return wanted

    def _commit(self, journal: Journal) -> None:
        changed = {
            name: data
            for name, data in self._encode_all(journal).items()
            if data != self._migrated.get(name, self._originals.get(name))
        }
        if not changed:
            return
        self._check_before_saving(journal, {_collection_name(name) for name in changed})
        self.check_keys(changed)
        before = {name: self._originals.get(name) for name in changed}

        def record(history: History, files: list[dict[str, Any]]) -> None:
            history.entries.append(self.history_entry(files))
            history.redo.clear()  # a new change: what was undone can no longer come back

        self.save_files(dict(changed), before, record)
        self._originals.update(changed)
        for file_name in changed:
            self._migrated.pop(file_name, None)

    def unknown_keys(self) -> dict[str, dict[str, Any]]:
        """Top-level keys mentorlog does not know, by file (of the files read so far)."""
        return {name: dict(keys) for name, keys in sorted(self._extras.items()) if keys}

    def check_keys(self, names: Iterable[str] | None = None) -> None:
        """Refuse to rewrite (or export) a file read with a key twice in one object."""
        for name in sorted(self._originals if names is None else names):
            data = self._originals.get(name)
            problem = strict_json.duplicate_key(data) if data else None
            if problem is not None:
                self._corrupt(self.root / name, problem)

    def _check_before_saving(self, journal: Journal, changed: set[str]) -> None:
        """Refuse a change that would save a journal the next load rejects.

        For a collection read in full, the collections on the other end of its references are
        loaded first, so a command that only read `milestones` cannot save one pointing at a
        missing goal. A collection read file by file has the references it adds checked.
        """
        in_parts = set(self._read_in_parts(journal))
        for name in sorted(changed - in_parts):
            for target in sorted(integrity.targets_of(name)):
                journal.collection(target)
            removed = journal.is_loaded(name) and self._disk_ids.get(name, set()) - journal.ids(
                name
            )
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
            self._check_parts_read(journal, name)
            problem = problem or self._parts_problem(journal, name)
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
