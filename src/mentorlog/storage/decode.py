"""Reading a data file the slow, careful way: when the fast path fails, say exactly what is
wrong (line and column, or record and field), or bring an older schema up to date."""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from mentorlog.errors import NewerSchema
from mentorlog.storage import integrity, migrations, strict_json
from mentorlog.storage.collections import Collection


@dataclass(eq=False, repr=False)
class Decoded:
    records: list[Any]
    extras: dict[str, Any]  # top-level keys mentorlog does not know, kept on save
    migrated: bool  # read from an older schema: the file changes on the next save


def decode_slowly(
    collection: Collection, path: Path, data: bytes, corrupt: Callable[[str], NoReturn]
) -> Decoded:
    """The records of `data`, or `corrupt(what is wrong)`; NewerSchema for a newer file."""
    try:
        # Decoded strictly first: json.loads(bytes) would quietly accept a BOM or UTF-16.
        document = strict_json.loads(data.decode("utf-8"))
    except strict_json.Strange as error:
        corrupt(str(error))
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - data.rfind(b"\n", 0, error.start)  # in bytes, from 1
        corrupt(f"is not UTF-8 text: line {line}, column {column}")
    except json.JSONDecodeError as error:
        corrupt(f"is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}")
    if not isinstance(document, dict):
        corrupt("is not a JSON object")
    version = document.get("schema_version")
    if type(version) is not int or version < 1:
        corrupt("has no valid schema_version")
    current = migrations.CURRENT_VERSION
    if version > current:
        raise NewerSchema(
            f"{path} was written by a newer mentorlog (schema {version}; this version reads "
            f"up to {current}). Upgrade mentorlog; the file was not changed."
        )
    if version < current:
        try:
            with migrations.reading(migrations.raw_records_in(path.parent)):
                document = migrations.migrate(collection.name, document, version)
        except (ValueError, KeyError, TypeError) as error:
            corrupt(f"cannot be upgraded from schema {version}: {error}")
        migrated = True
    else:
        migrated = False
    raw_records = document.get(collection.name)
    if not isinstance(raw_records, list):
        corrupt(f"has no list of {collection.name}")
    try:
        parsed = collection.document.model_validate(document)
    except ValidationError as error:
        corrupt(integrity.describe(error, collection.name, raw_records))
    records: list[Any] = getattr(parsed, collection.name)
    return Decoded(records, dict(parsed.model_extra or {}), migrated)


@contextlib.contextmanager
def bulk_allocation() -> Iterator[None]:
    """No garbage collection while records are read, and none of them scanned later.

    Validation allocates many objects that are never cyclic garbage; collecting while they
    pile up (or later, over a 20-year journal) costs more than the reading itself.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what was read stays for the rest of the command: never scan it again
        if was_enabled:
            gc.enable()


def extras_of(records: list[Any], top: dict[str, Any] | None) -> Iterator[tuple[int, Any]]:
    """Every non-empty set of unknown fields, with the nesting level it sits at in the file.

    Walked on every fast load, so only attributes the model has are looked at (a missing one
    costs Pydantic an exception) and records without unknown fields cost one test each.
    """
    if top:
        yield 0, top
    if not records:
        return
    fields = type(records[0]).model_fields
    for record in records:
        extra = record.__pydantic_extra__
        if extra:
            yield 2, extra
    if "agreement" in fields:
        for record in records:
            if extra := record.agreement.__pydantic_extra__:
                yield 3, extra
    if "answers" in fields:
        for record in records:
            for answer in record.answers:
                if extra := answer.__pydantic_extra__:
                    yield 4, extra
