"""`mentorlog action list|add|done|drop`: open items across mentors, oldest first, with age."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from mentorlog.errors import BadInput, Refused
from mentorlog.insights.sessions import action_rows
from mentorlog.journal.actions import action_text, close_action
from mentorlog.journal.state import Journal
from mentorlog.vocab import ActionStatus
from tests.factories import TODAY, action, goal, load, mentor, seed
from tests.helpers import refused, run, snapshot

ROW_KEYS = {
    "id",
    "text",
    "status",
    "mentor",
    "goal",
    "meeting",
    "created",
    "opened",
    "age_days",
    "due",
    "overdue",
    "done",
}


def made(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def items(home: Path) -> dict[str, Any]:
    ada, grace, speaking = mentor(), mentor("Grace Hopper"), goal()
    found = {
        "newer": action("Book a room", mentor=grace.id, created=made(20)),
        "oldest": action(
            "Read the book", mentor=ada.id, created=made(1, 10), due=date(2026, 11, 1)
        ),
        "middle": action("Draft outline", mentor=ada.id, goal=speaking.id, created=made(10)),
        "done": action("Old win", mentor=ada.id, created=made(2), status="done", done=TODAY),
        "loose": action("No mentor", goal=speaking.id, created=made(22), due=date(2026, 12, 1)),
    }
    seed(home, goals=[speaking], mentors=[ada, grace], actions=list(found.values()))
    return {"ada": ada, "grace": grace, "goal": speaking, **found}


def listed(*args: str) -> list[dict[str, Any]]:
    result = run("action", "list", *args, "--json")
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def test_list_is_open_items_oldest_first_with_age(items: dict[str, Any]) -> None:
    rows = listed()
    assert [r["id"] for r in rows] == [items[k].id for k in ("oldest", "middle", "newer", "loose")]
    assert [r["age_days"] for r in rows] == [54, 14, 4, 2]
    assert [r["overdue"] for r in rows] == [True, False, False, False]


def test_list_json_contract(items: dict[str, Any]) -> None:
    rows = listed()
    assert all(set(r) == ROW_KEYS for r in rows)
    middle = rows[1]
    assert middle["mentor"] == {"id": items["ada"].id, "name": "Ada Lovelace"}
    assert middle["goal"] == {"id": items["goal"].id, "name": "Public speaking"}
    assert (middle["status"], middle["created"], middle["due"]) == ("open", "2026-11-10", None)


def test_list_all_includes_closed_items(items: dict[str, Any]) -> None:
    rows = listed("--all")
    assert items["done"].id in [r["id"] for r in rows]
    assert [r["created"] for r in rows] == sorted(r["created"] for r in rows)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--mentor", "ada"], ["oldest", "middle"]),
        (["--mentor", "grace"], ["newer"]),
        (["--goal", "public"], ["middle", "loose"]),
        (["--mentor", "ada", "--all"], ["oldest", "done", "middle"]),
    ],
)
def test_list_filters(items: dict[str, Any], args: list[str], expected: list[str]) -> None:
    assert [r["id"] for r in listed(*args)] == [items[k].id for k in expected]


def test_list_table(items: dict[str, Any]) -> None:
    result = run("action", "list")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "Action", "Mentor", "Age", "Due"]
    assert "Read the book" in lines[2]
    assert "54d" in lines[2]
    assert "2026-11-01" in lines[2]
    assert "Public speaking" in result.stdout  # an item without mentor shows its goal
    assert all(len(line) <= 80 for line in lines)
    assert "Status" in run("action", "list", "--all").stdout.splitlines()[0]


def test_list_when_nothing_is_open(home: Path) -> None:
    result = run("action", "list")
    assert result.exit_code == 0
    assert "No open action items" in result.stdout
    assert run("action", "list", "--json").stdout.strip() == "[]"


def test_add_with_mentor_goal_and_due(items: dict[str, Any], home: Path) -> None:
    result = run(
        "action", "add", "Send thanks", "--mentor", "grace", "--goal", "pub", "--due", "fri"
    )
    assert result.exit_code == 0, result.stderr
    item = load(home).actions[-1]
    assert (item.text, item.mentor, item.goal) == (
        "Send thanks",
        items["grace"].id,
        items["goal"].id,
    )
    assert item.due == date(2026, 11, 27)  # the next Friday after Tuesday 2026-11-24
    assert item.meeting is None
    assert result.stdout.strip() == f"Added action item {item.id}: Send thanks (due 2026-11-27)."


def test_add_json(home: Path) -> None:
    result = run("action", "add", "Alone", "--json")
    document = json.loads(result.stdout)
    assert document["text"] == "Alone"
    assert document["status"] == "open"
    assert document["id"] == load(home).actions[0].id


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["   "], 2),
        (["x" * 1001], 2),
        (["ok", "--due", "soonish"], 2),
        (["ok", "--mentor", "nobody"], 1),
        (["ok", "--goal", "nothing"], 1),
    ],
)
def test_add_bad_input_changes_nothing(
    items: dict[str, Any], home: Path, args: list[str], code: int
) -> None:
    before = snapshot(home)
    result = run("action", "add", *args)
    assert result.exit_code == code
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(home) == before


def test_done_and_drop(items: dict[str, Any], home: Path) -> None:
    assert run("action", "done", items["middle"].id[:6]).exit_code == 0
    result = run("action", "drop", items["newer"].id)
    assert result.stdout.strip() == f"Action item {items['newer'].id} Book a room is dropped."
    found = {a.id: a for a in load(home).actions}
    assert (found[items["middle"].id].status, found[items["middle"].id].done) == (
        ActionStatus.done,
        TODAY,
    )
    assert found[items["newer"].id].status is ActionStatus.dropped


def test_closing_twice_is_refused(items: dict[str, Any], home: Path) -> None:
    refused(home, "action", "done", items["done"].id, code=1, says="already done")
    assert run("action", "drop", "zzzz").exit_code == 1


def test_close_action_keeps_the_given_day_from_opened_to_today() -> None:
    item = action("x", created=made(20), opened=date(2026, 9, 1))
    with pytest.raises(BadInput, match="opened on 2026-09-01"):
        close_action(item, ActionStatus.done, on=date(2026, 8, 31), today=TODAY)
    with pytest.raises(BadInput, match="future"):
        close_action(item, ActionStatus.done, on=date(2026, 11, 25), today=TODAY)
    assert item.status is ActionStatus.open
    close_action(item, ActionStatus.done, on=date(2026, 9, 15), today=TODAY)
    assert item.done == date(2026, 9, 15)  # before the day it was typed in: kept as given
    with pytest.raises(Refused):
        close_action(item, ActionStatus.dropped, on=TODAY, today=TODAY)


def test_action_text_is_one_trimmed_line() -> None:
    assert action_text("  Call\n Bob  ") == "Call Bob"
    with pytest.raises(BadInput):
        action_text("\n\t ")


def test_action_rows_age_uses_local_days() -> None:
    item = action("x", created=datetime(2026, 11, 23, 23, 30, tzinfo=timezone.utc))
    [row] = action_rows(Journal(actions=[item]), TODAY)
    assert row.age_days == 1
    assert row.mentor is None


def test_done_and_drop_take_the_day_it_happened_and_refuse_the_future(home: Path) -> None:
    first = run("action", "add", "Send the deck", "--json")
    second = run("action", "add", "Book a room", "--date", "-3d", "--json")
    ids = [json.loads(r.stdout)["id"] for r in (first, second)]
    assert run("action", "done", ids[0], "--date", "today").exit_code == 0
    refused(home, "action", "drop", ids[1], "--date", "2026-12-01", code=2, says="in the future")
    assert run("action", "drop", ids[1], "--date", "-1d").exit_code == 0
    listed = {a["id"]: a for a in json.loads(run("action", "list", "--all", "--json").stdout)}
    assert listed[ids[0]]["done"] == "2026-11-24"
    # (agreed three days ago, so closing it yesterday is kept as given)
    assert listed[ids[1]]["status"] == "dropped"
    assert listed[ids[1]]["done"] == "2026-11-23"
    assert listed[ids[1]]["opened"] == "2026-11-21"
    assert run("action", "done", ids[0], "--date", "-5d").exit_code != 0  # already done
