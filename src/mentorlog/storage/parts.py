"""Partitioned collections, read and written a file at a time.

Sessions are kept one file per year (`meetings-YYYY.json`); action items in a current file
(`actions.json`) while open, then in the file of the year they were closed (`actions-YYYY.json`).
Everyday commands read only the files they need: the newest years of sessions, the open action
items. A change reads and rewrites only the files it touches: a new session its year; closing an
action item the current file and the year it moves into. Years read on their own are for reading:
changing history needs the whole collection, read as one.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorlog.journal.state import Journal
from mentorlog.storage import codec, commit, integrity
from mentorlog.storage.collections import COLLECTIONS, Collection
from mentorlog.storage.decode import bulk_allocation


class PartitionedFiles:
    """The file-at-a-time half of `Store` (which provides these attributes and methods)."""

    root: Path
    _parts: dict[str, dict[str, list[Any]]]
    _part_refs: dict[str, dict[str, integrity.ReferenceIndex]]
    _appended: dict[str, list[Any]]
    _disk_ids: dict[str, set[str]]
    _originals: dict[str, bytes | None]
    _migrated: dict[str, bytes]
    _extras: dict[str, dict[str, Any]]
    _read_from: dict[str, Path]

    if TYPE_CHECKING:

        def files_of(self, collection: Collection) -> list[Path]: ...

        def _part(self, collection: Collection, path: Path) -> list[Any]: ...

        def _load_file(
            self, collection: Collection, path: Path, committed: Path | None = None
        ) -> list[Any]: ...

        def _raise_problem(
            self, problem: integrity.Problem, file_name: str | None = None
        ) -> None: ...

    # -- what this store has read (read-only, for tests and diagnostics) -----------------

    def files_read(self) -> frozenset[str]:
        """The names of the data files whose bytes this store has read since it was opened
        (or last re-read)."""
        return frozenset(self._read_from)

    def loaded_files(self, collection: str) -> frozenset[str]:
        """The names of the files of `collection` whose records this store holds now."""
        return frozenset(self._parts.get(collection, {}))

    # -- reading (journal.state.Partitions) ----------------------------------------------

    def years(self, name: str) -> list[int]:
        collection = COLLECTIONS[name]
        parts = (part_of(collection, path.name) for path in self.files_of(collection))
        return [part for part in parts if part is not None]

    def load_part(self, name: str, part: int | None) -> list[Any]:
        """The records of one file (a year's, or the current one for None), validated and
        checked like a whole collection.

        A year read on its own is only for reading; records of the current file may be changed
        in place, and are saved (see `_placed`).
        """
        collection = COLLECTIONS[name]
        path = self.root / collection.file_name(part)
        if path not in self.files_of(collection):
            return []
        with bulk_allocation():
            records = self._part(collection, path)
            index = integrity.reference_index(name, records)
            self._part_refs.setdefault(name, {})[path.name] = index
            problem = None
            if len({record.id for record in records}) != len(records):
                problem = integrity.duplicate_id(name, records)
            problem = problem or integrity.first_dangling({name: index}, self._disk_ids)
        if problem is not None:
            self._raise_problem(problem)
        return records

    def added(self, name: str) -> list[Any]:
        """Records added to a collection that has not been read in full (they are saved)."""
        return list(self._appended.get(name, []))

    def stream(self, name: str) -> Iterator[list[Any]]:
        """Every file's records, oldest year first, each checked as a whole collection is;
        a year not read before is not kept once the caller moves on (a long search)."""
        collection = COLLECTIONS[name]
        seen: set[str] = set()
        in_flight = commit.pending(self.root) if self.root.is_dir() else {}
        for path in self.files_of(collection):
            with bulk_allocation():
                part = self._parts.get(name, {}).get(path.name)
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
                problem = problem or integrity.first_dangling({name: index}, self._disk_ids)
            if problem is not None:
                self._raise_problem(problem, path.name)
            yield part
        if not self._appended.get(name):
            self._disk_ids[name] = seen  # all read: references to them can be judged now

    def append(self, name: str, record: Any) -> None:
        collection = COLLECTIONS[name]
        assert collection.partition is not None, name
        self.load_part(name, collection.partition(record))  # read and checked before changed
        self._appended.setdefault(name, []).append(record)

    def id_taken(self, name: str, record_id: str) -> bool | None:
        """Whether `record_id` appears in any file of `name`, by a search of the bytes.

        An id is `[0-9a-z]`, so JSON writes it as itself between quotes, unless a hand edit
        spelled it with escapes (`\\u0061`): a file with any such escape is not judged (None).
        Files not read yet are searched through a memory map, without copying them.
        """
        needle = f'"{record_id}"'.encode("ascii")
        in_flight = commit.pending(self.root) if self.root.is_dir() else {}
        for path in self.files_of(COLLECTIONS[name]):
            data = self._originals.get(path.name)
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
        return any(record.id == record_id for record in self._appended.get(name, []))

    # -- writing ------------------------------------------------------------------------

    def _encode_partitioned(self, collection: Collection, records: list[Any]) -> dict[str, bytes]:
        """The bytes of each file of a collection read in full, each record in its file.

        A journal written before action items moved between files (all of them in the
        current file) keeps its layout until one of them changes: nothing is written for it.
        """
        partition = collection.partition
        assert partition is not None, collection.name
        placed = self._encode_parts(
            collection, records, lambda r: collection.file_name(partition(r))
        )
        if not collection.current or self._unchanged(placed):
            return placed
        read_from = {
            record.id: file_name
            for file_name, part in self._parts.get(collection.name, {}).items()
            for record in part
        }
        as_read = self._encode_parts(
            collection,
            records,
            lambda r: read_from.get(r.id) or collection.file_name(partition(r)),
        )
        return as_read if self._unchanged(as_read) else placed

    def _encode_parts(
        self, collection: Collection, records: list[Any], file_of: Callable[[Any], str]
    ) -> dict[str, bytes]:
        parts: dict[str, list[Any]] = {}
        for record in records:
            parts.setdefault(file_of(record), []).append(record)
        for file_name in self._originals:
            if collection.owns(file_name):
                parts.setdefault(file_name, [])  # emptied: rewritten as empty
        return {
            file_name: collection.encode(part, self._extras.get(file_name))
            for file_name, part in parts.items()
            # nothing is created until there is something to keep
            if part or self._originals.get(file_name) is not None
        }

    def _unchanged(self, encoded: dict[str, bytes]) -> bool:
        return all(
            data == self._migrated.get(name, self._originals.get(name))
            for name, data in encoded.items()
        )

    def _read_in_parts(self, journal: Journal) -> list[str]:
        """Partitioned collections that were read (or added to) file by file, not in full."""
        names = set(self._appended) | {name for name, parts in self._parts.items() if parts}
        return sorted(
            name
            for name in names
            if COLLECTIONS[name].partition is not None and not journal.is_loaded(name)
        )

    def _placed(self, collection: Collection) -> dict[str, list[Any]]:
        """The files to rewrite of a collection read file by file, with their records.

        The current file is the working set: it is rewritten with the records read from it
        (changed in place, perhaps) that still belong there. Records added, and records that no
        longer belong in the current file (an action item just closed), go to the end of the
        file they belong in, which is read first. Years read on their own are never rewritten
        otherwise: changing history needs the whole collection.
        """
        name = collection.name
        assert collection.partition is not None, name
        read = self._parts.get(name, {})
        placed: dict[str, list[Any]] = {}
        moving: list[Any] = []
        current = collection.file_name() if collection.current else None
        if current is not None and current in read:
            if not self._appended.get(name) and self._unchanged(
                {current: collection.encode(read[current], self._extras.get(current))}
            ):
                return {}  # as read (a journal from before keeps its layout, see above)
            placed[current] = []
            for record in read[current]:
                stays = collection.partition(record) is None
                (placed[current] if stays else moving).append(record)
        moving += self._appended.get(name, [])
        for record in moving:
            part = collection.partition(record)
            file_name = collection.file_name(part)
            if file_name not in placed:
                placed[file_name] = list(self.load_part(name, part))
            placed[file_name].append(record)
        return placed

    def _check_parts_read(self, journal: Journal, name: str) -> None:
        """Judge the references of the files read (and about to be rewritten) to the small
        collections, which a file read on its own may have been read before."""
        for target in sorted(integrity.targets_of(name)):
            if COLLECTIONS[target].partition is None:
                journal.collection(target)
        for file_name, index in sorted(self._part_refs.get(name, {}).items()):
            problem = integrity.first_dangling({name: index}, self._disk_ids)
            if problem is not None:
                self._raise_problem(problem, file_name)

    def _parts_problem(self, journal: Journal, name: str) -> integrity.Problem | None:
        """The checks of a whole collection, for one read file by file: no id twice among the
        files read, and every reference added since reading them to a record that exists."""
        read = [record for part in self._parts.get(name, {}).values() for record in part]
        new = self._appended.get(name, [])
        problem = integrity.duplicate_id(name, [*read, *new])
        if problem is not None:
            return problem
        current = COLLECTIONS[name].file_name()
        before = self._part_refs.get(name, {}).get(current, {})
        now = integrity.reference_index(name, [*self._parts.get(name, {}).get(current, []), *new])
        for (field, target), first in now.items():
            known = before.get((field, target), {})
            for ref, source_id in first.items():
                if ref not in known and not self._exists(journal, target, ref):
                    noun = target.rstrip("s")
                    message = f"refers to a {noun} that does not exist ({ref})"
                    return integrity.Problem(name, source_id, field, message)
        return None

    def _exists(self, journal: Journal, name: str, record_id: str) -> bool:
        """Whether a record exists, reading all of `name` only if what was read does not say."""
        if not journal.is_loaded(name):
            seen = [*self._appended.get(name, [])]
            seen += [record for part in self._parts.get(name, {}).values() for record in part]
            if any(record.id == record_id for record in seen):
                return True
        return any(record.id == record_id for record in journal.collection(name))


_ESCAPE = b"\\u00"  # how JSON escapes any character of an id


def _search(data: bytes | mmap.mmap, needle: bytes) -> bool | None:
    """True when `needle` is in `data`, None when an escape makes that impossible to tell."""
    if data.find(_ESCAPE) != -1:
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
