"""`mentorlog meeting list|show|edit|rm` and the session use cases under them."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from mentorlog.errors import BadInput, Refused
from mentorlog.journal.meetings import (
    MeetingChanges,
    edit_meeting,
    log_meeting,
    parse_rating,
    previous_session,
    remove_meeting,
)
from mentorlog.journal.state import Journal
from tests.factories import (
    ESC,
    HOSTILE,
    TODAY,
    action,
    goal,
    load,
    meeting,
    mentor,
    seed,
)
from tests.helpers import MEETING_ROW_KEYS as ROW_KEYS
from tests.helpers import nothing_to_change, refused, run, snapshot


@pytest.fixture
def history(home: Path) -> dict[str, Any]:
    """Two mentors, one goal, four sessions over two years."""
    ada, grace, speaking = mentor(), mentor("Grace Hopper"), goal()
    sessions = {
        "old": meeting(grace, date(2025, 12, 30), takeaways=["Write it down"], format="call"),
        "sep": meeting(ada, date(2026, 9, 1), goals=[speaking.id], rating=3, duration=45),
        "oct": meeting(ada, date(2026, 10, 1), takeaways=["Slow down"], rating=5),
        "nov": meeting(grace, date(2026, 11, 20), goals=[speaking.id], time=time(9, 30)),
    }
    seed(home, goals=[speaking], mentors=[ada, grace], meetings=list(sessions.values()))
    return {"ada": ada, "grace": grace, "goal": speaking, **sessions}


def ids(result_stdout: str) -> list[str]:
    return [row["id"] for row in json.loads(result_stdout)]


# -- list -------------------------------------------------------------------------------


def test_list_is_newest_first_with_its_columns(history: dict[str, Any]) -> None:
    result = run("meeting", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "Date",
        "ID",
        "Mentor",
        "Format",
        "Length",
        "★",
        "First",
        "takeaway",
    ]
    rows = [line for line in lines[2:] if line.strip()]
    assert [row.split()[0] for row in rows] == [
        "2026-11-20",
        "2026-10-01",
        "2026-09-01",
        "2025-12-30",
    ]
    assert "Slow down" in rows[1]
    assert "5" in rows[1].split()
    assert "45m" in rows[2]
    assert all(len(line) <= 80 for line in lines)


def test_list_json_contract(history: dict[str, Any]) -> None:
    document = json.loads(run("meeting", "list", "--json").stdout)
    assert [set(row) for row in document] == [ROW_KEYS] * 4
    first = document[0]
    assert first["mentor"] == {"id": history["grace"].id, "name": "Grace Hopper"}
    assert first["goals"] == [{"id": history["goal"].id, "name": "Public speaking"}]
    assert first["time"] == "09:30:00"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--mentor", "ada"], ["oct", "sep"]),
        (["--mentor", "hopper"], ["nov", "old"]),
        (["--goal", "public"], ["nov", "sep"]),
        (["--since", "2026-10-01"], ["nov", "oct"]),
        (["--until", "2026-09-30"], ["sep", "old"]),
        (["--since", "2026-01-01", "--until", "2026-10-31"], ["oct", "sep"]),
        (["--mentor", "ada", "--goal", "public"], ["sep"]),
        (["--limit", "1"], ["nov"]),
    ],
)
def test_list_filters(history: dict[str, Any], args: list[str], expected: list[str]) -> None:
    result = run("meeting", "list", *args, "--json")
    assert result.exit_code == 0, result.stderr
    assert ids(result.stdout) == [history[name].id for name in expected]


def test_list_says_when_the_limit_hides_sessions(history: dict[str, Any]) -> None:
    result = run("meeting", "list", "--limit", "2")
    assert "2 of 4 sessions shown; --limit N shows more." in result.stdout


def test_list_on_an_empty_journal_says_how_to_start() -> None:
    result = run("meeting", "list")
    assert result.exit_code == 0
    assert "mentorlog meet MENTOR" in result.stdout
    assert run("meeting", "list", "--json").stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--mentor", "nobody"], 1),
        (["--since", "whenever"], 2),
        (["--limit", "0"], 2),
        (["--limit", "x"], 2),
    ],
)
def test_list_bad_filters(history: dict[str, Any], args: list[str], code: int) -> None:
    result = run("meeting", "list", *args)
    assert result.exit_code == code
    assert len(result.stderr.strip().splitlines()) == 1


# -- show -------------------------------------------------------------------------------


def test_show_has_every_part(history: dict[str, Any], home: Path) -> None:
    nov = history["nov"]
    with_notes = run("meeting", "edit", nov.id, "--notes", "# Plan\n\n**Ship** it", "--rating", "4")
    assert with_notes.exit_code == 0
    seed(home, actions=[action("Send slides", mentor=history["grace"].id, meeting=nov.id)])
    result = run("meeting", "show", nov.id[:5])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    for expected in (
        f"Session {nov.id}",
        "Grace Hopper",
        "2026-11-20 at 09:30",
        "Public speaking",
        "★★★★☆",
        "Send slides",
        "Plan",
        "Ship it",  # Markdown rendered, not shown as **Ship**
        "325 days earlier",  # since the session of 2025-12-30
    ):
        assert expected in text
    assert "**Ship**" not in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_show_counts_days_since_the_previous_session(history: dict[str, Any]) -> None:
    result = run("meeting", "show", history["oct"].id)
    assert "30 days earlier" in result.stdout


def test_show_json_contract(history: dict[str, Any], home: Path) -> None:
    oct_ = history["oct"]
    document = json.loads(run("meeting", "show", oct_.id, "--json").stdout)
    assert set(document) == {"meeting", "mentor", "goals", "actions", "days_since_previous"}
    assert document["meeting"]["id"] == oct_.id
    assert document["mentor"]["name"] == "Ada Lovelace"
    assert document["days_since_previous"] == 30


def test_hostile_text_is_shown_literally(home: Path) -> None:
    ada = mentor(f"Eve {HOSTILE}")
    session = meeting(
        ada,
        date(2026, 11, 2),
        notes=f"# Notes\n\n{HOSTILE}\n\n```\ncode {HOSTILE}\n```",
        takeaways=[HOSTILE],
    )
    seed(
        home,
        mentors=[ada],
        meetings=[session],
        actions=[action(HOSTILE, mentor=ada.id, meeting=session.id)],
    )
    shown = run("meeting", "show", session.id).stdout
    listed = run("meeting", "list").stdout
    actions = run("action", "list").stdout
    for output in (shown, listed, actions):
        assert ESC not in output
        assert "\x07" not in output
        assert "😄" not in output
    literal = "[bold]loud[/bold] [link=https://evil.example]x[/link] :smile: [31mred"
    assert shown.count(literal) == 4  # takeaway, action item, notes, code block in notes
    assert "Eve [bold]loud[/bold]" in shown
    assert "Eve [bold]loud[/bo…" in listed  # cut to fit, still literal
    assert "[bold]loud[/bold]…" in listed
    assert "[bold]loud[/bold]" in actions


# -- edit -------------------------------------------------------------------------------


def test_edit_changes_each_field(history: dict[str, Any], home: Path) -> None:
    sep = history["sep"]
    result = run(
        "meeting", "edit", sep.id, "--date", "2026-09-02", "--time", "14:00",
        "--duration", "1h", "--format", "walk", "--rating", "2", "--next", "2026-12-01",
        "--takeaway", "Ask for feedback", "--notes", "Short",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (
        f"Updated session {sep.id}. Next session planned for 2026-12-01."
    )
    changed = next(m for m in load(home).meetings if m.id == sep.id)
    assert (changed.date, changed.time, changed.duration) == (date(2026, 9, 2), time(14), 60)
    assert (changed.format.value, changed.rating, changed.next) == ("walk", 2, date(2026, 12, 1))
    assert (changed.takeaways, changed.notes) == (["Ask for feedback"], "Short")


def test_edit_takeaways_add_or_clear(history: dict[str, Any], home: Path) -> None:
    oct_ = history["oct"]
    run("meeting", "edit", oct_.id, "--takeaway", "Breathe", "--takeaway", "Slow down")
    assert load(home).meetings[2].takeaways == ["Slow down", "Breathe"]
    run("meeting", "edit", oct_.id, "--clear-takeaways", "--takeaway", "Only this")
    assert load(home).meetings[2].takeaways == ["Only this"]
    run("meeting", "edit", oct_.id, "--clear-takeaways")
    assert load(home).meetings[2].takeaways == []


def test_edit_goals_and_clearing_with_none(history: dict[str, Any], home: Path) -> None:
    nov = history["nov"]
    result = run("meeting", "edit", nov.id, "--remove-goal", "public", "--time", "none")
    assert result.exit_code == 0, result.stderr
    changed = next(m for m in load(home).meetings if m.id == nov.id)
    assert (changed.goals, changed.time) == ([], None)
    assert run("meeting", "edit", nov.id, "--remove-goal", "public").exit_code == 1


def test_edit_with_nothing_new_changes_nothing(history: dict[str, Any], home: Path) -> None:
    nothing_to_change(home, "meeting", "edit", history["oct"].id, "--rating", "5", noun="session")


def test_moving_a_session_to_another_year_moves_it_between_files(
    history: dict[str, Any], home: Path
) -> None:
    old = history["old"]
    assert run("meeting", "edit", old.id, "--date", "2026-01-02").exit_code == 0
    in_2025 = json.loads((home / "meetings-2025.json").read_text())["meetings"]
    in_2026 = json.loads((home / "meetings-2026.json").read_text())["meetings"]
    assert in_2025 == []
    assert old.id in [m["id"] for m in in_2026]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--date", "tomorrow"], 2),
        (["--rating", "0"], 2),
        (["--duration", "x"], 2),
        (["--next", "2026-08-01"], 2),  # before the session
        (["--goal", "nothing"], 1),
    ],
)
def test_edit_bad_input_changes_nothing(
    history: dict[str, Any], home: Path, args: list[str], code: int
) -> None:
    before = snapshot(home)
    result = run("meeting", "edit", history["sep"].id, *args)
    assert result.exit_code == code
    assert snapshot(home) == before


# -- rm ---------------------------------------------------------------------------------


def test_rm_needs_confirmation(history: dict[str, Any], home: Path) -> None:
    refused(home, "meeting", "rm", history["oct"].id, code=1, says="--yes")


def test_rm_keeps_action_items_unlinked(history: dict[str, Any], home: Path) -> None:
    oct_, ada = history["oct"], history["ada"]
    seed(home, actions=[action("Keep me", mentor=ada.id, meeting=oct_.id)])
    result = run("meeting", "rm", oct_.id, "--yes")
    assert result.exit_code == 0
    assert "1 action item kept, unlinked" in " ".join(result.stdout.split())
    assert oct_.id not in [m.id for m in load(home).meetings]
    [kept] = load(home).actions
    assert (kept.text, kept.meeting, kept.mentor) == ("Keep me", None, ada.id)


def test_rm_cascade_deletes_its_action_items(history: dict[str, Any], home: Path) -> None:
    oct_, ada = history["oct"], history["ada"]
    other = action("Unrelated", mentor=ada.id)
    seed(home, actions=[action("Mine", mentor=ada.id, meeting=oct_.id), other])
    result = run("meeting", "rm", oct_.id, "--yes", "--cascade")
    assert "1 action item deleted" in " ".join(result.stdout.split())
    assert [a.id for a in load(home).actions] == [other.id]


# -- the use cases (pure) ---------------------------------------------------------------


def test_log_meeting_refuses_future_dates_and_next_before_it() -> None:
    ada = mentor()
    journal = Journal(mentors=[ada])
    with pytest.raises(BadInput, match="future"):
        log_meeting(journal, ada, today=TODAY, day=date(2026, 11, 25))
    with pytest.raises(BadInput, match="after this one"):
        log_meeting(journal, ada, today=TODAY, next_day=TODAY)
    assert journal.meetings == []


def test_log_meeting_links_actions_to_a_single_goal_only() -> None:
    ada, one, two = mentor(), goal("One"), goal("Two")
    journal = Journal(mentors=[ada], goals=[one, two])
    single = log_meeting(journal, ada, today=TODAY, goals=[one], actions=["a"])
    double = log_meeting(journal, ada, today=TODAY, goals=[one, two], actions=["b"])
    assert single.actions_added[0].goal == one.id
    assert double.actions_added[0].goal is None


def test_log_meeting_refuses_closing_someone_elses_item() -> None:
    ada, grace = mentor(), mentor("Grace")
    theirs = action("x", mentor=grace.id)
    journal = Journal(mentors=[ada, grace], actions=[theirs])
    with pytest.raises(Refused):
        log_meeting(journal, ada, today=TODAY, close=[theirs])
    assert theirs.status.value == "open"
    assert journal.meetings == []


def test_previous_session_ignores_later_and_other_mentors() -> None:
    ada, grace = mentor(), mentor("Grace")
    a1, a2, a3 = (meeting(ada, date(2026, m, 1)) for m in (3, 6, 9))
    g1 = meeting(grace, date(2026, 5, 1))
    journal = Journal(mentors=[ada, grace], meetings=[a1, a2, a3, g1])
    assert previous_session(journal, a2) is a1
    assert previous_session(journal, a1) is None


def test_edit_meeting_validates_the_merged_record() -> None:
    ada = mentor()
    session = meeting(ada, date(2026, 11, 1), next=date(2026, 12, 1))
    journal = Journal(mentors=[ada], meetings=[session])
    later = MeetingChanges(day=date(2026, 11, 24), next_day=date(2026, 11, 10))
    with pytest.raises(BadInput):
        edit_meeting(journal, session, later, today=TODAY)
    assert session.date == date(2026, 11, 1)
    assert edit_meeting(journal, session, MeetingChanges(clear_next=True), today=TODAY)
    assert session.next is None


def test_remove_meeting_unlinks_by_default() -> None:
    ada = mentor()
    session = meeting(ada, date(2026, 11, 1))
    item = action("x", mentor=ada.id, meeting=session.id)
    journal = Journal(mentors=[ada], meetings=[session], actions=[item])
    assert remove_meeting(journal, session) == [item.id]
    assert (journal.meetings, item.meeting) == ([], None)


@pytest.mark.parametrize("text", ["0", "6", "x", "", "4.5", "¹", "10"])
def test_parse_rating_refuses(text: str) -> None:
    with pytest.raises(BadInput):
        parse_rating(text)


def test_parse_rating_accepts_one_to_five() -> None:
    assert [parse_rating(str(n)) for n in range(1, 6)] == [1, 2, 3, 4, 5]


def test_an_edit_that_backdates_a_session_moves_starts_back_as_meet_does(home: Path) -> None:
    assert run("goal", "add", "Grow into a manager").exit_code == 0  # started today
    assert run("mentor", "add", "Ada Lovelace", "--goal", "grow").exit_code == 0
    result = run("meet", "ada", "--date", "2026-11-10", "--json")
    assert result.exit_code == 0, result.stderr
    logged = json.loads(result.stdout)["meeting"]
    session = logged["id"]
    assert logged["goals"] == []  # the goal had not started on that day
    hint = f"`mentorlog meeting edit {session} --goal "
    assert any(hint in notice for notice in json.loads(result.stdout)["notices"])
    edited = run("meeting", "edit", session, "--goal", "grow")
    assert edited.exit_code == 0, edited.stderr
    said = " ".join(edited.stdout.split())
    assert "Ada Lovelace: goal “Grow into a manager” start moved back to 2026-11-10." in said
    (goal,) = json.loads(run("goal", "list", "--json").stdout)
    assert goal["started"] == "2026-11-10"
    moved = run("meeting", "edit", session, "--date", "2026-10-01")
    said = " ".join(moved.stdout.split())
    assert "Ada Lovelace: relationship start moved back to 2026-10-01." in said
    assert "start moved back to 2026-10-01" in said.split("relationship start")[1]  # the goal too
