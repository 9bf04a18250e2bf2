"""`meeting list` reads the years of sessions newest first and leaves the older ones unread once
the rows shown are settled: the rows are always those of reading every year, and the count says
which years it covers when it does not cover them all."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from mentorlog.insights import sessions
from mentorlog.insights.sessions import MeetingList, meeting_list, newest_first
from mentorlog.journal.state import Journal
from mentorlog.models import Goal, Meeting, Mentor
from mentorlog.storage.store import Store
from tests.factories import stamped
from tests.helpers import MEETING_ROW_KEYS as ROW_KEYS
from tests.helpers import run

TODAY = date(2026, 11, 24)  # the frozen clock of tests/conftest.py
YEARS = 7
PER_YEAR = 120  # a few years pass COUNT_BUDGET, so both ways of counting are exercised


def build(seed: int) -> dict[str, list[Any]]:
    """YEARS years of sessions: most mentors met every year, one only in the first year, one
    only this year; several sessions on the same day (the order of ties counts) and goals
    touched now and then."""
    rng = random.Random(seed)
    first = date(TODAY.year - YEARS + 1, 1, 1)
    goals = [
        Goal(id=f"g{index:07x}", title=f"Goal {index}", started=first, **stamped(first))
        for index in range(5)
    ]
    mentors = [
        Mentor(id=f"m{index:07x}", name=f"Mentor {index}", started=first, **stamped(first))
        for index in range(8)
    ]
    long_ago, newcomer = mentors[-2], mentors[-1]
    meetings = []
    for index in range(YEARS * PER_YEAR):
        year_start = date(first.year + index // PER_YEAR, 1, 1)
        day = year_start + timedelta(days=rng.randrange(365))
        if day > TODAY:
            day = TODAY - timedelta(days=rng.randrange(30))
        who = rng.choice(mentors[:-2])
        if day.year == first.year and rng.random() < 0.1:
            who = long_ago
        elif day.year == TODAY.year and rng.random() < 0.05:
            who = newcomer
        meetings.append(
            Meeting(
                id=f"s{index:07x}",
                mentor=who.id,
                date=day,
                time=time(rng.choice([9, 14])) if rng.random() < 0.5 else None,
                goals=[rng.choice(goals).id] if rng.random() < 0.3 else [],
                **stamped(day, rng.choice([8, 18])),
            )
        )
    return {"goals": goals, "mentors": mentors, "meetings": meetings}


@pytest.fixture(scope="module", params=[1, 2])
def journal_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Written once per module: every test here only reads it."""
    root = tmp_path_factory.mktemp("journal") / "journal"
    with Store(root).transaction() as journal:
        for name, records in build(request.param).items():
            journal.collection(name)[:] = records
    return root


def _everything(journal: Journal, **filters: Any) -> list[Meeting]:
    """What the list shows when every year is read: the reference."""
    mentor, goal = filters.get("mentor"), filters.get("goal")
    since, until = filters.get("since"), filters.get("until")
    return newest_first(
        [
            m
            for m in journal.meetings
            if (mentor is None or m.mentor == mentor)
            and (goal is None or goal in m.goals)
            and (since is None or m.date >= since)
            and (until is None or m.date <= until)
        ]
    )


FILTERS: list[dict[str, Any]] = [
    {},
    {"limit": 5},
    {"limit": 1},
    {"limit": None},
    {"limit": 400},
    {"mentor": "m0000006"},  # met only in the first year
    {"mentor": "m0000007"},  # met only this year, fewer times than the limit
    {"mentor": "m0000000", "limit": 3},
    {"goal": "g0000002"},
    {"goal": "g0000001", "mentor": "m0000003"},
    {"since": date(TODAY.year - 3, 6, 1)},
    {"until": date(TODAY.year - 2, 3, 31)},
    {"since": date(TODAY.year - 4, 1, 1), "until": date(TODAY.year - 1, 12, 31), "limit": 7},
    {"since": date(TODAY.year - 1, 12, 31), "until": date(TODAY.year, 1, 1)},
    {"since": TODAY + timedelta(days=1)},
]


def _check(listing: MeetingList, full: Journal, filters: dict[str, Any]) -> None:
    expected = _everything(full, **filters)
    limit = filters.get("limit", sessions.DEFAULT_LIMIT)
    shown = expected if limit is None else expected[:limit]
    assert [row.id for row in listing.meetings] == [m.id for m in shown]
    if listing.counted_from is None:
        assert listing.total == len(expected)
    else:
        counted = [m for m in expected if m.date.year >= listing.counted_from]
        assert listing.total == len(counted) > len(listing.meetings)
        assert len(counted) < len(expected)  # the older years it leaves out had matches


@pytest.mark.parametrize("budget", [0, sessions.COUNT_BUDGET, 10**9])
@pytest.mark.parametrize("filters", FILTERS)
def test_the_list_from_the_newest_years_is_that_of_every_year(
    journal_dir: Path,
    filters: dict[str, Any],
    budget: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sessions, "COUNT_BUDGET", budget)
    full = Store(journal_dir).journal()
    assert len(full.meetings) == YEARS * PER_YEAR
    _check(meeting_list(Store(journal_dir).journal(), **filters), full, filters)
    _check(meeting_list(full, **filters), full, filters)  # all in memory: the same answer


def _spy(journal: Journal) -> list[int]:
    """The years `journal` reads, in order."""
    read: list[int] = []
    real: Callable[[int], list[Meeting]] = journal.meetings_of_year

    def meetings_of_year(year: int) -> list[Meeting]:
        read.append(year)
        return real(year)

    journal.meetings_of_year = meetings_of_year  # type: ignore[method-assign]
    return read


def test_the_default_list_reads_only_the_newest_years(journal_dir: Path) -> None:
    journal = Store(journal_dir).journal()
    read = _spy(journal)
    listing = meeting_list(journal)
    assert read == list(range(TODAY.year, TODAY.year - len(read), -1))
    assert len(read) * PER_YEAR >= sessions.COUNT_BUDGET
    assert len(read) < YEARS
    assert listing.counted_from == TODAY.year - len(read) + 1
    assert not journal.is_loaded("meetings")


def test_dates_skip_the_years_outside_them(journal_dir: Path) -> None:
    journal = Store(journal_dir).journal()
    read = _spy(journal)
    meeting_list(journal, since=date(TODAY.year - 3, 1, 1), until=date(TODAY.year - 2, 6, 1))
    assert read[0] == TODAY.year - 2
    assert set(read) <= {TODAY.year - 2, TODAY.year - 3}


def test_a_mentor_met_long_ago_reads_back_to_them(journal_dir: Path) -> None:
    journal = Store(journal_dir).journal()
    read = _spy(journal)
    listing = meeting_list(journal, mentor="m0000006")
    assert read[-1] == TODAY.year - YEARS + 1
    assert listing.meetings
    assert {row.date.year for row in listing.meetings} == {TODAY.year - YEARS + 1}


def test_the_table_says_which_years_it_counted(journal_dir: Path) -> None:
    args = ("--data-dir", str(journal_dir), "meeting", "list")
    journal = Store(journal_dir).journal()
    partial = meeting_list(journal)
    assert partial.counted_from is not None
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    since = date(partial.counted_from, 1, 1).isoformat()
    assert last == f"20 of {partial.total} sessions since {since} shown; --limit N shows more."
    assert partial.total < len(journal.meetings)

    fewer = run(*args, "--since", f"{TODAY.year}-06-01")  # one year: every match counted
    expected = len(_everything(journal, since=date(TODAY.year, 6, 1)))
    assert expected > 20
    line = f"20 of {expected} sessions shown; --limit N shows more."
    assert fewer.stdout.splitlines()[-1] == line

    everything = run(*args, "--limit", "5000")
    assert len(everything.stdout.splitlines()) == 2 + YEARS * PER_YEAR  # no count line


def test_the_json_is_the_rows_only(journal_dir: Path) -> None:
    args = ("--data-dir", str(journal_dir), "meeting", "list", "--json")
    rows = json.loads(run(*args).stdout)
    assert isinstance(rows, list)
    assert len(rows) == sessions.DEFAULT_LIMIT
    full = Store(journal_dir).journal()
    assert [row["id"] for row in rows] == [m.id for m in _everything(full)[:20]]
    assert set(rows[0]) == ROW_KEYS


def test_a_small_journal_counts_every_session(tmp_path: Path) -> None:
    ada = Mentor(id="m0000001", name="Ada", started=date(2024, 1, 1), **stamped(date(2024, 1, 1)))
    days = [date(2024, 3, 1), date(2025, 3, 1), date(2026, 3, 1), date(2026, 4, 1)]
    old = [
        Meeting(id=f"s{index:07x}", mentor=ada.id, date=day, **stamped(day))
        for index, day in enumerate(days)
    ]
    listing = meeting_list(Journal(mentors=[ada], meetings=old), limit=1)
    assert (listing.total, listing.counted_from) == (4, None)
    assert [row.id for row in listing.meetings] == ["s0000003"]
