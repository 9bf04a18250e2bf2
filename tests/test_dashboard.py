"""The dashboard (`mentorlog`, `mentorlog status`) and `mentorlog nudge`: data, rendering in
80 columns, JSON shapes, and the read-only CLI."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

from rich.console import Console

from mentorlog.cli.status import GETTING_STARTED
from mentorlog.config import Config
from mentorlog.insights.health import assess
from mentorlog.insights.nudges import Nudge, Subject, compute_nudges
from mentorlog.insights.status import Dashboard, compute_dashboard
from mentorlog.journal.state import Journal
from mentorlog.models import ActionItem, Agreement, Goal, Meeting, Mentor, Milestone
from mentorlog.render.dashboard import MAX_NUDGES, render_dashboard
from mentorlog.render.nudges import render_nudges
from mentorlog.storage.store import Store
from tests.factories import TODAY, make
from tests.helpers import run, snapshot

HOSTILE = ("[bold]x", ":smile:", "\x1b[2J")


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def sample() -> Journal:
    speaking = make(
        Goal, title="Become a confident public speaker", started=ago(170), target=date(2027, 3, 31)
    )
    managing = make(Goal, title="Grow into engineering management", started=ago(80))
    paused = make(Goal, title="Learn Rust", status="paused", started=ago(10))
    ada = make(Mentor, name="Ada Lovelace", cadence="1m", goals=[speaking.id], started=ago(300))
    grace = make(
        Mentor,
        name="Grace Hopper",
        kind="peer",
        cadence="2w",
        goals=[managing.id],
        started=ago(200),
    )
    kate = make(
        Mentor,
        name="Katherine Johnson",
        kind="micro",
        agreement=Agreement(until=ago(-20), purpose="review my talk"),
        started=ago(15),
    )
    margaret = make(Mentor, name="Margaret Hamilton", status="prospect", started=ago(3))
    linus = make(Mentor, name="Linus Pauling", status="ended", cadence="1m", started=ago(900))
    return Journal(
        goals=[speaking, managing, paused],
        milestones=[
            make(
                Milestone,
                goal=speaking.id,
                title="Lightning talk at the meetup",
                status="done",
                done=ago(30),
            ),
            make(Milestone, goal=speaking.id, title="Talk at the team offsite", due=ago(-6)),
            make(Milestone, goal=speaking.id, title="Conference proposal", due=ago(-40)),
            make(Milestone, goal=speaking.id, title="Dropped idea", status="dropped"),
            make(Milestone, goal=paused.id, title="Finish the book", due=ago(-3)),
        ],
        mentors=[ada, grace, kate, margaret, linus],
        meetings=[
            make(Meeting, mentor=ada.id, date=ago(50), goals=[speaking.id]),
            make(Meeting, mentor=grace.id, date=ago(6), goals=[managing.id], next=ago(-8)),
            make(Meeting, mentor=kate.id, date=ago(2)),
            make(Meeting, mentor=linus.id, date=ago(400)),
        ],
        actions=[
            make(ActionItem, text="Send the outline to Ada", mentor=ada.id, due=ago(-2)),
            make(ActionItem, text="Read chapter 3", goal=managing.id, due=ago(-14)),
            make(ActionItem, text="Too far ahead", mentor=ada.id, due=ago(-15)),
            make(ActionItem, text="Already late", mentor=ada.id, due=ago(1)),
            make(ActionItem, text="Closed", mentor=ada.id, due=ago(-1), status="done"),
        ],
    )


def rendered(renderable: Any) -> str:
    console = Console(file=StringIO(), width=80, color_system=None)
    console.print(renderable)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


def assert_fits(output: str) -> None:
    too_long = [line for line in output.splitlines() if len(line) > 80]
    assert too_long == []


# -- the data ---------------------------------------------------------------------------------


def test_goals_show_milestone_progress_of_active_goals_only() -> None:
    board = compute_dashboard(sample(), TODAY, Config())
    progress = {(g.title, g.milestones_done, g.milestones_total, g.target) for g in board.goals}
    assert progress == {
        ("Become a confident public speaker", 1, 3, date(2027, 3, 31)),
        ("Grow into engineering management", 0, 0, None),
    }


def test_relationships_are_active_mentors_neediest_first_with_the_shared_health() -> None:
    journal = sample()
    board = compute_dashboard(journal, TODAY, Config())
    assert [r.name for r in board.relationships] == [
        "Ada Lovelace",  # 50 days on a monthly cadence: overdue
        "Grace Hopper",
        "Katherine Johnson",  # ad-hoc
    ]
    assert board.prospects == 1
    mentors = {m.id: m for m in journal.mentors}
    for rel in board.relationships:
        met = [m.date for m in journal.meetings if m.mentor == rel.id]
        expected = assess(mentors[rel.id], max(met) if met else None, TODAY)
        assert (rel.days_since, rel.health, rel.last_met) == (
            expected.days_since,
            expected.health,
            expected.last_met,
        )
    assert [str(r.health) for r in board.relationships] == ["overdue", "on track", "ad-hoc"]


def test_due_lists_the_next_horizon_days_in_date_order() -> None:
    board = compute_dashboard(sample(), TODAY, Config())
    due = [(item.kind, item.date, item.title, item.subject) for item in board.due]
    assert due == [
        ("action", ago(-2), "Send the outline to Ada", "Ada Lovelace"),
        ("milestone", ago(-3), "Finish the book", "Learn Rust"),
        ("milestone", ago(-6), "Talk at the team offsite", "Become a confident public speaker"),
        ("session", ago(-8), "planned session", "Grace Hopper"),
        ("action", ago(-14), "Read chapter 3", "Grow into engineering management"),
    ]
    wider = compute_dashboard(sample(), TODAY, Config(due_horizon_days=15))
    assert "Too far ahead" in [item.title for item in wider.due]


def test_a_cadence_due_date_stands_in_for_a_missing_plan() -> None:
    ada = make(Mentor, name="Ada Lovelace", cadence="1m", started=ago(300))
    journal = Journal(mentors=[ada], meetings=[make(Meeting, mentor=ada.id, date=ago(20))])
    board = compute_dashboard(journal, TODAY, Config())
    assert [(i.kind, i.date, i.title) for i in board.due] == [
        ("session", ago(-10), "session due (cadence)")
    ]
    assert board.relationships[0].next_due == ago(-10)


def test_dashboard_nudges_are_the_nudges() -> None:
    journal = sample()
    board = compute_dashboard(journal, TODAY, Config())
    assert board.nudges == compute_nudges(journal, TODAY, Config())
    assert board.nudges  # Ada is overdue


# -- rendering --------------------------------------------------------------------------------


def test_dashboard_renders_every_section_in_80_columns() -> None:
    output = rendered(render_dashboard(compute_dashboard(sample(), TODAY, Config())))
    assert_fits(output)
    lines = [line.rstrip() for line in output.splitlines()]
    assert lines[0] == "mentorlog · Tuesday 24 November 2026"
    goal_line = next(line for line in lines if "public speaker" in line)
    assert "████░░░░░░░░ 1/3" in goal_line
    assert "by 31 Mar 2027" in goal_line
    assert any(
        "Grow into engineering management" in line and "no milestones" in line for line in lines
    )
    assert "Relationships  3 active · 1 prospect" in lines
    ada = next(line for line in lines if line.strip().startswith("Ada Lovelace"))
    assert ada.split() == ["Ada", "Lovelace", "mentor", "monthly", "50d", "ago", "overdue", "now"]
    grace = next(line for line in lines if line.strip().startswith("Grace Hopper"))
    assert grace.split()[2:] == ["peer", "biweekly", "6d", "ago", "on", "track", "Wed", "2", "Dec"]
    assert "Due in the next 14 days" in lines
    assert any(
        line.split()[:5] == ["Thu", "26", "Nov", "in", "2d"] and "Send the outline" in line
        for line in lines
    )
    # Upcoming milestones are in the due list, so their milestone-soon nudges are not repeated.
    assert "Nudges  3" in lines
    assert "→ mentorlog meet ada" in output
    assert "→ mentorlog milestone add grow TITLE" in output
    assert "Milestone due in" not in output
    assert "Linus" not in output  # ended relationships are not on the dashboard


def test_dashboard_shows_empty_sections_helpfully() -> None:
    journal = Journal(goals=[make(Goal, title="Only a goal", started=TODAY)])
    output = rendered(render_dashboard(compute_dashboard(journal, TODAY, Config())))
    assert "No active mentors. Add one: mentorlog mentor add NAME" in output
    assert "Nothing due." in output
    assert "No active mentor is helping with Only a goal." in output


def test_dashboard_lists_the_most_severe_nudges_and_points_to_the_rest() -> None:
    nudges = [
        Nudge(
            code="stale-prospect",
            severity="info",
            subject=Subject(kind="mentor", name=f"P{n}"),
            message=f"Prospect {n}",
            suggestion="mentorlog meet p",
        )
        for n in range(MAX_NUDGES + 3)
    ]
    board = Dashboard(
        today=TODAY,
        empty=False,
        horizon_days=14,
        focus_limit=2,
        goals=[],
        relationships=[],
        prospects=0,
        due=[],
        nudges=nudges,
    )
    output = rendered(render_dashboard(board))
    assert f"Prospect {MAX_NUDGES - 1}" in output
    assert f"Prospect {MAX_NUDGES}" not in output
    assert "… and 3 more: mentorlog nudge" in output


def test_nudge_list_shows_severity_message_and_command() -> None:
    journal = sample()
    output = rendered(render_nudges(compute_nudges(journal, TODAY, Config())))
    assert_fits(output)
    lines = [line.rstrip() for line in output.splitlines()]
    late = next(a for a in journal.actions if a.text == "Already late")
    assert lines[:4] == [
        "warn  Action overdue by 1 day (due Mon 23 Nov): Already late",
        f"      → mentorlog action done {late.id}",
        "warn  No session with Ada Lovelace for 50 days (cadence monthly).",
        "      → mentorlog meet ada",
    ]


def test_user_text_is_shown_literally() -> None:
    name = "".join(HOSTILE) + " Lovelace"
    ada = make(Mentor, name=name, cadence="1m", started=ago(100))
    speaking = make(Goal, title="[link=http://x]Speak[/link] :fire:", started=ago(100))
    journal = Journal(
        goals=[speaking],
        mentors=[ada],
        actions=[make(ActionItem, text="[red]Plan[/red]", due=ago(-1))],
    )
    output = rendered(render_dashboard(compute_dashboard(journal, TODAY, Config())))
    assert "[bold]x:smile:[2J Lovelace" in output
    assert "[link=http://x]Speak[/link] :fire:" in output
    assert "[red]Plan[/red]" in output
    assert "\x1b" not in output
    assert_fits(output)


def test_long_titles_and_names_stay_on_one_line() -> None:
    journal = sample()
    journal.mentors.append(make(Mentor, name="W" * 200, cadence="1w", started=ago(3)))
    journal.goals.append(make(Goal, title="Long " * 40, started=ago(3)))
    journal.actions.append(make(ActionItem, text="x" * 900, due=ago(-3)))
    output = rendered(render_dashboard(compute_dashboard(journal, TODAY, Config())))
    assert_fits(output)
    lines = output.split("Nudges")[0].splitlines()
    assert len([line for line in lines if line.lstrip().startswith("WWW")]) == 1
    assert len([line for line in lines if line.lstrip().startswith("Long Long")]) == 1
    cut = [line.rstrip() for line in lines if "xxxx" in line]
    assert len(cut) == 1
    assert cut[0].endswith("…")


# -- the command line -------------------------------------------------------------------------


def save(home: Path, journal: Journal) -> None:
    with Store(home).transaction() as stored:
        for name in ("goals", "milestones", "mentors", "meetings", "actions", "reflections"):
            stored.collection(name).extend(journal.collection(name))


def test_empty_journal_shows_the_guide_and_creates_nothing(home: Path) -> None:
    for args in ((), ("status",)):
        result = run(*args)
        assert (result.exit_code, result.stdout) == (0, GETTING_STARTED)
    assert not home.exists()


def test_status_json_on_an_empty_journal(home: Path) -> None:
    result = run("status", "--json")
    document = json.loads(result.stdout)
    assert document["empty"] is True
    assert document["today"] == TODAY.isoformat()
    assert [document[k] for k in ("goals", "relationships", "due", "nudges")] == [[], [], [], []]
    assert not home.exists()


def test_nudge_is_silent_on_an_empty_journal(home: Path) -> None:
    result = run("nudge")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert json.loads(run("nudge", "--json").stdout) == []
    assert not home.exists()


def test_nudge_is_silent_when_all_is_well(home: Path) -> None:
    speaking = make(Goal, title="Speaking", started=ago(100))
    ada = make(Mentor, name="Ada Lovelace", cadence="1m", goals=[speaking.id], started=ago(100))
    save(
        home,
        Journal(
            goals=[speaking],
            milestones=[make(Milestone, goal=speaking.id, title="A talk")],
            mentors=[ada],
            meetings=[make(Meeting, mentor=ada.id, date=ago(3), goals=[speaking.id])],
        ),
    )
    result = run("nudge")
    assert (result.exit_code, result.stdout) == (0, "")
    assert json.loads(run("nudge", "--json").stdout) == []
    assert "Nothing needs your attention" in run("status").stdout


def test_status_and_nudge_read_without_writing(home: Path) -> None:
    save(home, sample())
    before = snapshot(home)
    board = run("status")
    assert "Ada Lovelace" in board.stdout
    assert "overdue" in board.stdout
    assert_fits(board.stdout)
    assert run().stdout == board.stdout
    nudges = run("nudge")
    assert nudges.stdout.splitlines()[2].rstrip() == (
        "warn  No session with Ada Lovelace for 50 days (cadence monthly)."
    )
    assert "→ mentorlog meet ada" in nudges.stdout
    run("status", "--json")
    run("nudge", "--json")
    assert snapshot(home) == before


def test_status_json_shape(home: Path) -> None:
    save(home, sample())
    document = json.loads(run("status", "--json").stdout)
    assert set(document) == {
        "today",
        "empty",
        "horizon_days",
        "focus_limit",
        "goals",
        "relationships",
        "prospects",
        "due",
        "nudges",
    }
    assert (document["empty"], document["prospects"], document["horizon_days"]) == (False, 1, 14)
    goal = document["goals"][0]
    assert set(goal) == {"id", "title", "milestones_done", "milestones_total", "target"}
    assert (goal["milestones_done"], goal["milestones_total"], goal["target"]) == (
        1,
        3,
        "2027-03-31",
    )
    ada = document["relationships"][0]
    assert set(ada) == {
        "id",
        "name",
        "kind",
        "cadence",
        "last_met",
        "days_since",
        "health",
        "next_planned",
        "next_due",
    }
    assert (ada["name"], ada["kind"], ada["cadence"], ada["health"], ada["days_since"]) == (
        "Ada Lovelace",
        "mentor",
        "1m",
        "overdue",
        50,
    )
    assert ada["last_met"] == ago(50).isoformat()
    assert set(document["due"][0]) == {"kind", "date", "title", "subject", "id"}
    assert document["due"][0]["date"] == ago(-2).isoformat()
    assert [n["code"] for n in document["nudges"]][:2] == ["action-overdue", "overdue-contact"]


def test_nudge_json_shape(home: Path) -> None:
    journal = sample()
    save(home, journal)
    document = json.loads(run("nudge", "--json").stdout)
    assert [(n["severity"], n["code"]) for n in document] == [
        ("warn", "action-overdue"),
        ("warn", "overdue-contact"),
        ("info", "goal-no-milestones"),
        ("info", "milestone-soon"),
        ("info", "milestone-soon"),
    ]
    ada = next(m for m in journal.mentors if m.name == "Ada Lovelace")
    assert document[1] == {
        "code": "overdue-contact",
        "severity": "warn",
        "subject": {"kind": "mentor", "id": ada.id, "name": "Ada Lovelace"},
        "message": "No session with Ada Lovelace for 50 days (cadence monthly).",
        "suggestion": "mentorlog meet ada",
    }


def test_cli_shows_hostile_names_literally(home: Path) -> None:
    name = " ".join(HOSTILE)
    boss = make(Mentor, name=name, supervisor=True, cadence="1m", started=ago(5))
    save(home, Journal(mentors=[boss]))
    for args in (("status",), ("nudge",)):
        output = run(*args).stdout
        assert "[bold]x :smile: [2J" in output
        assert "\x1b" not in output
    assert json.loads(run("nudge", "--json").stdout)[0]["subject"]["name"] == name


def test_nudge_shows_three_of_a_kind_then_how_many_more_and_all_with_all(home: Path) -> None:
    journal = sample()
    ada = next(m for m in journal.mentors if m.name == "Ada Lovelace")
    for index in range(7):
        journal.actions.append(
            make(ActionItem, text=f"Overdue thing {index}", mentor=ada.id, due=ago(10 + index))
        )
    save(home, journal)
    every = json.loads(run("nudge", "--json").stdout)
    overdue = [n for n in every if n["code"] == "action-overdue"]
    assert len(overdue) >= 7
    short = run("nudge").stdout
    assert short.count("→ mentorlog action done") == 3
    assert f"… and {len(overdue) - 3} more overdue action items: mentorlog action list" in short
    assert_fits(short)
    complete = run("nudge", "--all").stdout
    assert complete.count("→ mentorlog action done") == len(overdue)
    assert "more overdue action items" not in complete
    # the other kinds are all there in both
    others = [n for n in every if n["code"] != "action-overdue"]
    for nudge in others:
        assert nudge["suggestion"] in short.replace("\n      ", " ")
        assert nudge["suggestion"] in complete.replace("\n      ", " ")


def test_a_few_nudges_of_a_kind_are_all_shown(home: Path) -> None:
    save(home, sample())
    assert run("nudge").stdout == run("nudge", "--all").stdout
    assert "… and" not in run("nudge").stdout


def test_a_cut_leaves_no_space_nor_separator_before_its_ellipsis(home: Path) -> None:
    """At 80 columns a long name and a milestone whose goal does not fit are cut cleanly."""
    for args in (
        ("goal", "add", "Become a confident conference speaker"),
        ("milestone", "add", "Become", "Submit a proposal to a regional conference",
         "--due", "2026-12-03"),
        ("mentor", "add", "Zoë Fernández-García de la Vega Montalbán y Ortiz"),
        ("mentor", "add", "Ada Okafor"),
        ("meet", "Ada", "--date", "2026-10-08", "--next", "2026-11-25"),
    ):  # fmt: skip
        assert run(*args).exit_code == 0, args
    shown = run("status").stdout
    assert " …" not in shown
    assert "·…" not in shown
    assert "  Thu 3 Dec      in 9d  milestone  Submit a proposal to a regional conference…\n" in (
        shown
    )
    assert "  Zoë Fernández-García de la…   mentor" in shown
