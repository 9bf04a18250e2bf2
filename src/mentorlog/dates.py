"""Parsing of the simple forms people type (dates, durations, cadences, quarters) and
local-calendar-day arithmetic.

Every parser takes `today` explicitly, so nothing here reads the clock except `local_today`.
Days are always counted between local calendar dates, never between timestamps, which is what
keeps "days since last met" right across DST changes and time zones.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, NamedTuple

from mentorlog.errors import BadInput

Direction = Literal["past", "future", "any"]

DATE_FORMS = (
    "YYYY-MM-DD, today, yesterday, tomorrow, a signed offset (-3d, +2w, +1m, -1y) "
    "or a weekday name (mon, tuesday, ...)"
)
DURATION_FORMS = "minutes (45), 45m, 1h, 1h30m or 1h30"
CADENCE_FORMS = (
    "weekly, biweekly (fortnightly), monthly, quarterly, none, or Nd / Nw / Nm for days, weeks, "
    "calendar months (e.g. 10d, 3w, 2m)"
)
QUARTER_FORMS = "YYYY-QN, e.g. 2026-Q3"

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# re.ASCII: `\d` must not match other scripts' digits (or superscripts, which int() rejects).
_OFFSET = re.compile(r"^([+-])(\d{1,4})([dwmy])$", re.ASCII)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
# `1h30m`, `1h 30min`, `45m`, and `1h30` (minutes after hours need no unit)
_DURATION = re.compile(r"^(?:(\d{1,2})h)?\s*(?:(\d{1,4})(?:m|min)?)?$", re.ASCII)
# `2w`, `every 3 months`, `30 days`; the number may be left out after "every" (`every day`).
_CADENCE_N = re.compile(
    r"^(?:(?:every )?(\d{1,4}) ?(d|w|m|days?|weeks?|months?)|every (day|week|month))$", re.ASCII
)
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$", re.ASCII)

DAYS_PER_UNIT = {"d": 1, "w": 7}
MAX_DURATION_MINUTES = 24 * 60
MAX_CADENCE_DAYS = 3 * 365  # a calendar month counts as 30 days against it (36m at most)
CadenceUnit = Literal["day", "week", "month"]
UNIT_DAYS: dict[str, int] = {"day": 1, "week": 7, "month": 30}


def local_today() -> date:
    """Today's date on this machine's local calendar (the only clock read in this module)."""
    return datetime.now().astimezone().date()


def now() -> datetime:
    """The current instant, time-zone aware, for `created`/`updated` stamps."""
    return datetime.now().astimezone()


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months, clamped to the end of a shorter month.

    Raises OverflowError outside years 1-9999, as `date + timedelta` does.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise OverflowError("date value out of range")
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_date(text: str, today: date, direction: Direction = "any") -> date:
    """A date from what a person types.

    Weekday names resolve to the most recent past one (`direction="past"`, for meeting dates),
    or the next one (`"future"`, for due and next dates); with `"any"` they mean the next one.
    """
    value = text.strip().lower()
    try:
        if value == "today":
            return today
        if value == "yesterday":
            return today - timedelta(days=1)
        if value == "tomorrow":
            return today + timedelta(days=1)
        match = _ISO.match(value)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _OFFSET.match(value)
        if match:
            amount = int(match[2]) * (-1 if match[1] == "-" else 1)
            unit = match[3]
            if unit in "my":
                return add_months(today, amount * (12 if unit == "y" else 1))
            return today + timedelta(days=amount * DAYS_PER_UNIT[unit])
        weekday = _weekday(value)
        if weekday is not None:
            if direction == "past":
                back = (today.weekday() - weekday) % 7 or 7
                return today - timedelta(days=back)
            ahead = (weekday - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead)
    except (ValueError, OverflowError):
        pass
    raise BadInput(f"Not a date: {_shown(text)}. Use {DATE_FORMS}.")


def _weekday(value: str) -> int | None:
    if len(value) < 3:
        return None
    for index, name in enumerate(_WEEKDAYS):
        if name.startswith(value):
            return index
    return None


def parse_duration(text: str) -> int:
    """Minutes from `45`, `45m`, `1h`, `1h30m` (1 minute to 24 hours)."""
    value = text.strip().lower()
    minutes: int | None = None
    if value.isascii() and value.isdigit() and len(value) <= 4:
        minutes = int(value)
    else:
        match = _DURATION.match(value)
        if match and (match[1] or match[2]):
            minutes = int(match[1] or 0) * 60 + int(match[2] or 0)
    if minutes is None or not 1 <= minutes <= MAX_DURATION_MINUTES:
        raise BadInput(f"Not a duration: {_shown(text)}. Use {DURATION_FORMS} (up to 24h).")
    return minutes


def format_duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest:02d}m" if rest else f"{hours}h"


@dataclass(frozen=True)
class Cadence:
    """The interval between sessions, kept in the unit it was agreed in: `monthly` is one
    calendar month (the same day next month), `30d` exactly thirty days."""

    every: int
    unit: CadenceUnit

    def __post_init__(self) -> None:
        if self.unit not in UNIT_DAYS:
            raise ValueError(f"not a cadence unit: {self.unit!r}")
        if not 1 <= self.every * UNIT_DAYS[self.unit] <= MAX_CADENCE_DAYS:
            raise ValueError("a cadence is 1 day to 3 years (36m, 156w, 1095d)")

    @property
    def months(self) -> int | None:
        """Whole calendar months, or None for a cadence of exact days or weeks."""
        return self.every if self.unit == "month" else None

    @property
    def days(self) -> int | None:
        """Exact days, or None for a cadence of calendar months."""
        return None if self.unit == "month" else self.every * UNIT_DAYS[self.unit]

    def __str__(self) -> str:
        """The stored form: `1m`, `2w`, `30d` (what `Nm`/`Nw`/`Nd` on the command line mean)."""
        return f"{self.every}{self.unit[0]}"


# The first name of a value is how it is shown; "fortnightly" is read as biweekly.
NAMED_CADENCES = {
    "weekly": Cadence(1, "week"),
    "biweekly": Cadence(2, "week"),
    "fortnightly": Cadence(2, "week"),
    "monthly": Cadence(1, "month"),
    "quarterly": Cadence(3, "month"),
}
_CADENCE_UNITS: dict[str, CadenceUnit] = {
    **dict.fromkeys(("d", "day", "days"), "day"),
    **dict.fromkeys(("w", "week", "weeks"), "week"),
    **dict.fromkeys(("m", "month", "months"), "month"),
}


def parse_cadence(text: str) -> Cadence | None:
    """The interval between sessions, or None for ad-hoc / one-off relationships.

    Reads every form people type (`monthly`, `2w`, `every 3 months`) and every form
    `format_cadence` and the files show (`every 30 days`, `1m`).
    """
    value = " ".join(text.strip().lower().split())
    if value in ("none", "ad-hoc", "adhoc", "one-off"):
        return None
    if value in NAMED_CADENCES:
        return NAMED_CADENCES[value]
    match = _CADENCE_N.match(value)
    if match:
        every = int(match[1] or 1)
        unit = _CADENCE_UNITS[match[2] or match[3]]
        if 1 <= every * UNIT_DAYS[unit] <= MAX_CADENCE_DAYS:
            return Cadence(every, unit)
    raise BadInput(f"Not a cadence: {_shown(text)}. Use {CADENCE_FORMS}.")


def cadence_span(
    cadence: Cadence, anchor: date, factor: float = 1.0, *, back: bool = False
) -> float:
    """How many days `factor` x the cadence last from `anchor` (or, `back`, up to it) on the
    calendar: monthly from 15 July is 31 days, from 15 February 28, as `+1m` counts; `30d` is
    30 days from any day.

    The one place health, overdue contact, over-asking and planned dates measure a cadence.
    """
    months = cadence.months
    if months is None:
        return (cadence.days or 0) * factor
    sign = -1 if back else 1
    whole = int(months * factor)
    reached = add_months(anchor, sign * whole)
    days: float = abs((reached - anchor).days)
    rest = months * factor - whole
    if rest:
        month_after = abs((add_months(reached, sign) - reached).days)
        days += rest * month_after
    return days


def after_cadence(anchor: date, cadence: Cadence) -> date:
    """The day one cadence after `anchor` (a month after 31 January is 28 February)."""
    return anchor + timedelta(days=round(cadence_span(cadence, anchor)))


def format_cadence(cadence: Cadence | None) -> str:
    """`monthly`, `biweekly`, `every 2 months`, `every 30 days`, `ad-hoc`: what
    `parse_cadence` reads back as the same cadence."""
    if cadence is None:
        return "ad-hoc"
    for name, value in NAMED_CADENCES.items():
        if value == cadence:
            return name
    if cadence.every == 1:
        return f"every {cadence.unit}"
    return f"every {cadence.every} {cadence.unit}s"


class Quarter(NamedTuple):
    year: int
    number: int

    @property
    def label(self) -> str:
        return f"{self.year:04d}-Q{self.number}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """The last day of the quarter (inclusive)."""
        return add_months(self.start, 3) - timedelta(days=1)

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label


def quarter_of(day: date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def parse_quarter(text: str) -> Quarter:
    match = _QUARTER.match(text.strip())
    if not match or not 1 <= int(match[1]) <= 9998:
        raise BadInput(f"Not a quarter: {_shown(text)}. Use {QUARTER_FORMS}.")
    return Quarter(int(match[1]), int(match[2]))


def days_between(earlier: date, later: date) -> int:
    """Whole local calendar days from `earlier` to `later` (negative if reversed)."""
    return (later - earlier).days


def local_date(moment: datetime) -> date:
    """The local calendar date of an aware timestamp, in this machine's time zone."""
    return moment.astimezone().date()


def _shown(text: str) -> str:
    """User input echoed in an error: quoted, shortened, without control characters."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in text)
    if len(cleaned) > 40:
        cleaned = cleaned[:37] + "..."
    return repr(cleaned)
