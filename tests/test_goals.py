"""`mentorlog goal ...` end to end on real files: the focus limit, statuses, removal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import created_id, on_disk, refused, run, snapshot

HOSTILE = ["[bold]x[/bold]", ":smile:", "\x1b[2J"]


def add(*args: str) -> str:
    """Run `goal add ... --json` and return the new goal's id."""
    return created_id("goal", "add", *args)


def test_add_records_every_option(home: Path) -> None:
    result = run(
        "goal",
        "add",
        "Public speaking",
        "--why",
        "lead the demos",
        "--area",
        "communication",
        "--target",
        "2027-03-01",
        "--started",
        "2026-11-01",
    )
    assert result.exit_code == 0, result.stderr
    (goal,) = on_disk(home, "goals")
    assert result.stdout.startswith(f"Added goal {goal['id']} Public speaking (active).")
    assert goal["title"] == "Public speaking"
    assert goal["why"] == "lead the demos"
    assert goal["area"] == "communication"
    assert goal["target"] == "2027-03-01"
    assert goal["started"] == "2026-11-01"
    assert goal["status"] == "active"


def test_add_defaults_the_start_to_today_and_accepts_relative_dates(home: Path) -> None:
    add("Delegation", "--target", "+2m")
    (goal,) = on_disk(home, "goals")
    assert goal["started"] == "2026-11-24"
    assert goal["target"] == "2027-01-24"


def test_add_json_is_the_stored_record(home: Path) -> None:
    result = run("goal", "add", "Delegation", "--status", "paused", "--json")
    document = json.loads(result.stdout)
    assert document == on_disk(home, "goals")[0]
    assert document["status"] == "paused"


def test_the_third_active_goal_warns_about_the_focus_limit() -> None:
    add("One")
    two = run("goal", "add", "Two")
    assert "focus limit" not in two.stderr
    three = run("goal", "add", "Three", "--json")
    assert three.exit_code == 0
    newest = json.loads(three.stdout)["id"]
    warning = " ".join(three.stderr.split())  # the warning wraps at 80 columns
    assert "3 active goals, more than your focus limit of 2" in warning
    assert "One; Two; Three" in warning
    assert f"Pause one, e.g. the newest: mentorlog goal pause {newest}" in warning


def test_a_paused_goal_does_not_count_toward_the_focus_limit() -> None:
    add("One")
    add("Two")
    result = run("goal", "add", "Three", "--status", "paused")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_the_focus_limit_follows_the_config(tmp_path: Path) -> None:
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir()
    config.write_text("focus_limit = 1\n")
    add("One")
    assert "focus limit of 1" in run("goal", "add", "Two").stderr


def test_resuming_a_goal_past_the_focus_limit_warns() -> None:
    add("One")
    add("Two")
    add("Three", "--status", "paused")
    result = run("goal", "resume", "three")
    assert result.exit_code == 0
    assert "Goal" in result.stdout
    assert "is now active" in result.stdout
    assert "3 active goals, more than your focus limit of 2" in result.stderr


def test_pausing_does_not_warn() -> None:
    for title in ("One", "Two", "Three"):
        add(title)
    result = run("goal", "pause", "one")
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "someday"], "Not a date: 'someday'"),
        (["--started", "2026-02-30"], "Not a date"),
        (["--status", "achieved"], "A new goal is active or paused"),
        (["--status", "nonsense"], "nonsense"),
        (["--target", "2020-01-01"], "target date is before the goal started"),
    ],
)
def test_bad_input_on_add_exits_2_and_changes_nothing(
    home: Path, args: list[str], message: str
) -> None:
    add("Existing")
    refused(home, "goal", "add", "New goal", *args, code=2, says=message, one_line=True)


def test_a_duplicate_title_is_refused_whatever_its_case(home: Path) -> None:
    add("Public speaking")
    refused(home, "goal", "add", "PUBLIC SPEAKING", code=2, says="already a goal with that title")


def test_list_shows_active_and_paused_and_all_adds_the_closed_ones() -> None:
    add("Active one")
    add("Paused one", "--status", "paused")
    add("Achieved one")
    add("Dropped one")
    assert run("goal", "done", "achieved").exit_code == 0
    assert run("goal", "drop", "dropped").exit_code == 0
    default = run("goal", "list").stdout
    assert "Active one" in default
    assert "Paused one" in default
    assert "Achieved one" not in default
    assert "Dropped one" not in default
    everything = run("goal", "list", "--all").stdout
    for title in ("Active one", "Paused one", "Achieved one", "Dropped one"):
        assert title in everything
    only = json.loads(run("goal", "list", "--status", "achieved", "--json").stdout)
    assert [row["title"] for row in only] == ["Achieved one"]


def test_list_json_contract() -> None:
    goal_id = add("Public speaking", "--area", "communication", "--target", "2027-01-01")
    mentor_id = created_id("mentor", "add", "Ada Lovelace", "--goal", goal_id)
    run("milestone", "add", goal_id, "First talk")
    done = json.loads(run("milestone", "add", goal_id, "Second talk", "--json").stdout)
    run("milestone", "done", done["id"])
    (row,) = json.loads(run("goal", "list", "--json").stdout)
    assert row == {
        "id": goal_id,
        "title": "Public speaking",
        "area": "communication",
        "status": "active",
        "started": "2026-11-24",
        "target": "2027-01-01",
        "progress": {"done": 1, "total": 2},
        "mentors": [{"id": mentor_id, "name": "Ada Lovelace"}],
    }


def test_an_empty_list_says_how_to_start() -> None:
    result = run("goal", "list")
    assert result.exit_code == 0
    assert "mentorlog goal add TITLE" in result.stdout
    assert json.loads(run("goal", "list", "--json").stdout) == []


def test_show_has_the_goal_its_milestones_and_mentors() -> None:
    goal_id = add("Public speaking", "--why", "lead the demos")
    run("mentor", "add", "Ada Lovelace", "--goal", "public")
    run("milestone", "add", "public", "Give the all-hands demo", "--due", "2026-12-15")
    result = run("goal", "show", "public")
    assert result.exit_code == 0
    out = result.stdout
    assert f"Goal {goal_id}" in out
    assert "lead the demos" in out
    assert "Ada Lovelace" in out
    assert "Give the all-hands demo" in out
    assert "due 2026-12-15" in out
    document = json.loads(run("goal", "show", goal_id, "--json").stdout)
    assert set(document) == {"goal", "progress", "milestones", "mentors", "sessions"}
    assert document["progress"] == {"done": 0, "total": 1}
    assert document["milestones"][0]["title"] == "Give the all-hands demo"


def test_edit_changes_each_field_and_clears_the_target(home: Path) -> None:
    add("Public speaking", "--target", "2027-01-01")
    result = run(
        "goal",
        "edit",
        "public",
        "--title",
        "Speaking with confidence",
        "--why",
        "new why",
        "--area",
        "voice",
        "--started",
        "2026-10-01",
    )
    assert result.exit_code == 0
    assert "Updated goal" in result.stdout
    (goal,) = on_disk(home, "goals")
    assert (goal["title"], goal["why"], goal["area"], goal["started"]) == (
        "Speaking with confidence",
        "new why",
        "voice",
        "2026-10-01",
    )
    assert run("goal", "edit", "speaking", "--target", "none").exit_code == 0
    assert on_disk(home, "goals")[0]["target"] is None


def test_done_and_drop_close_with_a_date_and_an_outcome(home: Path) -> None:
    add("Public speaking")
    add("Delegation")
    assert run("goal", "done", "public", "--outcome", "gave three talks").exit_code == 0
    assert run("goal", "drop", "deleg", "--outcome", "not now").exit_code == 0
    speaking, delegation = on_disk(home, "goals")
    assert (speaking["status"], speaking["closed"], speaking["outcome"]) == (
        "achieved",
        "2026-11-24",
        "gave three talks",
    )
    assert (delegation["status"], delegation["outcome"]) == ("dropped", "not now")
    assert run("goal", "resume", "deleg").exit_code == 0
    assert on_disk(home, "goals")[1]["closed"] is None


def test_rm_yes_deletes_a_goal_nothing_refers_to(home: Path) -> None:
    goal_id = add("Public speaking")
    result = run("goal", "rm", "public", "--yes")
    assert result.exit_code == 0
    assert f"Deleted goal {goal_id}" in result.stdout
    assert on_disk(home, "goals") == []


def test_rm_refuses_while_referred_to_and_cascade_cleans_up(home: Path) -> None:
    add("Public speaking")
    run("milestone", "add", "public", "First talk")
    run("mentor", "add", "Ada Lovelace", "--goal", "public")
    refused(home, "goal", "rm", "public", "--yes", code=1, says="1 milestone, 1 mentor")
    result = run("goal", "rm", "public", "--yes", "--cascade")
    assert result.exit_code == 0
    assert json.loads((home / "milestones.json").read_text())["milestones"] == []
    assert json.loads((home / "mentors.json").read_text())["mentors"][0]["goals"] == []


def test_unknown_and_ambiguous_references_exit_1_listing_candidates(home: Path) -> None:
    first = add("Public speaking")
    second = add("Public writing")
    before = snapshot(home)
    unknown = run("goal", "show", "cooking")
    assert unknown.exit_code == 1
    assert "No goal matches 'cooking'" in unknown.stderr
    ambiguous = run("goal", "done", "public")
    assert ambiguous.exit_code == 1
    assert f"{first} Public speaking" in ambiguous.stderr
    assert f"{second} Public writing" in ambiguous.stderr
    assert snapshot(home) == before


def test_hostile_titles_are_shown_literally() -> None:
    for index, text in enumerate(HOSTILE):
        add(f"Goal {index} {text} end", "--why", f"why {text}")
    listing = run("goal", "list")
    assert "[bold]x[/bold]" in listing.stdout
    assert ":smile:" in listing.stdout
    assert "\x1b" not in listing.stdout
    shown = run("goal", "show", "goal 0")
    assert "why [bold]x[/bold]" in shown.stdout
    assert "\x1b" not in run("goal", "show", "goal 2").stdout


def test_the_list_fits_80_columns() -> None:
    add("Become a confident public speaker in front of large audiences", "--area", "x")
    add("Grow into a staff engineer role with a cross-team remit", "--target", "+6m")
    run(
        "mentor",
        "add",
        "Margaret Hamilton-Smythe",
        "--goal",
        "become",
        "--goal",
        "grow",
    )
    out = run("goal", "list").stdout
    assert out.strip()
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize(
    "args",
    [
        ["goal", "add", "x" * 201],
        ["goal", "add", "Fine", "--why", "w" * 5001],
        ["goal", "edit", "existing", "--title", "t" * 201],
        ["goal", "edit", "existing", "--area", "a" * 201],
        ["goal", "done", "existing", "--outcome", "o" * 5001],
        ["goal", "drop", "existing", "--outcome", "o" * 5001],
    ],
)
def test_too_long_text_is_bad_input_and_never_saved(home: Path, args: list[str]) -> None:
    add("Existing")
    result = refused(home, *args, code=2, says="Bad ")
    assert "characters" in result.stderr
    assert run("goal", "list").exit_code == 0


def test_show_suggests_commands_for_this_goal_not_placeholders() -> None:
    goal_id = add("Public speaking")
    shown = " ".join(run("goal", "show", "public").stdout.split())
    assert f"none yet — mentorlog mentor edit MENTOR --goal {goal_id}" in shown
    assert f"none yet — mentorlog milestone add {goal_id} TITLE" in shown
