"""What a store knows of the journal it has read: one state per file, one per collection.

A `ReadState` is made afresh for each journal the store hands out (`Store.journal()`), so what
one journal read never leaks into the next. Nothing here reads or writes a file: the reader
(`storage/reader.py`) fills it, the store (`storage/store.py`) and the writing of partitioned
collections (`storage/parts.py`) judge a change against it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorlog.storage.integrity import ReferenceIndex


@dataclass(slots=True, eq=False, repr=False)
class FileState:
    """One data file, as read."""

    original: bytes | None  # the exact bytes read (None: the file did not exist)
    read_from: Path | None = None  # the path they came from (a pending commit's temp, say)
    extras: dict[str, Any] = field(default_factory=dict)  # unknown top-level keys, kept on save
    migrated: bytes | None = None  # its bytes as migrated in memory (an older schema's file)

    @property
    def as_read(self) -> bytes | None:
        """What an unchanged journal would write: a migrated file's records are not a change."""
        return self.original if self.migrated is None else self.migrated


@dataclass(slots=True, eq=False, repr=False)
class CollectionState:
    """One collection, as read: in full, or a file at a time (a partitioned one)."""

    # file name -> the records read from it (the lists as read, not the journal's list: a
    # transaction may change that one)
    parts: dict[str, list[Any]] = field(default_factory=dict)
    disk_ids: set[str] | None = None  # ids of every record on disk, once all were read
    # the references its records make as read from disk, once all were read: the load-time
    # check judges the files, not what a transaction has changed in memory since
    disk_refs: ReferenceIndex | None = None
    part_refs: dict[str, ReferenceIndex] = field(default_factory=dict)  # files read alone
    appended: list[Any] = field(default_factory=list)  # new records, the rest still unread

    def records_read(self) -> Iterator[Any]:
        for part in self.parts.values():
            yield from part


@dataclass(eq=False, repr=False)
class ReadState:
    """Everything one journal has read: its files by name, its collections by name."""

    files: dict[str, FileState] = field(default_factory=dict)
    collections: dict[str, CollectionState] = field(default_factory=dict)

    def collection(self, name: str) -> CollectionState:
        found = self.collections.get(name)
        if found is None:
            found = self.collections[name] = CollectionState()
        return found

    def original(self, file_name: str) -> bytes | None:
        file = self.files.get(file_name)
        return None if file is None else file.original

    def as_read(self, file_name: str) -> bytes | None:
        file = self.files.get(file_name)
        return None if file is None else file.as_read

    def extras(self, file_name: str) -> dict[str, Any] | None:
        file = self.files.get(file_name)
        return None if file is None else file.extras

    def parts(self, name: str) -> dict[str, list[Any]]:
        """The files of collection `name` whose records are held, with their records."""
        found = self.collections.get(name)
        return {} if found is None else found.parts

    def appended(self, name: str) -> list[Any]:
        found = self.collections.get(name)
        return [] if found is None else found.appended

    def unchanged(self, encoded: dict[str, bytes]) -> bool:
        """Whether every file of `encoded` would be written as it was read."""
        return all(data == self.as_read(name) for name, data in encoded.items())

    def disk_ids(self) -> dict[str, set[str]]:
        """The ids on disk of each collection read in full (a reference into another one is
        not judged)."""
        return {
            name: state.disk_ids
            for name, state in self.collections.items()
            if state.disk_ids is not None
        }

    def references(self) -> dict[str, ReferenceIndex]:
        """What every collection read so far refers to, including single files of one."""
        found: dict[str, ReferenceIndex] = {}
        for name, state in self.collections.items():
            if state.disk_refs is not None:
                found[name] = state.disk_refs
            elif state.part_refs:
                merged: ReferenceIndex = {}
                for index in state.part_refs.values():
                    for target, first in index.items():
                        merged[target] = {**first, **merged.get(target, {})}
                found[name] = merged
        return found

    def file_of(self, name: str, record_id: str) -> str | None:
        """The file a record was read from (the first one, for a duplicated id)."""
        for file_name, part in self.parts(name).items():
            if any(record.id == record_id for record in part):
                return file_name
        return None
