"""The records of SPEC §2 as Pydantic models: validation only, no I/O, no rendering.

Every record keeps fields it does not know (`extra="allow"`), so a file written by a newer
minor version or edited by hand never loses data when mentorlog rewrites it.
"""

from __future__ import annotations

import re
import secrets
from datetime import date, datetime, time, timezone
from functools import lru_cache
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from mentorlog.dates import MAX_CADENCE_DAYS, MAX_DURATION_MINUTES, now
from mentorlog.vocab import (
    ActionStatus,
    GoalStatus,
    MeetingFormat,
    MentorKind,
    MentorStatus,
    MilestoneStatus,
    Source,
)

ID_LENGTH = 8
_ID_PATTERN = r"^[0-9a-z]{4,32}$"
# No spaces and no control characters (C0, DEL, C1): an address never contains them.
_ADDRESS_PART = r"[^@\s\x00-\x1f\x7f-\x9f]+"
_EMAIL = re.compile(rf"^{_ADDRESS_PART}@{_ADDRESS_PART}\.{_ADDRESS_PART}$")
_PERIOD = r"^\d{4}-Q[1-4]$"


def new_id(taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A fresh random id that is not in `taken` (ids are never reused or renumbered)."""
    while True:
        candidate = secrets.token_hex(ID_LENGTH // 2)
        if candidate not in taken and not candidate.isdigit():
            return candidate


def _check_email(value: str | None) -> str | None:
    if value is not None and not _EMAIL.match(value):
        raise ValueError("not an e-mail address (name@example.org)")
    return value


@lru_cache(maxsize=256)
def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ValueError, OSError, KeyError):
        return False
    return True


def _check_timezone(value: str | None) -> str | None:
    if value is not None and (not value or not _known_zone(value)):
        raise ValueError("not an IANA time zone (e.g. Europe/Berlin, America/New_York)")
    return value


def _check_tags(values: list[str]) -> list[str]:
    for tag in values:
        if not tag.strip() or len(tag) > 60:
            raise ValueError("tags are 1 to 60 characters")
    return values


# Factories are functions, not `list` or a model class: Pydantic reads a factory's signature,
# and for a builtin or a model that costs a tokenizer or a schema at start-up.
def _no_items() -> list[Any]:
    return []


def _no_entries() -> dict[str, Any]:
    return {}


def _check_not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


RecordId = Annotated[str, Field(pattern=_ID_PATTERN)]
Title = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_check_not_blank)]
Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_check_not_blank)]
ShortText = Annotated[str, Field(max_length=200)]
Paragraph = Annotated[str, Field(max_length=5_000)]
LongText = Annotated[str, Field(max_length=1_000_000)]
Email = Annotated[str | None, Field(default=None, max_length=320), AfterValidator(_check_email)]
TimeZone = Annotated[
    str | None, Field(default=None, max_length=64), AfterValidator(_check_timezone)
]
Tags = Annotated[
    list[str], Field(default_factory=_no_items, max_length=50), AfterValidator(_check_tags)
]
Cadence = Annotated[int | None, Field(default=None, ge=1, le=MAX_CADENCE_DAYS)]
Minutes = Annotated[int | None, Field(default=None, ge=1, le=MAX_DURATION_MINUTES)]
Rating = Annotated[int | None, Field(default=None, ge=1, le=5)]
Takeaway = Annotated[str, Field(min_length=1, max_length=1_000), AfterValidator(_check_not_blank)]
# An instant that is a valid date in every time zone (UTC-12 to UTC+14): one at the calendar's
# very edge (0001-01-01T00:00+14:00) cannot be shown in UTC, nor a day later in any zone.
Stamp = Annotated[
    AwareDatetime,
    Field(
        ge=datetime(1, 1, 2, tzinfo=timezone.utc), le=datetime(9999, 12, 30, tzinfo=timezone.utc)
    ),
]


class Record(BaseModel):
    """Fields every record has: a stable id and aware creation/update stamps."""

    model_config = ConfigDict(extra="allow", use_enum_values=False, defer_build=True)

    id: RecordId
    created: Stamp
    updated: Stamp

    def touch(self) -> None:
        self.updated = now()


class Goal(Record):
    title: Title
    why: Paragraph = ""
    area: ShortText = ""
    status: GoalStatus = GoalStatus.active
    started: date
    target: date | None = None
    closed: date | None = None
    outcome: Paragraph = ""


class Milestone(Record):
    goal: RecordId
    title: Title
    due: date | None = None
    status: MilestoneStatus = MilestoneStatus.open
    done: date | None = None
    mentor: RecordId | None = None
    note: Paragraph = ""


class Agreement(BaseModel):
    """What both sides agreed: reread before every session."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    why: Paragraph = ""
    hope: Paragraph = ""
    until: date | None = None
    purpose: Paragraph = ""


class Mentor(Record):
    name: Name
    kind: MentorKind = MentorKind.mentor
    status: MentorStatus = MentorStatus.active
    source: Source = Source.other
    org: ShortText = ""
    role: ShortText = ""
    expertise: Tags
    email: Email
    url: Annotated[str | None, Field(default=None, max_length=2_000)]
    location: ShortText = ""
    timezone: TimeZone
    format: MeetingFormat | None = None
    cadence: Cadence
    supervisor: bool = False
    goals: list[RecordId] = Field(default_factory=_no_items)
    agreement: Agreement = Field(default_factory=lambda: Agreement())
    started: date
    ended: date | None = None
    notes: LongText = ""

    @model_validator(mode="after")
    def _micro_has_an_end(self) -> Mentor:
        if self.kind is MentorKind.micro and self.agreement.until is None:
            raise ValueError("a micro-mentorship needs an end date (agreement.until)")
        return self


# Aliases so the Meeting fields named `date` and `time` do not shadow their types.
_Date = date
_Time = time


class Meeting(Record):
    mentor: RecordId
    date: _Date
    time: _Time | None = None
    duration: Minutes
    format: MeetingFormat = MeetingFormat.video
    goals: list[RecordId] = Field(default_factory=_no_items)
    notes: LongText = ""
    takeaways: list[Takeaway] = Field(default_factory=_no_items)
    rating: Rating
    next: _Date | None = None


class ActionItem(Record):
    text: Annotated[str, Field(min_length=1, max_length=1_000), AfterValidator(_check_not_blank)]
    meeting: RecordId | None = None
    mentor: RecordId | None = None
    goal: RecordId | None = None
    due: date | None = None
    status: ActionStatus = ActionStatus.open
    done: date | None = None


def closed_year(action: ActionItem) -> int | None:
    """The year an action item was closed in (done or dropped); None while it is open."""
    if action.status is ActionStatus.open:
        return None
    return (action.done or action.updated.date()).year


class Answer(BaseModel):
    model_config = ConfigDict(extra="allow", defer_build=True)

    prompt: Annotated[str, Field(max_length=1_000)]
    answer: LongText = ""


class Reflection(Record):
    period: Annotated[str, Field(pattern=_PERIOD)]
    answers: list[Answer] = Field(default_factory=_no_items)
    snapshot: dict[str, Any] = Field(default_factory=_no_entries)


def stamp() -> dict[str, datetime]:
    """`created`/`updated` for a record being made now."""
    moment = now()
    return {"created": moment, "updated": moment}
