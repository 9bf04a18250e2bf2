"""Partitioned collections, written a file at a time.

Sessions are kept one file per year, action items in a current file while open and in the file
of the year they were closed after (`storage/reader.py` reads them). A change reads and
rewrites only the files it touches: a new session its year; closing an action item the current
file and the year it moves into. Years read on their own are never rewritten: changing history
needs the whole collection, read as one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mentorlog.journal.state import Journal
from mentorlog.storage import integrity
from mentorlog.storage.collections import COLLECTIONS, Collection
from mentorlog.storage.reader import Reader
from mentorlog.storage.state import ReadState


def encode_partitioned(
    collection: Collection, records: list[Any], state: ReadState
) -> dict[str, bytes]:
    """The bytes of each file of a collection read in full, each record in its file.

    A journal written before action items moved between files (all of them in the
    current file) keeps its layout until one of them changes: nothing is written for it.
    """
    partition = collection.partition
    assert partition is not None, collection.name
    placed = _encode_parts(collection, records, lambda r: collection.file_name(partition(r)), state)
    if not collection.current or state.unchanged(placed):
        return placed
    read_from = {
        record.id: file_name
        for file_name, part in state.parts(collection.name).items()
        for record in part
    }
    as_read = _encode_parts(
        collection,
        records,
        lambda r: read_from.get(r.id) or collection.file_name(partition(r)),
        state,
    )
    return as_read if state.unchanged(as_read) else placed


def _encode_parts(
    collection: Collection, records: list[Any], file_of: Callable[[Any], str], state: ReadState
) -> dict[str, bytes]:
    parts: dict[str, list[Any]] = {}
    for record in records:
        parts.setdefault(file_of(record), []).append(record)
    for file_name in state.files:
        if collection.owns(file_name):
            parts.setdefault(file_name, [])  # emptied: rewritten as empty
    return {
        file_name: collection.encode(part, state.extras(file_name))
        for file_name, part in parts.items()
        # nothing is created until there is something to keep
        if part or state.original(file_name) is not None
    }


def read_in_parts(state: ReadState, journal: Journal) -> list[str]:
    """Partitioned collections that were read (or added to) file by file, not in full."""
    return sorted(
        name
        for name, collection in state.collections.items()
        if (collection.appended or collection.parts)
        and COLLECTIONS[name].partition is not None
        and not journal.is_loaded(name)
    )


def placed(collection: Collection, reader: Reader) -> dict[str, list[Any]]:
    """The files to rewrite of a collection read file by file, with their records.

    The current file is the working set: it is rewritten with the records read from it
    (changed in place, perhaps) that still belong there. Records added, and records that no
    longer belong in the current file (an action item just closed), go to the end of the
    file they belong in, which is read first. Years read on their own are never rewritten
    otherwise: changing history needs the whole collection.
    """
    name, state = collection.name, reader.state
    assert collection.partition is not None, name
    read = state.parts(name)
    found: dict[str, list[Any]] = {}
    moving: list[Any] = []
    current = collection.file_name() if collection.current else None
    if current is not None and current in read:
        if not state.appended(name) and state.unchanged(
            {current: collection.encode(read[current], state.extras(current))}
        ):
            return {}  # as read (a journal from before keeps its layout, see above)
        found[current] = []
        for record in read[current]:
            stays = collection.partition(record) is None
            (found[current] if stays else moving).append(record)
    moving += state.appended(name)
    for record in moving:
        part = collection.partition(record)
        file_name = collection.file_name(part)
        if file_name not in found:
            found[file_name] = list(reader.load_part(name, part))
        found[file_name].append(record)
    return found


def check_parts_read(journal: Journal, name: str, reader: Reader) -> None:
    """Judge the references of the files read (and about to be rewritten) to the small
    collections, which a file read on its own may have been read before."""
    for target in sorted(integrity.targets_of(name)):
        if COLLECTIONS[target].partition is None:
            journal.collection(target)
    state = reader.state.collection(name)
    for file_name, index in sorted(state.part_refs.items()):
        problem = integrity.first_dangling({name: index}, reader.state.disk_ids())
        if problem is not None:
            reader.raise_problem(problem, file_name)


def parts_problem(journal: Journal, name: str, state: ReadState) -> integrity.Problem | None:
    """The checks of a whole collection, for one read file by file: no id twice among the
    files read, and every reference added since reading them to a record that exists."""
    collection = state.collection(name)
    new = collection.appended
    problem = integrity.duplicate_id(name, [*collection.records_read(), *new])
    if problem is not None:
        return problem
    current = COLLECTIONS[name].file_name()
    before = collection.part_refs.get(current, {})
    now = integrity.reference_index(name, [*collection.parts.get(current, []), *new])
    for (field, target), first in now.items():
        known = before.get((field, target), {})
        for ref, source_id in first.items():
            if ref not in known and not _exists(journal, target, ref, state):
                noun = target.rstrip("s")
                message = f"refers to a {noun} that does not exist ({ref})"
                return integrity.Problem(name, source_id, field, message)
    return None


def _exists(journal: Journal, name: str, record_id: str, state: ReadState) -> bool:
    """Whether a record exists, reading all of `name` only if what was read does not say."""
    if not journal.is_loaded(name):
        collection = state.collections.get(name)
        if collection is not None and any(
            record.id == record_id for record in [*collection.appended, *collection.records_read()]
        ):
            return True
    return any(record.id == record_id for record in journal.collection(name))
