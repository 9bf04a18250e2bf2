"""Reading a calendar export (.ics) into plain occurrences: `mentorlog import FILE.ics`.

The libraries do the calendar work: icalendar parses the file (and maps Windows time-zone
names such as "W. Europe Standard Time", as Outlook writes them, to IANA zones), and
recurring-ical-events expands RRULE/RDATE/EXDATE series with their RECURRENCE-ID overrides,
after x-wr-timezone has applied Google's X-WR-TIMEZONE. This module only turns each
occurrence into an `Occurrence` (what `exchange.calendar_plan` needs to match it to a
mentor); it never prints, and never reads the journal.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any

import icalendar
import recurring_ical_events

from mentorlog.errors import BadInput
from mentorlog.exchange.importer import decode_text
from mentorlog.text import clean

# Hosts of the video-meeting services people use for 1:1s (a link to one means `video`).
_MEETING_HOSTS = (
    r"(?:[\w-]+\.)*zoom\.us",
    r"(?:[\w-]+\.)*zoomgov\.com",
    r"meet\.google\.com",
    r"teams\.microsoft\.com",
    r"teams\.live\.com",
    r"(?:[\w-]+\.)*webex\.com",
    r"whereby\.com",
    r"meet\.jit\.si",
    r"(?:[\w-]+\.)*gotomeeting\.com",
    r"join\.skype\.com",
    r"chime\.aws",
)
_MEETING_LINK = re.compile(rf"https?://(?:{'|'.join(_MEETING_HOSTS)})(?:[/?#:]|\b)", re.I)
# A LOCATION that names an online meeting rather than a place ("Microsoft Teams Meeting").
_ONLINE_PLACE = re.compile(
    r"^(?:https?://|.*\b(?:teams meeting|zoom|google meet|webex|skype|online|virtual)\b)", re.I
)
# Properties that carry the meeting link when it is not in LOCATION or DESCRIPTION.
_LINK_PROPERTIES = (
    "URL",
    "CONFERENCE",  # RFC 7986
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
)
_EMAIL_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MALFORMED = (ValueError, KeyError, TypeError, AttributeError, IndexError, OverflowError)


@dataclass(frozen=True)
class Person:
    """An attendee or the organizer: a lower-case address (without `mailto:`), a display name
    (CN) and a participation status (PARTSTAT, upper case; empty when not given)."""

    email: str
    name: str = ""
    status: str = ""


@dataclass
class Occurrence:
    """One occurrence of an event, as the file says it (times in the event's own zone)."""

    uid: str
    recurrence_id: str | None  # None for a one-off event
    start: date | datetime
    end: date | datetime | None
    cancelled: bool
    summary: str
    description: str
    location: str
    video: bool  # a meeting link somewhere in the event
    people: list[Person] = field(default_factory=list)  # organizer first, then attendees

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def minutes(self) -> int | None:
        if self.end is None or self.all_day or not isinstance(self.end, datetime):
            return None
        return int((self.end - self.start).total_seconds() // 60)  # type: ignore[operator]


@dataclass
class CalendarFile:
    occurrences: list[Occurrence]
    owners: set[str]  # addresses the file says are its owner's (Google: X-WR-CALNAME)


def read_calendar(data: bytes, label: str, *, since: date | None, until: datetime) -> CalendarFile:
    """Every occurrence in the file that starts from `since` (local day, less a day's margin
    for time zones) up to `until`, or BadInput in one line when the file is not a calendar."""
    if not data.strip():
        raise BadInput(f"{label} is empty; nothing was imported.")
    if b"\x00" in data:
        raise BadInput(f"{label} is not a calendar (.ics) file; nothing was imported.")
    text = decode_text(data, label).strip()
    if not text[:15].upper().startswith("BEGIN:VCALENDAR"):
        raise BadInput(
            f"{label} is not a calendar (.ics) file: it does not start with BEGIN:VCALENDAR."
        )
    if not text.splitlines()[-1].strip().upper() == "END:VCALENDAR":
        raise BadInput(f"{label} is cut short (no END:VCALENDAR at the end); nothing was imported.")
    # The libraries warn about files they can read (an unknown TZID, a guessed zone): not
    # for the user's terminal, who can do nothing about their calendar app's output.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _read(text, label, since=since, until=until)


def _read(text: str, label: str, *, since: date | None, until: datetime) -> CalendarFile:
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except _MALFORMED as error:
        raise BadInput(f"{label} is not a valid calendar: {_short(error)}.") from None
    if not calendars:
        raise BadInput(f"{label} holds no calendar; nothing was imported.")
    start = EARLIEST if since is None else _utc_day(since - timedelta(days=1))
    occurrences: list[Occurrence] = []
    owners: set[str] = set()
    for calendar in calendars:
        owner = _address(str(calendar.get("X-WR-CALNAME", "")))
        if _EMAIL_ADDRESS.match(owner):
            owners.add(owner)
        recurring = {
            str(event.get("UID", ""))
            for event in calendar.walk("VEVENT")
            if any(name in event for name in ("RRULE", "RDATE", "RECURRENCE-ID"))
        }
        try:
            for event in recurring_ical_events.of(calendar).between(start, until):
                occurrences.append(_occurrence(event, recurring))
        # What the libraries raise on a malformed event (a DTSTART that is a duration, an
        # RRULE that is not one, a missing value...): the file is refused as a whole.
        except _MALFORMED as error:
            raise BadInput(f"{label} has an event that cannot be read: {_short(error)}.") from None
    return CalendarFile(occurrences, owners)


def _occurrence(event: Any, recurring: set[str]) -> Occurrence:
    uid = str(event.get("UID", "")).strip()
    start = _moment(event, "DTSTART")
    end: date | datetime | None = None
    if "DTEND" in event:
        end = _moment(event, "DTEND")
    elif "DURATION" in event:
        length = event.decoded("DURATION")
        if not isinstance(length, timedelta):
            raise ValueError("DURATION is not a duration")
        end = start + length
    recurrence_id = None
    if uid in recurring and "RECURRENCE-ID" in event:
        recurrence_id = _stamp(_moment(event, "RECURRENCE-ID"))
    people = []
    if "ORGANIZER" in event:
        people.append(_person(event["ORGANIZER"]))
    attendees = event.get("ATTENDEE", [])
    for attendee in attendees if isinstance(attendees, list) else [attendees]:
        people.append(_person(attendee))
    location = _text(event.get("LOCATION"))
    description = _text(event.get("DESCRIPTION"), multiline=True)
    links = [location, description]
    for name in _LINK_PROPERTIES:
        values = event.get(name, [])
        links += [str(value) for value in (values if isinstance(values, list) else [values])]
    conference = "CONFERENCE" in event or "X-GOOGLE-CONFERENCE" in event
    return Occurrence(
        uid=uid,
        recurrence_id=recurrence_id,
        start=start,
        end=end,
        cancelled=str(event.get("STATUS", "")).upper() == "CANCELLED",
        summary=_text(event.get("SUMMARY")),
        description=description,
        location=location,
        video=conference or any(_MEETING_LINK.search(text) for text in links),
        people=[p for p in people if p.email],
    )


def physical_place(occurrence: Occurrence) -> bool:
    """Whether the event names a place to meet (not a link or an online meeting's label)."""
    place = occurrence.location.strip()
    return bool(place) and not _ONLINE_PLACE.match(place)


def local(moment: date | datetime, zone: tzinfo | None) -> datetime:
    """An event time on the user's clock: `zone`, or this machine's local zone when None.
    A floating time (no zone in the file) is already local wall-clock time."""
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone) if zone is not None else moment.astimezone()
    return moment.astimezone(zone)


def _moment(event: Any, name: str) -> date | datetime:
    value = event.decoded(name)
    if not isinstance(value, date):
        raise ValueError(f"{name} is not a date or a time")
    return value


def _person(value: Any) -> Person:
    params = getattr(value, "params", {})
    return Person(
        email=_address(str(value)),
        name=clean(str(params.get("CN", ""))).strip().strip('"'),
        status=str(params.get("PARTSTAT", "")).upper(),
    )


def _address(text: str) -> str:
    value = text.strip()
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:") :]
    return value.strip().casefold()


def _text(value: Any, *, multiline: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return clean(str(value), multiline=multiline).strip()


def _stamp(moment: date | datetime) -> str:
    """A recurrence id in iCalendar's own form, in UTC, whatever zone the file used."""
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone(timezone.utc)
            return moment.strftime("%Y%m%dT%H%M%SZ")
        return moment.strftime("%Y%m%dT%H%M%S")
    return moment.strftime("%Y%m%d")


def _utc_day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def _short(error: BaseException) -> str:
    return clean(str(error))[:120] or type(error).__name__
