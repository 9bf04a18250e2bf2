"""`mentorlog meet`: flags only, stdin notes, the guided questions, --close, the confirmation
line, every bad input, and backfilling across years."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest

from tests.factories import (
    TODAY,
    action,
    ada_with_goal,
    goal,
    load,
    meeting,
    mentor,
    seed,
)
from tests.helpers import refused, run, snapshot

PROMPTS = ("Mentor (number", "Date [", "Format (", "Close which")


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `meet` believe a person is at the keyboard (answers come from `input=`)."""
    monkeypatch.setattr("mentorlog.cli.meet.interactive", lambda: True)


def test_flags_only_log_every_field_and_never_prompt(home: Path) -> None:
    ada, speaking = ada_with_goal(home, format="coffee")
    result = run(
        "meet", "ada", "--date", "2026-11-20", "--time", "9:30", "--duration", "1h30m",
        "--goal", "public", "--notes", "We talked *a lot*", "--takeaway", "Rehearse aloud",
        "--takeaway", "  Record   yourself ", "--action", "Draft the outline",
        "--rating", "4", "--next", "2026-12-15",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert not any(p in result.output for p in PROMPTS)
    [logged] = load(home).meetings
    assert logged.mentor == ada.id
    assert logged.date == date(2026, 11, 20)
    assert logged.time == time(9, 30)
    assert logged.duration == 90
    assert logged.format.value == "coffee"  # the mentor's preferred format
    assert logged.goals == [speaking.id]
    assert logged.notes == "We talked *a lot*"
    assert logged.takeaways == ["Rehearse aloud", "Record yourself"]
    assert logged.rating == 4
    assert logged.next == date(2026, 12, 15)
    [item] = load(home).actions
    assert (item.text, item.meeting, item.mentor, item.goal) == (
        "Draft the outline",
        logged.id,
        ada.id,
        speaking.id,
    )
    assert item.status.value == "open"


def test_format_defaults_to_video_without_a_preference(home: Path) -> None:
    seed(home, mentors=[mentor()])
    assert run("meet", "ada").exit_code == 0
    assert load(home).meetings[0].format.value == "video"


def test_explicit_format_beats_the_preference(home: Path) -> None:
    seed(home, mentors=[mentor(format="coffee")])
    assert run("meet", "ada", "--format", "walk").exit_code == 0
    assert load(home).meetings[0].format.value == "walk"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("today", TODAY),
        ("yesterday", date(2026, 11, 23)),
        ("-3d", date(2026, 11, 21)),
        ("monday", date(2026, 11, 23)),  # 2026-11-24 is a Tuesday
        ("tuesday", date(2026, 11, 17)),  # the most recent *past* Tuesday, not today
    ],
)
def test_meeting_dates_look_back(home: Path, typed: str, expected: date) -> None:
    seed(home, mentors=[mentor()])
    assert run("meet", "ada", "--date", typed).exit_code == 0
    assert load(home).meetings[0].date == expected


def test_notes_from_stdin(home: Path) -> None:
    seed(home, mentors=[mentor()])
    notes = "# Prep\n\nShe said: *slow down*.\n\n- one\n- two\n"
    result = run("meet", "ada", "--notes", "-", input=notes)
    assert result.exit_code == 0, result.stderr
    assert load(home).meetings[0].notes == notes.rstrip()


def one_line(output: str) -> str:
    """The confirmation, which Rich wraps at word boundaries in 80 columns, as one line."""
    return " ".join(output.split("\n\n")[0].split())


def test_next_offsets_count_from_a_backfilled_session(home: Path) -> None:
    seed(home, mentors=[mentor()])
    assert run("meet", "ada", "--date", "2026-10-16", "--next", "+2w").exit_code == 0
    assert load(home).meetings[0].next == date(2026, 10, 30)


def test_a_first_session_activates_a_prospect_and_backfill_moves_the_start(home: Path) -> None:
    seed(home, mentors=[mentor(status="prospect", started=date(2026, 11, 1))])
    result = run("meet", "ada", "--date", "2026-10-20")
    assert result.exit_code == 0, result.output
    [ada] = load(home).mentors
    assert ada.status.value == "active"
    assert ada.started == date(2026, 10, 20)
    text = " ".join(result.stdout.split())
    assert "Ada Lovelace: now active: this was your first session." in text
    assert "Ada Lovelace: relationship start moved back to 2026-10-20." in text


def test_a_session_without_goal_is_about_the_mentors_goals_in_play(home: Path) -> None:
    assert run("goal", "add", "Speaking").exit_code == 0
    assert run("goal", "add", "Old one").exit_code == 0
    assert run("goal", "drop", "old").exit_code == 0
    goals = {g.title: g.id for g in load(home).goals}
    seed(home, mentors=[mentor(goals=[goals["Speaking"], goals["Old one"]])])
    assert run("meet", "ada").exit_code == 0
    assert run("meet", "ada", "--goal", "old").exit_code == 0
    first, second = sorted(load(home).meetings, key=lambda m: m.created)
    assert first.goals == [goals["Speaking"]]  # the dropped goal is not in play
    assert second.goals == [goals["Old one"]]  # a named goal is kept as given


def test_confirmation_line_first_session_and_cadence_due_date(home: Path) -> None:
    seed(home, mentors=[mentor(cadence="1m")])
    result = run("meet", "ada", "--date", "2026-11-10")
    session = load(home).meetings[0]
    assert one_line(result.stdout) == (
        f"Logged session {session.id} with Ada Lovelace (first session). Next due by 2026-12-10."
    )
    assert all(len(line) <= 80 for line in result.stdout.splitlines())  # wrapped at words


def test_confirmation_line_days_since_previous_and_next(home: Path) -> None:
    ada = mentor()
    seed(home, mentors=[ada], meetings=[meeting(ada, date(2026, 11, 3))])
    result = run("meet", "ada", "--next", "2026-12-15")
    new = next(m for m in load(home).meetings if m.date == TODAY)
    assert one_line(result.stdout) == (
        f"Logged session {new.id} with Ada Lovelace (21 days since the last one). Next: 2026-12-15."
    )


def test_days_since_counts_the_session_before_a_backfilled_one(home: Path) -> None:
    ada = mentor()
    early, late = meeting(ada, date(2026, 9, 1)), meeting(ada, date(2026, 11, 1))
    seed(home, mentors=[ada], meetings=[early, late])
    result = run("meet", "ada", "--date", "2026-10-01", "--json")
    document = json.loads(result.stdout)
    assert document["previous"] == "2026-09-01"
    assert document["days_since_previous"] == 30


def test_meet_json_contract(home: Path) -> None:
    seed(home, mentors=[mentor()])
    result = run("meet", "ada", "--action", "Write it", "--json")
    document = json.loads(result.stdout)
    assert set(document) == {
        "meeting",
        "mentor_name",
        "actions_added",
        "actions_closed",
        "previous",
        "days_since_previous",
        "next_due",
        "notices",
        "topics_discussed",
        "topics_added",
    }
    assert document["notices"] == []
    assert document["actions_added"][0]["text"] == "Write it"
    assert document["meeting"]["id"] == load(home).meetings[0].id


def test_close_marks_this_mentors_items_done_on_the_session_date(home: Path) -> None:
    ada = mentor()
    first, second = action("Read the book", mentor=ada.id), action("Ship it", mentor=ada.id)
    seed(home, mentors=[ada], actions=[first, second])
    result = run("meet", "ada", "--date", "yesterday", "--close", first.id[:5])
    assert result.exit_code == 0, result.stderr
    assert "Action items: 1 closed." in result.stdout
    items = {a.id: a for a in load(home).actions}
    assert items[first.id].status.value == "done"
    assert items[first.id].done == date(2026, 11, 23)
    assert items[second.id].status.value == "open"
    assert "Still open: 1 older action item" in result.stdout


def test_close_refuses_another_mentors_item(home: Path) -> None:
    ada, grace = mentor(), mentor("Grace Hopper")
    theirs = action("Grace's thing", mentor=grace.id)
    seed(home, mentors=[ada, grace], actions=[theirs])
    refused(home, "meet", "ada", "--close", theirs.id, code=1, says="not with this mentor")


def test_close_refuses_an_item_already_done(home: Path) -> None:
    ada = mentor()
    finished = action("Done already", mentor=ada.id, status="done", done=date(2026, 11, 2))
    seed(home, mentors=[ada], actions=[finished])
    refused(home, "meet", "ada", "--close", finished.id, code=1, says="already done")


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["meet", "bob"], 1, "No mentor matches 'bob'"),
        (["meet", "ada", "--date", "someday"], 2, "Not a date"),
        (["meet", "ada", "--date", "tomorrow"], 2, "in the future"),
        (["meet", "ada", "--date", "2026-11-25"], 2, "in the future"),
        (["meet", "ada", "--duration", "forever"], 2, "Not a duration"),
        (["meet", "ada", "--duration", "25h"], 2, "Not a duration"),
        (["meet", "ada", "--rating", "0"], 2, "Not a rating"),
        (["meet", "ada", "--rating", "6"], 2, "Not a rating"),
        (["meet", "ada", "--rating", "x"], 2, "Not a rating"),
        (["meet", "ada", "--time", "25:00"], 2, "Not a time"),
        (["meet", "ada", "--next", "yesterday"], 2, "after this one"),
        (["meet", "ada", "--goal", "nothing-like-it"], 1, "No goal matches"),
        (["meet", "ada", "--close", "ffff"], 1, "No action item matches"),
        (["meet", "ada", "--format", "zoom"], 2, "zoom"),
        (["meet", "ada", "--action", " "], 0, ""),  # a blank action is simply ignored
        (["meet", "ada", "--takeaway", "x" * 1001], 2, "at most 1000"),
        (["meet"], 2, "Give a mentor"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    home: Path, args: list[str], code: int, words: str
) -> None:
    ada_with_goal(home)
    before = snapshot(home)
    result = run(*args)
    assert result.exit_code == code, result.output
    if code == 0:
        assert load(home).actions == []
        return
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert snapshot(home) == before


def test_error_never_echoes_the_notes(home: Path) -> None:
    seed(home, mentors=[mentor()])
    result = run("meet", "ada", "--notes", "my secret plan", "--rating", "9")
    assert result.exit_code == 2
    assert "secret" not in result.output


def test_with_a_mentor_and_a_flag_a_terminal_gets_no_questions(home: Path, terminal: None) -> None:
    ada = mentor()
    seed(home, mentors=[ada], actions=[action("Old thing", mentor=ada.id)])
    result = run("meet", "ada", "--date", "today", input="")
    assert result.exit_code == 0, result.output
    assert not any(p in result.output for p in PROMPTS)
    assert "Still open: 1 older action item" in result.stdout


def test_meet_mentor_alone_in_a_terminal_walks_through_the_rest(home: Path, terminal: None) -> None:
    """What every nudge suggests (`mentorlog meet ada`) asks for what it does not know."""
    ada = mentor(format="call")
    seed(home, mentors=[ada], actions=[action("Old thing", mentor=ada.id)])
    answers = "-2d\n45m\n\nSay less\n\nSend the deck\n\n4\n\n1\n"
    result = run("meet", "ada", input=answers)
    assert result.exit_code == 0, result.output
    assert "Who did you meet?" not in result.stderr  # the mentor was given
    [session] = load(home).meetings
    assert session.date == date(2026, 11, 22)
    assert session.duration == 45
    assert session.format.value == "call"  # Enter took the preferred format
    assert session.takeaways == ["Say less"]
    assert session.rating == 4
    assert [a.status.value for a in load(home).actions if a.meeting is None] == ["done"]
    assert "+4w counts from Sun 22 Nov" in result.stderr  # the backfilled session's day


def test_terminal_without_mentor_asks_mentor_date_format_and_what_to_close(
    home: Path, terminal: None
) -> None:
    ada, grace = mentor(format="coffee"), mentor("Grace Hopper")
    first, second = action("Read", mentor=ada.id), action("Write", mentor=ada.id)
    seed(home, mentors=[grace, ada], actions=[first, second])
    # mentor, date, length, format, (takeaways: given), actions, rating, next, close
    result = run("meet", "--takeaway", "Walk more", input="1\nyesterday\n\nwalk\n\n\n\n2\n")
    assert result.exit_code == 0, result.output
    assert "1. Ada Lovelace" in result.stderr  # listed by name
    assert "2. Grace Hopper" in result.stderr
    assert "Format (video, call, coffee, walk, in-person, message) [coffee]" in result.stderr
    assert "Open action items with Ada Lovelace" in result.stderr
    [session] = load(home).meetings
    assert (session.mentor, session.date, session.format.value) == (
        ada.id,
        date(2026, 11, 23),
        "walk",
    )
    assert session.takeaways == ["Walk more"]
    closed = {a.id: a.status.value for a in load(home).actions}
    assert closed == {first.id: "open", second.id: "done"}
    # (the test runner echoes the typed answers to stdout, a terminal would show them too)
    assert f"Logged session {session.id} with Ada Lovelace" in result.stdout


def test_terminal_defaults_and_second_tries(home: Path, terminal: None) -> None:
    ada = mentor(format="call")
    seed(home, mentors=[ada], actions=[action("Read", mentor=ada.id)])
    answers = "9\ngrace\nada\nsomeday\n-2d\n\nzoom\n\n\n\n\n\nfive\n\n"
    result = run("meet", input=answers)
    assert result.exit_code == 0, result.output
    # "9" is out of the list's range, even when a random id happens to start with 9
    assert "Give a number from 1 to 1, or a name." in result.stderr
    assert "No mentor matches 'grace'" in result.stderr
    assert "Not a date" in result.stderr
    assert "Not a format" in result.stderr
    assert "Give numbers from 1 to 1" in result.stderr
    [session] = load(home).meetings
    assert session.date == date(2026, 11, 22)
    assert session.format.value == "call"  # Enter took the preferred format
    assert load(home).actions[0].status.value == "open"  # Enter closed nothing


def test_terminal_flags_skip_their_questions(home: Path, terminal: None) -> None:
    seed(home, mentors=[mentor()])
    result = run(
        "meet", "--date", "2026-11-02", "--format", "message", "--duration", "1h",
        "--takeaway", "T", "--action", "A", "--rating", "3", "--next", "+2w", input="1\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Date [" not in result.stderr
    assert "Format (" not in result.stderr
    for question in ("Length", "Takeaway", "Action item", "Rating", "Next session"):
        assert question not in result.stderr
    assert load(home).meetings[0].date == date(2026, 11, 2)


def test_terminal_end_of_input_stops_without_saving(home: Path, terminal: None) -> None:
    seed(home, mentors=[mentor()])
    refused(home, "meet", input="", code=1, says="nothing was changed")


def test_terminal_with_no_mentors_says_how_to_add_one(home: Path, terminal: None) -> None:
    seed(home, goals=[goal()])
    result = run("meet", input="")
    assert result.exit_code == 1
    assert "mentorlog mentor add" in result.stderr


def test_backfilled_sessions_land_in_their_years_file(home: Path) -> None:
    seed(home, mentors=[mentor()])
    for day in ("2019-03-01", "2024-12-31", "2025-01-01", "today"):
        assert run("meet", "ada", "--date", day).exit_code == 0
    years = {p.name: json.loads(p.read_text())["meetings"] for p in home.glob("meetings-*.json")}
    assert sorted(years) == [
        "meetings-2019.json",
        "meetings-2024.json",
        "meetings-2025.json",
        "meetings-2026.json",
    ]
    for name, sessions in years.items():
        assert [s["date"][:4] for s in sessions] == [name[9:13]]


def test_terminal_walks_through_the_whole_session(home: Path, terminal: None) -> None:
    ada = mentor(format="call")
    seed(home, mentors=[ada])
    answers = [
        "ada",  # mentor
        "2026-11-20",  # date (a backfilled session)
        "an hour",  # length: not understood, asked again
        "1h15m",
        "",  # format: Enter keeps the preferred one
        "Rehearse aloud",  # takeaways, until an empty line
        "Record yourself",
        "",
        "Draft the outline",  # action items
        "",
        "7",  # rating: out of range, asked again
        "4",
        "+2w",  # next: counted from the session's date
    ]
    result = run("meet", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    for question in ("Length (", "Takeaway 1", "Takeaway 3", "Action item 1", "Rating", "Next"):
        assert question in result.stderr  # questions go to stderr
    assert "Not a rating" in result.stderr
    [session] = load(home).meetings
    assert session.date == date(2026, 11, 20)
    assert session.duration == 75
    assert session.format.value == "call"
    assert session.takeaways == ["Rehearse aloud", "Record yourself"]
    assert session.rating == 4
    assert session.next == date(2026, 12, 4)
    assert [a.text for a in load(home).actions] == ["Draft the outline"]
    assert f"Logged session {session.id}" in result.stdout


def test_terminal_every_question_is_skipped_with_enter(home: Path, terminal: None) -> None:
    seed(home, mentors=[mentor()])
    result = run("meet", input="1\n" + "\n" * 7)
    assert result.exit_code == 0, result.output
    [session] = load(home).meetings
    assert session.date == date(2026, 11, 24)
    assert (session.duration, session.rating, session.next) == (None, None, None)
    assert session.takeaways == []
    assert load(home).actions == []


def words(result_stdout: str) -> str:
    return " ".join(result_stdout.split())


def test_a_session_after_a_relationship_ended_says_so_and_plans_nothing() -> None:
    assert run("mentor", "add", "Elena Petrova", "--cadence", "2w").exit_code == 0
    assert run("meet", "elena", "--date", "2026-11-02").exit_code == 0
    assert run("mentor", "end", "elena", "--date", "2026-11-10").exit_code == 0
    result = run("meet", "elena", "--notes", "one more coffee")
    assert result.exit_code == 0, result.stderr
    said = words(result.stdout)
    assert "Elena Petrova: the relationship ended on 2026-11-10; if it goes on," in said
    assert "`mentorlog mentor resume " in said
    assert "Next due" not in said  # an ended relationship has no cadence to keep
    before_end = words(run("meet", "elena", "--date", "2026-11-05").stdout)
    assert "ended on" not in before_end  # a session backfilled before the end is just history


def test_a_backfilled_session_whose_next_date_has_passed_says_overdue() -> None:
    assert run("mentor", "add", "Li Ming", "--cadence", "2w").exit_code == 0
    said = words(run("meet", "li", "--date", "2026-11-01").stdout)
    assert "(first session). The next was due by 2026-11-15: overdue." in said
    recent = words(run("meet", "li", "--date", "2026-11-20").stdout)
    assert "Next due by 2026-12-04." in recent  # today is 2026-11-24


def test_terminal_lists_wrap_under_their_text_and_complaints_end_without_a_space(
    home: Path, terminal: None
) -> None:
    zoe = mentor("Zoë Fernández-García de la Vega")
    long = "Planifier une répétition générale devant l'équipe et la chronométrer sans faute"
    seed(home, mentors=[zoe], actions=[action(long, mentor=zoe.id)])
    # mentor (a name that matches no one, then 1), date, length, format, takeaways,
    # actions, rating, next, close
    wrong = "Quelqu'un dont le nom est beaucoup trop long pour tenir sur une seule ligne"
    result = run("meet", input=f"{wrong}\n1\n\n\n\n\n\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert (
        "   1. Planifier une répétition générale devant l'équipe et la chronométrer sans\n"
        "      faute (23d old)\n"
    ) in result.stderr
    assert "   1. Zoë Fernández-García de la Vega\n" in result.stderr
    complaint = [line for line in result.stderr.splitlines() if "No mentor matches" in line]
    assert complaint
    assert all(line == line.rstrip() for line in complaint)
