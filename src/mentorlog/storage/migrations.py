"""Numbered schema migrations: pure functions from one version's document to the next.

`MIGRATIONS[n]` turns a version-`n` document of any collection into version `n + 1`. Each runs
once per file, in order, in memory; the store writes the result only on the next change, after
backing up the original file. A file newer than `CURRENT_VERSION` is refused and never written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Document = dict[str, Any]
Migration = Callable[[str, Document], Document]

CURRENT_VERSION = 1

# version -> migration to version + 1. Version 1 is the first released schema, so none yet;
# the framework is exercised by the tests with migrations of their own.
MIGRATIONS: dict[int, Migration] = {}


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
