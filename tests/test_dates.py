"""Dates, durations, cadences and quarters as people type them, and local-day arithmetic."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.dates import (
    CADENCE_FORMS,
    DATE_FORMS,
    DURATION_FORMS,
    Quarter,
    days_between,
    format_duration,
    local_date,
    parse_cadence,
    parse_date,
    parse_duration,
    parse_quarter,
    quarter_of,
)
from mentorlog.errors import BadInput

TUESDAY = date(2026, 11, 24)  # the frozen "today" of the suite, a Tuesday


# -- dates -------------------------------------------------------------------------------


def test_iso_date_is_read_as_written() -> None:
    assert parse_date("2026-03-05", TUESDAY) == date(2026, 3, 5)
    assert parse_date("  2024-02-29 ", TUESDAY) == date(2024, 2, 29)


def test_relative_words_are_relative_to_the_given_today() -> None:
    assert parse_date("today", TUESDAY) == TUESDAY
    assert parse_date("Yesterday", TUESDAY) == date(2026, 11, 23)
    assert parse_date("TOMORROW", TUESDAY) == date(2026, 11, 25)
    assert parse_date("tomorrow", date(2026, 12, 31)) == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-3d", date(2026, 11, 21)),
        ("+2w", date(2026, 12, 8)),
        ("+1m", date(2026, 12, 24)),
        ("-1y", date(2025, 11, 24)),
        ("+0d", TUESDAY),
        ("+40d", date(2027, 1, 3)),
    ],
)
def test_signed_offsets(text: str, expected: date) -> None:
    assert parse_date(text, TUESDAY) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2026, 1, 31), "+1m", date(2026, 2, 28)),  # clamped to the shorter month
        (date(2024, 1, 31), "+1m", date(2024, 2, 29)),  # leap year
        (date(2026, 3, 31), "-1m", date(2026, 2, 28)),
        (date(2026, 5, 31), "+1m", date(2026, 6, 30)),
        (date(2024, 2, 29), "+1y", date(2025, 2, 28)),  # no Feb 29 next year
        (date(2024, 2, 29), "+4y", date(2028, 2, 29)),
        (date(2026, 12, 15), "+1m", date(2027, 1, 15)),  # across a year end
        (date(2026, 1, 15), "-1m", date(2025, 12, 15)),
        (date(2026, 8, 31), "+6m", date(2027, 2, 28)),
    ],
)
def test_month_and_year_offsets_clamp_to_month_end(today: date, text: str, expected: date) -> None:
    assert parse_date(text, today) == expected


def test_weekday_for_a_meeting_is_the_most_recent_past_one() -> None:
    assert parse_date("monday", TUESDAY, "past") == date(2026, 11, 23)
    assert parse_date("wed", TUESDAY, "past") == date(2026, 11, 18)
    # today's own weekday means a week ago: strictly before today
    assert parse_date("tuesday", TUESDAY, "past") == date(2026, 11, 17)


def test_weekday_for_a_due_date_is_the_next_one() -> None:
    assert parse_date("wednesday", TUESDAY, "future") == date(2026, 11, 25)
    assert parse_date("mon", TUESDAY, "future") == date(2026, 11, 30)
    # today's own weekday means next week: strictly after today
    assert parse_date("Tue", TUESDAY, "future") == date(2026, 12, 1)


@given(st.dates(min_value=date(1900, 1, 8), max_value=date(2999, 12, 24)), st.integers(0, 6))
def test_weekday_resolution_is_within_a_week_on_the_right_side(today: date, index: int) -> None:
    name = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")[index]
    past = parse_date(name, today, "past")
    future = parse_date(name, today, "future")
    assert past.weekday() == index == future.weekday()
    assert 1 <= (today - past).days <= 7
    assert 1 <= (future - today).days <= 7


def on_tuesday(text: str) -> date:
    return parse_date(text, TUESDAY)


BAD_INPUT = [
    *((on_tuesday, DATE_FORMS, text) for text in [
        "", "2026-13-01", "2026-02-30", "26-01-01", "next week", "3d", "+3x", "+-3d", "mo", "de",
        "+9999y", "-10000y", "２０２６-01-01", "١٢"]),
    *((parse_duration, DURATION_FORMS, text) for text in [
        "0", "0m", "25h", "24h1m", "abc", "-5", "", "h", "1.5h", "²", "1h30x", "99999"]),
    *((parse_cadence, CADENCE_FORMS, text) for text in [
        "0d", "0w", "daily", "3y", "37m", "157w", "1096d", "-1w", "", "w", "5", "every"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("parse", "forms", "text"),
    BAD_INPUT,
    ids=[f"{parse.__name__}-{text!r}" for parse, _, text in BAD_INPUT],
)
def test_bad_dates_durations_and_cadences_are_bad_input_listing_the_accepted_forms(
    parse: Callable[[str], object], forms: str, text: str
) -> None:
    with pytest.raises(BadInput) as caught:
        parse(text)
    assert forms in caught.value.message
    assert caught.value.exit_code == 2


def test_a_bad_date_is_echoed_without_control_characters() -> None:
    with pytest.raises(BadInput) as caught:
        parse_date("\x1b[2Jnope", TUESDAY)
    assert "\x1b" not in caught.value.message
    assert "nope" in caught.value.message


# -- durations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("45", 45), ("45m", 45), ("1h", 60), ("1h30m", 90), ("1h 30m", 90), ("90min", 90),
     ("1h30", 90), ("24h", 1440), ("1", 1), (" 2H ", 120)],
)  # fmt: skip
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@given(st.integers(min_value=1, max_value=1440))
def test_durations_round_trip_through_their_text(minutes: int) -> None:
    assert parse_duration(format_duration(minutes)) == minutes


# -- quarters ----------------------------------------------------------------------------


def test_quarter_bounds_and_neighbours() -> None:
    q3 = parse_quarter("2026-Q3")
    assert (q3.year, q3.number, q3.label, str(q3)) == (2026, 3, "2026-Q3", "2026-Q3")
    assert q3.start == date(2026, 7, 1)
    assert q3.end == date(2026, 9, 30)
    assert q3.previous() == Quarter(2026, 2)
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert Quarter(2026, 4).end == date(2026, 12, 31)
    assert Quarter(2024, 1).end == date(2024, 3, 31)


def test_quarter_contains_exactly_its_days() -> None:
    q3 = Quarter(2026, 3)
    assert q3.contains(date(2026, 7, 1))
    assert q3.contains(date(2026, 9, 30))
    assert not q3.contains(date(2026, 6, 30))
    assert not q3.contains(date(2026, 10, 1))
    assert quarter_of(date(2026, 9, 30)) == q3
    assert quarter_of(date(2026, 10, 1)) == Quarter(2026, 4)


@pytest.mark.parametrize("text", ["2026-Q5", "2026-Q0", "2026", "Q3", "26-Q3", "0000-Q1", "x"])
def test_bad_quarters_are_bad_input(text: str) -> None:
    with pytest.raises(BadInput):
        parse_quarter(text)


@given(st.dates(max_value=date(9998, 12, 31)))
def test_every_day_is_in_its_own_quarter(day: date) -> None:
    quarter = quarter_of(day)
    assert quarter.contains(day)
    assert parse_quarter(quarter.label) == quarter
    if quarter.start > date.min:  # the calendar's first quarter has none before it
        assert quarter.previous().end + timedelta(days=1) == quarter.start


# -- local calendar days -----------------------------------------------------------------


ZoneSwitch = Callable[[str], None]


@pytest.fixture
def machine_zone() -> Iterator[ZoneSwitch]:
    """Switch this process's local time zone (what `astimezone()` uses) for one test."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX-only")
    before = os.environ.get("TZ")

    def switch(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield switch
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_days_between_counts_calendar_days() -> None:
    assert days_between(date(2026, 11, 20), TUESDAY) == 4
    assert days_between(TUESDAY, date(2026, 11, 20)) == -4
    assert days_between(date(2024, 2, 28), date(2024, 3, 1)) == 2


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [
        # Berlin springs forward on 2026-03-29: 22.5 hours apart, yet one calendar day...
        ("Europe/Berlin", datetime(2026, 3, 28, 23, 30), datetime(2026, 3, 29, 23, 0)),
        # ...and the same local day, though the UTC dates differ.
        ("Europe/Berlin", datetime(2026, 3, 29, 0, 30), datetime(2026, 3, 29, 23, 30)),
        # ...and falls back on 2026-10-25 (25 hours).
        ("Europe/Berlin", datetime(2026, 10, 24, 0, 30), datetime(2026, 10, 25, 23, 45)),
        # New York springs forward on 2026-03-08.
        ("America/New_York", datetime(2026, 3, 7, 23, 30), datetime(2026, 3, 8, 23, 15)),
        ("America/New_York", datetime(2026, 3, 8, 0, 30), datetime(2026, 3, 8, 21, 0)),
        ("America/New_York", datetime(2026, 10, 31, 22, 0), datetime(2026, 11, 1, 23, 30)),
    ],
)
def test_days_between_local_dates_across_dst(
    machine_zone: ZoneSwitch, zone: str, before: datetime, after: datetime
) -> None:
    machine_zone(zone)
    tz = ZoneInfo(zone)
    # Stored stamps carry an offset (as `created` does); these are in UTC on purpose.
    earlier = before.replace(tzinfo=tz).astimezone(ZoneInfo("UTC"))
    later = after.replace(tzinfo=tz).astimezone(ZoneInfo("UTC"))
    expected = (after.date() - before.date()).days
    assert days_between(local_date(earlier), local_date(later)) == expected


@pytest.mark.parametrize(
    ("zone", "utc_moment", "local_day"),
    [
        # Kiritimati (+14): 10:30 UTC on the 31st is already the 1st.
        ("Pacific/Kiritimati", datetime(2026, 5, 31, 10, 30), date(2026, 6, 1)),
        # Pago Pago (-11): 09:00 UTC on the 1st is still the 31st.
        ("Pacific/Pago_Pago", datetime(2026, 6, 1, 9, 0), date(2026, 5, 31)),
    ],
)
def test_local_date_uses_the_machines_zone_in_far_offsets(
    machine_zone: ZoneSwitch, zone: str, utc_moment: datetime, local_day: date
) -> None:
    machine_zone(zone)
    moment = utc_moment.replace(tzinfo=ZoneInfo("UTC"))
    assert local_date(moment) == local_day
    # A session 1 hour "later" in UTC falls on the same or next local day accordingly.
    assert days_between(local_date(moment), local_date(moment + timedelta(hours=1))) == 0
    assert days_between(local_date(moment), local_date(moment + timedelta(days=1))) == 1


def test_same_instant_is_a_different_day_in_the_two_far_zones(machine_zone: ZoneSwitch) -> None:
    moment = datetime(2026, 6, 1, 0, 30, tzinfo=ZoneInfo("UTC"))
    machine_zone("Pacific/Kiritimati")
    east = local_date(moment)
    machine_zone("Pacific/Pago_Pago")
    west = local_date(moment)
    assert (east, west) == (date(2026, 6, 1), date(2026, 5, 31))
    assert days_between(west, east) == 1


# -- properties --------------------------------------------------------------------------


@given(st.dates())
def test_every_iso_date_round_trips(day: date) -> None:
    assert parse_date(day.isoformat(), TUESDAY) == day


@given(
    st.dates(min_value=date(100, 1, 1), max_value=date(9000, 12, 31)),
    st.integers(min_value=0, max_value=9999),
)
def test_day_offsets_undo_each_other(today: date, days: int) -> None:
    there = parse_date(f"+{days}d", today)
    assert there - today == timedelta(days=days)
    assert parse_date(f"-{days}d", there) == today


def parses_or_is_bad_input(parse: Callable[[], object]) -> str | None:
    """None if `parse` succeeds, the message if it raises BadInput; anything else propagates."""
    try:
        parse()
    except BadInput as error:
        return error.message
    return None


@given(st.text(max_size=30))
def test_any_text_parses_or_is_bad_input(text: str) -> None:
    for parse in (
        lambda: parse_date(text, TUESDAY, "past"),
        lambda: parse_date(text, date.max, "future"),
        lambda: parse_date(text, date.min, "past"),
        lambda: parse_duration(text),
        lambda: parse_cadence(text),
        lambda: parse_quarter(text),
    ):
        message = parses_or_is_bad_input(parse)
        assert message is None or "\x1b" not in message


@given(st.from_regex(r"\A[+-]?\d{1,5}[dwmyh]?\Z|\A\d{1,5}h\d{1,5}m\Z", fullmatch=True))
def test_number_like_text_parses_or_is_bad_input(text: str) -> None:
    for parse in (
        lambda: parse_date(text, date(9999, 12, 1)),
        lambda: parse_date(text, date(1, 2, 1)),
        lambda: parse_duration(text),
        lambda: parse_cadence(text),
    ):
        parses_or_is_bad_input(parse)
