"""Days are local calendar days (docs/reliability.md), whatever the time zone, across DST changes.

Property-tested through the CLI: for any instant (many of them within a day and a half of a
DST change), in zones far from UTC (+14, -11, +12:45, +5:45, -3:30, half-hour DST, a zone that
skipped a whole day, southern-hemisphere DST), `mentor list` reports "days since last met" as
the difference between the local calendar date and the session date, and `action list` the
age of an item as the difference between the local calendar dates of now and of its creation
(stored as a timestamp with another offset). Never a count of 24-hour periods, never UTC dates.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.models import ActionItem, Meeting, Mentor
from mentorlog.storage.collections import COLLECTIONS
from tests._reliability import REPEATABLE, figure
from tests.helpers import Runner

pytestmark = pytest.mark.real_clock  # each example sets the clock (and the zone) itself

ZONES = [
    "Pacific/Kiritimati",  # UTC+14: a day ahead of UTC for ten hours a day
    "Pacific/Pago_Pago",  # UTC-11
    "Etc/GMT+12",  # UTC-12
    "Pacific/Chatham",  # +12:45, and +13:45 in summer
    "Asia/Kathmandu",  # +5:45
    "America/St_Johns",  # -3:30 with DST
    "Australia/Lord_Howe",  # a half-hour DST change
    "America/Santiago",  # southern-hemisphere DST
    "Antarctica/Troll",  # a two-hour DST change
    "Europe/Dublin",  # "negative" DST in the tz database
    "Pacific/Apia",  # skipped 2011-12-30 entirely
    "Europe/London",
    "America/New_York",
    "UTC",
]


@cache
def transitions(zone: str) -> list[datetime]:
    """Instants (UTC) close to each change of the zone's offset, 2010-2030."""
    tz = ZoneInfo(zone)
    found = []
    moment = datetime(2010, 1, 1, 12, tzinfo=timezone.utc)
    offset = moment.astimezone(tz).utcoffset()
    while moment.year < 2031:
        moment += timedelta(hours=6)
        now = moment.astimezone(tz).utcoffset()
        if now != offset:
            found.append(moment)
            offset = now
    return found


@st.composite
def instants(draw: st.DrawFn) -> tuple[str, datetime]:
    """(zone, an aware UTC instant): near a DST change half of the time."""
    zone = draw(st.sampled_from(ZONES))
    if transitions(zone) and draw(st.booleans()):
        near = draw(st.sampled_from(transitions(zone)))
        moment = near + timedelta(minutes=draw(st.integers(-36 * 60, 36 * 60)))
    else:
        naive = draw(st.datetimes(datetime(2010, 1, 1), datetime(2030, 12, 31)))
        moment = naive.replace(tzinfo=timezone.utc)
    return zone, moment


def put(home: Path, mentor: Mentor, meeting: Meeting, action: ActionItem) -> None:
    """The journal holds just these (written as the store writes them, without its backups)."""
    home.mkdir(exist_ok=True)
    for stale in home.glob("meetings-*.json"):
        stale.unlink()
    files = {
        "mentors.json": COLLECTIONS["mentors"].encode([mentor]),
        COLLECTIONS["meetings"].file_name(meeting.date.year): COLLECTIONS["meetings"].encode(
            [meeting]
        ),
        "actions.json": COLLECTIONS["actions"].encode([action]),
    }
    for name, data in files.items():
        (home / name).write_bytes(data)


EXAMPLES = 120


def test_days_since_and_ages_are_local_calendar_day_differences(
    home: Path, run: Runner, capsys: pytest.CaptureFixture[str]
) -> None:
    stamp = datetime(2000, 1, 1, tzinfo=timezone.utc)
    zones_seen: set[str] = set()
    near_dst = crossing = 0

    @settings(
        max_examples=EXAMPLES,
        **REPEATABLE,
    )
    @given(
        where=instants(),
        days_ago=st.integers(0, 400),
        created_hours_ago=st.integers(0, 24 * 400),
        stored_offset=st.integers(-14 * 4, 14 * 4),
    )
    def days_are_local(
        where: tuple[str, datetime], days_ago: int, created_hours_ago: int, stored_offset: int
    ) -> None:
        nonlocal near_dst, crossing
        zone, moment = where
        local_now = moment.astimezone(ZoneInfo(zone))
        today = local_now.date()
        met = today - timedelta(days=days_ago)
        # created at another instant, stored with whatever offset the writing machine had
        written = (moment - timedelta(hours=created_hours_ago)).astimezone(
            timezone(timedelta(minutes=15 * stored_offset))
        )
        mentor = Mentor(
            id="a1b2c3d4",
            name="Ada",
            cadence="1m",
            started=met - timedelta(days=5),
            created=stamp,
            updated=stamp,
        )
        meeting = Meeting(id="e5f6a7b8", mentor=mentor.id, date=met, created=stamp, updated=stamp)
        # agreed on the local day it was written down in that zone (`action add` today)
        opened = written.astimezone(ZoneInfo(zone)).date()
        action = ActionItem(
            id="c9d0e1f2",
            text="Do it",
            mentor=mentor.id,
            opened=opened,
            created=written,
            updated=written,
        )
        put(home, mentor, meeting, action)
        with time_machine.travel(local_now, tick=False):
            mentors = json.loads(run("mentor", "list", "--json").stdout)
            actions = json.loads(run("action", "list", "--json").stdout)
        assert mentors[0]["last_met"] == met.isoformat()
        assert mentors[0]["days_since"] == days_ago
        local_created = written.astimezone(ZoneInfo(zone)).date()
        assert actions[0]["created"] == local_created.isoformat()
        assert actions[0]["age_days"] == (today - local_created).days
        zones_seen.add(zone)
        near_dst += any(abs(moment - t) <= timedelta(hours=36) for t in transitions(zone))
        # the span contains a change of offset: 24-hour periods would miscount it
        start = datetime.combine(met, datetime.min.time(), ZoneInfo(zone))
        crossing += start.utcoffset() != local_now.utcoffset()

    days_are_local()
    assert len(zones_seen) >= 10
    assert near_dst >= EXAMPLES // 6
    assert crossing >= EXAMPLES // 10
    figure(
        capsys,
        f"time: {EXAMPLES} instants in {len(zones_seen)} zones (UTC+14 to UTC-12, +5:45, "
        f"+12:45, half-hour and two-hour DST; {near_dst} within 36 h of a DST change, "
        f"{crossing} spans across an offset change): days since last met and action ages equal "
        "the local calendar-day difference every time",
    )


def test_far_east_and_far_west_disagree_about_today_and_mentorlog_follows_the_zone(
    home: Path, run: Runner
) -> None:
    """One instant, two zones 26 hours apart: two different "todays", both right."""
    moment = datetime(2026, 11, 24, 10, 30, tzinfo=timezone.utc)
    stamp = datetime(2026, 1, 1, tzinfo=timezone.utc)
    mentor = Mentor(
        id="a1b2c3d4",
        name="Ada",
        cadence="1m",
        started=date(2026, 1, 1),
        created=stamp,
        updated=stamp,
    )
    meeting = Meeting(
        id="e5f6a7b8", mentor=mentor.id, date=date(2026, 11, 23), created=stamp, updated=stamp
    )
    action = ActionItem(id="c9d0e1f2", text="Do it", created=moment, updated=moment)
    put(home, mentor, meeting, action)
    seen = {}
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        with time_machine.travel(moment.astimezone(ZoneInfo(zone)), tick=False):
            seen[zone] = json.loads(run("mentor", "list", "--json").stdout)[0]["days_since"]
    assert seen == {"Pacific/Kiritimati": 2, "Pacific/Pago_Pago": 0}
