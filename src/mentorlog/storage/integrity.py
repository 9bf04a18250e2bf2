"""Cross-record rules a file can break when edited by hand: duplicate ids, dangling references."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
}


@dataclass(frozen=True)
class Problem:
    collection: str
    record_id: str
    field: str
    message: str


def duplicate_id(collection: str, records: list[Any]) -> Problem | None:
    seen: set[str] = set()
    for record in records:
        if record.id in seen:
            return Problem(collection, record.id, "id", "the same id appears twice")
        seen.add(record.id)
    return None


def dangling_reference(loaded: dict[str, list[Any]]) -> Problem | None:
    """The first reference from a loaded collection to a missing record of another loaded one."""
    id_sets: dict[str, set[str]] = {}
    for source, rules in REFERENCES.items():
        records = loaded.get(source)
        if records is None:
            continue
        for field, target, many in rules:
            if target not in loaded:
                continue
            if target not in id_sets:
                id_sets[target] = {record.id for record in loaded[target]}
            known = id_sets[target]
            for record in records:
                value = getattr(record, field)
                values = value if many else ([] if value is None else [value])
                for ref in values:
                    if ref not in known:
                        noun = target.rstrip("s")
                        return Problem(
                            source,
                            record.id,
                            field,
                            f"refers to a {noun} that does not exist ({ref})",
                        )
    return None
