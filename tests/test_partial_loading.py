"""Reading only some years of sessions gives the same answers as reading them all, and a
session logged after reading one year never loses, truncates or rewrites the other years."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from mentorlog.config import defaults
from mentorlog.dates import quarter_of
from mentorlog.insights import recent
from mentorlog.insights.nudges import compute_nudges
from mentorlog.insights.profiles import mentor_rows
from mentorlog.insights.review import compute_review
from mentorlog.insights.search import find
from mentorlog.insights.status import compute_dashboard
from mentorlog.journal.meetings import log_meeting, previous_session
from mentorlog.journal.state import Journal
from mentorlog.models import Goal, Meeting, Mentor
from mentorlog.storage.store import Store
from mentorlog.vocab import MentorStatus
from tests._years import build, write
from tests.factories import stamped
from tests.helpers import refused, run, snapshot

TODAY = date(2026, 11, 24)  # the frozen clock of tests/conftest.py


@pytest.fixture(params=[1, 2, 3])
def journal_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    write(tmp_path / "journal", build(request.param))
    return tmp_path / "journal"


DAYS = [TODAY, date(2026, 1, 5), date(2026, 4, 1), date(2025, 7, 15), TODAY + timedelta(days=400)]


@pytest.mark.parametrize("today", DAYS)
def test_nudges_and_dashboard_from_the_newest_years_are_those_of_every_year(
    journal_dir: Path, today: date
) -> None:
    config = defaults()
    full = Store(journal_dir).journal()
    assert len(full.meetings) == 900
    store = Store(journal_dir)
    partial = recent.for_nudges(store.journal(), today, config)

    expected = [n.model_dump() for n in compute_nudges(full, today, config)]
    assert [n.model_dump() for n in compute_nudges(partial, today, config)] == expected
    board = compute_dashboard(partial, today, config).model_dump()
    assert board == compute_dashboard(full, today, config).model_dump()


def test_the_newest_years_are_fewer_than_all_of_them(journal_dir: Path) -> None:
    store = Store(journal_dir)
    partial = recent.for_nudges(store.journal(), TODAY, defaults())
    compute_nudges(partial, TODAY, defaults())
    read = [name for name in store.loaded_files("meetings") if name.startswith("meetings-")]
    assert 0 < len(read) < len(list(journal_dir.glob("meetings-*.json")))
    assert len(partial.meetings) < 900


@pytest.mark.parametrize("today", DAYS)
@pytest.mark.parametrize(
    "keep",
    [None, {MentorStatus.active, MentorStatus.paused, MentorStatus.prospect}, {MentorStatus.ended}],
)
def test_the_mentor_list_from_the_newest_years_is_that_of_every_year(
    journal_dir: Path, today: date, keep: set[MentorStatus] | None
) -> None:
    full = Store(journal_dir).journal()
    partial = recent.for_mentor_list(Store(journal_dir).journal(), today, keep=keep, kind=None)
    assert [r.model_dump() for r in mentor_rows(partial, today, keep=keep)] == [
        r.model_dump() for r in mentor_rows(full, today, keep=keep)
    ]


@pytest.mark.parametrize("today", DAYS)
@pytest.mark.parametrize("back", [0, 1, 3, 9])
def test_a_review_from_the_newest_years_is_that_of_every_year(
    journal_dir: Path, today: date, back: int
) -> None:
    quarter = quarter_of(today)
    for _ in range(back):
        quarter = quarter.previous()
    config = defaults()
    full = Store(journal_dir).journal()
    partial = recent.for_review(Store(journal_dir).journal(), quarter, today, config)
    expected = compute_review(full, quarter, today, config).model_dump()
    assert compute_review(partial, quarter, today, config).model_dump() == expected


def test_previous_session_read_newest_year_first_is_the_one_of_every_year(
    journal_dir: Path,
) -> None:
    full = Store(journal_dir).journal()
    for meeting in full.meetings[::37]:
        partial = Store(journal_dir).journal()
        assert previous_session(partial, meeting) == previous_session(full, meeting)


def _mentor(ident: str, status: MentorStatus, cadence: str | None, **extra: Any) -> Mentor:
    began = date(2018, 1, 1)
    return Mentor(
        id=ident,
        name=ident,
        status=status,
        cadence=cadence,
        started=began,
        **extra,
        **stamped(began),
    )


def _session(ident: str, mentor: str, day: date, goals: tuple[str, ...] = ()) -> Meeting:
    return Meeting(id=ident, mentor=mentor, date=day, goals=list(goals), **stamped(day))


def _scenario(name: str) -> tuple[dict[str, list[Any]], date, str]:
    """A journal whose only reason to read an old year is one rule, that rule's code, and the
    day to judge it on. Reading too few years changes that rule's nudge."""
    goal = Goal(id="goal0001", title="Speak", started=date(2018, 1, 1), **stamped(date(2018, 1, 1)))
    busy = _mentor("busy0001", MentorStatus.active, "1w", goals=[goal.id])
    recent_days = [TODAY - timedelta(days=d) for d in (3, 40, 200, 300)]
    sessions = [_session(f"b{i:07d}", busy.id, d, (goal.id,)) for i, d in enumerate(recent_days)]
    sessions += [_session(f"o{i:07d}", busy.id, date(2019 + i, 5, 1)) for i in range(6)]
    mentors = [busy]
    today = TODAY
    if name == "prospect met long ago":
        mentors.append(_mentor("pros0001", MentorStatus.prospect, None))
        sessions.append(_session("p0000001", "pros0001", date(2019, 2, 2)))
        code = "stale-prospect"
    elif name == "goal touched long ago":
        other = Goal(id="goal0002", title="Write", started=date(2018, 1, 1), **stamped(TODAY))
        busy.goals.append(other.id)
        sessions.append(_session("t0000001", busy.id, date(2020, 3, 3), (other.id,)))
        code = "goal-unsupported"
        return {"goals": [goal, other], "mentors": mentors, "meetings": sessions}, today, code
    elif name == "a long cadence window":
        mentors.append(_mentor("slow0001", MentorStatus.active, "1000d"))
        for i, ago in enumerate((700, 690, 10)):
            sessions.append(_session(f"w{i:07d}", "slow0001", TODAY - timedelta(days=ago)))
        code = "over-asking"
    elif name == "reflection after a new year":
        today = date(2026, 1, 5)
        sessions = [
            _session("n0000001", busy.id, date(2026, 1, 2), (goal.id,)),
            _session("n0000002", busy.id, date(2024, 6, 1), (goal.id,)),
        ]
        code = "reflection-due"
    elif name == "a quiet relationship":
        mentors.append(_mentor("quie0001", MentorStatus.active, "1m"))
        sessions.append(_session("q0000001", "quie0001", date(2020, 8, 8)))
        code = "overdue-contact"
    return {"goals": [goal], "mentors": mentors, "meetings": sessions}, today, code


SCENARIOS = [
    "prospect met long ago",
    "goal touched long ago",
    "a long cadence window",
    "reflection after a new year",
    "a quiet relationship",
]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_each_rule_reads_the_old_years_it_needs(tmp_path: Path, scenario: str) -> None:
    collections, today, code = _scenario(scenario)
    write(tmp_path, collections)
    config = defaults()
    full = Store(tmp_path).journal()
    expected = [n.model_dump() for n in compute_nudges(full, today, config)]
    newest_only = Journal(loader=full.collection, meetings=full.meetings_of_year(today.year))
    naive = [n.model_dump() for n in compute_nudges(newest_only, today, config)]
    assert naive != expected  # the scenario really depends on an old year ...
    assert any(n["code"] == code for n in expected + naive)  # ... through this rule
    partial = recent.for_nudges(Store(tmp_path).journal(), today, config)
    assert [n.model_dump() for n in compute_nudges(partial, today, config)] == expected


def _by_year(root: Path) -> dict[str, list[str]]:
    """Ids of the sessions in each year file, read as plain JSON."""
    return {
        path.name: [r["id"] for r in json.loads(path.read_bytes())["meetings"]]
        for path in sorted(root.glob("meetings-*.json"))
    }


def test_meet_rewrites_only_the_year_of_the_new_session(journal_dir: Path) -> None:
    before = snapshot(journal_dir)
    ids_before = _by_year(journal_dir)
    mentor = next(
        m for m in Store(journal_dir).journal().mentors if m.status is MentorStatus.active
    )
    result = run("--data-dir", str(journal_dir), "meet", mentor.id, "--date", "2023-03-04")
    assert result.exit_code == 0, result.stderr
    after = snapshot(journal_dir)
    changed = {name for name in after if after[name] != before.get(name)}
    assert {name for name in changed if not name.startswith("backups/")} == {"meetings-2023.json"}
    ids_after = _by_year(journal_dir)
    new = [i for i in ids_after["meetings-2023.json"] if i not in ids_before["meetings-2023.json"]]
    assert len(new) == 1
    assert ids_after["meetings-2023.json"] == ids_before["meetings-2023.json"] + new
    assert {k: v for k, v in ids_after.items() if k != "meetings-2023.json"} == {
        k: v for k, v in ids_before.items() if k != "meetings-2023.json"
    }
    backups = [name for name in changed if name.startswith("backups/meetings")]
    assert len(backups) == 1
    assert "meetings-2023." in backups[0]
    assert len(Store(journal_dir).journal().meetings) == 901  # and it all still loads


def test_meet_in_a_new_year_creates_its_file_and_keeps_the_others(journal_dir: Path) -> None:
    ids_before = _by_year(journal_dir)
    mentor = next(
        m for m in Store(journal_dir).journal().mentors if m.status is MentorStatus.active
    )
    with Store(journal_dir).transaction() as journal:
        log_meeting(journal, mentor, today=date(2031, 1, 2), day=date(2031, 1, 2))
        assert not journal.is_loaded("meetings")
    ids_after = _by_year(journal_dir)
    assert len(ids_after.pop("meetings-2031.json")) == 1
    assert ids_after == ids_before


def test_a_session_with_an_action_reads_only_its_year_and_keeps_them_all(
    journal_dir: Path,
) -> None:
    ids_before = _by_year(journal_dir)
    mentor = next(
        m for m in Store(journal_dir).journal().mentors if m.status is MentorStatus.active
    )
    with Store(journal_dir).transaction() as journal:
        log_meeting(journal, mentor, today=TODAY, day=date(2024, 5, 6), actions=["x"])
        assert not journal.is_loaded("meetings")
        assert not journal.is_loaded("actions")
    journal = Store(journal_dir).journal()
    assert len(journal.meetings) == 901
    assert journal.actions[0].meeting in journal.ids("meetings")
    ids_after = _by_year(journal_dir)
    assert len(ids_after["meetings-2024.json"]) == len(ids_before["meetings-2024.json"]) + 1
    assert {k: v for k, v in ids_after.items() if k != "meetings-2024.json"} == {
        k: v for k, v in ids_before.items() if k != "meetings-2024.json"
    }


def test_a_new_id_is_never_one_taken_in_a_year_that_was_not_read(
    journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = Store(journal_dir).journal().meetings[0]  # in the oldest year's file
    offered = iter([old.id, old.id, "feedbeef"])
    monkeypatch.setattr("mentorlog.journal.state.new_id", lambda taken=(): next(offered))
    mentor = next(
        m for m in Store(journal_dir).journal().mentors if m.status is MentorStatus.active
    )
    with Store(journal_dir).transaction() as journal:
        logged = log_meeting(journal, mentor, today=TODAY)
        assert not journal.is_loaded("meetings")
    assert logged.meeting.id == "feedbeef"
    assert len(Store(journal_dir).journal().ids("meetings")) == 901


def test_an_escaped_file_makes_the_new_id_read_every_year(journal_dir: Path) -> None:
    # A file written by another tool may escape characters (`\u00e9`), an id's too: a search of
    # the bytes cannot see an escaped id, so a file with escapes sends it to a whole read.
    oldest = sorted(journal_dir.glob("meetings-*.json"))[0]
    document = json.loads(oldest.read_bytes())
    document["meetings"][0]["notes"] = "Café au lait"
    oldest.write_text(json.dumps(document, indent=2), encoding="utf-8")  # ASCII, escaped
    assert b"\\u00e9" in oldest.read_bytes()
    mentor = next(
        m for m in Store(journal_dir).journal().mentors if m.status is MentorStatus.active
    )
    with Store(journal_dir).transaction() as journal:
        log_meeting(journal, mentor, today=TODAY)
        assert journal.is_loaded("meetings")
    assert len(Store(journal_dir).journal().meetings) == 901


def test_a_backslash_that_escapes_no_id_keeps_the_new_id_cheap(journal_dir: Path) -> None:
    oldest = sorted(journal_dir.glob("meetings-*.json"))[0]
    document = json.loads(oldest.read_bytes())
    document["meetings"][0]["notes"] = "C:\\users\\ada"  # in JSON: C:\\users, no escape
    oldest.write_text(json.dumps(document, indent=2), encoding="utf-8")
    mentor = next(
        m for m in Store(journal_dir).journal().mentors if m.status is MentorStatus.active
    )
    with Store(journal_dir).transaction() as journal:
        log_meeting(journal, mentor, today=TODAY)
        assert not journal.is_loaded("meetings")
    assert len(Store(journal_dir).journal().meetings) == 901


def test_a_damaged_year_file_read_for_a_new_session_stops_the_save(journal_dir: Path) -> None:
    target = journal_dir / "meetings-2022.json"
    target.write_bytes(target.read_bytes()[:-200])
    before = snapshot(journal_dir)
    mentor = next(
        m for m in Store(journal_dir).journal().mentors if m.status is MentorStatus.active
    )
    result = run("--data-dir", str(journal_dir), "meet", mentor.id, "--date", "2022-06-01")
    assert result.exit_code == 3
    assert "meetings-2022.json" in result.stderr
    assert snapshot(journal_dir) == before


def test_search_a_year_at_a_time_finds_what_a_whole_read_finds(journal_dir: Path) -> None:
    full = Store(journal_dir).journal()
    full.meetings  # noqa: B018 - read every year at once
    store = Store(journal_dir)
    for text in ("session", "mentor 3", "nothing like this"):
        streamed = [hit.model_dump() for hit in find(store.journal(), text).hits]
        assert streamed == [hit.model_dump() for hit in find(full, text).hits]
    assert not store.loaded_files("meetings")  # no year was kept once searched


def test_search_still_finds_an_id_used_in_two_years(journal_dir: Path) -> None:
    files = sorted(journal_dir.glob("meetings-*.json"))
    first = json.loads(files[0].read_bytes())
    last = json.loads(files[-1].read_bytes())
    last["meetings"][-1]["id"] = first["meetings"][0]["id"]
    files[-1].write_text(json.dumps(last, indent=2), encoding="utf-8")
    result = refused(
        journal_dir,
        "--data-dir",
        str(journal_dir),
        "search",
        "session",
        code=3,
        says=files[-1].name,
    )
    assert "appears twice" in result.stderr


def test_search_still_finds_an_action_about_a_missing_session(journal_dir: Path) -> None:
    mentor = next(
        m for m in Store(journal_dir).journal().mentors if m.status is MentorStatus.active
    )
    added = run("--data-dir", str(journal_dir), "action", "add", "x", "--mentor", mentor.id)
    assert added.exit_code == 0, added.stderr
    actions = json.loads((journal_dir / "actions.json").read_bytes())
    actions["actions"][0]["meeting"] = "dead0001"
    (journal_dir / "actions.json").write_text(json.dumps(actions, indent=2), encoding="utf-8")
    result = run("--data-dir", str(journal_dir), "search", "session")
    assert result.exit_code == 3
    assert "actions.json" in result.stderr
    assert "dead0001" in result.stderr
