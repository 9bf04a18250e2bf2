"""`mentorlog prep MENTOR` (README, "Before and after a session"): the sheet before a session, its
JSON, its agenda file."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ok, run, snapshot


def ids(*args: str) -> list[str]:
    return [row["id"] for row in json.loads(ok(*args, "--json"))]


@pytest.fixture
def zoe(home: Path) -> str:
    """A relationship built through the CLI: a goal with milestones, a session, its actions
    (one done since), a milestone reached since, and an open topic."""
    ok("goal", "add", "Become a team lead", "--started", "2026-09-01")
    ok("milestone", "add", "team", "Run first 1:1s", "--due", "2026-12-10")
    ok("milestone", "add", "team", "Write the team charter")
    ok(
        "mentor", "add", "Zoë Fernández", "--why", "She grew a team from 3 to 40",
        "--hope", "Learn to delegate", "--goal", "team", "--org", "Acme", "--role", "CTO",
        "--started", "2026-09-01", "--email", "zoe@example.org",
    )  # fmt: skip
    ok(
        "meet", "Zoë", "--date", "2026-11-10", "--takeaway", "Delegate outcomes, not tasks",
        "--takeaway", "[bold]Write it down[/] :smile:", "--action", "Draft a hiring plan",
        "--action", "Read High Output Management", "--next", "2026-12-08",
    )  # fmt: skip
    ok("action", "done", ids("action", "list")[0])
    charter = ids("milestone", "list")[1]
    ok("milestone", "done", charter)
    ok("topic", "add", "Zoë", "Ask about the [red]budget[/red]")
    return "zoe"


@pytest.fixture
def agenda(tmp_path: Path) -> Path:
    """Where `prep --output` writes the agenda in these tests (not yet there)."""
    return tmp_path / "agenda.md"


GOLDEN = """\
Before your session with Zoë Fernández  (mentor, CTO · Acme)
14 days since you last met (Tue 10 Nov; on track). Planned next: Tue 8 Dec.

Your agreement
  Why them   She grew a team from 3 to 40
  Hoping for Learn to delegate
  Cadence    monthly

Takeaways from last time (Tue 10 Nov)
  - Delegate outcomes, not tasks
  - [bold]Write it down[/] :smile:

What you owe them (open action items)
  - Read High Output Management  (14d old)

Done since you last met, Tue 10 Nov (tell them)
  - Draft a hiring plan  (Tue 24 Nov)
  - milestone: Write the team charter  (Tue 24 Nov)

Goals they help with
  - Become a team lead
      next: Run first 1:1s (due Thu 10 Dec)

Topics to raise
  - Ask about the [red]budget[/red]
"""


def test_golden_sheet_at_80_columns_shows_user_text_literally(zoe: str) -> None:
    shown = ok("prep", "Zoë")
    assert "\n".join(line.rstrip() for line in shown.splitlines()) + "\n" == GOLDEN
    assert all(len(line) <= 80 for line in shown.splitlines())
    assert "─" not in shown
    assert "│" not in shown


def test_json_shape(zoe: str) -> None:
    sheet: dict[str, Any] = json.loads(ok("prep", "Zoë", "--json"))
    assert set(sheet) == {
        "mentor_id", "name", "kind", "status", "org", "role", "email", "agreement", "today",
        "last_met", "days_since", "next_planned", "next_due", "health", "last_session",
        "open_actions", "since", "done_since", "goals", "topics",
    }  # fmt: skip
    assert sheet["days_since"] == 14
    assert sheet["since"] == "2026-11-10"
    assert sheet["last_session"]["takeaways"][1] == "[bold]Write it down[/] :smile:"
    assert [d["kind"] for d in sheet["done_since"]] == ["action", "milestone"]
    assert sheet["goals"][0]["next_milestones"][0]["title"] == "Run first 1:1s"
    assert sheet["topics"][0]["text"] == "Ask about the [red]budget[/red]"
    assert sheet["agreement"]["cadence"] == "monthly"


def test_a_mentor_never_met_with_nothing_yet(home: Path) -> None:
    ok("mentor", "add", "Grace Hopper", "--started", "2026-11-01", "--cadence", "none")
    shown = ok("prep", "grace")
    assert "You have not met yet (ad-hoc)." in shown
    assert "Nothing agreed yet" not in shown  # the cadence is part of the agreement
    assert "No session yet." in shown
    assert "Nothing open." in shown
    assert "Done since you started, Sun 1 Nov (tell them)" in shown
    assert "None linked" in shown
    assert "None yet (topic add MENTOR TEXT)." in shown
    sheet = json.loads(ok("prep", "grace", "--json"))
    assert sheet["last_session"] is None
    assert sheet["days_since"] is None
    assert sheet["topics"] == []
    assert sheet["done_since"] == []


def test_a_session_without_takeaways(home: Path) -> None:
    ok("mentor", "add", "Grace Hopper", "--started", "2026-11-01")
    ok("meet", "grace", "--date", "2026-11-20")
    shown = ok("prep", "grace")
    assert "4 days since you last met (Fri 20 Nov; on track). Next due by" in shown
    assert "Takeaways from last time (Fri 20 Nov)\n  None noted." in shown


def test_output_writes_a_private_markdown_agenda_with_escaped_text(zoe: str, agenda: Path) -> None:
    out = ok("prep", "Zoë", "--output", str(agenda))
    assert "".join(out.split()) == f"Wrote the agenda to {agenda}.".replace(" ", "")
    assert stat.S_IMODE(agenda.stat().st_mode) == 0o600
    text = agenda.read_text(encoding="utf-8")
    assert text.startswith("# Agenda: session with Zoë Fernández\n\nOur last session: Tue 10 Nov.")
    assert "- \\[bold\\]Write it down\\[/\\] :smile:" in text
    assert "## Topics I would like to raise\n\n- Ask about the \\[red\\]budget\\[/red\\]" in text
    assert "## Done since we last met\n\n- Draft a hiring plan (Tue 24 Nov)" in text


def test_output_with_json_prints_the_document_and_says_so_on_stderr(zoe: str, agenda: Path) -> None:
    result = run("prep", "Zoë", "--output", str(agenda), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["name"] == "Zoë Fernández"
    assert "Wrote the agenda" in result.stderr
    assert agenda.exists()


def test_bad_input_writes_nothing(zoe: str, home: Path, tmp_path: Path) -> None:
    before = snapshot(home)
    assert run("prep", "nobody").exit_code == 1
    assert run("prep", "Zoë", "--output", str(tmp_path)).exit_code == 2
    assert run("prep", "Zoë", "--output", str(tmp_path / "no" / "a.md")).exit_code == 2
    assert snapshot(home) == before


def test_the_sheet_has_no_trailing_spaces_when_piped(zoe: str) -> None:
    ok("topic", "add", "Zoë", "A long topic that goes on and on, well past the end of a line of "
       "eighty columns, so that it wraps")  # fmt: skip
    shown = ok("prep", zoe)
    assert shown.splitlines()
    assert all(line == line.rstrip() for line in shown.splitlines())


def test_long_lines_wrap_under_their_own_text_with_no_space_at_their_ends(home: Path) -> None:
    ok("goal", "add", "Devenir une oratrice confiante")
    ok("milestone", "add", "Devenir", "Donner une présentation éclair à l'assemblée générale",
       "--due", "2027-01-14")  # fmt: skip
    ok("mentor", "add", "Zoë Fernández-García de la Vega", "--goal", "Devenir",
       "--role", "Directrice des plateformes", "--org", "Société Générale")  # fmt: skip
    shown = ok("prep", "zoe")
    assert all(line == line.rstrip() for line in shown.splitlines())
    assert shown.startswith(
        "Before your session with Zoë Fernández-García de la Vega  (mentor, Directrice\n"
        "des plateformes · Société Générale)\n"
    )
    assert (
        "      next: Donner une présentation éclair à l'assemblée générale (due 14 Jan\n"
        "            2027)\n"
    ) in shown
