"""What can be wrong in files edited by hand: duplicate ids, dangling references, bad fields."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pydantic import ValidationError

# collection -> (field, target collection, field holds a list)
REFERENCES: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "milestones": (("goal", "goals", False), ("mentor", "mentors", False)),
    "mentors": (("goals", "goals", True),),
    "meetings": (("mentor", "mentors", False), ("goals", "goals", True)),
    "actions": (
        ("meeting", "meetings", False),
        ("mentor", "mentors", False),
        ("goal", "goals", False),
    ),
    "topics": (("mentor", "mentors", False), ("meeting", "meetings", False)),
}


def targets_of(collection: str) -> set[str]:
    """The collections that records of `collection` refer to."""
    return {target for _field, target, _many in REFERENCES.get(collection, ())}


def sources_of(collection: str) -> set[str]:
    """The collections whose records may refer to records of `collection`."""
    return {source for source in REFERENCES if collection in targets_of(source)}


class Problem(NamedTuple):
    collection: str
    record_id: str
    field: str
    message: str


def duplicate_id(collection: str, records: list[Any]) -> Problem | None:
    if len({record.id for record in records}) == len(records):  # the common case, in C
        return None
    seen: set[str] = set()
    for record in records:
        if record.id in seen:
            return Problem(collection, record.id, "id", "the same id appears twice")
        seen.add(record.id)
    return None


# (field, target collection) -> referenced id -> the first record (id) that refers to it.
# One entry per distinct referenced id, so checking 20,000 sessions against 100 mentors looks
# up 100 ids, not 20,000; the index keeps the order of the first references for the message.
ReferenceIndex = dict[tuple[str, str], dict[str, str]]


def reference_index(source: str, records: list[Any]) -> ReferenceIndex:
    """Every id the records of `source` refer to, by field and target collection."""
    index: ReferenceIndex = {}
    for field, target, many in REFERENCES.get(source, ()):
        first: dict[str, str] = {}
        add = first.setdefault
        if many:
            for record in records:
                for ref in getattr(record, field):
                    add(ref, record.id)
        else:
            for record in records:
                ref = getattr(record, field)
                if ref is not None:
                    add(ref, record.id)
        index[(field, target)] = first
    return index


def first_dangling(refs: dict[str, ReferenceIndex], ids: dict[str, set[str]]) -> Problem | None:
    """The first reference between known collections whose target is missing.

    `refs` and `ids` may cover only some collections: a reference into a collection whose ids
    are not known is not judged.
    """
    for source in REFERENCES:
        for (field, target), first in refs.get(source, {}).items():
            known = ids.get(target)
            if known is None or known.issuperset(first):
                continue
            ref = next(ref for ref in first if ref not in known)
            noun = target.rstrip("s")
            return Problem(
                source, first[ref], field, f"refers to a {noun} that does not exist ({ref})"
            )
    return None


def dangling_reference(loaded: dict[str, list[Any]]) -> Problem | None:
    """The first reference from a loaded collection to a missing record of another loaded one."""
    refs = {name: reference_index(name, records) for name, records in loaded.items()}
    ids = {name: {record.id for record in records} for name, records in loaded.items()}
    return first_dangling(refs, ids)


def describe(error: ValidationError, key: str, raw_records: list[Any]) -> str:
    """Where the first validation error of a file is: the record (number and id) and field.

    Never includes the offending value, which may be note text.
    """
    from mentorlog.problems import first_problem  # pydantic: only on this error path

    problem = first_problem(error)
    loc = list(problem.loc)
    message = problem.message
    if len(loc) >= 2 and loc[0] == key and isinstance(loc[1], int):
        index = loc[1]
        raw = raw_records[index] if index < len(raw_records) else None
        ident = raw.get("id") if isinstance(raw, dict) else None
        plain = isinstance(ident, str) and re.fullmatch(r"[0-9a-z]{1,32}", ident)
        shown_id = f" (id {ident})" if plain else ""
        field = ".".join(str(part) for part in loc[2:]) or "(the record itself)"
        return f"is invalid: record {index + 1}{shown_id}, field '{field}': {message}"
    where = ".".join(str(part) for part in loc) or "(top level)"
    return f"is invalid: field '{where}': {message}"
