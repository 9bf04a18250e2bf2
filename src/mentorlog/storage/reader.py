"""Reading one journal's files: whole collections, or a file at a time.

A `Reader` is made for each journal the store hands out, with a fresh `ReadState` that it
fills as the journal asks for collections (`load`, the journal's loader) or single files of a
partitioned one (the `journal.state.Partitions` methods: `years`, `load_part`, `stream`, ...).
Every file read is validated and checked like a whole collection; a file that does not parse,
validate or hold together stops the command with one line naming it and its newest backup.

Sessions are kept one file per year (`meetings-YYYY.json`); action items in a current file
(`actions.json`) while open, then in the file of the year they were closed (`actions-YYYY.json`).
Everyday commands read only the files they need: the newest years of sessions, the open action
items. Years read on their own are for reading: changing history needs the whole collection.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from mentorlog.errors import CorruptFile, StorageError
from mentorlog.storage import codec, commit, integrity, migrations, strict_json
from mentorlog.storage.backups import Backups
from mentorlog.storage.collections import COLLECTIONS, Collection
from mentorlog.storage.decode import bulk_allocation, decode_slowly, extras_of
from mentorlog.storage.state import FileState, ReadState


class Reader:
    def __init__(self, root: Path, backups: Backups) -> None:
        self.root = root
        self.backups = backups  # (named in the message about a damaged file)
        self.state = ReadState()
        # called once before the first file is read: a transaction locks there
        self.before_reading: Callable[[], None] | None = None

    def files_of(self, collection: Collection) -> list[Path]:
        """The data files of `collection`, including ones a pending commit is creating."""
        if self.before_reading is not None:
            before, self.before_reading = self.before_reading, None
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

    # -- whole collections (the journal's loader) ----------------------------------------

    def load(self, name: str) -> list[Any]:
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
        if collection.partition is None and collection.file_name() not in self.state.files:
            self.state.files[collection.file_name()] = FileState(None)
        state = self.state.collection(name)
        state.parts = parts
        state.disk_ids = {record.id for record in records}
        state.disk_refs = integrity.reference_index(name, records)
        state.part_refs = {}  # the files read before are part of it now
        problem = None
        if len(state.disk_ids) != len(records):
            problem = integrity.duplicate_id(name, records)
        problem = problem or integrity.first_dangling(
            self.state.references(), self.state.disk_ids()
        )
        if problem is not None:
            self.raise_problem(problem)
        records.extend(state.appended)  # added before the rest was read
        state.appended = []
        return records

    def _part(self, collection: Collection, path: Path) -> list[Any]:
        """The records of one file, read once per journal (a year may be read before the rest)."""
        parts = self.state.collection(collection.name).parts
        if path.name not in parts:
            in_flight = commit.pending(self.root) if self.root.is_dir() else {}
            parts[path.name] = self._load_file(collection, path, in_flight.get(path.name))
        return parts[path.name]

    def _load_file(
        self, collection: Collection, path: Path, committed: Path | None = None
    ) -> list[Any]:
        """Records of one file; `committed` is its new version if a killed writer left one."""
        try:
            data, source = None, path
            if committed is not None:
                with contextlib.suppress(FileNotFoundError):  # else it was put in place since
                    data, source = codec.read(committed), committed
            if data is None:
                data, source = codec.read(path), path
        except OSError as error:
            raise CorruptFile(f"Cannot read {path}: {error.strerror}.") from error
        file = self.state.files[path.name] = FileState(data, source)
        if not data.strip():
            self.corrupt(path, "is empty (an empty file is damage, not an empty journal)")
        try:
            document = collection.document.model_validate_json(data)
            version = document.schema_version  # type: ignore[attr-defined]
            records: list[Any] = getattr(document, collection.name)
            extras = dict(document.model_extra or {})
            if version == migrations.CURRENT_VERSION and not strict_json.strange_extra(
                extras_of(records, extras)
            ):
                file.extras = extras
                return records
        except (ValidationError, ValueError):  # (a number Python will not read, say)
            pass

        def corrupt(what: str) -> NoReturn:  # find out exactly what is wrong (or migrate)
            self.corrupt(path, what)

        decoded = decode_slowly(collection, path, data, corrupt)
        file.extras = decoded.extras
        if decoded.migrated:
            file.migrated = collection.encode(decoded.records, decoded.extras)
        return decoded.records

    # -- what is wrong -------------------------------------------------------------------

    def corrupt(self, path: Path, what: str) -> NoReturn:
        newest = self.backups.backups_of(path.name)
        hint = (
            f"newest backup: {newest[-1]} (the version before the last change)"
            if newest
            else "there is no backup of it yet"
        )
        raise CorruptFile(f"{path} {what}. Nothing was changed; {hint}.")

    def raise_problem(self, problem: integrity.Problem, file_name: str | None = None) -> None:
        if self._changed_while_reading():
            raise StorageError(
                "The journal changed while it was being read (another mentorlog command saved "
                "a change). Nothing was changed; run the command again."
            )
        file_name = file_name or self.state.file_of(problem.collection, problem.record_id)
        file_name = file_name or f"{problem.collection}.json"
        self.corrupt(
            self.root / file_name,
            f"is inconsistent: record {problem.record_id}, "
            f"field '{problem.field}' {problem.message}",
        )

    def _changed_while_reading(self) -> bool:
        """Reads take no lock: a writer may have saved between two files this one read."""
        for name, file in self.state.files.items():
            if file.read_from is None:
                continue
            now: bytes | None = None
            try:
                now = codec.read(file.read_from)
            except FileNotFoundError:  # a pending version was put in place since
                with contextlib.suppress(FileNotFoundError):
                    now = codec.read(self.root / name)
            except OSError:
                continue
            if now != file.original:
                return True
        return False

    # -- a file at a time (journal.state.Partitions) -------------------------------------

    def years(self, name: str) -> list[int]:
        collection = COLLECTIONS[name]
        parts = (part_of(collection, path.name) for path in self.files_of(collection))
        return [part for part in parts if part is not None]

    def load_part(self, name: str, part: int | None) -> list[Any]:
        """The records of one file (a year's, or the current one for None), validated and
        checked like a whole collection.

        A year read on its own is only for reading; records of the current file may be changed
        in place, and are saved (see `parts.placed`).
        """
        collection = COLLECTIONS[name]
        path = self.root / collection.file_name(part)
        if path not in self.files_of(collection):
            return []
        with bulk_allocation():
            records = self._part(collection, path)
            index = integrity.reference_index(name, records)
            self.state.collection(name).part_refs[path.name] = index
            problem = None
            if len({record.id for record in records}) != len(records):
                problem = integrity.duplicate_id(name, records)
            problem = problem or integrity.first_dangling({name: index}, self.state.disk_ids())
        if problem is not None:
            self.raise_problem(problem)
        return records

    def added(self, name: str) -> list[Any]:
        """Records added to a collection that has not been read in full (they are saved)."""
        return list(self.state.appended(name))

    def stream(self, name: str) -> Iterator[list[Any]]:
        """Every file's records, oldest year first, each checked as a whole collection is;
        a year not read before is not kept once the caller moves on (a long search)."""
        collection = COLLECTIONS[name]
        seen: set[str] = set()
        in_flight = commit.pending(self.root) if self.root.is_dir() else {}
        for path in self.files_of(collection):
            with bulk_allocation():
                part = self.state.parts(name).get(path.name)
                if part is None:
                    part = self._load_file(collection, path, in_flight.get(path.name))
                problem = None
                for record in part:
                    if record.id in seen and problem is None:
                        problem = integrity.Problem(
                            name, record.id, "id", "the same id appears twice"
                        )
                    seen.add(record.id)
                index = integrity.reference_index(name, part)
                problem = problem or integrity.first_dangling({name: index}, self.state.disk_ids())
            if problem is not None:
                self.raise_problem(problem, path.name)
            yield part
        if not self.state.appended(name):
            self.state.collection(name).disk_ids = seen  # all read: references can be judged

    def append(self, name: str, record: Any) -> None:
        collection = COLLECTIONS[name]
        assert collection.partition is not None, name
        self.load_part(name, collection.partition(record))  # read and checked before changed
        self.state.collection(name).appended.append(record)

    def id_taken(self, name: str, record_id: str) -> bool | None:
        """Whether `record_id` appears in any file of `name`, by a search of the bytes.

        An id is `[0-9a-z]`, so JSON writes it as itself between quotes, unless a hand edit
        spelled it with escapes (`\\u0061`): a file with any such escape is not judged (None).
        Files not read yet are searched through a memory map, without copying them.
        """
        needle = f'"{record_id}"'.encode("ascii")
        in_flight = commit.pending(self.root) if self.root.is_dir() else {}
        for path in self.files_of(COLLECTIONS[name]):
            data = self.state.original(path.name)
            try:
                found = (
                    _search(data, needle)
                    if data is not None
                    else _search_file(in_flight.get(path.name, path), needle)
                )
            except (OSError, ValueError):
                return None
            if found is not False:
                return found
        return any(record.id == record_id for record in self.state.appended(name))


# How JSON escapes any character of an id. Looked for with a regex, not `bytes.find`: with a
# digit last, common in JSON, the find skips ahead little (9 ms against 12 on 20 years).
_ESCAPE = re.compile(rb"\\u00")


def _search(data: bytes | mmap.mmap, needle: bytes) -> bool | None:
    """True when `needle` is in `data`, None when an escape makes that impossible to tell."""
    if _ESCAPE.search(data) is not None:
        return None
    return data.find(needle) != -1


def _search_file(path: Path, needle: bytes) -> bool | None:
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return False  # (an empty file is damage the reader reports)
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
            if codec.is_age(view[: len(codec.AGE_ARMOR)]):  # a file of an encrypted journal
                return _search(codec.decode(view[:], str(path)), needle)
            return _search(view, needle)


def part_of(collection: Collection, file_name: str) -> int | None:
    """The year of a file of a partitioned collection; None for its current file."""
    match = collection.file_pattern.match(file_name)
    assert match is not None, file_name  # files_of lists only the collection's own files
    return None if match.group(1) is None else int(match.group(1))
