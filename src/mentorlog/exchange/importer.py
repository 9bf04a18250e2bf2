"""`mentorlog import FILE.json`: a backup merged by id (people from CSV: `exchange.people`).

Every import is all or nothing. The file is read under a size cap, parsed, and every record is
validated and merged into a read-only copy of the journal first; only when that copy is
consistent (no duplicate ids, no dangling references) is the same merge repeated under the
journal's lock and saved. A failed import, or one that changes nothing, never touches a file.
"""

from __future__ import annotations

import gc
import json
import shlex
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from mentorlog.errors import BadInput, NewerSchema
from mentorlog.exchange.export_json import EXPORT_FORMAT
from mentorlog.journal.state import COLLECTION_NAMES, Journal
from mentorlog.models import Record
from mentorlog.problems import first_problem
from mentorlog.storage import codec, integrity, migrations, strict_json
from mentorlog.storage.collections import COLLECTIONS
from mentorlog.storage.store import Store

MAX_IMPORT_BYTES = 50 * 1024 * 1024  # far above a 20-year journal (about 15 MB as JSON)
MAX_JSON_DEPTH = 64  # a backup is about 5 levels deep; reflection snapshots a few more

ImportFormat = Literal["json", "csv", "ics"]
_SUFFIXES: dict[str, ImportFormat] = {".json": "json", ".csv": "csv", ".ics": "ics", ".ical": "ics"}


class Conflict(BaseModel):
    """One id present on both sides with different content."""

    collection: str
    id: str
    winner: Literal["journal", "import"]
    reason: str


class CollectionCounts(BaseModel):
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # conflicts where the journal's version was newer (or as new)


class BackupImportReport(BaseModel):
    """What a backup import changed (or, with --dry-run, would change)."""

    file: str
    format: Literal["json"] = "json"
    dry_run: bool
    schema_version: int
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[Conflict] = Field(default_factory=list)
    collections: dict[str, CollectionCounts] = Field(default_factory=dict)

    @property
    def changes(self) -> int:
        return self.added + self.updated


# -- reading ---------------------------------------------------------------------------------


def guess_format(path: Path, given: str | None) -> ImportFormat:
    if given is not None:
        if given not in ("json", "csv", "ics"):
            raise BadInput(f"Unknown import format {given!r}; use json, csv or ics.")
        return given  # type: ignore[return-value]
    suffix = path.suffix.lower()
    if suffix == ".age":  # an encrypted export: `backup.json.age`
        suffix = Path(path.stem).suffix.lower()
    found = _SUFFIXES.get(suffix)
    if found is None:
        raise BadInput(
            f"Cannot tell the format of {path.name} from its name; add --format json, csv or ics."
        )
    return found


def read_limited(path: Path) -> bytes:
    """The file's bytes, refusing directories, unreadable files and anything over the cap."""
    limit_text = f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB"
    try:
        if path.is_dir():
            raise BadInput(f"{path} is a directory, not a file to import.")
        with path.open("rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)  # also bounds a pipe or a growing file
    except OSError as error:
        raise BadInput(f"Cannot read {path}: {error.strerror or error}.") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise BadInput(f"{path.name} is larger than {limit_text}; nothing was imported.")
    return codec.decode(data, str(path))  # an encrypted export opens with the user's key


def decode_text(data: bytes, label: str, *, spreadsheet: bool = False) -> str:
    """`data` as UTF-8 text (a byte-order mark is allowed); anything else is refused in one
    line that says how to re-save the file, since guessing an encoding garbles names."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
        looks = " (it looks like Latin-1/Windows-1252)"
    except UnicodeDecodeError:
        looks = ""
    convert = f"`iconv -f cp1252 -t utf-8 {shlex.quote(label)} > {shlex.quote('utf8-' + label)}`"
    how = (
        'save it again as "CSV UTF-8" (Excel: Save As > CSV UTF-8; LibreOffice: Save As > '
        f"Character set: Unicode (UTF-8)), or run {convert}"
        if spreadsheet
        else f"save it again as UTF-8, e.g. {convert}"
    )
    raise BadInput(f"{label} is not UTF-8 text{looks}: {how}; nothing was imported.")


def _too_deep(value: Any, limit: int) -> bool:
    """Whether JSON data nests deeper than `limit`, level by level (no recursion to exhaust)."""
    containers = (dict, list)
    level = [value] if type(value) in containers else []
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        deeper: list[Any] = []
        for item in level:
            children = item.values() if type(item) is dict else item
            deeper += [child for child in children if type(child) in containers]
        level = deeper
    return False


def load_json(data: bytes, label: str) -> Any:
    text = decode_text(data, label)
    try:
        document = strict_json.loads(text)  # NaN, 1e400, a key twice... cannot be imported as is
    except strict_json.Strange as error:
        raise BadInput(f"{label} {error}; nothing was imported.") from None
    except json.JSONDecodeError as error:
        raise BadInput(
            f"{label} is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}."
        ) from None
    except RecursionError:
        raise BadInput(f"{label} nests JSON too deeply; nothing was imported.") from None
    if _too_deep(document, MAX_JSON_DEPTH):
        raise BadInput(f"{label} nests JSON too deeply; nothing was imported.")
    return document


# -- a backup: parse, validate, merge ----------------------------------------------------------


def parse_backup(data: bytes, label: str) -> tuple[int, dict[str, list[Record]]]:
    """The schema version and every record of a mentorlog export, validated (all or nothing)."""
    document = load_json(data, label)
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise BadInput(
            f'{label} is not a mentorlog backup (no "format": "{EXPORT_FORMAT}"); '
            "make one with `mentorlog export --format json`."
        )
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadInput(f"{label} has no valid schema_version; nothing was imported.")
    current = migrations.CURRENT_VERSION
    if version > current:
        raise NewerSchema(
            f"{label} was written by a newer mentorlog (schema {version}; this version reads up "
            f"to {current}). Upgrade mentorlog; nothing was imported."
        )
    records: dict[str, list[Record]] = {}

    def raw_records(name: str) -> list[Any]:
        found = document.get(name)
        return found if isinstance(found, list) else []

    for name in COLLECTION_NAMES:
        raw = document.get(name, [])
        if not isinstance(raw, list):
            raise BadInput(f"{label}: '{name}' is not a list; nothing was imported.")
        if version < current:
            older = {"schema_version": version, name: raw}
            try:
                with migrations.reading(raw_records):
                    raw = migrations.migrate(name, older, version)[name]
            except (ValueError, KeyError, TypeError) as error:
                raise BadInput(
                    f"{label}: {name} cannot be upgraded from schema {version}: {error}."
                ) from None
        records[name] = _validate_records(name, raw, label)
        problem = integrity.duplicate_id(name, records[name])
        if problem is not None:
            raise BadInput(f"{label}: {name} id {problem.record_id} appears twice.")
    return version, records


def _validate_records(name: str, raw: list[Any], label: str) -> list[Record]:
    model = COLLECTIONS[name].model
    valid = []
    gc_was_enabled = gc.isenabled()
    gc.disable()  # as in the store: many new objects, none of them cyclic garbage
    try:
        for index, item in enumerate(raw):
            try:
                valid.append(model.model_validate(item))
            except ValidationError as error:
                raise BadInput(
                    f"{label}: {name} record {index + 1}{_shown_id(item)}: "
                    f"{_first_problem(error)}; nothing was imported."
                ) from None
    finally:
        if gc_was_enabled:
            gc.enable()
    return valid


def _shown_id(item: Any) -> str:
    ident = item.get("id") if isinstance(item, dict) else None
    if isinstance(ident, str) and ident.isascii() and ident.isalnum() and len(ident) <= 32:
        return f" (id {ident})"
    return ""


def _first_problem(error: ValidationError) -> str:
    """Which field is wrong and why, never the value (it may be note text)."""
    problem = first_problem(error)
    return f"field '{problem.field or '(the record itself)'}': {problem.message}"


def merge_backup(journal: Journal, incoming: dict[str, list[Record]]) -> BackupImportReport:
    """Merge `incoming` into `journal` by id, in place; the report has file/dry_run unset.

    New ids are added; identical records are skipped; a different record under the same id is
    a conflict won by the later `updated` stamp (the journal's version on a tie).
    """
    report = BackupImportReport(file="", dry_run=False, schema_version=0)
    for name in COLLECTION_NAMES:
        # Load everything before merging anything: the store checks references as each
        # collection loads, and must see the journal as it is on disk, not half-merged.
        journal.collection(name)
    for name in COLLECTION_NAMES:
        counts = CollectionCounts()
        records = journal.collection(name)
        position = {record.id: index for index, record in enumerate(records)}
        for record in incoming.get(name, []):
            index = position.get(record.id)
            if index is None:
                position[record.id] = len(records)
                records.append(record)
                counts.added += 1
                continue
            current = records[index]
            if current == record:  # same fields, same values, same unknown fields
                counts.unchanged += 1
            elif record.updated > current.updated:
                records[index] = record
                counts.updated += 1
                report.conflicts.append(
                    Conflict(collection=name, id=record.id, winner="import", reason="newer")
                )
            else:
                counts.kept += 1
                reason = "newer" if current.updated > record.updated else "same updated time"
                report.conflicts.append(
                    Conflict(collection=name, id=record.id, winner="journal", reason=reason)
                )
        report.collections[name] = counts
        report.added += counts.added
        report.updated += counts.updated
        report.unchanged += counts.unchanged
    return report


def _check_consistent(journal: Journal, label: str) -> None:
    problem = integrity.dangling_reference(journal.loaded())
    if problem is not None:
        raise BadInput(
            f"{label} does not fit this journal: {problem.collection} record "
            f"{problem.record_id}, field '{problem.field}' {problem.message}. "
            "Nothing was imported."
        )


def import_backup(store: Store, path: Path, *, dry_run: bool) -> BackupImportReport:
    label = path.name
    version, incoming = parse_backup(read_limited(path), label)
    preview = store.journal()
    report = merge_backup(preview, incoming)
    _check_consistent(preview, label)
    if not dry_run and report.changes:
        with store.transaction() as journal:
            report = merge_backup(journal, incoming)
            _check_consistent(journal, label)
    return report.model_copy(
        update={"file": str(path), "dry_run": dry_run, "schema_version": version}
    )
