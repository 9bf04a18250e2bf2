"""A newcomer types in the last quarter, backwards, through the CLI (issue 15, "Done when"):
goals, mentors, sessions with their actions, closings and milestones, all in the past. The
review of that quarter (2026-Q3; today is 2026-11-24) is then checked figure by figure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import ok


def made(*args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(*args, "--json"))
    return data


def session(who: str, day: str, *options: str) -> dict[str, Any]:
    return made("meet", who, "--date", day, *options)


def backfill_the_quarter() -> None:
    ok("goal", "add", "Public speaking", "--started", "2026-06-15")
    ok("goal", "add", "Engineering leadership", "--started", "2026-07-01")
    ok("goal", "add", "Writing", "--started", "2026-03-01")
    ok("goal", "drop", "writing", "--date", "2026-07-20", "--outcome", "Not now")
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-06-01", "--goal", "public")
    ok("mentor", "add", "Kai Tanaka", "--kind", "peer", "--cadence", "biweekly")
    ok("mentor", "edit", "kai", "--started", "2026-07-01", "--goal", "engineering")
    ok("mentor", "add", "Tom Berg", "--kind", "reverse", "--started", "2026-07-10")
    outline = made("milestone", "add", "public", "Outline the talk", "--date", "2026-07-01")
    talk = made(
        "milestone", "add", "public", "Give the talk", "--date", "2026-07-01", "--due", "2026-09-20"
    )
    retro = made("milestone", "add", "engineering", "Run a retro", "--date", "2026-08-01")
    made("milestone", "add", "engineering", "Hiring plan", "--date", "2026-10-10")
    assert talk["due"] == "2026-09-20"

    # the sessions, including one before the quarter and one after it
    session("ada", "2026-06-20", "--duration", "30m", "--goal", "public")
    first = session(
        "ada", "2026-07-07", "--duration", "45m", "--format", "video", "--rating", "4",
        "--goal", "public", "--takeaway", "Tell a story", "--action", "Draft the outline",
    )  # fmt: skip
    second = session(
        "ada", "2026-08-04", "--duration", "1h", "--format", "coffee", "--rating", "5",
        "--goal", "public", "--action", "Rehearse with a timer",
    )  # fmt: skip
    draft = first["actions_added"][0]["id"]
    rehearse = second["actions_added"][0]["id"]
    session(
        "ada", "2026-09-01", "--duration", "30m", "--format", "video", "--rating", "4",
        "--goal", "public", "--next", "+1m", "--close", draft,
    )  # fmt: skip
    session(
        "kai", "2026-07-14", "--duration", "30m", "--format", "call", "--rating", "3",
        "--goal", "engineering",
    )  # fmt: skip
    session("kai", "2026-07-28", "--duration", "30m", "--format", "call", "--goal", "engineering")
    session(
        "kai", "2026-08-11", "--duration", "1h", "--format", "walk", "--rating", "5",
        "--goal", "engineering", "--takeaway", "Write decisions down",
    )  # fmt: skip
    tom = session(
        "tom", "2026-08-20", "--duration", "45m", "--format", "video", "--goal", "engineering",
        "--action", "Try the new tool",
    )  # fmt: skip
    session("kai", "2026-10-08", "--duration", "30m", "--format", "call")

    # closings and later events, each on its own day
    ok("milestone", "done", outline["id"], "--date", "2026-08-10", "--mentor", "ada")
    ok("milestone", "done", retro["id"], "--date", "2026-10-02")
    ok("action", "done", rehearse, "--date", "2026-09-10")
    ok("action", "done", tom["actions_added"][0]["id"], "--date", "2026-10-03")
    ok("action", "add", "Read the book Kai lent me", "--mentor", "kai", "--date", "2026-09-25")
    ok("action", "add", "Plan Q1", "--date", "2026-10-10")
    ok("mentor", "end", "tom", "--date", "2026-10-05")


def test_last_quarter_logged_backwards_is_reviewed_figure_by_figure(home: Path) -> None:
    backfill_the_quarter()
    review = made("review", "--last")
    assert (review["period"], review["start"], review["end"]) == (
        "2026-Q3",
        "2026-07-01",
        "2026-09-30",
    )
    assert review["to_date"] is False
    assert review["headline"] == {
        "sessions": 7,  # Ada 3, Kai 3, Tom 1 (not Ada's June nor Kai's October session)
        "hours": 5.0,  # 45+60+30 + 30+30+60 + 45 minutes
        "sessions_without_duration": 0,
        "mentors_met": 3,
        "milestones_done": 1,  # the outline (10 Aug); the retro was done in October
        "actions_closed": 2,  # the outline draft (closed at the 1 Sep session), the rehearsal
        "goals_progressed": 2,
    }
    goals = {g["title"]: g for g in review["goals"]}
    assert list(goals) == ["Public speaking", "Engineering leadership", "Writing"]
    public, leadership, writing = goals.values()
    assert (public["status"], public["milestones_done"], public["milestones_total"]) == (
        "active",
        1,
        2,
    )
    assert (public["milestones_done_in_period"], public["sessions"]) == (1, 3)
    # the retro was still open at the quarter's end; the hiring plan did not exist yet
    assert (leadership["milestones_done"], leadership["milestones_total"]) == (0, 1)
    assert leadership["sessions"] == 4
    assert (writing["status"], writing["sessions"]) == ("dropped", 0)

    relationships = {r["name"]: r for r in review["relationships"]}
    assert list(relationships) == ["Ada Lovelace", "Kai Tanaka", "Tom Berg"]
    ada, kai, tom = relationships.values()
    assert (ada["sessions"], ada["hours"], ada["last_met"]) == (3, 2.3, "2026-09-01")  # 2.25
    assert (ada["health"], ada["average_rating"]) == ("on track", 4.3)
    assert (kai["sessions"], kai["last_met"], kai["average_rating"]) == (3, "2026-08-11", 4.0)
    assert kai["health"] == "neglected"  # biweekly, 50 days since 11 August on 30 September
    # Tom's relationship ended in October: in Q3 it was active, a month (31 days) after 20
    # August has passed by 30 September, 1.5 months (46 days) has not
    assert (tom["status"], tom["health"], tom["last_met"]) == ("active", "due", "2026-08-20")
    assert tom["average_rating"] is None

    assert sum(week["sessions"] for week in review["weeks"]) == 7
    assert {m["name"]: m["sessions"] for m in review["formats"]} == {
        "video": 3,
        "call": 2,
        "coffee": 1,
        "walk": 1,
        "in-person": 0,
        "message": 0,
    }
    assert {m["name"]: m["sessions"] for m in review["kinds"]} == {
        "mentor": 3,
        "peer": 3,
        "reverse": 1,
        "micro": 0,
    }
    assert [(t["date"], t["text"]) for t in review["takeaways"]] == [
        ("2026-07-07", "Tell a story"),
        ("2026-08-11", "Write decisions down"),
    ]
    loose = review["loose_ends"]
    assert [(a["text"], a["created"]) for a in loose["actions"]] == [
        ("Try the new tool", "2026-08-20"),  # done in October: open at the quarter's end
        ("Read the book Kai lent me", "2026-09-25"),
    ]
    assert [(m["title"], m["due"]) for m in loose["milestones"]] == [
        ("Give the talk", "2026-09-20")
    ]
    assert review["nudges"] == []
    assert review["reflected"] is None
    figures = {p["number"]: p["figure"] for p in review["prompts"]}
    assert figures == {
        1: "2 active goals: Public speaking; Engineering leadership.",
        2: "Most sessions: Ada Lovelace and Kai Tanaka, 3 each; "
        "highest average rating: Ada Lovelace (4.3). "
        "Not followed up yet: Ada Lovelace; Kai Tanaka; Tom Berg.",
        3: "Overdue or neglected: Kai Tanaka (neglected).",
        4: "Sessions vs agreed cadence: Ada Lovelace 3 (about 3.0 agreed, monthly); "
        "Kai Tanaka 3 (about 6.6 agreed, biweekly); Tom Berg 1 (about 2.7 agreed, monthly).",
        5: "Sessions by kind: mentor 3, peer 3, reverse 1, micro 0.",
        6: "2 open milestones at the period's end, 1 overdue.",
    }


def test_the_backfilled_quarter_reads_the_same_in_the_terminal(home: Path) -> None:
    backfill_the_quarter()
    shown = " ".join(ok("review", "--quarter", "2026-Q3").split())
    for phrase in (
        "Most sessions: Ada Lovelace and Kai Tanaka, 3 each",
        "Try the new tool",
        "Give the talk",
        "Reflect mentorlog review --quarter 2026-Q3 --reflect",
    ):
        assert phrase in shown, phrase
