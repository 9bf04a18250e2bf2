"""`mentorlog mentor ...` end to end on real files, with the practice built in: objectivity
(supervisor warning), micro-mentorships, prospects, agreements, safe removal."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from mentorlog.dates import Cadence
from mentorlog.errors import BadInput, Refused
from mentorlog.journal.mentors import (
    MentorOptions,
    add_mentor,
    edit_mentor,
    normalize_timezone,
    note_first_contact,
    remove_mentor,
    set_mentor_status,
)
from mentorlog.journal.state import Journal
from mentorlog.models import ActionItem, Meeting, new_id, stamp
from mentorlog.storage.store import Store
from mentorlog.vocab import MeetingFormat, MentorKind, MentorStatus
from tests.helpers import created_id, on_disk, refused, run, snapshot

TODAY = date(2026, 11, 24)  # the frozen clock of tests/conftest.py


def flat(text: str) -> str:
    """Output with Rich's line wrapping (and panel borders) undone, for phrase checks."""
    return " ".join(text.replace("│", " ").split())


def the_mentor(home: Path, name: str) -> dict[str, Any]:
    return next(m for m in on_disk(home, "mentors") if m["name"] == name)


def add(name: str, *args: str) -> str:
    return created_id("mentor", "add", name, *args)


def sessions(home: Path, mentor_id: str, days: list[date], **fields: Any) -> list[str]:
    """Meeting records written straight through the store (as `meet` would)."""
    ids = []
    with Store(home).transaction() as journal:
        for day in days:
            meeting = Meeting(
                id=new_id(journal.ids("meetings")), mentor=mentor_id, date=day, **fields, **stamp()
            )
            journal.meetings.append(meeting)
            ids.append(meeting.id)
    return ids


def action(home: Path, text: str, **fields: Any) -> str:
    with Store(home).transaction() as journal:
        item = ActionItem(id=new_id(journal.ids("actions")), text=text, **fields, **stamp())
        journal.actions.append(item)
    return item.id


def write_config(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config" / "config.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)


# -- add ---------------------------------------------------------------------------------


def test_add_records_every_option(home: Path) -> None:
    goal = created_id("goal", "add", "Public speaking")
    result = run(
        "mentor", "add", "Ada Lovelace", "--kind", "peer", "--status", "paused",
        "--source", "alumni", "--org", "Analytical Engines", "--role", "Principal",
        "--expertise", "speaking, architecture,,Speaking", "--email", "ada@example.org",
        "--url", "https://example.org/ada", "--location", "London",
        "--timezone", "Europe/London", "--format", "coffee", "--cadence", "3w",
        "--goal", "public", "--why", "she has done it", "--hope", "feedback on talks",
        "--until", "2027-06-30", "--purpose", "get through the Q1 demo",
        "--started", "2026-10-01", "--notes", "met at the alumni dinner",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    mentor = the_mentor(home, "Ada Lovelace")
    assert result.stdout.startswith(
        f"Added peer {mentor['id']} Ada Lovelace (paused, every 3 weeks)."
    )
    assert {key: mentor[key] for key in mentor if key not in ("id", "created", "updated")} == {
        "name": "Ada Lovelace",
        "kind": "peer",
        "status": "paused",
        "source": "alumni",
        "org": "Analytical Engines",
        "role": "Principal",
        "expertise": ["speaking", "architecture"],
        "email": "ada@example.org",
        "url": "https://example.org/ada",
        "location": "London",
        "timezone": "Europe/London",
        "format": "coffee",
        "cadence": "3w",
        "supervisor": False,
        "goals": [goal],
        "agreement": {
            "why": "she has done it",
            "hope": "feedback on talks",
            "until": "2027-06-30",
            "purpose": "get through the Q1 demo",
        },
        "started": "2026-10-01",
        "ended": None,
        "connected": None,
        "notes": "met at the alumni dinner",
    }


def test_add_json_is_the_stored_record(home: Path) -> None:
    document = json.loads(run("mentor", "add", "Ada Lovelace", "--json").stdout)
    assert document == on_disk(home, "mentors")[0]
    assert document["started"] == "2026-11-24"
    assert (document["kind"], document["status"], document["source"]) == (
        "mentor",
        "active",
        "other",
    )


def test_notes_can_come_from_standard_input(home: Path) -> None:
    result = run("mentor", "add", "Ada Lovelace", "--notes", "-", input="line one\nline two\n")
    assert result.exit_code == 0
    assert on_disk(home, "mentors")[0]["notes"] == "line one\nline two"


def test_a_timezone_is_accepted_in_any_case(home: Path) -> None:
    add("Ada Lovelace", "--timezone", "america/new_york")
    assert on_disk(home, "mentors")[0]["timezone"] == "America/New_York"


@pytest.mark.parametrize(
    ("kind", "cadence"), [("mentor", "1m"), ("peer", "1m"), ("reverse", "1m"), ("micro", None)]
)
def test_the_cadence_defaults_per_kind(home: Path, kind: str, cadence: str | None) -> None:
    extra = ["--until", "+6w", "--purpose", "one talk"] if kind == "micro" else []
    add("Ada Lovelace", "--kind", kind, *extra)
    assert on_disk(home, "mentors")[0]["cadence"] == cadence


def test_the_default_cadence_follows_the_config(home: Path, tmp_path: Path) -> None:
    write_config(tmp_path, '[cadence]\npeer = "weekly"\nmentor = "quarterly"\n')
    add("Grace Hopper", "--kind", "peer")
    add("Ada Lovelace")
    add("Linus Chen", "--kind", "peer", "--cadence", "none")
    assert [m["cadence"] for m in on_disk(home, "mentors")] == ["1w", "3m", None]


def test_a_micro_mentorship_has_an_end_a_purpose_and_no_cadence(home: Path) -> None:
    result = run(
        "mentor", "add", "Margaret Hamilton", "--kind", "micro", "--until", "+6w",
        "--purpose", "review my talk proposal",
    )  # fmt: skip
    assert result.exit_code == 0
    assert "(active, ad-hoc)" in result.stdout
    mentor = on_disk(home, "mentors")[0]
    assert mentor["cadence"] is None
    assert mentor["agreement"]["until"] == "2027-01-05"
    assert mentor["agreement"]["purpose"] == "review my talk proposal"


@pytest.mark.parametrize(
    ("args", "missing"),
    [
        ([], "--until DATE and --purpose TEXT"),
        (["--purpose", "one talk"], "--until DATE:"),
        (["--until", "+2w"], "--purpose TEXT:"),
        (["--until", "+2w", "--purpose", "   "], "--purpose TEXT:"),
    ],
)
def test_a_micro_mentorship_without_until_or_purpose_exits_2(
    home: Path, args: list[str], missing: str
) -> None:
    add("Ada Lovelace")
    refused(
        home,
        "mentor",
        "add",
        "Margaret Hamilton",
        "--kind",
        "micro",
        *args,
        code=2,
        says=f"A micro-mentorship needs {missing}",
        one_line=True,
    )


def test_adding_a_supervisor_succeeds_with_a_warning(home: Path) -> None:
    result = run("mentor", "add", "Linus Chen", "--supervisor", "--source", "current-org")
    assert result.exit_code == 0
    assert on_disk(home, "mentors")[0]["supervisor"] is True
    assert result.stderr.startswith("warning: Linus Chen is your current supervisor")
    assert "objective" in result.stderr
    assert "peer or someone outside your reporting line" in flat(result.stderr)
    assert "warning" not in result.stdout


def test_adding_anyone_else_does_not_warn() -> None:
    result = run("mentor", "add", "Ada Lovelace", "--source", "current-org")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_a_prospect_is_tracked_until_first_contact(home: Path) -> None:
    result = run(
        "mentor", "add", "Katherine Johnson", "--status", "prospect", "--source", "linkedin"
    )
    assert result.exit_code == 0
    assert "(prospect, monthly)" in result.stdout
    assert "Tracked as a prospect until your first session" in result.stdout
    (row,) = json.loads(run("mentor", "list", "--json").stdout)
    assert (row["status"], row["health"]) == ("prospect", "prospect")
    shown = run("mentor", "show", "kath").stdout
    assert "a prospect until the first contact (mentorlog meet)" in shown
    resumed = run("mentor", "resume", "kath")
    assert resumed.exit_code == 1
    assert "becomes active with the first session" in resumed.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--email", "ada-at-example"], "Bad email: not an e-mail address"),
        (["--timezone", "Europe/Berln"], "Did you mean Europe/Berlin?"),
        (["--timezone", "Mars/Olympus"], "Not an IANA time zone: 'Mars/Olympus'"),
        (["--cadence", "sometimes"], "Not a cadence: 'sometimes'"),
        (["--cadence", "0d"], "Not a cadence"),
        (["--started", "last spring"], "Not a date: 'last spring'"),
        (["--started", "2027-01-01"], "start date is in the future"),
        (["--until", "2026-01-01", "--started", "2026-06-01"], "ends (--until) before"),
        (["--kind", "guru"], "guru"),
        (["--status", "ended"], "A new mentor is a prospect, active or paused"),
        (["--source", "tinder"], "tinder"),
        (["--format", "telepathy"], "telepathy"),
        (["--expertise", "x" * 61], "Bad expertise: tags are 1 to 60 characters"),
        (["--org", "o" * 201], "Bad org"),
    ],
)
def test_bad_values_on_add_exit_2_and_change_nothing(
    home: Path, args: list[str], message: str
) -> None:
    add("Existing Person")
    result = refused(
        home, "mentor", "add", "Ada Lovelace", *args, code=2, says=message, one_line=True
    )
    assert "Traceback" not in result.output


def test_an_unknown_goal_on_add_exits_1_and_changes_nothing(home: Path) -> None:
    run("goal", "add", "Public speaking")
    run("goal", "add", "Public writing")
    before = snapshot(home)
    unknown = run("mentor", "add", "Ada Lovelace", "--goal", "cooking")
    assert unknown.exit_code == 1
    assert "No goal matches 'cooking'" in unknown.stderr
    ambiguous = run("mentor", "add", "Ada Lovelace", "--goal", "public")
    assert ambiguous.exit_code == 1
    assert "matches 2 goals" in ambiguous.stderr
    assert snapshot(home) == before


def test_a_duplicate_name_is_refused(home: Path) -> None:
    mentor_id = add("Ada Lovelace")
    refused(
        home,
        "mentor",
        "add",
        "ada lovelace",
        code=2,
        says=f"already a mentor with that name ({mentor_id})",
    )


# -- list --------------------------------------------------------------------------------


def test_list_hides_ended_relationships_until_all(home: Path) -> None:
    add("Active Person")
    add("Paused Person", "--status", "paused")
    add("Prospect Person", "--status", "prospect")
    add("Ended Person")
    assert run("mentor", "end", "ended").exit_code == 0
    out = run("mentor", "list").stdout
    for name in ("Active Person", "Paused Person", "Prospect"):
        assert name in out
    assert "Ended Person" not in out
    assert "1 ended relationship not shown (--all shows them)." in out
    everything = run("mentor", "list", "--all").stdout
    assert "Ended Person" in everything
    assert "not shown" not in everything
    statuses = [row["status"] for row in json.loads(run("mentor", "list", "--json").stdout)]
    assert statuses == ["active", "paused", "prospect"]


def test_list_filters_by_kind_and_status() -> None:
    add("Ada Lovelace")
    add("Grace Hopper", "--kind", "peer")
    add("Linus Chen", "--kind", "peer", "--status", "paused")
    peers = json.loads(run("mentor", "list", "--kind", "peer", "--json").stdout)
    assert [row["name"] for row in peers] == ["Grace Hopper", "Linus Chen"]
    paused = json.loads(run("mentor", "list", "--status", "paused", "--json").stdout)
    assert [row["name"] for row in paused] == ["Linus Chen"]
    assert run("mentor", "list", "--kind", "guru").exit_code == 2


def test_list_json_contract_and_health(home: Path) -> None:
    goal = created_id("goal", "add", "Public speaking")
    ada = add("Ada Lovelace", "--goal", "public", "--started", "2026-06-01")
    grace = add("Grace Hopper", "--kind", "peer", "--cadence", "weekly", "--supervisor")
    sessions(home, ada, [date(2026, 11, 10), date(2026, 9, 1)])
    rows = json.loads(run("mentor", "list", "--json").stdout)
    assert rows == [
        {
            "id": ada,
            "name": "Ada Lovelace",
            "kind": "mentor",
            "status": "active",
            "cadence": "1m",
            "last_met": "2026-11-10",
            "days_since": 14,
            "health": "on track",
            "goals": [{"id": goal, "name": "Public speaking"}],
            "supervisor": False,
        },
        {
            "id": grace,
            "name": "Grace Hopper",
            "kind": "peer",
            "status": "active",
            "cadence": "1w",
            "last_met": None,
            "days_since": 0,
            "health": "on track",
            "goals": [],
            "supervisor": True,
        },
    ]


@pytest.mark.parametrize(
    ("days_ago", "health"),
    # a calendar month before 24 November is 31 days; 1.5 months 46, 2 months 61
    [(31, "on track"), (32, "due"), (47, "overdue"), (62, "neglected")],
)
def test_list_health_against_the_cadence(home: Path, days_ago: int, health: str) -> None:
    ada = add("Ada Lovelace", "--started", "2026-01-01")
    sessions(home, ada, [TODAY - timedelta(days=days_ago)])
    (row,) = json.loads(run("mentor", "list", "--json").stdout)
    assert row["health"] == health
    assert health in run("mentor", "list").stdout


def test_list_shows_cadence_last_met_health_and_marks_a_supervisor(home: Path) -> None:
    ada = add("Ada Lovelace", "--cadence", "biweekly", "--started", "2026-01-01")
    add("Linus Chen", "--supervisor")
    sessions(home, ada, [date(2026, 10, 1)])
    out = run("mentor", "list").stdout
    ada_line = next(line for line in out.splitlines() if line.startswith(ada))
    assert "biweekly" in ada_line
    assert "2026-10-01" in ada_line
    assert "neglected" in ada_line
    assert "Linus Chen *" in out
    assert "* your current supervisor" in out


def test_an_empty_list_says_how_to_start() -> None:
    result = run("mentor", "list")
    assert result.exit_code == 0
    assert "mentorlog mentor add NAME" in result.stdout
    assert json.loads(run("mentor", "list", "--json").stdout) == []


def test_the_list_fits_80_columns(home: Path) -> None:
    run("goal", "add", "Become a confident public speaker in front of large audiences")
    run("goal", "add", "Grow into a staff engineer role with a cross-team remit")
    margaret = add(
        "Margaret Hamilton-Smythe of the Apollo Guidance Computer team",
        "--kind", "reverse", "--cadence", "quarterly", "--goal", "become", "--goal", "grow",
        "--supervisor",
    )  # fmt: skip
    add("Grace Hopper", "--kind", "micro", "--until", "+2w", "--purpose", "p")
    add("Katherine Johnson", "--status", "prospect", "--cadence", "10d")
    sessions(home, margaret, [date(2026, 3, 1)])
    out = run("mentor", "list", "--all").stdout
    assert "Margaret" in out
    assert "Katherine" in out
    assert max(len(line) for line in out.splitlines()) <= 80


# -- show --------------------------------------------------------------------------------


def test_show_is_a_profile_with_the_agreement_to_reread(home: Path) -> None:
    run("goal", "add", "Public speaking")
    add(
        "Ada Lovelace", "--org", "Analytical Engines", "--role", "Principal",
        "--email", "ada@example.org", "--url", "https://example.org/ada",
        "--location", "London", "--timezone", "Europe/London", "--format", "video",
        "--why", "she has given hundreds of talks", "--hope", "feedback on my demos",
        "--until", "2027-06-30", "--goal", "public", "--started", "2026-10-01",
    )  # fmt: skip
    result = run("mentor", "show", "ada")
    assert result.exit_code == 0
    out = result.stdout
    for text in (
        "Ada Lovelace",
        "Analytical Engines",
        "Principal",
        "ada@example.org",
        "https://example.org/ada",
        "London",
        "Europe/London",
        "Agreement — reread it before every session",
        "she has given hundreds of talks",
        "feedback on my demos",
        "2027-06-30",
        "video",
        "Public speaking",
    ):
        assert text in out, text
    assert "never met; noted 54 days ago" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_show_health_counts_days_since_the_last_session_against_the_cadence(
    home: Path,
) -> None:
    ada = add("Ada Lovelace", "--started", "2026-01-01")
    sessions(home, ada, [date(2026, 10, 1)])
    out = flat(run("mentor", "show", "ada").stdout)
    assert "overdue — 54 days since the last session (2026-10-01); monthly" in out
    assert "next was due 2026-11-01" in out  # a calendar month after 1 October


def test_show_timeline_is_newest_first_and_keeps_the_last_ten(home: Path) -> None:
    ada = add("Ada Lovelace", "--started", "2025-01-01")
    days = [date(2026, month, 3) for month in range(1, 12)] + [date(2025, 6, 1)]
    ids = sessions(home, ada, days, format=MeetingFormat.walk, rating=4)
    with Store(home).transaction() as journal:
        newest = next(m for m in journal.meetings if m.id == ids[10])
        newest.takeaways = ["Rehearse the opening out loud", "second takeaway"]
    out = run("mentor", "show", "ada").stdout
    assert "Sessions (12; 2 this quarter)" in out
    lines = [line for line in out.splitlines() if "walk" in line]
    assert len(lines) == 10
    assert "2026-11-03" in lines[0]
    assert "★★★★☆" in lines[0]
    assert "Rehearse the opening out loud" in lines[0]
    assert "second takeaway" not in out
    assert "2026-02-03" in lines[-1]
    assert "… and 2 earlier" in out


def test_show_lists_open_actions_and_credited_milestones(home: Path) -> None:
    run("goal", "add", "Public speaking")
    ada = add("Ada Lovelace")
    open_id = action(home, "Draft the talk outline", mentor=ada, due=date(2026, 12, 1))
    action(home, "Already done", mentor=ada, status="done", done=date(2026, 11, 1))
    credited = json.loads(
        run("milestone", "add", "public", "First talk", "--mentor", "ada", "--json").stdout
    )["id"]
    out = run("mentor", "show", "ada").stdout
    assert f"○ {open_id} Draft the talk outline  due 2026-12-01" in out
    assert "Already done" not in out
    assert f"• {credited} First talk" in out


def test_show_json_contract(home: Path) -> None:
    goal = created_id("goal", "add", "Public speaking")
    ada = add("Ada Lovelace", "--goal", "public", "--started", "2026-09-01")
    (older, newer) = sessions(
        home, ada, [date(2026, 9, 15), date(2026, 11, 2)], format=MeetingFormat.call
    )
    item = action(home, "Draft the outline", mentor=ada)
    document = json.loads(run("mentor", "show", "ada", "--json").stdout)
    assert set(document) == {
        "mentor",
        "assessment",
        "goals",
        "sessions",
        "sessions_this_quarter",
        "next_planned",
        "open_actions",
        "milestones_credited",
    }
    assert document["mentor"] == the_mentor(home, "Ada Lovelace")
    assert document["assessment"] == {
        "mentor": ada,
        "health": "on track",
        "last_met": "2026-11-02",
        "days_since": 22,
        "cadence": "1m",
        "next_due": "2026-12-02",
    }
    assert document["goals"] == [{"id": goal, "name": "Public speaking"}]
    assert document["next_planned"] is None  # neither session planned a next one
    assert [s["id"] for s in document["sessions"]] == [newer, older]
    assert document["sessions"][0] == {
        "id": newer,
        "date": "2026-11-02",
        "mentor": {"id": ada, "name": "Ada Lovelace"},
        "format": "call",
        "rating": None,
        "takeaways": [],
    }
    assert document["sessions_this_quarter"] == 1
    assert [a["id"] for a in document["open_actions"]] == [item]
    assert document["milestones_credited"] == []


def test_show_reminds_about_a_supervisor() -> None:
    add("Linus Chen", "--supervisor")
    out = run("mentor", "show", "linus").stdout
    assert "your current supervisor: look outside your line" in out


# -- edit --------------------------------------------------------------------------------


def test_edit_changes_any_add_option(home: Path) -> None:
    run("goal", "add", "Public speaking")
    run("goal", "add", "Staff engineer")
    add("Ada Lovelace", "--goal", "public")
    result = run(
        "mentor", "edit", "ada", "--name", "Ada King", "--kind", "peer", "--source", "alumni",
        "--org", "Engines", "--role", "Countess", "--expertise", "maths", "--email",
        "ada@example.org", "--url", "https://ada.example", "--location", "London",
        "--timezone", "europe/london", "--format", "walk", "--cadence", "quarterly",
        "--goal", "staff", "--remove-goal", "public", "--why", "why", "--hope", "hope",
        "--until", "2027-01-31", "--purpose", "purpose", "--started", "2026-11-01",
        "--notes", "notes",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Updated mentor")
    mentor = on_disk(home, "mentors")[0]
    staff = json.loads(run("goal", "list", "--json").stdout)[1]["id"]
    assert mentor["name"] == "Ada King"
    assert (mentor["kind"], mentor["source"], mentor["org"], mentor["role"]) == (
        "peer",
        "alumni",
        "Engines",
        "Countess",
    )
    assert mentor["expertise"] == ["maths"]
    assert (mentor["email"], mentor["url"], mentor["location"]) == (
        "ada@example.org",
        "https://ada.example",
        "London",
    )
    assert (mentor["timezone"], mentor["format"], mentor["cadence"]) == (
        "Europe/London",
        "walk",
        "3m",
    )
    assert mentor["goals"] == [staff]
    assert mentor["agreement"] == {
        "why": "why",
        "hope": "hope",
        "until": "2027-01-31",
        "purpose": "purpose",
    }
    assert (mentor["started"], mentor["notes"]) == ("2026-11-01", "notes")


def test_edit_clears_values_with_none(home: Path) -> None:
    add(
        "Ada Lovelace", "--email", "ada@example.org", "--timezone", "Europe/London",
        "--format", "video", "--until", "2027-01-01", "--org", "Engines", "--why", "why",
        "--expertise", "a,b", "--url", "https://x.example",
    )  # fmt: skip
    result = run(
        "mentor", "edit", "ada", "--email", "none", "--timezone", "none", "--format", "none",
        "--until", "none", "--org", "none", "--why", "None", "--expertise", "none",
        "--url", "none", "--cadence", "none",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    mentor = on_disk(home, "mentors")[0]
    assert (mentor["email"], mentor["timezone"], mentor["format"], mentor["url"]) == (
        None,
        None,
        None,
        None,
    )
    assert (mentor["org"], mentor["expertise"], mentor["cadence"]) == ("", [], None)
    assert mentor["agreement"]["until"] is None
    assert mentor["agreement"]["why"] == ""


def test_editing_to_supervisor_warns_and_no_supervisor_clears(home: Path) -> None:
    add("Linus Chen")
    result = run("mentor", "edit", "linus", "--supervisor")
    assert result.exit_code == 0
    assert on_disk(home, "mentors")[0]["supervisor"] is True
    assert "warning: Linus Chen is your current supervisor" in result.stderr
    cleared = run("mentor", "edit", "linus", "--no-supervisor")
    assert cleared.exit_code == 0
    assert cleared.stderr == ""
    assert on_disk(home, "mentors")[0]["supervisor"] is False


def test_edit_status_to_ended_sets_the_end_date(home: Path) -> None:
    add("Ada Lovelace")
    assert run("mentor", "edit", "ada", "--status", "ended").exit_code == 0
    mentor = on_disk(home, "mentors")[0]
    assert (mentor["status"], mentor["ended"]) == ("ended", "2026-11-24")
    assert run("mentor", "edit", "ada", "--status", "active").exit_code == 0
    assert on_disk(home, "mentors")[0]["ended"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "micro"], "A micro-mentorship needs --until DATE and --purpose TEXT"),
        (["--email", "nope"], "Bad email"),
        (["--timezone", "Nowhere/Land"], "Not an IANA time zone"),
        (["--cadence", "often"], "Not a cadence"),
        (["--format", "carrier-pigeon"], "Not a format: 'carrier-pigeon'"),
        (["--until", "the end"], "Not a date"),
        (["--name", "Grace Hopper"], "already a mentor with that name"),
        (["--name", "  "], "needs a name"),
        (["--started", "+3d"], "start date is in the future"),
    ],
)
def test_bad_edits_exit_2_and_change_nothing(home: Path, args: list[str], message: str) -> None:
    add("Ada Lovelace")
    add("Grace Hopper")
    refused(home, "mentor", "edit", "ada", *args, code=2, says=message, one_line=True)


def test_a_micro_mentorship_cannot_lose_its_end_date(home: Path) -> None:
    add("Margaret Hamilton", "--kind", "micro", "--until", "+2w", "--purpose", "one talk")
    refused(
        home, "mentor", "edit", "margaret", "--until", "none", code=2, says="needs --until DATE"
    )
    assert run("mentor", "edit", "margaret", "--kind", "mentor", "--until", "none").exit_code == 0


def test_edit_unknown_goal_or_mentor_exits_1(home: Path) -> None:
    add("Ada Lovelace")
    before = snapshot(home)
    assert run("mentor", "edit", "nobody", "--org", "x").exit_code == 1
    result = run("mentor", "edit", "ada", "--goal", "cooking")
    assert result.exit_code == 1
    assert "No goal matches 'cooking'" in result.stderr
    assert snapshot(home) == before


# -- pause, resume, end ------------------------------------------------------------------


def test_pause_resume_and_end(home: Path) -> None:
    add("Ada Lovelace")
    paused = run("mentor", "pause", "ada")
    assert paused.exit_code == 0
    assert "is paused" in paused.stdout
    assert the_mentor(home, "Ada Lovelace")["status"] == "paused"
    assert run("mentor", "resume", "ada").exit_code == 0
    assert the_mentor(home, "Ada Lovelace")["status"] == "active"
    ended = run("mentor", "end", "ada")
    assert ended.exit_code == 0
    assert "every session and note stays in the journal" in flat(ended.stdout)
    mentor = the_mentor(home, "Ada Lovelace")
    assert (mentor["status"], mentor["ended"]) == ("ended", "2026-11-24")
    assert run("mentor", "resume", "ada").exit_code == 0
    mentor = the_mentor(home, "Ada Lovelace")
    assert (mentor["status"], mentor["ended"]) == ("active", None)


def test_end_keeps_every_session(home: Path) -> None:
    ada = add("Ada Lovelace", "--started", "2026-01-01")
    ids = sessions(home, ada, [date(2026, 3, 1), date(2026, 9, 1)], takeaways=["keep me"])
    meetings_before = {k: v for k, v in snapshot(home).items() if k.startswith("meetings")}
    assert run("mentor", "end", "ada").exit_code == 0
    meetings_after = {k: v for k, v in snapshot(home).items() if k.startswith("meetings")}
    assert meetings_after == meetings_before
    document = json.loads(run("mentor", "show", "ada", "--json").stdout)
    assert sorted(s["id"] for s in document["sessions"]) == sorted(ids)
    assert document["assessment"]["health"] == "ended"
    assert "ended 2026-11-24" in run("mentor", "show", "ada").stdout


# -- rm ----------------------------------------------------------------------------------


def test_rm_yes_deletes_someone_nothing_refers_to(home: Path) -> None:
    mentor_id = add("Ada Lovelace")
    add("Grace Hopper")
    result = run("mentor", "rm", "ada", "--yes")
    assert result.exit_code == 0
    assert f"Deleted mentor {mentor_id} Ada Lovelace." in result.stdout
    assert [m["name"] for m in on_disk(home, "mentors")] == ["Grace Hopper"]


def test_rm_refuses_while_referred_to_naming_the_counts(home: Path) -> None:
    run("goal", "add", "Public speaking")
    ada = add("Ada Lovelace")
    (meeting,) = sessions(home, ada, [date(2026, 11, 1)])
    action(home, "From the session", mentor=ada, meeting=meeting)
    action(home, "Standalone", mentor=ada)
    run("milestone", "add", "public", "First talk", "--mentor", "ada")
    result = refused(
        home,
        "mentor",
        "rm",
        "ada",
        "--yes",
        code=1,
        says="1 session, 2 action items, 1 milestone credit",
        one_line=True,
    )
    assert "`mentor end`" in result.stderr
    # refused before asking: no confirmation question without --yes either
    assert "confirmation" not in run("mentor", "rm", "ada").stderr


def test_rm_cascade_deletes_sessions_and_their_actions_and_uncredits(home: Path) -> None:
    run("goal", "add", "Public speaking")
    ada = add("Ada Lovelace")
    grace = add("Grace Hopper")
    (meeting,) = sessions(home, ada, [date(2026, 11, 1)])
    (kept_meeting,) = sessions(home, grace, [date(2026, 11, 2)])
    action(home, "From the session", mentor=ada, meeting=meeting)
    standalone = action(home, "Standalone", mentor=ada)
    milestone = json.loads(
        run("milestone", "add", "public", "First talk", "--mentor", "ada", "--json").stdout
    )["id"]
    result = run("mentor", "rm", "ada", "--yes", "--cascade")
    assert result.exit_code == 0, result.stderr
    assert "1 session, 2 action items, 1 milestone credit" in flat(result.stdout)
    journal = Store(home).journal()
    assert [m.name for m in journal.mentors] == ["Grace Hopper"]
    assert [m.id for m in journal.meetings] == [kept_meeting]
    assert [(a.id, a.mentor) for a in journal.actions] == [(standalone, None)]
    assert [(m.id, m.mentor) for m in journal.milestones] == [(milestone, None)]


# -- references and hostile text ---------------------------------------------------------


def test_unknown_and_ambiguous_references_exit_1_listing_candidates(home: Path) -> None:
    ada = add("Ada Lovelace")
    adam = add("Adam Smith")
    before = snapshot(home)
    for command in (["show"], ["pause"], ["end"], ["edit", "--org", "x"], ["rm", "--yes"]):
        name, *rest = command
        unknown = run("mentor", name, "nobody", *rest)
        assert unknown.exit_code == 1
        assert "No mentor matches 'nobody'. See `mentorlog mentor list --all`." in unknown.stderr
        ambiguous = run("mentor", name, "ada", *rest)
        assert ambiguous.exit_code == 1
        assert f"{ada} Ada Lovelace" in ambiguous.stderr
        assert f"{adam} Adam Smith" in ambiguous.stderr
    assert snapshot(home) == before
    assert run("mentor", "show", "lovelace").exit_code == 0
    assert run("mentor", "show", ada[:3]).exit_code == 0


def test_hostile_names_and_notes_are_shown_literally(home: Path) -> None:
    names = ["Ada [bold]x[/bold]", "Grace :smile:", "Linus \x1b[2J Chen"]
    for name in names:
        add(name, "--why", f"why {name}", "--notes", f"notes {name}", "--org", name)
    for output in (
        run("mentor", "list").stdout,
        run("mentor", "show", "ada").stdout,
        run("mentor", "show", "grace").stdout,
        run("mentor", "show", "linus").stdout,
        run("mentor", "pause", "grace").stdout,
    ):
        assert "\x1b" not in output
    listing = run("mentor", "list").stdout
    assert "[bold]x[/bold]" in listing
    assert "Grace :smile:" in listing
    assert "why Ada [bold]x[/bold]" in run("mentor", "show", "ada").stdout
    assert "notes Grace :smile:" in run("mentor", "show", "grace").stdout


# -- the use cases, with an explicit today -------------------------------------------------


def _journal_with(*names: str) -> Journal:
    journal = Journal(goals=[], mentors=[], meetings=[], actions=[], milestones=[])
    for name in names:
        add_mentor(journal, name=name, today=TODAY, options=MentorOptions())
    return journal


def test_add_mentor_takes_the_default_cadence_for_the_kind() -> None:
    journal = _journal_with()
    asked: list[MentorKind] = []

    def default(kind: MentorKind) -> Cadence | None:
        asked.append(kind)
        return Cadence(2, "week")

    mentor = add_mentor(
        journal,
        name="Grace",
        today=TODAY,
        options=MentorOptions(kind=MentorKind.peer),
        default_cadence=default,
    )
    assert (asked, mentor.cadence, mentor.started) == ([MentorKind.peer], Cadence(2, "week"), TODAY)
    given = add_mentor(
        journal,
        name="Linus",
        today=TODAY,
        options=MentorOptions(cadence="weekly"),
        default_cadence=default,
    )
    assert given.cadence == Cadence(1, "week")
    assert len(asked) == 1


def test_options_are_parsed_relative_to_today() -> None:
    journal = _journal_with()
    mentor = add_mentor(
        journal,
        name="Ada",
        today=date(2026, 3, 10),
        options=MentorOptions(started="yesterday", until="+1m", expertise=" a , b,A,"),
    )
    assert mentor.started == date(2026, 3, 9)
    assert mentor.agreement.until == date(2026, 4, 10)
    assert mentor.expertise == ["a", "b"]


def test_an_existing_micro_mentorship_without_a_purpose_stays_editable() -> None:
    journal = _journal_with()
    micro = add_mentor(
        journal,
        name="Margaret",
        today=TODAY,
        options=MentorOptions(kind=MentorKind.micro, until="+2w", purpose="one talk"),
    )
    micro.agreement.purpose = ""  # as a hand-edited or imported file may have it
    assert edit_mentor(journal, micro, today=TODAY, options=MentorOptions(org="Apollo"))
    with pytest.raises(BadInput, match="--purpose TEXT"):
        edit_mentor(journal, micro, today=TODAY, options=MentorOptions(purpose="none"))


def test_status_transitions() -> None:
    journal = _journal_with("Ada")
    (ada,) = journal.mentors
    later = TODAY + timedelta(days=3)
    set_mentor_status(ada, MentorStatus.ended, today=later)
    assert (ada.status, ada.ended) == (MentorStatus.ended, later)
    with pytest.raises(Refused):
        set_mentor_status(ada, MentorStatus.paused, today=later)
    set_mentor_status(ada, MentorStatus.active, today=later)
    assert ada.ended is None
    ada.status = MentorStatus.prospect
    with pytest.raises(Refused):
        set_mentor_status(ada, MentorStatus.active, today=later)
    assert note_first_contact(ada)
    assert ada.status is MentorStatus.active
    assert not note_first_contact(ada)


def test_remove_mentor_cascade_in_memory() -> None:
    journal = _journal_with("Ada", "Grace")
    ada, grace = journal.mentors
    theirs = Meeting(id="aaaa0001", mentor=ada.id, date=TODAY, **stamp())
    other = Meeting(id="aaaa0002", mentor=grace.id, date=TODAY, **stamp())
    journal.meetings.extend([theirs, other])
    journal.actions.extend(
        [
            ActionItem(id="bbbb0001", text="from it", mentor=ada.id, meeting=theirs.id, **stamp()),
            ActionItem(id="bbbb0002", text="standalone", mentor=ada.id, **stamp()),
            ActionItem(id="bbbb0003", text="grace's", mentor=grace.id, meeting=other.id, **stamp()),
        ]
    )
    with pytest.raises(Refused, match="1 session, 2 action items"):
        remove_mentor(journal, ada)
    links = remove_mentor(journal, ada, cascade=True)
    assert (links.meetings, sorted(links.actions)) == (["aaaa0001"], ["bbbb0001", "bbbb0002"])
    assert [m.id for m in journal.mentors] == [grace.id]
    assert [m.id for m in journal.meetings] == ["aaaa0002"]
    assert [(a.id, a.mentor) for a in journal.actions] == [
        ("bbbb0002", None),
        ("bbbb0003", grace.id),
    ]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Europe/Berlin", "Europe/Berlin"), ("europe/berlin", "Europe/Berlin"), ("utc", "UTC")],
)
def test_time_zones_are_forgiving_of_case(typed: str, stored: str) -> None:
    assert normalize_timezone(typed) == stored


def test_a_misspelt_time_zone_gets_a_suggestion() -> None:
    with pytest.raises(BadInput, match="Did you mean America/New_York"):
        normalize_timezone("America/NewYork")


def test_show_prefers_the_planned_next_date_and_says_met_today(home: Path) -> None:
    add("Ada Lovelace", "--started", "2026-09-01")
    result = run("meet", "ada", "--next", "2026-12-20")
    assert result.exit_code == 0, result.output
    out = run("mentor", "show", "ada").stdout
    assert "on track — met today; monthly, next planned 2026-12-20" in out
    document = json.loads(run("mentor", "show", "ada", "--json").stdout)
    assert document["next_planned"] == "2026-12-20"


def test_show_suggests_commands_for_this_mentor_not_placeholders() -> None:
    mentor_id = add("Ada Lovelace")
    shown = " ".join(run("mentor", "show", "ada").stdout.split())
    assert f"none yet — mentorlog mentor edit {mentor_id} --goal GOAL" in shown
    assert f"none yet — mentorlog meet {mentor_id}" in shown
