"""`mentorlog import FILE.ics` (docs/calendar.md) on exports shaped like Google's, Outlook's and
Apple's: recurrences with their exceptions, time zones, confirmation, never twice."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.errors import BadInput
from mentorlog.exchange.calendar import read_calendar
from mentorlog.exchange.calendar_plan import parse_choice
from mentorlog.models import Meeting
from tests.helpers import import_text, refused, run, snapshot

CALENDARS = Path(__file__).parent / "fixtures" / "calendar"
GOOGLE = str(CALENDARS / "google.ics")
OUTLOOK = str(CALENDARS / "outlook.ics")
APPLE = str(CALENDARS / "apple.ics")
WEEKLY_UID = "5l1e7kq0c4hb1s0m3v6p2t9a8d@google.com"


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set this machine's local zone (TZ) for the rest of the test."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.fixture
def mentors(home: Path) -> None:
    for args in (
        ("Ada Lovelace", "--email", "ada@example.org", "--format", "coffee"),
        ("Grace Hopper", "--email", "Grace.Hopper@navy.example", "--format", "call"),
        ("Zoë Fernández", "--email", "zoe@example.es", "--format", "walk"),
    ):
        result = run("mentor", "add", *args)
        assert result.exit_code == 0, result.stderr


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A person at the keyboard (answers come from `input=`)."""
    monkeypatch.setattr("mentorlog.cli.calendar_import.interactive", lambda: True)


def report_of(*args: str) -> dict[str, Any]:
    result = run("import", *args, "--json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def rows(report: dict[str, Any]) -> list[tuple[str, str, str, str, Any, str]]:
    return [
        (p["mentor_name"], p["match"], p["date"], p["time"][:5], p["duration"], p["format"])
        for p in report["proposals"]
    ]


def meetings(home: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in sorted(home.glob("meetings*.json")):
        found += json.loads(path.read_text())["meetings"]
    return sorted(found, key=lambda m: (m["date"], m["time"] or ""))


# -- Google: a weekly 1:1 with a moved occurrence, an EXDATE, a cancelled one -----------------


def test_google_weekly_one_to_one_with_its_exceptions(
    mentors: None, zone: Callable[[str], None]
) -> None:
    zone("Europe/Berlin")
    report = report_of(GOOGLE, "--dry-run")
    ada = [r for r in rows(report) if r[0] == "Ada Lovelace"]
    # 17:00 Berlin every Tuesday, also after DST ended on Oct 25 (X-WR-TIMEZONE applied);
    # Oct 20 is an EXDATE, Oct 27 moved to Thu Oct 29 11:00, Nov 10 cancelled, Nov 24 to come.
    assert ada == [
        ("Ada Lovelace", "email", "2026-10-06", "17:00", 45, "video"),
        ("Ada Lovelace", "email", "2026-10-13", "17:00", 45, "video"),
        ("Ada Lovelace", "email", "2026-10-29", "11:00", 45, "video"),
        ("Ada Lovelace", "email", "2026-11-03", "17:00", 45, "video"),
        ("Ada Lovelace", "email", "2026-11-17", "17:00", 45, "video"),
    ]
    moved = report["proposals"][2]
    assert (moved["uid"], moved["recurrence_id"]) == (WEEKLY_UID, "20261027T160000Z")
    assert len({p["recurrence_id"] for p in report["proposals"][:5]}) == 5
    # A name in the title only: a suggestion, in person at the café.
    assert ("Zoë Fernández", "name", "2026-11-20", "15:00", 60, "in-person") in rows(report)
    # Grace's chat was declined by me (the calendar's owner, X-WR-CALNAME), the mock interview
    # cancelled, the talk all-day, the dentist is nobody's.
    assert report["skipped"] == {
        "cancelled": 2,
        "declined": 1,
        "all_day": 1,
        "future": 0,
        "outside": 0,
        "imported": 0,
        "unmatched": 1,
    }
    assert report["dry_run"] is True
    assert report["written"] is False


def test_yes_keeps_email_matches_only_and_importing_twice_adds_nothing(
    mentors: None, home: Path
) -> None:
    result = run("import", GOOGLE, "--yes")
    assert result.exit_code == 0, result.stderr
    assert "From google.ics: 5 sessions logged." in result.stdout
    assert "mentorlog undo" in result.stdout
    logged = meetings(home)
    assert [m["date"] for m in logged] == [
        "2026-10-06",
        "2026-10-13",
        "2026-10-29",
        "2026-11-03",
        "2026-11-17",
    ]
    assert {m["calendar"]["uid"] for m in logged} == {WEEKLY_UID}
    assert all(m["notes"] == "" for m in logged)  # no description without --with-notes
    before = snapshot(home)
    again = report_of(GOOGLE, "--yes")
    assert again["kept"] == []
    assert again["skipped"]["imported"] == 5
    assert [p["mentor_name"] for p in again["proposals"]] == ["Zoë Fernández"]  # a suggestion
    assert snapshot(home) == before


def test_undo_takes_an_import_back(mentors: None, home: Path) -> None:
    before = {path: data for path, data in snapshot(home).items() if "backups" not in path}
    assert run("import", GOOGLE, "--yes").exit_code == 0
    assert len(meetings(home)) == 5
    assert run("undo", "--yes").exit_code == 0
    assert meetings(home) == []
    assert {p: d for p, d in snapshot(home).items() if "backups" not in p} == before


def test_no_description_or_attendees_unless_with_notes(mentors: None, home: Path) -> None:
    assert run("import", GOOGLE, "--yes").exit_code == 0
    text = "".join(path.read_text() for path in home.glob("meetings*.json"))
    assert "shared doc" not in text
    assert "me@example.com" not in text
    assert run("undo", "--yes").exit_code == 0
    assert run("import", GOOGLE, "--yes", "--with-notes").exit_code == 0
    moved = next(m for m in meetings(home) if m["date"] == "2026-10-29")
    assert "Moved to Thursday (Ada is travelling)." in moved["notes"]
    assert moved["notes"].endswith("\n\nAttendees: Ada Lovelace")  # you are not listed


def test_since_and_until_bound_the_local_dates(mentors: None, zone: Callable[[str], None]) -> None:
    zone("Europe/Berlin")
    report = report_of(GOOGLE, "--since", "2026-11-01", "--until", "2026-11-10", "--dry-run")
    assert [r[2] for r in rows(report)] == ["2026-11-03"]
    assert report["skipped"]["outside"] > 0
    result = run("import", GOOGLE, "--since", "2026-11-10", "--until", "2026-11-01")
    assert result.exit_code == 2
    assert "after --until" in result.stderr


# -- Outlook: Windows time-zone names, Teams, a session logged by hand -------------------------


def test_outlook_windows_zone_names_with_and_without_vtimezone(
    mentors: None, zone: Callable[[str], None]
) -> None:
    zone("UTC")
    report = report_of(OUTLOOK, "--dry-run")
    # "W. Europe Standard Time" 09:00 (a VTIMEZONE of that name) is 08:00 UTC in November;
    # "Pacific Standard Time" (no VTIMEZONE: icalendar maps the Windows name) 17:00 is 01:00.
    assert rows(report) == [
        ("Grace Hopper", "email", "2026-11-12", "08:00", 60, "video"),  # Teams link
        ("Zoë Fernández", "email", "2026-11-20", "01:00", 45, "walk"),  # her preference
    ]
    assert report["skipped"]["imported"] == 0


@pytest.mark.parametrize(
    ("local_zone", "expected"),
    [
        ("America/Los_Angeles", ("2026-11-19", "17:00")),
        ("Asia/Tokyo", ("2026-11-20", "10:00")),
    ],
)
def test_an_event_lands_on_the_local_date(
    mentors: None,
    zone: Callable[[str], None],
    local_zone: str,
    expected: tuple[str, str],
    home: Path,
) -> None:
    zone(local_zone)
    assert run("import", OUTLOOK, "--yes").exit_code == 0
    zoe = next(m for m in meetings(home) if m["format"] == "walk")
    assert (zoe["date"], zoe["time"][:5]) == expected


def test_a_session_logged_by_hand_that_day_gets_the_time_and_duration(
    mentors: None, home: Path
) -> None:
    assert run("meet", "grace", "--date", "2026-11-12", "--notes", "Promotion").exit_code == 0
    by_hand = meetings(home)[0]
    assert "calendar" not in by_hand  # a session logged by hand keeps its old shape
    report = report_of(OUTLOOK, "--dry-run")
    attach = report["proposals"][0]
    assert (attach["action"], attach["session"]) == ("attach", by_hand["id"])
    shown = run("import", OUTLOOK, "--dry-run")
    assert f"→ {by_hand['id']}" in shown.stdout
    result = run("import", OUTLOOK, "--yes")
    assert result.exit_code == 0, result.stderr
    assert "1 session logged, 1 logged by hand given the event's time" in result.stdout
    grace = [m for m in meetings(home) if m["mentor"] == by_hand["mentor"]]
    assert len(grace) == 1  # not a second session that day
    assert (grace[0]["id"], grace[0]["time"], grace[0]["duration"]) == (
        by_hand["id"],
        "08:00:00",
        60,
    )
    assert grace[0]["format"] == by_hand["format"]  # what was logged by hand stays
    assert grace[0]["notes"] == "Promotion"
    assert grace[0]["calendar"]["uid"].startswith("040000008200E00074C5B7101A82E008")
    assert report_of(OUTLOOK, "--yes")["skipped"]["imported"] == 2


# -- Apple: VTIMEZONE blocks, crossing midnight, a Zoom URL, a place ---------------------------


@pytest.mark.parametrize(
    ("local_zone", "expected"),
    [
        ("America/Los_Angeles", [("2026-11-05", "20:30"), ("2026-11-17", "07:00")]),
        ("Asia/Tokyo", [("2026-11-06", "13:30"), ("2026-11-18", "00:00")]),
    ],
)
def test_apple_events_cross_midnight_onto_the_local_date(
    mentors: None, zone: Callable[[str], None], local_zone: str, expected: list[tuple[str, str]]
) -> None:
    zone(local_zone)
    report = report_of(APPLE, "--dry-run")
    assert [(r[2], r[3]) for r in rows(report)] == expected
    assert [(r[0], r[4], r[5]) for r in rows(report)] == [
        ("Grace Hopper", 60, "in-person"),  # 23:30-00:30 in New York, at a café
        ("Zoë Fernández", 30, "video"),  # a Zoom link in URL
    ]


def test_event_titles_are_shown_literally(mentors: None) -> None:
    result = run("import", APPLE, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "with [bo…" in result.stdout  # cut to fit 80 columns, never read as markup
    assert "Dry run: nothing was written." in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


# -- asking ------------------------------------------------------------------------------------


def test_without_a_terminal_or_yes_it_lists_and_refuses(mentors: None, home: Path) -> None:
    before = snapshot(home)
    result = run("import", GOOGLE)
    assert result.exit_code == 1
    assert "Ada Lovelace" in result.stdout
    assert "--yes" in result.stderr
    assert "Nothing was written" in result.stderr
    assert snapshot(home) == before


def test_asked_once_keeps_the_numbers_given(mentors: None, home: Path, terminal: None) -> None:
    result = run("import", GOOGLE, input="1, 3-4\n")
    assert result.exit_code == 0, result.stderr
    assert "Keep which? [all / none / 1,3-5]" in result.stdout
    assert [m["date"] for m in meetings(home)] == ["2026-10-06", "2026-10-29", "2026-11-03"]


def test_asked_all_keeps_the_suggestions_too(mentors: None, home: Path, terminal: None) -> None:
    result = run("import", GOOGLE, input="7\nall\n")
    assert result.exit_code == 0, result.stderr
    assert "Choose numbers from 1 to 6" in result.stderr
    kept = meetings(home)
    assert len(kept) == 6
    assert ("2026-11-20", "in-person") in {(m["date"], m["format"]) for m in kept}


def test_asked_none_or_enter_defaults(mentors: None, home: Path, terminal: None) -> None:
    before = snapshot(home)
    result = run("import", GOOGLE, input="none\n")
    assert result.exit_code == 0, result.stderr
    assert "Kept none; nothing was written." in result.stdout
    assert snapshot(home) == before
    assert run("import", GOOGLE, input="\n").exit_code == 0  # Enter: the e-mail matches
    assert len(meetings(home)) == 5


def test_calendar_me_identifies_you_for_declined_invitations(
    mentors: None, home: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "invite.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:one@example\r\nDTSTART:20261110T100000Z\r\nDTEND:20261110T110000Z\r\n"
        "SUMMARY:Roundtable\r\nORGANIZER:mailto:ada@example.org\r\n"
        "ATTENDEE;PARTSTAT=DECLINED:mailto:colleague@work.example\r\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:ME@work.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    # Without knowing who you are, a non-mentor who declined is taken to be you.
    assert report_of(str(ics), "--dry-run")["skipped"]["declined"] == 1
    assert run("config", "set", "calendar.me", "me@work.example").exit_code == 0
    report = report_of(str(ics), "--dry-run")
    assert rows(report) == [("Ada Lovelace", "email", "2026-11-10", "10:00", 60, "coffee")]


# -- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"Subject,Start Date\r\nLunch,2026-11-01\r\n", "not a calendar"),
        (bytes(range(256)) * 8, "not"),
        ((CALENDARS / "google.ics").read_bytes()[:1500], "cut short"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026XX01T1000\r\nEND:VEVENT\r\n"
         b"END:VCALENDAR\r\n", "cannot be read"),
        (b"BEGIN:VCALENDAR\r\nthis is not a content line\r\nEND:VCALENDAR\r\n", "not a valid"),
    ],
)  # fmt: skip
def test_bad_files_get_one_line_and_change_nothing(
    mentors: None, home: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.ics"
    bad.write_bytes(content)
    result = refused(home, "import", str(bad), "--yes", code=2, says=message, one_line=True)
    assert "Traceback" not in result.output


def test_format_option_and_calendar_only_flags(mentors: None, tmp_path: Path) -> None:
    copy = tmp_path / "export.txt"
    copy.write_bytes((CALENDARS / "apple.ics").read_bytes())
    assert len(report_of(str(copy), "--format", "ics", "--dry-run")["proposals"]) == 2
    backup = tmp_path / "backup.json"
    backup.write_text("{}")
    result = run("import", str(backup), "--since", "2026-01-01")
    assert result.exit_code == 2
    assert "calendar (.ics)" in result.stderr


# -- pure pieces -------------------------------------------------------------------------------


def test_parse_choice() -> None:
    assert parse_choice("all", 3) == {1, 2, 3}
    assert parse_choice(" NONE ", 3) == set()
    assert parse_choice("1,3-5", 6) == {1, 3, 4, 5}
    assert parse_choice("2 4", 6) == {2, 4}
    for bad in ("0-2", "7", "x", "3-1", "1;2"):
        with pytest.raises(BadInput):
            parse_choice(bad, 6)


def test_a_session_from_an_older_file_has_no_calendar() -> None:
    record = {
        "id": "a1b2c3d4",
        "created": "2026-01-01T10:00:00+00:00",
        "updated": "2026-01-01T10:00:00+00:00",
        "mentor": "e5f6a7b8",
        "date": "2026-01-01",
        "duration": None,
        "rating": None,
    }
    assert Meeting.model_validate(record).calendar is None


def test_imported_sessions_change_the_relationship_as_meet_does(home: Path, mentors: None) -> None:
    added = run("mentor", "add", "Linus", "--email", "linus@example.fi", "--status", "prospect")
    assert added.exit_code == 0, added.stderr
    ics = (CALENDARS / "apple.ics").read_text(encoding="utf-8")
    changed = Path(home.parent / "linus.ics")
    changed.write_text(ics.replace("zoe@example.es", "linus@example.fi"), encoding="utf-8")
    result = run("import", str(changed), "--yes")
    assert result.exit_code == 0, result.stderr
    assert "Grace Hopper: relationship start moved back to 2026-11-06" in result.stdout
    assert "Linus: now active: this was your first session" in result.stdout
    shown = json.loads(run("mentor", "show", "linus", "--json").stdout)
    assert shown["mentor"]["status"] == "active"


def test_json_without_yes_lists_and_refuses(mentors: None, home: Path) -> None:
    before = snapshot(home)
    result = run("import", GOOGLE, "--json")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["proposals"]) == 6
    assert "--yes" in result.stderr
    assert snapshot(home) == before


def test_the_zone_is_a_parameter_of_the_pure_layer(home: Path, mentors: None) -> None:
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    from mentorlog.exchange.calendar_plan import CalendarImportReport, CalendarOptions, propose
    from mentorlog.storage.store import Store

    options = CalendarOptions(
        now=datetime(2026, 11, 24, 10, tzinfo=timezone.utc), zone=ZoneInfo("Asia/Tokyo")
    )
    calendar = read_calendar(
        (CALENDARS / "outlook.ics").read_bytes(), "outlook.ics", since=None, until=options.now
    )
    report = CalendarImportReport(file="outlook.ics", dry_run=True)
    propose(calendar, Store(home).journal(), options, report)
    assert [(str(p.date), str(p.time)) for p in report.proposals] == [
        ("2026-11-12", "17:00:00"),
        ("2026-11-20", "10:00:00"),
    ]


@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode()))
@settings(max_examples=200)
def test_any_bytes_are_a_calendar_or_one_bad_input(data: bytes) -> None:
    from datetime import datetime, timezone

    for content in (data, b"BEGIN:VCALENDAR\r\n" + data + b"\r\nEND:VCALENDAR\r\n"):
        message = ""
        try:
            read_calendar(content, "x.ics", since=None, until=datetime.now(timezone.utc))
        except BadInput as error:  # the only exception a bad file may raise
            message = error.message
        assert "\n" not in message


def test_an_attendees_display_name_is_only_a_suggestion(mentors: None, tmp_path: Path) -> None:
    ics = tmp_path / "other-address.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:two@example\r\nDTSTART:20261110T100000Z\r\nDURATION:PT30M\r\n"
        "SUMMARY:Sync\r\nATTENDEE;CN=ada lovelace:mailto:ada@personal.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    report = report_of(str(ics), "--dry-run", "--yes")
    assert rows(report) == [("Ada Lovelace", "name", "2026-11-10", "10:00", 30, "coffee")]
    assert report["kept"] == []  # --yes keeps e-mail matches only


def test_a_name_only_match_is_marked_even_when_the_name_is_cut_short(tmp_path: Path) -> None:
    run("mentor", "add", "Zoë Fernández-García de la Vega", "--started", "2026-08-01")
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:coffee@example\r\nDTSTART:20261110T100000Z\r\nDURATION:PT30M\r\n"
        "SUMMARY:Coffee with Zoë Fernández-García de la Vega\r\n"
        "LOCATION:Café Central\\, Vienna\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = import_text(tmp_path / "coffee.ics", ics, "--dry-run")
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "2026-11-10" in line)
    assert row.startswith("1?"), row
    assert "…" in row  # the long name was cut, the marker was not
