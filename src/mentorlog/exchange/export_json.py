"""The complete, versioned backup: every record of every collection in one JSON document.

The document is what `mentorlog import` reads back; its `schema_version` is the record schema
of the data files, so an older backup is migrated on import and a newer one is refused.
Fields mentorlog does not know (kept on the records) are exported too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final, Literal

from pydantic import AwareDatetime, BaseModel, Field

from mentorlog.journal.state import COLLECTION_NAMES, Journal
from mentorlog.models import ActionItem, Goal, Meeting, Mentor, Milestone, Reflection, Topic
from mentorlog.storage import migrations

EXPORT_FORMAT: Final = "mentorlog-export"


class ExportDocument(BaseModel):
    """The backup's shape: a marker, the schema version, when, then each collection."""

    format: Literal["mentorlog-export"] = EXPORT_FORMAT
    schema_version: int
    exported: AwareDatetime
    goals: list[Goal] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    mentors: list[Mentor] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    actions: list[ActionItem] = Field(default_factory=list)
    reflections: list[Reflection] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    # Top-level keys of the data files that this mentorlog does not know (written by a newer
    # version or by hand), by file: a backup keeps everything the files hold.
    unknown: dict[str, dict[str, Any]] = Field(default_factory=dict)


def export_document(
    journal: Journal, exported: datetime, unknown: dict[str, dict[str, Any]] | None = None
) -> ExportDocument:
    collections: dict[str, Any] = {name: journal.collection(name) for name in COLLECTION_NAMES}
    # model_construct: the records are validated already; validating 30,000 again costs time.
    return ExportDocument.model_construct(
        schema_version=migrations.CURRENT_VERSION,
        exported=exported,
        unknown=unknown or {},
        **collections,
    )


def export_json(
    journal: Journal, exported: datetime, unknown: dict[str, dict[str, Any]] | None = None
) -> bytes:
    document = export_document(journal, exported, unknown)
    return document.model_dump_json(indent=2).encode("utf-8") + b"\n"
