"""`mentorlog export`: the JSON backup, the Markdown document, sessions as CSV, the calendar."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from mentorlog.cli.app import app
from mentorlog.exchange.csv_export import guard_formula
from mentorlog.exchange.markdown import inline
from mentorlog.journal.state import COLLECTION_NAMES
from mentorlog.models import (
    Meeting,
    stamp,
)
from mentorlog.storage.migrations import CURRENT_VERSION
from mentorlog.storage.store import Store
from tests._exchange import HOSTILE_NOTES, build_journal, data_records
from tests.helpers import refused, run


def exported_bytes(*args: str) -> bytes:
    """stdout of `mentorlog export ARGS` as bytes (`Result.stdout` turns CRLF into LF)."""
    result = CliRunner().invoke(app, ["export", *args], prog_name="mentorlog")
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


# -- json ------------------------------------------------------------------------------------


def test_json_export_is_a_complete_versioned_backup(home: Path) -> None:
    build_journal(home)
    result = run("export")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["format"] == "mentorlog-export"
    assert document["schema_version"] == CURRENT_VERSION
    # Python 3.10's fromisoformat does not read a "Z" suffix.
    exported = datetime.fromisoformat(document["exported"].replace("Z", "+00:00"))
    assert exported.tzinfo is not None
    on_disk = data_records(home)
    for name in COLLECTION_NAMES:
        assert document[name] == on_disk[name], name
    assert {m["id"] for m in document["meetings"]} == {"mt0first", "mt0second", "mt0bob"}


def test_json_export_of_an_empty_journal_creates_nothing(home: Path) -> None:
    result = run("export", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert all(document[name] == [] for name in COLLECTION_NAMES)
    assert not home.exists()


@pytest.mark.parametrize("fmt", ["json", "markdown", "csv", "ics"])
def test_output_file_is_private_and_matches_stdout(home: Path, tmp_path: Path, fmt: str) -> None:
    build_journal(home)
    target = tmp_path / f"out.{fmt}"
    result = run("export", "--format", fmt, "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert str(target) in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    written = target.read_bytes()
    printed = exported_bytes("--format", fmt)
    if fmt in ("json", "markdown"):  # both carry the moment of export
        written, printed = written.split(b"\n", 8)[-1], printed.split(b"\n", 8)[-1]
    assert written == printed


def test_output_into_the_journal_folder_is_refused(home: Path) -> None:
    build_journal(home)
    refused(
        home, "export", "--output", str(home / "goals.json"), code=1, says="journal's own folder"
    )


def test_output_into_a_missing_folder_is_bad_input(tmp_path: Path) -> None:
    result = run("export", "--output", str(tmp_path / "nowhere" / "x.json"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "does not exist" in result.stderr


# -- markdown --------------------------------------------------------------------------------


def test_markdown_has_mentors_sessions_and_goals_in_order(home: Path) -> None:
    build_journal(home)
    text = run("export", "--format", "markdown").stdout
    order = [
        "## Mentors",
        "### Ada \\[bold\\]Lovelace\\[/bold\\]",
        "- Why them: she has done it",
        "##### 2026-10-20 · coffee · 30m",
        "##### 2026-11-20 09:30 · video · 45m",
        "- Breathe, then speak",
        "- [ ] Book a room (due 2026-12-01)",
        "#### Other actions",
        "- [x] Send slides (due 2026-11-01, done 2026-11-02)",
        "### \\@Bob",
        "## Goals",
        "### \\# Public speaking",
        "- Why: lead the \\*demos\\*",
        "- [ ] Talk (due 2026-12-10)",
        "- [x] Outline (due 2026-11-01; done 2026-10-30)",
        "## Reflections",
        "> Ada",
    ]
    positions = [text.index(line) for line in order]
    assert positions == sorted(positions)


def test_markdown_user_text_cannot_add_sections(home: Path) -> None:
    build_journal(home)
    text = run("export", "--format", "markdown").stdout
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert "# Not a section" not in headings
    assert "### # Public speaking" not in headings
    # The notes are kept word for word, each line inside the session's block quote.
    quoted = [line[2:] for line in text.splitlines() if line.startswith("> ")]
    for line in HOSTILE_NOTES.splitlines():
        assert line in quoted


def test_markdown_escapes_single_line_fields() -> None:
    assert inline("# Title") == "\\# Title"
    assert inline("1. first\nsecond") == "1\\. first second"
    assert inline("[click](javascript:alert(1))") == "\\[click\\](javascript:alert(1))"
    assert inline("- item") == "\\- item"
    assert inline("plain words") == "plain words"
    assert inline("2026-11-24") == "2026-11-24"  # a date starts no list
    assert inline("3.5 stars") == "3.5 stars"
    assert inline("12) twelve") == "12\\) twelve"


# -- csv -------------------------------------------------------------------------------------


def test_csv_has_one_row_per_session_in_date_order(home: Path) -> None:
    build_journal(home)
    data = exported_bytes("--format", "csv")
    assert data.startswith(
        b"id,date,mentor,duration_minutes,format,goals,rating,takeaways,notes\r\n"
    )
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    assert [row["id"] for row in rows] == ["mt0bob", "mt0first", "mt0second"]
    second = rows[2]
    assert second["date"] == "2026-11-20"
    assert second["mentor"] == "Ada [bold]Lovelace[/bold]"
    assert second["duration_minutes"] == "45"
    assert second["format"] == "video"
    assert second["goals"] == "# Public speaking"
    assert second["rating"] == "4"
    assert rows[0]["rating"] == ""
    assert rows[0]["duration_minutes"] == ""


def test_csv_keeps_quotes_and_newlines_and_guards_formulas(home: Path) -> None:
    build_journal(home)
    text = exported_bytes("--format", "csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    second = next(row for row in rows if row["id"] == "mt0second")
    assert second["notes"] == HOSTILE_NOTES  # starts with a letter: not touched
    assert second["takeaways"] == "'=1+1 | Breathe, then speak"
    bob = next(row for row in rows if row["id"] == "mt0bob")
    assert bob["mentor"] == "'@Bob"


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_formula_guard(cell: str, shown: str) -> None:
    assert guard_formula(cell) == shown


# -- ics -------------------------------------------------------------------------------------


def _events(data: str) -> dict[str, Any]:
    calendar = Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_ics_has_next_sessions_and_open_due_dates(home: Path) -> None:
    build_journal(home)
    result = run("export", "--format", "ics")
    assert result.exit_code == 0
    calendar = Calendar.from_ical(result.stdout)
    assert str(calendar["VERSION"]) == "2.0"
    assert "mentorlog" in str(calendar["PRODID"])
    assert not calendar.walk("VTODO")
    events = _events(result.stdout)
    # Ada's latest session plans the next one; the earlier plan is superseded; Bob is paused;
    # done items and milestones of dropped goals are not due.
    assert set(events) == {"m0ada-next@mentorlog", "ms0talk-due@mentorlog", "ac0room-due@mentorlog"}
    expected = {
        "m0ada-next@mentorlog": date(2026, 12, 18),
        "ms0talk-due@mentorlog": date(2026, 12, 10),
        "ac0room-due@mentorlog": date(2026, 12, 1),
    }
    for uid, day in expected.items():
        event = events[uid]
        start = event["DTSTART"].dt
        assert start == day
        assert not isinstance(start, datetime)
        assert event["DTEND"].dt == day + timedelta(days=1)
    assert "Ada [bold]Lovelace[/bold]" in str(events["m0ada-next@mentorlog"]["SUMMARY"])
    assert "Agenda" not in result.stdout  # notes never go into a calendar


def test_ics_is_stable_and_a_new_plan_moves_the_same_event(home: Path) -> None:
    build_journal(home)
    first = run("export", "--format", "ics").stdout
    assert run("export", "--format", "ics").stdout == first
    with Store(home, command="test").transaction() as journal:
        journal.meetings.append(
            Meeting(
                id="mt0third",
                **stamp(),
                mentor="m0ada",
                date=date(2026, 11, 23),
                next=date(2027, 1, 8),
            )
        )
    events = _events(run("export", "--format", "ics").stdout)
    assert set(events) == set(_events(first))
    assert events["m0ada-next@mentorlog"]["DTSTART"].dt == date(2027, 1, 8)
