"""Loading and saving the journal with every guarantee of SPEC §3.

- Reads never lock and never write. A file that does not parse or validate stops the command.
- `transaction()` holds the journal lock across load -> change -> save; only files whose bytes
  change are written, each after its previous (validated) version is copied to `backups/`.
- Every committed change is recorded in `backups/history.json`, which is what `undo` replays.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mentorlog.errors import CorruptFile, NewerSchema, Refused, StorageError
from mentorlog.journal.state import Journal
from mentorlog.storage import atomic, commit, integrity, migrations
from mentorlog.storage.collections import COLLECTIONS, Collection, collection_of
from mentorlog.storage.lock import JournalLock

BACKUP_DIR = "backups"
HISTORY_FILE = "history.json"
HISTORY_KEEP = 100
DEFAULT_BACKUPS = 10
DEFAULT_LOCK_TIMEOUT = 10.0
_STAMP = re.compile(r"^\d{8}T\d{6}\.\d{6}$")


class Store:
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
        self._record_files: dict[str, dict[str, str]] = {}  # collection -> record id -> file
        # references made by each collection as read from disk: the load-time integrity check
        # judges the files, not what a transaction has changed in memory since
        self._disk_refs: dict[str, list[integrity.Reference]] = {}
        self._read_from: dict[str, Path] = {}  # file name -> the path its bytes came from
        self._extras: dict[str, dict[str, Any]] = {}  # file name -> unknown top-level keys
        # file name -> its bytes as migrated in memory: unchanged records are not a change
        self._migrated: dict[str, bytes] = {}

    # -- reading -------------------------------------------------------------------------

    def exists(self) -> bool:
        return self.root.is_dir() and any(
            _is_data_file(entry.name) for entry in os.scandir(self.root) if entry.is_file()
        )

    def journal(self) -> Journal:
        """The journal for reading; collections load on first use."""
        self._disk_refs.clear()
        self._record_files.clear()
        self._read_from.clear()
        journal = Journal(loader=lambda name: self._load(name, journal))
        return journal

    def files_of(self, collection: Collection) -> list[Path]:
        """The data files of `collection`, including ones a pending commit is creating."""
        if not self.root.is_dir():
            return []
        in_flight = [name for name in commit.pending(self.root) if collection.owns(name)]
        if collection.partition is None:
            path = self.root / collection.file_name()
            return [path] if path.exists() or in_flight else []
        names = {
            entry.name
            for entry in os.scandir(self.root)
            if collection.owns(entry.name) and entry.is_file()
        }
        return sorted(self.root / name for name in names.union(in_flight))

    def _load(self, name: str, journal: Journal) -> list[Any]:
        collection = COLLECTIONS[name]
        records: list[Any] = []
        origin: dict[str, str] = {}
        in_flight = commit.pending(self.root) if self.root.is_dir() else {}
        for path in self.files_of(collection):
            part = self._load_file(collection, path, in_flight.get(path.name))
            for record in part:
                origin.setdefault(record.id, path.name)
            records.extend(part)
        if collection.partition is None:
            self._originals.setdefault(collection.file_name(), None)
        self._record_files[name] = origin
        self._disk_refs[name] = integrity.references(name, records)
        problem = integrity.duplicate_id(name, records)
        disk_ids = {loaded: set(ids) for loaded, ids in self._record_files.items()}
        problem = problem or integrity.first_dangling(self._disk_refs, disk_ids)
        if problem is not None:
            self._raise_problem(problem)
        return records

    def _load_file(
        self, collection: Collection, path: Path, committed: Path | None = None
    ) -> list[Any]:
        """Records of one file; `committed` is its new version if a killed writer left one."""
        try:
            data = None
            if committed is not None:
                with contextlib.suppress(FileNotFoundError):  # else it was put in place since
                    data = committed.read_bytes()
                    self._read_from[path.name] = committed
            if data is None:
                data = path.read_bytes()
                self._read_from[path.name] = path
        except OSError as error:
            raise CorruptFile(f"Cannot read {path}: {error.strerror}.") from error
        self._originals[path.name] = data
        if not data.strip():
            self._corrupt(path, "is empty (an empty file is damage, not an empty journal)")
        gc_was_enabled = gc.isenabled()
        gc.disable()  # bulk validation allocates many objects that are never cyclic garbage
        try:
            document = collection.document.model_validate_json(data)
            version = document.schema_version  # type: ignore[attr-defined]
            if version == migrations.CURRENT_VERSION:
                self._extras[path.name] = dict(document.model_extra or {})
                records: list[Any] = getattr(document, collection.name)
                return records
        except ValidationError:
            pass
        finally:
            if gc_was_enabled:
                gc.enable()
        return self._load_slowly(collection, path, data)

    def _load_slowly(self, collection: Collection, path: Path, data: bytes) -> list[Any]:
        """Find out exactly what is wrong (or migrate an older file)."""
        try:
            # Decoded strictly first: json.loads(bytes) would quietly accept a BOM or UTF-16.
            document = json.loads(data.decode("utf-8"))
        except UnicodeDecodeError:
            self._corrupt(path, "is not UTF-8 text")
        except json.JSONDecodeError as error:
            self._corrupt(
                path, f"is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}"
            )
        if not isinstance(document, dict):
            self._corrupt(path, "is not a JSON object")
        version = document.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self._corrupt(path, "has no valid schema_version")
        current = migrations.CURRENT_VERSION
        if version > current:
            raise NewerSchema(
                f"{path} was written by a newer mentorlog (schema {version}; this version reads "
                f"up to {current}). Upgrade mentorlog; the file was not changed."
            )
        if version < current:
            try:
                document = migrations.migrate(collection.name, document, version)
            except (ValueError, KeyError, TypeError) as error:
                self._corrupt(path, f"cannot be upgraded from schema {version}: {error}")
            migrated = True
        else:
            migrated = False
        raw_records = document.get(collection.name)
        if not isinstance(raw_records, list):
            self._corrupt(path, f"has no list of {collection.name}")
        try:
            parsed = collection.document.model_validate(document)
        except ValidationError as error:
            self._corrupt(path, integrity.describe(error, collection.name, raw_records))
        self._extras[path.name] = dict(parsed.model_extra or {})
        records: list[Any] = getattr(parsed, collection.name)
        if migrated:
            self._migrated[path.name] = collection.encode(records, self._extras[path.name])
        return records

    def _corrupt(self, path: Path, what: str) -> Any:
        raise CorruptFile(f"{path} {what}. Nothing was changed; {self._backup_hint(path.name)}.")

    def _backup_hint(self, file_name: str) -> str:
        newest = self.backups_of(file_name)
        return f"newest backup: {newest[-1]}" if newest else "there is no backup of it yet"

    def _raise_problem(self, problem: integrity.Problem) -> None:
        if self._changed_while_reading():
            raise StorageError(
                "The journal changed while it was being read (another mentorlog command saved "
                "a change). Nothing was changed; run the command again."
            )
        file_name = self._record_files.get(problem.collection, {}).get(
            problem.record_id, f"{problem.collection}.json"
        )
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
                now = source.read_bytes()
            except FileNotFoundError:  # a pending version was put in place since
                with contextlib.suppress(FileNotFoundError):
                    now = (self.root / name).read_bytes()
            except OSError:
                continue
            if now != self._originals.get(name):
                return True
        return False

    # -- backups -------------------------------------------------------------------------

    @property
    def backup_dir(self) -> Path:
        return self.root / BACKUP_DIR

    def backups_of(self, file_name: str) -> list[Path]:
        """Backups of one data file, oldest first."""
        stem = file_name.removesuffix(".json")
        if not self.backup_dir.is_dir():
            return []
        found = []
        for entry in os.scandir(self.backup_dir):
            name = entry.name
            if name.startswith(stem + ".") and name.endswith(".json"):
                stamp = name[len(stem) + 1 : -len(".json")]
                if _STAMP.match(stamp):
                    found.append(self.backup_dir / name)
        return sorted(found)

    def _write_backup(self, file_name: str, data: bytes) -> str:
        stem = file_name.removesuffix(".json")
        moment = datetime.now(timezone.utc)
        while True:
            name = f"{stem}.{moment:%Y%m%dT%H%M%S.%f}.json"
            if not (self.backup_dir / name).exists():
                break
            moment += timedelta(microseconds=1)
        atomic.atomic_write(self.backup_dir / name, data)
        for old in self.backups_of(file_name)[: -self.keep_backups]:
            with contextlib.suppress(FileNotFoundError):
                old.unlink()
        return name

    # -- writing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Journal]:
        """Lock, load on demand, let the caller change the journal, save what changed.

        If the body raises, nothing is written.
        """
        atomic.ensure_private_dir(self.root)
        with JournalLock(self.root, timeout=self.lock_timeout, command=self.command):
            self._originals.clear()
            self._migrated.clear()
            self._prepare_directory()
            journal = self.journal()
            yield journal
            self._commit(journal)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the journal lock without loading anything (`undo` restores whole files)."""
        atomic.ensure_private_dir(self.root)
        with JournalLock(self.root, timeout=self.lock_timeout, command=self.command):
            self._prepare_directory()
            yield

    def _prepare_directory(self) -> None:
        commit.roll_forward(self.root)  # a killed writer's committed change, before its temps go
        atomic.remove_stray_temps(self.root)
        for entry in os.scandir(self.root):
            if entry.is_file():
                atomic.tighten(Path(entry.path))
        if self.backup_dir.is_dir():
            atomic.ensure_private_dir(self.backup_dir)
            atomic.remove_stray_temps(self.backup_dir)
            for entry in os.scandir(self.backup_dir):
                if entry.is_file():
                    atomic.tighten(Path(entry.path))

    def _encode_all(self, journal: Journal) -> dict[str, bytes]:
        """The bytes each loaded collection's files should have now."""
        wanted: dict[str, bytes] = {}
        for name, records in journal.loaded().items():
            collection = COLLECTIONS[name]
            if collection.partition is None:
                parts: dict[str, list[Any]] = {collection.file_name(): records}
            else:
                parts = {}
                for record in records:
                    part_name = collection.file_name(collection.partition(record))
                    parts.setdefault(part_name, []).append(record)
                for file_name in self._originals:
                    if collection.owns(file_name):
                        parts.setdefault(file_name, [])
            for file_name, part in parts.items():
                if not part and self._originals.get(file_name) is None:
                    continue  # nothing is created until there is something to keep
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
        atomic.ensure_private_dir(self.backup_dir)
        entries = []
        for file_name, data in sorted(changed.items()):
            before = self._originals.get(file_name)
            backup = self._write_backup(file_name, before) if before is not None else None
            entries.append(
                {"file": file_name, "backup": backup, "sha256": hashlib.sha256(data).hexdigest()}
            )
        commit.commit(self.root, changed)  # all files or none, whatever the order of a crash
        self._originals.update(changed)
        for file_name in changed:
            self._migrated.pop(file_name, None)
        self._append_history(entries)

    def _check_before_saving(self, journal: Journal, changed: set[str]) -> None:
        """Refuse a change that would save a journal the next load rejects.

        The collections on the other end of a changed one's references are loaded first, so a
        command that only read `milestones` cannot save one pointing at a missing goal.
        """
        for name in sorted(changed):
            for target in sorted(integrity.targets_of(name)):
                journal.collection(target)
            if set(self._record_files.get(name, {})) - journal.ids(name):  # records removed
                for source in sorted(integrity.sources_of(name)):
                    journal.collection(source)
        loaded = journal.loaded()
        problem = next(
            (p for name in sorted(changed) if (p := integrity.duplicate_id(name, loaded[name]))),
            None,
        )
        problem = problem or integrity.dangling_reference(loaded)
        if problem is not None:
            raise Refused(
                f"Not saved: {problem.collection} record {problem.record_id}, field "
                f"'{problem.field}' {problem.message}."
            )

    # -- history (what undo replays) -----------------------------------------------------

    @property
    def history_path(self) -> Path:
        return self.backup_dir / HISTORY_FILE

    def read_history(self) -> list[dict[str, Any]]:
        try:
            document = json.loads(self.history_path.read_bytes())
            entries = document["entries"]
            if not isinstance(entries, list):
                return []
            return entries
        except (OSError, ValueError, KeyError, TypeError):
            return []  # a lost history only means fewer steps can be undone

    def write_history(self, entries: list[dict[str, Any]]) -> None:
        document = {"schema_version": 1, "entries": entries[-HISTORY_KEEP:]}
        data = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
        atomic.atomic_write(self.history_path, data)

    def _append_history(self, files: list[dict[str, Any]]) -> None:
        entries = self.read_history()
        entries.append(
            {
                "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "command": self.command,
                "files": files,
            }
        )
        self.write_history(entries)


def _collection_name(file_name: str) -> str:
    collection = collection_of(file_name)
    assert collection is not None, file_name  # only data files are ever encoded
    return collection.name


def _is_data_file(file_name: str) -> bool:
    return any(c.owns(file_name) for c in COLLECTIONS.values())
