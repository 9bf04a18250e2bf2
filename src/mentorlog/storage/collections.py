"""Which collections exist, which files hold them, and how a file is encoded and decoded."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictInt, TypeAdapter, create_model

from mentorlog.journal.state import COLLECTION_SPECS, CollectionSpec
from mentorlog.models import Record
from mentorlog.storage import migrations


@dataclass(frozen=True, eq=False, repr=False)
class Collection(CollectionSpec):
    """A collection and the file (or files: a current one, one per year) that holds it.

    A partitioned collection's record goes into a year's file (`NAME-YYYY.json`) or, for None,
    into the collection's current file (`NAME.json`)."""

    @property
    def file_pattern(self) -> re.Pattern[str]:
        if self.partition is None:
            return re.compile(rf"^{self.name}\.json$")
        if self.current:
            return re.compile(rf"^{self.name}(?:-(\d{{4}}))?\.json$")
        return re.compile(rf"^{self.name}-(\d{{4}})\.json$")

    def file_name(self, part: int | None = None) -> str:
        return f"{self.name}.json" if part is None else f"{self.name}-{part:04d}.json"

    def owns(self, file_name: str) -> bool:
        return bool(self.file_pattern.match(file_name))

    @cached_property
    def document(self) -> type[BaseModel]:
        """The whole file: `schema_version`, the records, and any unknown top-level keys."""
        # strict: "1", 1.0 or true is not a schema version (the careful reader says so)
        fields: Any = {"schema_version": (StrictInt, ...), self.name: (list[self.model], ...)}  # type: ignore[name-defined]
        return create_model(  # type: ignore[no-any-return,call-overload,unused-ignore]
            f"{self.name.title()}File", __config__=ConfigDict(extra="allow"), **fields
        )

    @cached_property
    def records(self) -> TypeAdapter[list[Record]]:
        return TypeAdapter(list[self.model])  # type: ignore[name-defined]

    def encode(self, records: list[Any], extra: dict[str, Any] | None = None) -> bytes:
        """Pretty, stable, diff-friendly JSON: keys in model order, records in given order."""
        document = self.document.model_validate(
            {"schema_version": migrations.CURRENT_VERSION, self.name: [], **(extra or {})}
        )
        setattr(document, self.name, records)
        return document.model_dump_json(indent=2).encode("utf-8") + b"\n"


COLLECTIONS: dict[str, Collection] = {
    spec.name: Collection(spec.name, spec.model, spec.partition, spec.current, spec.noun)
    for spec in COLLECTION_SPECS
}


def collection_of(file_name: str) -> Collection | None:
    for collection in COLLECTIONS.values():
        if collection.owns(file_name):
            return collection
    return None
