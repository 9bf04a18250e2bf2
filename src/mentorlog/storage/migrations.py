"""Numbered schema migrations: pure functions from one version's document to the next.

`MIGRATIONS[n]` turns a version-`n` document of any collection into version `n + 1`. Each runs
once per file, in order, in memory; the store writes the result only on the next change, after
backing up the original file. A file newer than `CURRENT_VERSION` is refused and never written.

A migration that needs a fact from another collection (the date of the session an action item
came from) asks `context()`, which the caller fills with a lazy reader of the raw records.
"""

from __future__ import annotations

import contextvars
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from mentorlog.storage import codec

Document = dict[str, Any]
Migration = Callable[[str, Document], Document]
RawRecords = Callable[[str], list[Any]]  # collection name -> its raw (unvalidated) records

CURRENT_VERSION = 3


def _nothing(name: str) -> list[Any]:
    return []


@dataclass(eq=False, repr=False)
class Context:
    """What a migration may read besides the document it migrates."""

    records: RawRecords = _nothing

    @cached_property
    def session_dates(self) -> dict[str, str]:
        """Session id -> its ISO date, as written."""
        found = {}
        for meeting in self.records("meetings"):
            if isinstance(meeting, dict):
                key, day = meeting.get("id"), meeting.get("date")
                if isinstance(key, str) and isinstance(day, str):
                    found[key] = day
        return found


_context: contextvars.ContextVar[Context | None] = contextvars.ContextVar("migration", default=None)


def context() -> Context:
    return _context.get() or Context()


def m001_action_opened(collection: str, document: Document) -> Document:
    """Version 2: an action item has `opened`, the date it was agreed: the date of the session
    it came from, else (left to the model) the local date it was typed in."""
    if collection != "actions":
        return document
    dates = context().session_dates
    items = []
    for item in document[collection]:
        if isinstance(item, dict) and "opened" not in item and item.get("meeting") in dates:
            item = {**item, "opened": dates[item["meeting"]]}
        items.append(item)
    document[collection] = items
    return document


def _cadence_with_unit(value: object) -> object:
    """An old cadence (days) in the unit it was typed in: the old parser stored monthly,
    quarterly and `Nm` as 30 x N days, weeks as 7 x N."""
    days = _whole_number(value)
    if days is None or days < 1:
        return value  # not an old cadence: validation reports it
    if days % 30 == 0:
        return f"{days // 30}m"
    if days % 7 == 0:
        return f"{days // 7}w"
    return f"{days}d"


def _whole_number(value: object) -> int | None:
    """What the old int field read as a whole number: 30, 30.0 or "30" (a hand-edited file)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None


def m002_cadence_units(collection: str, document: Document) -> Document:
    """Version 3: a mentor's cadence is stored with its unit (`1m`, `2w`, `10d`), not in days."""
    if collection != "mentors":
        return document
    document[collection] = [
        {**item, "cadence": _cadence_with_unit(item["cadence"])}
        if isinstance(item, dict) and "cadence" in item
        else item
        for item in document[collection]
    ]
    return document


# version -> migration to version + 1.
MIGRATIONS: dict[int, Migration] = {1: m001_action_opened, 2: m002_cadence_units}


@contextmanager
def reading(records: RawRecords) -> Iterator[None]:
    """Migrations run inside this block may read other collections through `records`."""
    token = _context.set(Context(records))
    try:
        yield
    finally:
        _context.reset(token)


def raw_records_in(directory: Path) -> RawRecords:
    """A reader of the raw records of a data directory's files (`NAME.json`, `NAME-YYYY.json`)."""

    def records(name: str) -> list[Any]:
        found: list[Any] = []
        for path in sorted(directory.glob(f"{name}*.json")):
            try:
                document = json.loads(codec.read(path))
            except (OSError, ValueError):
                continue  # that file's own load reports what is wrong with it
            if isinstance(document, dict) and isinstance(document.get(name), list):
                found += document[name]
        return found

    return records


def migrate(collection: str, document: Document, version: int) -> Document:
    """`document` (at `version`) brought up to `CURRENT_VERSION`."""
    while version < CURRENT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ValueError(f"no migration from schema version {version}")
        document = step(collection, dict(document))
        version += 1
        document["schema_version"] = version
    return document
