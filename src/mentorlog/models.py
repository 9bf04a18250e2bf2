"""The records (docs/architecture.md) as Pydantic models: validation only, no I/O, no rendering.

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

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    GetPydanticSchema,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import core_schema

from mentorlog.dates import MAX_DURATION_MINUTES, Cadence, local_date, now, parse_cadence
from mentorlog.errors import BadInput
from mentorlog.vocab import (
    ActionStatus,
    GoalStatus,
    MeetingFormat,
    MentorKind,
    MentorStatus,
    MilestoneStatus,
    Source,
    TopicStatus,
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


def _read_cadence(value: object) -> Cadence:
    """A cadence as stored (`1m`, `2w`, `30d`), or as typed by hand (`monthly`)."""
    if isinstance(value, Cadence):
        return value
    if isinstance(value, str):
        try:
            cadence = parse_cadence(value)
        except BadInput:
            cadence = None
        if cadence is not None:
            return cadence
    raise ValueError("a cadence is a number and a unit: 1m (calendar months), 2w, 30d; or null")


def _absent(value: object) -> bool:
    return value is None


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


# Stored and shown in `--json` as one short string, `1m`, `2w` or `30d`: the unit is part of
# the value (a month is a calendar month, never 30 days), and a one-line value diffs cleanly.
def _cadence_schema(_source: object, _handler: object) -> core_schema.CoreSchema:
    # Said whole here, so that pydantic never builds (and imports pydantic.dataclasses for) a
    # schema of the Cadence dataclass it would not use: ~1 ms of every command's start-up.
    return core_schema.no_info_plain_validator_function(
        _read_cadence,
        serialization=core_schema.plain_serializer_function_ser_schema(
            str, return_schema=core_schema.str_schema()
        ),
    )


CadenceValue = Annotated[
    Cadence,
    GetPydanticSchema(_cadence_schema),
    WithJsonSchema(
        {"type": "string", "pattern": "^[0-9]{1,4}[dwm]$", "examples": ["1m", "3m", "2w", "30d"]}
    ),
]
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
    cadence: CadenceValue | None = None
    supervisor: bool = False
    goals: list[RecordId] = Field(default_factory=_no_items)
    agreement: Agreement = Field(default_factory=lambda: Agreement())
    started: date
    ended: date | None = None
    connected: date | None = None  # when you connected (LinkedIn's "Connected On"): a fact
    notes: LongText = ""

    @model_validator(mode="after")
    def _micro_has_an_end(self) -> Mentor:
        if self.kind is MentorKind.micro and self.agreement.until is None:
            raise ValueError("a micro-mentorship needs an end date (agreement.until)")
        return self


class CalendarRef(BaseModel):
    """The calendar event a session was imported from (`import FILE.ics`), so that importing
    the same calendar again never logs that occurrence twice."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    uid: Annotated[str, Field(min_length=1, max_length=1_000)]
    recurrence_id: Annotated[str | None, Field(default=None, max_length=40)]


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
    # Set when imported from a calendar file; left out of the file when not, so files from
    # before (and every session logged by hand) keep their exact bytes.
    calendar: CalendarRef | None = Field(default=None, exclude_if=_absent)
    # When a thank-you / report-back note was drafted (`followup`). Left out of the file while
    # unset, so that sessions written before it existed are rewritten byte for byte.
    followed_up: _Date | None = Field(default=None, exclude_if=_absent)


def _opened_when_typed(data: dict[str, Any]) -> date:
    """An item written without `opened` was agreed on the day it was typed in."""
    return local_date(data["created"])


class ActionItem(Record):
    text: Annotated[str, Field(min_length=1, max_length=1_000), AfterValidator(_check_not_blank)]
    meeting: RecordId | None = None
    mentor: RecordId | None = None
    goal: RecordId | None = None
    # The local date it was agreed (the session's date when it came from one): ages, the
    # overdue rule and every review count from it, never from when it was typed in.
    opened: date = Field(default_factory=_opened_when_typed)
    due: date | None = None
    status: ActionStatus = ActionStatus.open
    done: date | None = None


def closed_year(action: ActionItem) -> int | None:
    """The year an action item was closed in (done or dropped); None while it is open."""
    if action.status is ActionStatus.open:
        return None
    return (action.done or action.updated.date()).year


class Topic(Record):
    """Something to ask or tell a mentor next time."""

    mentor: RecordId
    text: Annotated[str, Field(min_length=1, max_length=1_000), AfterValidator(_check_not_blank)]
    status: TopicStatus = TopicStatus.open
    meeting: RecordId | None = None  # the session it was discussed in
    closed: date | None = None  # the day it was discussed or dropped


class Answer(BaseModel):
    model_config = ConfigDict(extra="allow", defer_build=True)

    prompt: Annotated[str, Field(max_length=1_000)]
    answer: LongText = ""


class Reflection(Record):
    period: Annotated[str, Field(pattern=_PERIOD)]
    answers: list[Answer] = Field(default_factory=_no_items)
    snapshot: dict[str, Any] = Field(default_factory=_no_entries)


def stamp(backdated: date | None = None) -> dict[str, datetime]:
    """`created`/`updated` for a record being made now; `backdated` (a backfill) puts its
    creation on that local day, at this time of day."""
    moment = now()
    created = moment if backdated is None else datetime.combine(backdated, moment.timetz())
    return {"created": created, "updated": moment}
