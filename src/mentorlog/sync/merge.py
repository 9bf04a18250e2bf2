"""The three-way merge of two journals, record by record (docs/sync.md). Pure: bytes in, bytes out.

A record is its collection and id, whichever file holds it (an action closed on one side moves
to a year's file; a re-dated session to another year). Against the common ancestor:

- a record changed on one side only is taken from that side; changed on both, field by field:
  a field changed on one side is taken, list fields are united (what either side removed stays
  removed, what either side added is kept), nested objects (an agreement) merge the same way;
  the same field changed differently goes to the later `updated`, and the other value goes to
  the conflict log;
- deleted on one side and edited on the other: the edit survives (and what it refers to);
- created on both sides with the same id but different content: the other side's record gets a
  new id, and its references follow.

The merged journal must pass the integrity check of every load, or nothing is merged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from mentorlog.models import new_id
from mentorlog.storage import integrity
from mentorlog.storage.collections import COLLECTIONS, Collection
from mentorlog.storage.files import ParsedFile, encode_collection, is_data_file, parse_file_bytes
from mentorlog.sync.git import SyncError

_MISSING: Any = object()
_STAMPS = ("created", "updated")  # bookkeeping, not a choice: the later `updated` is kept


@dataclass
class Side:
    """One version of the journal: each collection's records by id, in file order."""

    files: dict[str, bytes]
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    extras: dict[str, dict[str, Any]] = field(default_factory=dict)  # file name -> extras

    def of(self, collection: str) -> dict[str, Any]:
        return self.records.get(collection, {})

    def file_bytes(self, collection: Collection) -> dict[str, bytes]:
        return {name: data for name, data in self.files.items() if collection.owns(name)}


class Parser:
    """Parses data files through the store's one parsing function, each distinct content once."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, bytes], ParsedFile] = {}

    def side(self, files: dict[str, bytes], where: str) -> Side:
        data = {name: raw for name, raw in files.items() if is_data_file(name)}
        side = Side(files=data)
        for name in sorted(data):
            key = (name, hashlib.sha256(data[name]).digest())
            parsed = self._seen.get(key)
            if parsed is None:
                parsed = self._seen[key] = parse_file_bytes(name, data[name], where)
            by_id = side.records.setdefault(parsed.collection.name, {})
            for record in parsed.records:
                if record.id in by_id:
                    raise SyncError(
                        f"{name} ({where}) has record {record.id} twice; "
                        "fix that journal first. Nothing was changed."
                    )
                by_id[record.id] = record
            side.extras[name] = parsed.extras
        return side


@dataclass(frozen=True)
class FieldConflict:
    collection: str
    record_id: str
    field: str  # dotted, e.g. `agreement.hope`
    kept: Any  # JSON values
    lost: Any
    kept_from: str  # "ours" or "theirs"


@dataclass
class Merged:
    files: dict[str, bytes]  # every data file of the merged journal
    records: dict[str, list[Any]]
    conflicts: list[FieldConflict]
    renamed: list[tuple[str, str, str]]  # (collection, old id, new id) of the other side
    revived: list[tuple[str, str]]  # deleted on one side, kept for an edit or a reference


def merge(base: Side, ours: Side, theirs: Side) -> Merged:
    renamed = _rename_collisions(ours, theirs, base)
    conflicts: list[FieldConflict] = []
    revived: list[tuple[str, str]] = []
    records: dict[str, dict[str, Any]] = {}
    for name in COLLECTIONS:
        records[name] = _merge_collection(name, base, ours, theirs, conflicts, revived)
    _revive_referenced(records, base, ours, theirs, revived)
    problem = integrity.dangling_reference({n: list(r.values()) for n, r in records.items()})
    if problem is not None:
        raise SyncError(
            f"The merged journal would be inconsistent ({problem.collection} record "
            f"{problem.record_id}, field '{problem.field}' {problem.message}). Nothing was changed."
        )
    files: dict[str, bytes] = {}
    for name, collection in COLLECTIONS.items():
        files.update(_files_of(collection, records[name], base, ours, theirs, renamed))
    ordered = {name: list(by_id.values()) for name, by_id in records.items()}
    return Merged(files, ordered, conflicts, renamed, revived)


# -- identity ----------------------------------------------------------------------------------


def _rename_collisions(ours: Side, theirs: Side, base: Side) -> list[tuple[str, str, str]]:
    """Give a new id to each record of `theirs` created with an id `ours` also created."""
    renamed: list[tuple[str, str, str]] = []
    for name in COLLECTIONS:
        mine, other, old = ours.of(name), theirs.of(name), base.of(name)
        clashes = [i for i in other if i in mine and i not in old and mine[i] != other[i]]
        if not clashes:
            continue
        taken = set(mine) | set(other) | set(old)
        for record_id in clashes:
            fresh = new_id(taken)
            taken.add(fresh)
            renamed.append((name, record_id, fresh))
            _apply_rename(theirs, name, record_id, fresh)
    return renamed


def _apply_rename(side: Side, collection: str, old: str, new: str) -> None:
    by_id = side.records[collection]
    by_id[new] = by_id.pop(old).model_copy(update={"id": new})
    for source, refs in integrity.REFERENCES.items():
        for field_name, target, many in refs:
            if target != collection:
                continue
            for record_id, record in list(side.of(source).items()):
                value = getattr(record, field_name)
                if many and old in value:
                    fixed = [new if item == old else item for item in value]
                    side.records[source][record_id] = record.model_copy(update={field_name: fixed})
                elif not many and value == old:
                    side.records[source][record_id] = record.model_copy(update={field_name: new})


# -- records ---------------------------------------------------------------------------------


def _merge_collection(
    name: str,
    base: Side,
    ours: Side,
    theirs: Side,
    conflicts: list[FieldConflict],
    revived: list[tuple[str, str]],
) -> dict[str, Any]:
    old, mine, other = base.of(name), ours.of(name), theirs.of(name)
    if mine == old:
        return dict(other)
    if other in (old, mine):
        return dict(mine)
    merged: dict[str, Any] = {}
    # theirs' order, then what only ours has: a one-sided change keeps that side's layout
    for record_id in [*other, *(i for i in mine if i not in other)]:
        b, o, t = old.get(record_id), mine.get(record_id), other.get(record_id)
        result = _merge_record(name, b, o, t, conflicts)
        if result is not None:
            merged[record_id] = result
            if b is not None and (o is None or t is None):
                revived.append((name, record_id))
    return merged


def _merge_record(
    name: str, base: Any, ours: Any, theirs: Any, conflicts: list[FieldConflict]
) -> Any:
    if ours is None and theirs is None:
        return None
    if ours is None or theirs is None:
        present = ours if theirs is None else theirs
        if base is not None and present == base:
            return None  # deleted on one side, untouched on the other
        return present  # created on one side, or edited there while deleted on the other
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    ours_wins = (ours.updated, _fingerprint(ours)) >= (theirs.updated, _fingerprint(theirs))
    winner, loser = (ours, theirs) if ours_wins else (theirs, ours)
    found: list[tuple[str, Any, Any]] = []
    values = _merge_values(
        base.model_dump(mode="json") if base is not None else {},
        winner.model_dump(mode="json"),
        loser.model_dump(mode="json"),
        "",
        found,
    )
    values["updated"] = max(ours.updated, theirs.updated).isoformat()
    model = COLLECTIONS[name].model
    try:
        record = model.model_validate(values)
    except ValidationError:  # the parts do not make a valid whole: the later record, whole
        record = winner
        before = base.model_dump(mode="json") if base is not None else {}
        lost = loser.model_dump(mode="json")
        kept = winner.model_dump(mode="json")
        found = [
            (key, kept.get(key), lost[key])
            for key in lost
            if key not in _STAMPS and lost[key] != kept.get(key)
            if lost[key] != before.get(key, _MISSING)
        ]
    side = "ours" if ours_wins else "theirs"
    for path, kept_value, lost_value in found:
        conflicts.append(FieldConflict(name, ours.id, path, kept_value, lost_value, side))
    return record


def _merge_values(
    base: dict[str, Any],
    winner: dict[str, Any],
    loser: dict[str, Any],
    prefix: str,
    found: list[tuple[str, Any, Any]],
) -> dict[str, Any]:
    """Field by field: one-sided changes taken, lists united, the rest to `winner`."""
    merged: dict[str, Any] = {}
    for key in [*winner, *(k for k in loser if k not in winner)]:
        b, w, lo = base.get(key, _MISSING), winner.get(key, _MISSING), loser.get(key, _MISSING)
        if w == lo or lo == b:
            value = w
        elif w == b:
            value = lo
        elif isinstance(w, dict) and isinstance(lo, dict):
            value = _merge_values(b if isinstance(b, dict) else {}, w, lo, f"{prefix}{key}.", found)
        elif _plain_list(w) and _plain_list(lo) and (b is _MISSING or _plain_list(b)):
            value = _unite(b if b is not _MISSING else [], w, lo)
        else:
            value = w
            if prefix or key not in _STAMPS:
                found.append((f"{prefix}{key}", None if w is _MISSING else w, lo))
        if value is not _MISSING:
            merged[key] = value
    return merged


def _plain_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _unite(base: list[str], one: list[str], other: list[str]) -> list[str]:
    """Both sides' additions kept, both sides' removals honoured, in `one`'s order first."""
    united = [item for item in one if item in other or item not in base]
    united += [item for item in other if item not in base and item not in united]
    return list(dict.fromkeys(united))


def _fingerprint(record: Any) -> str:
    """A tie-break between two records changed at the same instant: stable on every machine."""
    return hashlib.sha256(record.model_dump_json().encode("utf-8")).hexdigest()


# -- references ------------------------------------------------------------------------------


def _revive_referenced(
    records: dict[str, dict[str, Any]],
    base: Side,
    ours: Side,
    theirs: Side,
    revived: list[tuple[str, str]],
) -> None:
    """Bring back a record deleted on one side that a kept record still refers to."""
    while True:
        problem = integrity.dangling_reference({n: list(r.values()) for n, r in records.items()})
        if problem is None:
            return
        target = _target_of(records, problem)
        if target is None:
            return
        collection, record_id = target
        candidates = [s.of(collection).get(record_id) for s in (ours, theirs, base)]
        found = [c for c in candidates if c is not None]
        if not found:
            return  # referred to but never existed anywhere: reported by the caller
        records[collection][record_id] = max(found, key=lambda r: r.updated)
        revived.append((collection, record_id))


def _target_of(
    records: dict[str, dict[str, Any]], problem: integrity.Problem
) -> tuple[str, str] | None:
    for field_name, target, many in integrity.REFERENCES.get(problem.collection, ()):
        if field_name != problem.field:
            continue
        value = getattr(records[problem.collection][problem.record_id], field_name)
        for ref in value if many else [value]:
            if ref is not None and ref not in records.get(target, {}):
                return target, ref
    return None


# -- files -----------------------------------------------------------------------------------


def _files_of(
    collection: Collection,
    records: dict[str, Any],
    base: Side,
    ours: Side,
    theirs: Side,
    renamed: list[tuple[str, str, str]],
) -> dict[str, bytes]:
    """The merged collection's files: a side's own bytes when the merge took that side whole."""
    untouched = not any(
        collection.name == name or collection.name in integrity.sources_of(name)
        for name, _old, _new in renamed
    )
    mine, other, old = (
        ours.file_bytes(collection),
        theirs.file_bytes(collection),
        base.file_bytes(collection),
    )
    if untouched and (mine in (old, other)):
        return other
    if untouched and other == old:
        return mine
    extras: dict[str, dict[str, Any]] = {}
    for side in (theirs, ours):
        for name in side.file_bytes(collection):
            extras[name] = {**extras.get(name, {}), **side.extras.get(name, {})}
    return encode_collection(collection, records.values(), [*mine, *other], extras)


def changes(before: Side, after: Side) -> dict[str, tuple[int, int, int]]:
    """Collection -> (added, changed, removed) records from `before` to `after`."""
    found: dict[str, tuple[int, int, int]] = {}
    for name in COLLECTIONS:
        old, new = before.of(name), after.of(name)
        if old == new:
            continue
        added = sum(1 for i in new if i not in old)
        removed = sum(1 for i in old if i not in new)
        changed = sum(1 for i in new if i in old and new[i] != old[i])
        if added or changed or removed:
            found[name] = (added, changed, removed)
    return found


def describe(counts: dict[str, tuple[int, int, int]]) -> str:
    """`2 meetings added, 1 action changed` (empty when nothing changed)."""
    parts: list[str] = []
    for name, (added, changed, removed) in counts.items():
        for number, verb in ((added, "added"), (changed, "changed"), (removed, "removed")):
            if number:
                noun = name if number != 1 else name.removesuffix("s")
                parts.append(f"{number} {noun} {verb}")
    return ", ".join(parts)
