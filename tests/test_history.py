"""History that tells the truth (issue 15): backfilled records keep their dates, reviews of a
past quarter are true, one problem raises one nudge. Each CLI test is built from the issue's
reproduction, on a journal made through the CLI, dates relative to the frozen today
(2026-11-24)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mentorlog.config import Config
from mentorlog.dates import Cadence, after_cadence, cadence_span, parse_quarter
from mentorlog.insights.health import Health, assess
from mentorlog.insights.nudges import compute_nudges
from mentorlog.insights.review import compute_review
from mentorlog.journal.state import Journal
from mentorlog.render.html_report import html_report
from mentorlog.render.markdown_report import markdown_report
from mentorlog.storage import migrations
from mentorlog.storage.store import Store
from tests.factories import TODAY, fake_editor, goal, meeting, mentor
from tests.helpers import ok, refused, run, snapshot


def made(*args: str) -> str:
    """The id of the record a command with --json made (a session for `meet`)."""
    data = json.loads(ok(*args, "--json"))
    return str(data["meeting"]["id"] if args[0] == "meet" else data["id"])


def actions() -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in json.loads(ok("action", "list", "--all", "--json"))}


def review(quarter: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok("review", "--quarter", quarter, "--json"))
    return data


# -- backfilled history keeps its dates --------------------------------------------------------


def test_an_action_from_a_backfilled_session_is_opened_on_the_session_day(home: Path) -> None:
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-06-01")
    logged = json.loads(
        ok("meet", "ada", "--date", "2026-09-01", "--action", "Draft the outline", "--json")
    )
    [item] = logged["actions_added"]
    assert item["opened"] == "2026-09-01"
    row = actions()[item["id"]]
    assert (row["opened"], row["age_days"]) == ("2026-09-01", 84)
    assert "84d" in ok("action", "list")
    nudge = json.loads(ok("nudge", "--json"))
    [overdue] = [n for n in nudge if n["code"] == "action-overdue"]
    assert overdue["message"] == "Action open for 84 days with no due date: Draft the outline"
    loose = review("2026-Q3")["loose_ends"]["actions"]
    assert [(a["id"], a["created"]) for a in loose] == [(item["id"], "2026-09-01")]


def test_action_add_takes_the_day_it_was_agreed(home: Path) -> None:
    item = json.loads(ok("action", "add", "Book a room", "--date", "2026-08-10", "--json"))
    assert item["opened"] == "2026-08-10"
    assert "Call Bob, opened 2026-08-11." in ok("action", "add", "Call Bob", "--date", "-105d")
    before = snapshot(home)
    future = run("action", "add", "Later", "--date", "2026-11-25")
    assert (future.exit_code, "in the future" in future.stderr) == (2, True)
    assert snapshot(home) == before


def test_closing_dates_are_kept_as_given(home: Path) -> None:
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-06-01")
    first = json.loads(ok("meet", "ada", "--date", "2026-09-01", "--action", "A", "--json"))
    second = json.loads(ok("meet", "ada", "--date", "2026-09-02", "--action", "B", "--json"))
    a, b = first["actions_added"][0]["id"], second["actions_added"][0]["id"]
    ok("meet", "ada", "--date", "2026-09-15", "--close", a)
    ok("action", "done", b, "--date", "2026-11-20")
    rows = actions()
    assert (rows[a]["status"], rows[a]["done"]) == ("done", "2026-09-15")
    assert (rows[b]["status"], rows[b]["done"]) == ("done", "2026-11-20")
    assert review("2026-Q3")["headline"]["actions_closed"] == 1


def test_closing_before_opened_or_in_the_future_is_refused_and_changes_nothing(
    home: Path,
) -> None:
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-06-01")
    logged = json.loads(ok("meet", "ada", "--date", "2026-09-10", "--action", "A", "--json"))
    item = logged["actions_added"][0]["id"]
    before = snapshot(home)
    early = run("action", "done", item, "--date", "2026-09-09")
    assert early.exit_code == 2
    assert "opened on 2026-09-10" in early.stderr
    assert run("action", "drop", item, "--date", "2026-11-25").exit_code == 2
    closing = run("meet", "ada", "--date", "2026-09-05", "--close", item)
    assert closing.exit_code == 2
    assert "opened on 2026-09-10" in closing.stderr
    assert snapshot(home) == before


def test_goals_milestones_and_mentors_can_be_backdated(home: Path) -> None:
    ok("goal", "add", "Public speaking", "--started", "2026-05-01")
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-05-01", "--goal", "public")
    ms = json.loads(
        ok("milestone", "add", "public", "Give a talk", "--date", "2026-07-01", "--json")
    )
    assert ms["created"].startswith("2026-07-01")
    ok("milestone", "done", ms["id"], "--date", "2026-09-20")
    ok("goal", "done", "public", "--date", "2026-10-15")
    ok("mentor", "end", "ada", "--date", "2026-10-20")
    shown = json.loads(ok("goal", "show", "public", "--json"))
    assert (shown["goal"]["status"], shown["goal"]["closed"]) == ("achieved", "2026-10-15")
    ada = json.loads(ok("mentor", "show", "ada", "--json"))["mentor"]
    assert (ada["status"], ada["ended"]) == ("ended", "2026-10-20")
    assert "ended 2026-10-20" in ok("mentor", "show", "ada")
    before = snapshot(home)
    early = run("milestone", "add", "public", "Too early", "--date", "2026-04-30")
    assert (early.exit_code, "before the goal started" in early.stderr) == (2, True)
    assert run("milestone", "add", "public", "Later", "--date", "2026-12-01").exit_code == 2
    assert snapshot(home) == before


@pytest.mark.parametrize(
    ("added", "refused", "accepted"),
    [
        (
            ("goal", "add", "Writing"),
            [("goal", "drop", "writing", "2026-05-31"), ("goal", "done", "writing", "2026-11-25")],
            ("goal", "drop", "writing", "2026-06-01"),
        ),
        (
            ("mentor", "add", "Ada Lovelace"),
            [("mentor", "end", "ada", "2026-05-01"), ("mentor", "end", "ada", "2026-12-01")],
            ("mentor", "end", "ada", "2026-06-01"),
        ),
    ],
    ids=["goal", "mentor"],
)
def test_closing_refuses_a_date_before_it_started_or_after_today(
    home: Path, added: tuple[str, ...], refused: list[tuple[str, ...]], accepted: tuple[str, ...]
) -> None:
    ok(*added, "--started", "2026-06-01")
    before = snapshot(home)
    for *args, day in refused:
        assert run(*args, "--date", day).exit_code == 2
    assert snapshot(home) == before
    *args, day = accepted
    ok(*args, "--date", day)


def test_meeting_edit_counts_a_relative_next_from_the_session(home: Path) -> None:
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-06-01")
    sid = made("meet", "ada", "--date", "2026-10-06", "--next", "+2w")
    assert json.loads(ok("meeting", "show", sid, "--json"))["meeting"]["next"] == "2026-10-20"
    out = ok("meeting", "edit", sid, "--next", "+3w")
    assert "The next session moved from 2026-10-20 to 2026-10-27." in out
    out = ok("meeting", "edit", sid, "--next", "+3w")
    assert "moved" not in out
    assert "Nothing to change" in out


def test_meeting_edit_in_the_editor_keeps_a_relative_next_on_the_session(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-06-01")
    sid = made("meet", "ada", "--date", "2026-10-06", "--next", "+2w")
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, "=## Next steps\n\nnext: +2w\n"))
    assert "moved" not in ok("meeting", "edit", sid, "--edit")
    shown = json.loads(ok("meeting", "show", sid, "--json"))["meeting"]
    assert (shown["next"], "next: +2w" in shown["notes"]) == ("2026-10-20", True)
    # editing again re-reads `next: +2w` from the notes: still two weeks after the session
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, "{}"))
    out = ok("meeting", "edit", sid, "--edit")
    assert "moved" not in out
    assert json.loads(ok("meeting", "show", sid, "--json"))["meeting"]["next"] == "2026-10-20"
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, "=## Next steps\n\nnext: +4w\n"))
    out = ok("meeting", "edit", sid, "--edit")
    assert "The next session moved from 2026-10-20 to 2026-11-03." in out


def test_correcting_a_session_date_moves_the_day_its_actions_were_agreed(home: Path) -> None:
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-06-01")
    logged = json.loads(ok("meet", "ada", "--date", "2026-09-02", "--action", "A", "--json"))
    sid, item = logged["meeting"]["id"], logged["actions_added"][0]["id"]
    ok("meeting", "edit", sid, "--date", "2026-09-01")
    assert actions()[item]["opened"] == "2026-09-01"
    ok("action", "done", item, "--date", "2026-09-05")
    refused(
        home, "meeting", "edit", sid, "--date", "2026-09-06", code=2, says="closed on 2026-09-05"
    )


def test_a_linkedin_prospect_starts_on_import_day_and_keeps_when_you_connected(
    home: Path, tmp_path: Path
) -> None:
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Grace,Hopper,https://www.linkedin.com/in/grace,,US Navy,Admiral,12 Mar 2019\n",
        encoding="utf-8",
    )
    ok("import", str(csv))
    grace = json.loads(ok("mentor", "show", "grace", "--json"))["mentor"]
    assert (grace["started"], grace["connected"]) == ("2026-11-24", "2019-03-12")
    assert "Connected 2019-03-12" in " ".join(ok("mentor", "show", "grace").split())
    assert [n for n in json.loads(ok("nudge", "--json")) if n["code"] == "stale-prospect"] == []


# -- the migration of existing journals --------------------------------------------------------


def v1_journal(home: Path) -> None:
    """A version-1 journal: one session on 1 September, typed in on 20 November."""
    home.mkdir(parents=True, exist_ok=True)
    typed = "2026-11-20T18:00:00+00:00"
    stamps = {"created": typed, "updated": typed}
    mentor_id, meeting_id = "a6a3a450", "c81d4e55"
    files = {
        "mentors.json": {
            "mentors": [{"id": mentor_id, **stamps, "name": "Ada", "started": "2026-01-01"}]
        },
        "meetings-2026.json": {
            "meetings": [{"id": meeting_id, **stamps, "mentor": mentor_id, "date": "2026-09-01"}]
        },
        "actions.json": {
            "actions": [
                {"id": "11e20b8f", **stamps, "text": "From it", "meeting": meeting_id},
                {"id": "2955d6f0", **stamps, "text": "On its own"},
            ]
        },
    }
    for name, document in files.items():
        (home / name).write_text(json.dumps({"schema_version": 1, **document}), encoding="utf-8")


def test_existing_actions_are_migrated_to_the_date_of_their_session(home: Path) -> None:
    v1_journal(home)
    original = snapshot(home)
    opened = {a.id: a.opened for a in Store(home).journal().actions}
    assert opened == {"11e20b8f": date(2026, 9, 1), "2955d6f0": date(2026, 11, 20)}
    assert snapshot(home) == original  # read, not written
    ok("action", "add", "Something new")
    saved = json.loads((home / "actions.json").read_text())
    assert saved["schema_version"] == migrations.CURRENT_VERSION == 3
    assert [a["opened"] for a in saved["actions"][:2]] == ["2026-09-01", "2026-11-20"]
    [backup] = Store(home).backups_of("actions.json")
    assert backup.read_bytes() == original["actions.json"]


def test_a_version_1_backup_is_imported_with_the_dates_of_its_sessions(
    home: Path, tmp_path: Path
) -> None:
    source = tmp_path / "old"
    v1_journal(source)
    backup: dict[str, Any] = {"format": "mentorlog-export", "schema_version": 1}
    for path in source.glob("*.json"):
        document = json.loads(path.read_text())
        name = path.stem.split("-")[0]
        backup[name] = backup.get(name, []) + document[name]
    file = tmp_path / "backup.json"
    file.write_text(json.dumps(backup), encoding="utf-8")
    ok("import", str(file))
    assert actions()["11e20b8f"]["opened"] == "2026-09-01"


# -- calendar cadences -------------------------------------------------------------------------


def test_a_monthly_cadence_is_a_calendar_month() -> None:
    monthly, quarterly, biweekly = Cadence(1, "month"), Cadence(3, "month"), Cadence(2, "week")
    assert after_cadence(date(2026, 7, 15), monthly) == date(2026, 8, 15)
    assert after_cadence(date(2026, 1, 31), monthly) == date(2026, 2, 28)
    assert after_cadence(date(2026, 7, 15), quarterly) == date(2026, 10, 15)
    assert after_cadence(date(2026, 7, 15), biweekly) == date(2026, 7, 29)  # weeks: exact days
    assert cadence_span(monthly, date(2026, 2, 15)) == 28
    assert cadence_span(monthly, date(2026, 8, 15), back=True) == 31  # 15 July to 15 August
    assert cadence_span(monthly, date(2026, 7, 15), 1.5) == 31 + 15.5  # a month, then half
    assert cadence_span(Cadence(30, "day"), date(2026, 2, 15), 1.5) == 45  # days: exact


def test_met_on_15_july_and_planned_for_15_august_is_not_due_on_15_august() -> None:
    ada = mentor(cadence="1m")
    on_time = assess(ada, date(2026, 7, 15), date(2026, 8, 15))
    assert (on_time.health, on_time.days_since, on_time.next_due) == (
        Health.on_track,
        31,
        date(2026, 8, 15),
    )
    assert assess(ada, date(2026, 7, 15), date(2026, 8, 16)).health is Health.due
    planned = meeting(ada, date(2026, 7, 15), next=date(2026, 8, 15))
    found = compute_nudges(Journal(mentors=[ada], meetings=[planned]), date(2026, 8, 15), Config())
    assert [n.code for n in found if n.subject.id == ada.id] == []


def test_a_monthly_mentor_met_a_calendar_month_ago_is_on_track_in_every_view(
    home: Path,
) -> None:
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-06-01", "--cadence", "monthly")
    ok("meet", "ada", "--date", "2026-10-24", "--next", "2026-11-24")
    [row] = json.loads(ok("mentor", "list", "--json"))
    assert (row["days_since"], row["health"]) == (31, "on track")
    assert json.loads(ok("nudge", "--json")) == []
    dashboard = json.loads(ok("status", "--json"))
    assert [r["health"] for r in dashboard["relationships"]] == ["on track"]


def test_over_asking_uses_the_same_calendar_month() -> None:
    ada = mentor(cadence="1m")
    # the month before 1 March is February (28 days): 0.75 x 28 = 21 days, 9 February on
    sessions = [meeting(ada, date(2026, 2, 9)), meeting(ada, date(2026, 3, 1))]
    found = compute_nudges(Journal(mentors=[ada], meetings=sessions), date(2026, 3, 1), Config())
    [asking] = [n for n in found if n.code == "over-asking"]
    assert "in the last 21 days" in asking.message
    sessions[0] = meeting(ada, date(2026, 2, 8))
    found = compute_nudges(Journal(mentors=[ada], meetings=sessions), date(2026, 3, 1), Config())
    assert [n for n in found if n.code == "over-asking"] == []


# -- one problem, one nudge ----------------------------------------------------------------------


def test_an_overdue_relationship_that_missed_its_plan_raises_one_nudge() -> None:
    ada = mentor(cadence="1m")
    last = meeting(ada, date(2026, 9, 1), next=date(2026, 10, 1))
    found = [
        n
        for n in compute_nudges(Journal(mentors=[ada], meetings=[last]), TODAY, Config())
        if n.subject.id == ada.id
    ]
    assert len(found) == 1
    [nudge] = found
    assert (nudge.code, nudge.severity) == ("overdue-contact", "alert")
    assert "No session with Ada Lovelace for 84 days (cadence monthly)" in nudge.message
    assert nudge.message.endswith("; the next one was planned for Thu 1 Oct (54 days ago).")
    # a missed plan alone (a relationship not yet overdue) is still said
    recent = meeting(ada, date(2026, 11, 10), next=date(2026, 11, 17))
    [alone] = compute_nudges(Journal(mentors=[ada], meetings=[recent]), TODAY, Config())
    assert (alone.code, alone.message[:28]) == ("missed-next", "The next session with Ada Lo")


def test_the_cli_shows_one_nudge_for_an_overdue_relationship_with_a_missed_plan(
    home: Path,
) -> None:
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-06-01")
    ok("meet", "ada", "--date", "2026-09-01", "--next", "+1m")
    about_ada = [n for n in json.loads(ok("nudge", "--json")) if n["subject"]["kind"] == "mentor"]
    assert [n["code"] for n in about_ada] == ["overdue-contact"]
    assert "planned for Thu 1 Oct" in about_ada[0]["message"]


def test_a_missed_plan_makes_a_merely_due_relationship_a_warning() -> None:
    ada = mentor(cadence="1m")
    last = meeting(ada, date(2026, 10, 20), next=date(2026, 11, 3))
    [nudge] = compute_nudges(Journal(mentors=[ada], meetings=[last]), TODAY, Config())
    assert (nudge.code, nudge.severity) == ("overdue-contact", "warn")


def test_running_the_supervisor_suggestion_clears_the_nudge(home: Path) -> None:
    ok("goal", "add", "Public speaking")
    ok("mentor", "add", "Linus Chen", "--supervisor", "--goal", "public")

    def supervisor_nudges() -> list[dict[str, Any]]:
        return [n for n in json.loads(ok("nudge", "--json")) if n["code"] == "supervisor-mentor"]

    [nudge] = supervisor_nudges()
    assert nudge["suggestion"] == "mentorlog mentor add NAME --goal public"
    command = nudge["suggestion"].split()[1:]
    ok(*[("Dana Reyes" if word == "NAME" else word) for word in command])
    assert supervisor_nudges() == []


def test_a_second_session_on_the_same_day_is_warned_about_or_asked(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-06-01")
    first = made("meet", "ada", "--date", "2026-11-20")
    result = run("meet", "ada", "--date", "2026-11-20")
    assert result.exit_code == 0
    assert f"already logged ({first})" in result.stderr
    assert "already" not in run("meet", "ada", "--date", "2026-11-21").stderr
    monkeypatch.setattr("mentorlog.cli.meet.interactive", lambda: True)
    monkeypatch.setenv("EDITOR", "false")  # never reached: the question comes first
    declined = refused(
        home,
        "meet",
        "ada",
        "--date",
        "2026-11-20",
        "--notes",
        "x",
        input="n\n",
        code=1,
        says="Log another?",
    )
    assert "Nothing was logged" in declined.stderr
    accepted = run("meet", "ada", "--date", "2026-11-20", "--notes", "x", input="y\n")
    assert accepted.exit_code == 0, accepted.stderr
    assert len(json.loads(ok("meeting", "list", "--json"))) == 4


# -- reviews of a past quarter -----------------------------------------------------------------


def test_a_past_quarter_shows_goals_as_they_stood_at_its_end() -> None:
    speaking = goal(
        started=date(2026, 6, 1), status="achieved", closed=date(2026, 10, 20)
    )  # achieved in Q4: active in Q3
    from mentorlog.models import Milestone, stamp

    def milestone(title: str, done: date | None, made_on: date) -> Milestone:
        fields = stamp(made_on)
        return Milestone(
            id=title.lower()[:8].ljust(4, "x"),
            goal=speaking.id,
            title=title,
            status="done" if done else "open",
            done=done,
            **fields,
        )

    stones = [
        milestone("Outline", date(2026, 8, 1), date(2026, 7, 1)),
        milestone("Rehearse", date(2026, 10, 5), date(2026, 7, 1)),  # done after Q3
        milestone("Keynote", None, date(2026, 11, 1)),  # set after Q3
    ]
    journal = Journal(goals=[speaking], milestones=stones)
    [line] = compute_review(journal, parse_quarter("2026-Q3"), TODAY, Config()).goals
    assert (line.status.value, line.milestones_done, line.milestones_total) == ("active", 1, 2)
    [now] = compute_review(journal, parse_quarter("2026-Q4"), TODAY, Config()).goals
    assert (now.status.value, now.milestones_done, now.milestones_total) == ("achieved", 2, 3)


def test_ties_are_named_as_ties_and_paused_relationships_keep_no_cadence() -> None:
    people = [mentor(name) for name in ("Tom", "Dana", "Kai")]
    paused = mentor("Pat", status="paused")
    sessions = [meeting(p, date(2026, 8, day)) for p in people for day in (3, 10, 17)]
    sessions += [meeting(paused, date(2026, 7, 2), rating=5)]
    journal = Journal(mentors=[*people, paused], meetings=sessions)
    result = compute_review(journal, parse_quarter("2026-Q3"), TODAY, Config())
    prompts = {p.number: p.figure for p in result.prompts}
    assert prompts[2].startswith("Most sessions: Dana, Kai and Tom, 3 each;")
    assert "highest average rating: Pat (5.0)" in prompts[2]
    assert "Pat" not in prompts[4]  # paused: not judged against a cadence
    assert "Dana 3 (about 3.0 agreed, monthly)" in prompts[4]
    [pat] = [r for r in result.relationships if r.name == "Pat"]
    assert pat.health is Health.paused


def test_a_saved_reflection_appears_in_the_review_of_its_quarter(home: Path) -> None:
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-06-01")
    ok("meet", "ada", "--date", "2026-09-01")
    journal = Store(home).journal()
    result = compute_review(journal, parse_quarter("2026-Q3"), TODAY, Config())
    from mentorlog.journal.reflections import save_reflection

    with Store(home).transaction() as writable:
        answers = [(p.prompt, f"Answer {p.number} [bold]x[/bold]") for p in result.prompts]
        save_reflection(writable, "2026-Q3", answers, {})
    shown = ok("review", "--quarter", "2026-Q3")
    assert "Your reflection" in shown
    assert "--reflect" in shown
    assert "» Answer 2 [bold]x[/bold]" in shown
    data = review("2026-Q3")
    assert data["reflected"] == "2026-11-24"
    assert data["prompts"][0]["answer"] == "Answer 1 [bold]x[/bold]"
    journal = Store(home).journal()
    saved = compute_review(journal, parse_quarter("2026-Q3"), TODAY, Config())
    assert "   > Answer 6 \\[bold\\]x\\[/bold\\]" in markdown_report(saved)  # escaped, literal
    assert "## Your reflection" in markdown_report(saved)
    page = html_report(saved)
    assert '<div class="answer">Answer 3 [bold]x[/bold]</div>' in page
    assert "Reflection prompts" not in page
    other = review("2026-Q4")
    assert other["reflected"] is None
    assert other["prompts"][0]["answer"] == ""


def test_a_backfilled_session_moves_its_goals_start_back_and_the_review_counts_it() -> None:
    ok("goal", "add", "Speak", "--why", "reach more people")  # started today
    ok("mentor", "add", "Zoë", "--goal", "speak")
    shown = ok("meet", "zoe", "--date", "2026-08-01", "--goal", "speak")
    assert "goal “Speak” start moved back to 2026-08-01" in shown
    review = json.loads(ok("review", "--quarter", "2026-Q3", "--json"))
    assert [g["title"] for g in review["goals"]] == ["Speak"]  # not "no goals were active"
    assert review["headline"]["goals_progressed"] == 1


def test_a_closed_item_is_aged_to_the_day_it_closed() -> None:
    ok("mentor", "add", "Zoë")
    ok("meet", "zoe", "--date", "2026-07-10", "--action", "Start a brag doc")
    [item] = json.loads(ok("action", "list", "--json"))
    ok("action", "done", item["id"], "--date", "2026-08-01")
    [closed] = json.loads(ok("action", "list", "--all", "--json"))
    assert closed["age_days"] == 22  # opened 07-10, done 08-01: not 137 days to today
