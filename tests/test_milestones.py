"""`mentorlog milestone ...` end to end on real files."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from mentorlog.journal.milestones import milestone_rows
from mentorlog.journal.state import Journal
from mentorlog.vocab import MilestoneStatus
from tests.factories import goal, milestone
from tests.helpers import created_id, nothing_to_change, on_disk, refused, run, snapshot


@pytest.fixture
def journal(home: Path) -> dict[str, str]:
    """Two goals and two mentors; returns their ids by short name."""
    return {
        "speaking": created_id("goal", "add", "Public speaking"),
        "staff": created_id("goal", "add", "Staff engineer"),
        "ada": created_id("mentor", "add", "Ada Lovelace"),
        "grace": created_id("mentor", "add", "Grace Hopper", "--kind", "peer"),
    }


def test_add_with_due_date_and_mentor(home: Path, journal: dict[str, str]) -> None:
    result = run(
        "milestone", "add", "public", "Give the all-hands demo", "--due", "2026-12-15",
        "--mentor", "ada",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (milestone,) = on_disk(home, "milestones")
    assert result.stdout.startswith(
        f"Added milestone {milestone['id']} Give the all-hands demo under Public speaking."
    )
    assert milestone["goal"] == journal["speaking"]
    assert milestone["due"] == "2026-12-15"
    assert milestone["mentor"] == journal["ada"]
    assert (milestone["status"], milestone["done"], milestone["note"]) == ("open", None, "")


def test_add_json_is_the_stored_record(home: Path, journal: dict[str, str]) -> None:
    result = run("milestone", "add", "staff", "Write a design doc", "--due", "fri", "--json")
    document = json.loads(result.stdout)
    assert document == on_disk(home, "milestones")[0]
    assert document["due"] == "2026-11-27"  # the next Friday after Tuesday 2026-11-24


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["cooking", "Title"], 1, "No goal matches 'cooking'"),
        (["public", "Title", "--mentor", "nobody"], 1, "No mentor matches 'nobody'"),
        (["public", "Title", "--due", "soonish"], 2, "Not a date: 'soonish'"),
        (["public", "   "], 2, "needs a title"),
        (["public", "x" * 201], 2, "Bad title: must have at most 200 characters"),
    ],
)
def test_bad_add_changes_nothing(
    home: Path, journal: dict[str, str], args: list[str], code: int, message: str
) -> None:
    before = snapshot(home)
    result = run("milestone", "add", *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(home) == before


def test_list_shows_open_ones_by_due_date_and_all_adds_closed(journal: dict[str, str]) -> None:
    late = created_id("milestone", "add", "public", "Late one", "--due", "2026-11-01")
    later = created_id("milestone", "add", "staff", "Later one", "--due", "2027-01-10")
    undated = created_id("milestone", "add", "public", "Undated one")
    soon = created_id("milestone", "add", "public", "Soon one", "--due", "2026-12-01")
    done = created_id("milestone", "add", "public", "Done one")
    dropped = created_id("milestone", "add", "staff", "Dropped one")
    run("milestone", "done", done)
    run("milestone", "drop", dropped)
    rows = json.loads(run("milestone", "list", "--json").stdout)
    assert [row["id"] for row in rows] == [late, soon, later, undated]
    everything = json.loads(run("milestone", "list", "--all", "--json").stdout)
    assert {row["id"] for row in everything} == {late, later, undated, soon, done, dropped}
    text = run("milestone", "list").stdout
    assert "Done one" not in text
    assert "Dropped one" not in text
    assert "overdue" in text.split(late)[1].splitlines()[0]
    text_all = run("milestone", "list", "--all").stdout
    assert "Done one" in text_all
    assert "Dropped one" in text_all


def test_list_filters_by_goal(journal: dict[str, str]) -> None:
    created_id("milestone", "add", "public", "Speaking step")
    created_id("milestone", "add", "staff", "Staff step")
    rows = json.loads(run("milestone", "list", "--goal", "staff", "--json").stdout)
    assert [row["title"] for row in rows] == ["Staff step"]
    assert run("milestone", "list", "--goal", "nope").exit_code == 1


def test_list_json_contract(journal: dict[str, str]) -> None:
    milestone_id = created_id(
        "milestone", "add", "public", "First talk", "--due", "2026-11-20", "--mentor", "ada"
    )
    (row,) = json.loads(run("milestone", "list", "--json").stdout)
    assert row == {
        "id": milestone_id,
        "goal": {"id": journal["speaking"], "name": "Public speaking"},
        "title": "First talk",
        "due": "2026-11-20",
        "status": "open",
        "done": None,
        "overdue": True,
        "mentor": {"id": journal["ada"], "name": "Ada Lovelace"},
        "note": "",
    }


def test_an_empty_list_says_how_to_add_one(journal: dict[str, str]) -> None:
    result = run("milestone", "list")
    assert result.exit_code == 0
    assert "mentorlog milestone add GOAL TITLE" in result.stdout
    assert "--all adds done and dropped ones" in result.stdout


def test_done_sets_today_a_note_and_credits_a_mentor(home: Path, journal: dict[str, str]) -> None:
    milestone_id = created_id("milestone", "add", "public", "First talk")
    result = run("milestone", "done", milestone_id[:4], "--note", "went well", "--mentor", "grace")
    assert result.exit_code == 0, result.stderr
    assert "is done. Credited to Grace Hopper." in result.stdout
    (milestone,) = on_disk(home, "milestones")
    assert (milestone["status"], milestone["done"], milestone["note"], milestone["mentor"]) == (
        "done",
        "2026-11-24",
        "went well",
        journal["grace"],
    )


def test_done_keeps_an_earlier_credit(home: Path, journal: dict[str, str]) -> None:
    milestone_id = created_id("milestone", "add", "public", "First talk", "--mentor", "ada")
    result = run("milestone", "done", milestone_id)
    assert "Credited to Ada Lovelace." in result.stdout
    assert on_disk(home, "milestones")[0]["mentor"] == journal["ada"]


def test_done_twice_is_refused_unchanged(home: Path, journal: dict[str, str]) -> None:
    milestone_id = created_id("milestone", "add", "public", "First talk")
    run("milestone", "done", milestone_id)
    refused(home, "milestone", "done", milestone_id, code=1, says="already done (on 2026-11-24)")


def test_edit_changes_and_clears(home: Path, journal: dict[str, str]) -> None:
    milestone_id = created_id(
        "milestone", "add", "public", "First talk", "--due", "2026-12-01", "--mentor", "ada"
    )
    result = run(
        "milestone", "edit", milestone_id, "--title", "First real talk", "--due", "2027-01-15",
        "--mentor", "grace", "--note", "at the meetup",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Updated milestone {milestone_id} First real talk.")
    (milestone,) = on_disk(home, "milestones")
    assert (milestone["title"], milestone["due"], milestone["mentor"], milestone["note"]) == (
        "First real talk",
        "2027-01-15",
        journal["grace"],
        "at the meetup",
    )
    assert (
        run("milestone", "edit", milestone_id, "--due", "none", "--mentor", "NONE").exit_code == 0
    )
    (milestone,) = on_disk(home, "milestones")
    assert (milestone["due"], milestone["mentor"]) == (None, None)


def test_edit_with_nothing_new_writes_nothing(home: Path, journal: dict[str, str]) -> None:
    milestone_id = created_id("milestone", "add", "public", "First talk")
    nothing_to_change(
        home, "milestone", "edit", milestone_id, "--title", "First talk", noun="milestone"
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--due", "whenever"], 2),
        (["--title", ""], 2),
        (["--note", "n" * 5001], 2),
        (["--mentor", "nobody"], 1),
    ],
)
def test_bad_edit_changes_nothing(
    home: Path, journal: dict[str, str], args: list[str], code: int
) -> None:
    milestone_id = created_id("milestone", "add", "public", "First talk")
    before = snapshot(home)
    result = run("milestone", "edit", milestone_id, *args)
    assert result.exit_code == code
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(home) == before


def test_drop_keeps_it_hidden_until_all(home: Path, journal: dict[str, str]) -> None:
    milestone_id = created_id("milestone", "add", "public", "First talk")
    result = run("milestone", "drop", milestone_id, "--note", "changed plans")
    assert result.exit_code == 0
    assert (on_disk(home, "milestones")[0]["status"], on_disk(home, "milestones")[0]["note"]) == (
        "dropped",
        "changed plans",
    )
    assert json.loads(run("milestone", "list", "--json").stdout) == []
    assert run("milestone", "drop", milestone_id).exit_code == 1


def test_rm_needs_confirmation_then_deletes(home: Path, journal: dict[str, str]) -> None:
    milestone_id = created_id("milestone", "add", "public", "First talk")
    refused(home, "milestone", "rm", milestone_id, code=1, says="needs confirmation: add --yes")
    result = run("milestone", "rm", milestone_id, "-y")
    assert result.exit_code == 0
    assert f"Deleted milestone {milestone_id} First talk." in result.stdout
    assert on_disk(home, "milestones") == []


def test_ambiguous_milestone_reference_lists_candidates(
    home: Path, journal: dict[str, str]
) -> None:
    first = created_id("milestone", "add", "public", "Talk at work")
    second = created_id("milestone", "add", "public", "Talk at the meetup")
    result = refused(home, "milestone", "done", "talk", code=1, says=f"{first} Talk at work")
    assert f"{second} Talk at the meetup" in result.stderr


def test_hostile_titles_are_literal_and_the_list_fits_80_columns(
    journal: dict[str, str],
) -> None:
    for text in ("[bold]x[/bold]", ":smile:", "\x1b[2J"):
        created_id("milestone", "add", "public", f"Step {text} with a rather long title here")
    created_id(
        "milestone", "add", "staff", "Write the architecture proposal for the platform team",
        "--due", "2026-12-24", "--mentor", "grace",
    )  # fmt: skip
    out = run("milestone", "list").stdout
    assert "[bold]x[/bold]" in out
    assert ":smile:" in out
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_milestone_rows_are_overdue_against_the_given_today() -> None:
    speaking = goal("Speaking")
    due = date(2026, 5, 1)
    talk = milestone(speaking, "Talk", due=due)
    post = milestone(
        speaking, "Post", due=date(2026, 4, 1), status=MilestoneStatus.done, done=date(2026, 4, 2)
    )
    journal = Journal(goals=[speaking], mentors=[], milestones=[talk, post])
    (on_time,) = milestone_rows(journal, due)
    assert (on_time.id, on_time.overdue) == (talk.id, False)
    late = milestone_rows(journal, due + timedelta(days=1), include_closed=True)
    assert [(row.id, row.overdue) for row in late] == [(post.id, False), (talk.id, True)]


def test_done_on_an_earlier_day_and_never_in_the_future(
    home: Path, journal: dict[str, str]
) -> None:
    first = created_id("milestone", "add", journal["speaking"], "Submit the abstract")
    second = created_id("milestone", "add", journal["speaking"], "Give the talk")
    refused(home, "milestone", "done", second, "--date", "tomorrow", code=2, says="in the future")
    assert run("milestone", "done", first, "--date", "2026-11-20").exit_code == 0
    assert run("milestone", "done", second).exit_code == 0
    done = {record["id"]: record["done"] for record in on_disk(home, "milestones")}
    assert done == {first: "2026-11-20", second: "2026-11-24"}
