"""The nudge rules (docs/nudges.md), each with explicit dates: fires, does not fire, severity."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from mentorlog.config import Config, NudgeSettings
from mentorlog.insights.health import Health, assess_all
from mentorlog.insights.naming import goal_ref, mentor_ref
from mentorlog.insights.nudges import Nudge, compute_nudges
from mentorlog.journal.resolve import resolve_goal, resolve_mentor
from mentorlog.journal.state import Journal
from mentorlog.models import Mentor, Reflection
from tests.factories import TODAY, action, agreement, goal, make, meeting, mentor, milestone

CONFIG = Config()


def ago(days: int, today: date = TODAY) -> date:
    return today - timedelta(days=days)


def created_at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


def nudges(
    journal: Journal, code: str, today: date = TODAY, config: Config = CONFIG
) -> list[Nudge]:
    return [n for n in compute_nudges(journal, today, config) if n.code == code]


def only(journal: Journal, code: str, today: date = TODAY, config: Config = CONFIG) -> Nudge:
    found = nudges(journal, code, today, config)
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is New York (DST ends 2026-11-01, begins 2026-03-08)."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


# -- overdue-contact ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "severity"),
    [
        # today is 24 November; monthly is a calendar month (docs/nudges.md), as +1m counts
        (30, None),
        (31, None),  # 24 October: exactly a month ago, still on track
        (32, "info"),
        (46, "info"),  # 9 October: exactly 1.5 months (31 + 15 days), still only due
        (47, "warn"),
        (61, "warn"),  # 24 September: exactly 2 months, overdue, not yet neglected
        (62, "alert"),
        (400, "alert"),
    ],
)
def test_overdue_contact_follows_the_cadence_boundaries(days: int, severity: str | None) -> None:
    ada = mentor()
    journal = Journal(mentors=[ada], meetings=[meeting(ada, ago(days))])
    found = nudges(journal, "overdue-contact")
    assert [n.severity for n in found] == ([severity] if severity else [])
    if severity:
        assert found[0].message == (
            f"No session with Ada Lovelace for {days} days (cadence monthly)."
        )
        assert found[0].suggestion == "mentorlog meet ada"
        assert found[0].subject.model_dump() == {"kind": "mentor", "id": ada.id, "name": ada.name}


def test_overdue_contact_agrees_with_the_shared_health_verdict() -> None:
    people = [mentor(f"Person {n}", cadence="2w") for n in range(6)]
    meetings = [meeting(p, ago(10 + 5 * n)) for n, p in enumerate(people)]
    journal = Journal(mentors=people, meetings=meetings)
    health = assess_all(people, meetings, TODAY)
    expected = {
        p.id: {Health.due: "info", Health.overdue: "warn", Health.neglected: "alert"}[h.health]
        for p in people
        if (h := health[p.id]).health in (Health.due, Health.overdue, Health.neglected)
    }
    found = {n.subject.id: n.severity for n in nudges(journal, "overdue-contact")}
    assert found == expected
    assert len(expected) >= 3  # the case covers several verdicts


def test_a_mentor_never_met_is_counted_from_started() -> None:
    fresh = mentor("Fresh Face", started=ago(30))
    waiting = mentor("Long Wait", started=ago(50))
    journal = Journal(mentors=[fresh, waiting])
    found = nudges(journal, "overdue-contact")
    assert [(n.subject.name, n.severity) for n in found] == [("Long Wait", "warn")]
    assert found[0].message == (
        "No session with Long Wait yet, 50 days since you started (cadence monthly)."
    )


@pytest.mark.parametrize("status", ["prospect", "paused", "ended"])
def test_only_active_relationships_raise_overdue_contact(status: str) -> None:
    person = mentor(status=status, started=ago(300))
    journal = Journal(mentors=[person], meetings=[meeting(person, ago(200))])
    assert nudges(journal, "overdue-contact") == []


def test_ad_hoc_relationships_never_raise_overdue_contact() -> None:
    person = mentor(cadence=None, started=ago(900))
    journal = Journal(mentors=[person], meetings=[meeting(person, ago(800))])
    assert nudges(journal, "overdue-contact") == []


def test_a_session_dated_in_the_future_does_not_count_as_contact() -> None:
    ada = mentor()
    journal = Journal(mentors=[ada], meetings=[meeting(ada, ago(40)), meeting(ada, ago(-3))])
    assert only(journal, "overdue-contact").message.startswith(
        "No session with Ada Lovelace for 40"
    )


def test_overdue_thresholds_come_from_the_config() -> None:
    ada = mentor()
    # 17 October: 1.2 months is 31 + 6 days, so 38 days is past it (and short of 1.5)
    journal = Journal(mentors=[ada], meetings=[meeting(ada, ago(38))])
    strict = Config(nudges=NudgeSettings(overdue_warn=1.2, overdue_alert=1.5))
    assert only(journal, "overdue-contact").severity == "info"
    assert only(journal, "overdue-contact", config=strict).severity == "warn"


def test_days_are_local_calendar_days_across_a_dst_change(new_york: None) -> None:
    # 2026-03-08 02:00 New York springs forward: the month is a day shorter in hours only.
    ada = mentor(started=date(2025, 1, 1))
    journal = Journal(mentors=[ada], meetings=[meeting(ada, date(2026, 3, 1))])
    assert nudges(journal, "overdue-contact", today=date(2026, 4, 1)) == []  # a month later
    due = only(journal, "overdue-contact", today=date(2026, 4, 2))
    assert (due.severity, "32 days" in due.message) == ("info", True)


def test_suggestions_name_the_mentor_unambiguously() -> None:
    ada = mentor("Ada Lovelace", started=ago(100))
    byron = mentor("Ada Byron", started=ago(100))
    zoe = mentor("Zoë", started=ago(100))  # transliterated: the slug is "zoe"
    han = mentor("李雷", started=ago(100))  # any script has a typeable slug
    journal = Journal(mentors=[ada, byron, zoe, han])
    refs = {n.subject.name: n.suggestion for n in nudges(journal, "overdue-contact")}
    assert refs == {
        "Ada Lovelace": "mentorlog meet ada-lovelace",
        "Ada Byron": "mentorlog meet ada-byron",
        "Zoë": "mentorlog meet zoe",
        "李雷": "mentorlog meet lilei",
    }
    for person in journal.mentors:
        assert resolve_mentor(journal, mentor_ref(journal, person)) is person


# -- missed-next -------------------------------------------------------------------------------


def test_missed_next_when_the_planned_date_passed_without_a_session() -> None:
    ada = mentor()
    journal = Journal(mentors=[ada], meetings=[meeting(ada, ago(20), next=ago(6))])
    found = only(journal, "missed-next")
    assert found.severity == "warn"
    assert found.message == (
        "The next session with Ada Lovelace was planned for Wed 18 Nov (6 days ago); "
        "none logged since."
    )
    assert found.suggestion == "mentorlog meet ada"


def test_missed_next_is_quiet_once_a_later_session_is_logged() -> None:
    ada = mentor()
    early = meeting(ada, ago(20), next=ago(6))
    journal = Journal(mentors=[ada], meetings=[early, meeting(ada, ago(10))])
    assert nudges(journal, "missed-next") == []


@pytest.mark.parametrize("planned", [0, -1, -10])
def test_missed_next_waits_until_the_planned_day_has_passed(planned: int) -> None:
    ada = mentor()
    journal = Journal(mentors=[ada], meetings=[meeting(ada, ago(20), next=ago(planned))])
    assert nudges(journal, "missed-next") == []


def test_missed_next_only_for_active_relationships() -> None:
    ada = mentor(status="paused")
    journal = Journal(mentors=[ada], meetings=[meeting(ada, ago(20), next=ago(6))])
    assert nudges(journal, "missed-next") == []


# -- stale-prospect ----------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "fires"), [(14, False), (15, True)])
def test_stale_prospect_after_the_threshold(days: int, fires: bool) -> None:
    grace = mentor("Grace Hopper", status="prospect", started=ago(days))
    found = nudges(Journal(mentors=[grace]), "stale-prospect")
    assert bool(found) is fires
    if fires:
        assert found[0].severity == "info"
        assert (
            found[0].message == "Grace Hopper has been a prospect for 15 days with no session yet."
        )
        assert found[0].suggestion == "mentorlog meet grace"


def test_a_prospect_with_a_session_is_not_stale() -> None:
    grace = mentor("Grace Hopper", status="prospect", started=ago(40))
    journal = Journal(mentors=[grace], meetings=[meeting(grace, ago(30))])
    assert nudges(journal, "stale-prospect") == []


# -- action-overdue ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("late", "severity"), [(-3, None), (0, None), (1, "warn"), (30, "warn"), (31, "alert")]
)
def test_action_past_its_due_date(late: int, severity: str | None) -> None:
    item = action(due=ago(late))
    found = nudges(Journal(actions=[item]), "action-overdue")
    assert [n.severity for n in found] == ([severity] if severity else [])
    if late == 1:
        assert found[0].message == "Action overdue by 1 day (due Mon 23 Nov): Send the outline"
        assert found[0].suggestion == f"mentorlog action done {item.id}"


@pytest.mark.parametrize(
    ("age", "severity"), [(30, None), (31, "warn"), (60, "warn"), (61, "alert")]
)
def test_action_open_too_long_without_a_due_date(age: int, severity: str | None) -> None:
    item = action(created=created_at(ago(age)))
    found = nudges(Journal(actions=[item]), "action-overdue")
    assert [n.severity for n in found] == ([severity] if severity else [])
    if severity:
        assert found[0].message == f"Action open for {age} days with no due date: Send the outline"


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_closed_actions_never_nudge(status: str) -> None:
    items = [action(due=ago(40), status=status), action(created=created_at(ago(90)), status=status)]
    assert nudges(Journal(actions=items), "action-overdue") == []


def test_action_age_counts_from_the_local_date_it_was_created(new_york: None) -> None:
    # 03:30 UTC on 25 Oct is 23:30 on 24 Oct in New York; the clocks change on 1 Nov between.
    item = action(created=datetime(2026, 10, 25, 3, 30, tzinfo=timezone.utc))
    found = only(Journal(actions=[item]), "action-overdue")
    assert "open for 31 days" in found.message
    assert nudges(Journal(actions=[item]), "action-overdue", today=date(2026, 11, 23)) == []


def test_long_action_text_is_shortened_in_the_message() -> None:
    item = action("x" * 500, due=ago(2))
    message = only(Journal(actions=[item]), "action-overdue").message
    assert len(message) < 120
    assert message.endswith("…")


# -- milestone-overdue / milestone-soon --------------------------------------------------------


@pytest.mark.parametrize(
    ("ahead", "expected"),
    [
        (
            -1,
            (
                "milestone-overdue",
                "warn",
                "Milestone overdue by 1 day (due Mon 23 Nov): Give a talk",
            ),
        ),
        (0, ("milestone-soon", "info", "Milestone due today (Tue 24 Nov): Give a talk")),
        (1, ("milestone-soon", "info", "Milestone due tomorrow (Wed 25 Nov): Give a talk")),
        (14, ("milestone-soon", "info", "Milestone due in 14 days (Tue 8 Dec): Give a talk")),
        (15, None),
    ],
)
def test_milestone_due_dates(ahead: int, expected: tuple[str, str, str] | None) -> None:
    speaking = goal()
    step = milestone(speaking, due=ago(-ahead))
    journal = Journal(goals=[speaking], milestones=[step])
    found = [
        (n.code, n.severity, n.message)
        for n in compute_nudges(journal, TODAY, CONFIG)
        if n.code.startswith("milestone-")
    ]
    assert found == ([expected] if expected else [])
    if expected:
        assert only(journal, expected[0]).suggestion == f"mentorlog milestone done {step.id}"


@pytest.mark.parametrize("goal_status", ["achieved", "dropped"])
def test_milestones_of_closed_goals_are_quiet(goal_status: str) -> None:
    done_goal = goal(status=goal_status)
    journal = Journal(goals=[done_goal], milestones=[milestone(done_goal, due=ago(3))])
    assert nudges(journal, "milestone-overdue") == []


def test_milestones_done_dropped_or_undated_are_quiet() -> None:
    speaking = goal()
    steps = [
        milestone(speaking, due=ago(3), status="done"),
        milestone(speaking, due=ago(3), status="dropped"),
        milestone(speaking),
    ]
    journal = Journal(goals=[speaking], milestones=steps)
    assert [n.code for n in compute_nudges(journal, TODAY, CONFIG) if "milestone" in n.code] == []


def test_a_paused_goal_still_has_overdue_milestones() -> None:
    paused = goal(status="paused")
    journal = Journal(goals=[paused], milestones=[milestone(paused, due=ago(3))])
    assert only(journal, "milestone-overdue").severity == "warn"


# -- focus-overload ----------------------------------------------------------------------------


def test_focus_overload_only_above_the_limit() -> None:
    first, second = goal("Speaking"), goal("Management", started=date(2026, 3, 1))
    newest = goal("Learn Rust", started=date(2026, 11, 1))
    at_limit = Journal(goals=[first, second, goal("Paused one", status="paused")])
    assert nudges(at_limit, "focus-overload") == []
    over = Journal(goals=[first, second, newest])
    found = only(over, "focus-overload")
    assert found.severity == "warn"
    assert found.message.startswith("3 active goals, over your focus limit of 2")
    assert found.suggestion == "mentorlog goal pause learn"
    assert found.subject.id is None
    assert nudges(over, "focus-overload", config=Config(focus_limit=3)) == []


# -- goal-unsupported --------------------------------------------------------------------------


def test_goal_without_an_active_mentor_is_unsupported() -> None:
    speaking = goal()
    paused_helper = mentor(status="paused", goals=[speaking.id])
    found = only(Journal(goals=[speaking], mentors=[paused_helper]), "goal-unsupported")
    assert (found.severity, found.message) == (
        "warn",
        "No active mentor is helping with Public speaking.",
    )
    assert found.suggestion == "mentorlog mentor add NAME --goal public"


@pytest.mark.parametrize(("touched", "fires"), [(10, False), (60, False), (61, True)])
def test_goal_untouched_by_sessions(touched: int, fires: bool) -> None:
    speaking = goal(started=ago(200))
    ada = mentor(goals=[speaking.id])
    journal = Journal(
        goals=[speaking], mentors=[ada], meetings=[meeting(ada, ago(touched), goals=[speaking.id])]
    )
    found = nudges(journal, "goal-unsupported")
    assert bool(found) is fires
    if fires:
        assert found[0].message == "No session has touched Public speaking in 61 days."
        assert found[0].suggestion == "mentorlog meet ada --goal public"


def test_a_young_goal_is_not_untouched_yet() -> None:
    young, old = goal("Young goal", started=ago(60)), goal("Old goal", started=ago(61))
    ada = mentor(goals=[young.id, old.id])
    journal = Journal(goals=[young, old], mentors=[ada], meetings=[meeting(ada, ago(1))])
    found = nudges(journal, "goal-unsupported")
    assert [n.subject.name for n in found] == ["Old goal"]
    assert found[0].message == "No session has touched Old goal since it started 61 days ago."


def test_paused_goals_are_not_unsupported() -> None:
    assert nudges(Journal(goals=[goal(status="paused")]), "goal-unsupported") == []


# -- goal-no-milestones ------------------------------------------------------------------------


@pytest.mark.parametrize(("age", "fires"), [(14, False), (15, True)])
def test_goal_without_milestones(age: int, fires: bool) -> None:
    speaking = goal(started=ago(age))
    found = nudges(Journal(goals=[speaking]), "goal-no-milestones")
    assert bool(found) is fires
    if fires:
        assert found[0].severity == "info"
        assert found[0].suggestion == "mentorlog milestone add public TITLE"


@pytest.mark.parametrize(("status", "fires"), [("open", False), ("done", False), ("dropped", True)])
def test_only_open_or_done_milestones_count(status: str, fires: bool) -> None:
    speaking = goal(started=ago(100))
    journal = Journal(goals=[speaking], milestones=[milestone(speaking, status=status)])
    assert bool(nudges(journal, "goal-no-milestones")) is fires


def test_goal_refs_resolve_back_to_their_goal() -> None:
    goals = [goal("Learn Rust"), goal("Learn Go"), goal("Public speaking"), goal("Public")]
    journal = Journal(goals=goals)
    assert [goal_ref(journal, g) for g in goals] == [
        "learn-rust",
        "learn-go",
        "public-speaking",
        "public",
    ]
    for each in goals:
        assert resolve_goal(journal, goal_ref(journal, each)) is each


# -- supervisor-mentor -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "supervisor", "fires"),
    [("active", True, True), ("paused", True, False), ("active", False, False)],
)
def test_supervisor_as_mentor(status: str, supervisor: bool, fires: bool) -> None:
    boss = mentor("Boss", status=status, supervisor=supervisor)
    journal = Journal(mentors=[boss], meetings=[meeting(boss, ago(3))])
    found = nudges(journal, "supervisor-mentor")
    assert bool(found) is fires
    if fires:
        assert found[0].severity == "warn"
        assert found[0].message.startswith("Boss is your current supervisor")


def test_supervisor_trap_is_about_having_no_objective_view() -> None:
    from mentorlog.vocab import MentorStatus as MentorStatusEnum

    speaking, managing = goal("Speaking"), goal("Managing")
    boss = mentor("Boss", supervisor=True, goals=[managing.id])
    peer = mentor("Pat Peer", kind="peer", goals=[speaking.id])
    journal = Journal(goals=[speaking, managing], mentors=[boss, peer])
    assert [n.subject.name for n in nudges(journal, "supervisor-mentor")] == ["Boss"]
    peer.goals = [speaking.id, managing.id]  # someone outside the line now helps there too
    assert nudges(journal, "supervisor-mentor") == []
    peer.status = MentorStatusEnum.paused  # a paused relationship gives no view
    assert len(nudges(journal, "supervisor-mentor")) == 1
    boss.goals = []  # no goal in particular: any active objective mentor will do
    peer.status = MentorStatusEnum.active
    assert nudges(journal, "supervisor-mentor") == []


# -- micro-ended -------------------------------------------------------------------------------


def micro(until: date, **fields: Any) -> Mentor:
    return mentor(
        "Katherine Johnson",
        kind="micro",
        cadence=None,
        agreement=agreement(until=until, purpose="review my talk"),
        **fields,
    )


@pytest.mark.parametrize(("until", "fires"), [(1, True), (0, False), (-5, False)])
def test_micro_mentorship_past_its_end_date(until: int, fires: bool) -> None:
    found = nudges(Journal(mentors=[micro(ago(until))]), "micro-ended")
    assert bool(found) is fires
    if fires:
        assert found[0].severity == "warn"
        assert found[0].message == (
            "The micro-mentorship with Katherine Johnson ended on Mon 23 Nov "
            "but is still active: close it, or agree a new end date."
        )
        assert found[0].suggestion == "mentorlog mentor end katherine"


def test_an_ended_micro_mentorship_stops_nudging() -> None:
    kate = micro(ago(30), status="ended", ended=ago(30))
    journal = Journal(mentors=[kate], meetings=[meeting(kate, ago(40), next=ago(20))])
    assert compute_nudges(journal, TODAY, CONFIG) == []


def test_any_agreement_past_its_end_replaces_contact_nudges() -> None:
    ada = mentor(agreement=agreement(until=ago(10)))
    journal = Journal(mentors=[ada], meetings=[meeting(ada, ago(90), next=ago(60))])
    codes = [n.code for n in compute_nudges(journal, TODAY, CONFIG)]
    assert codes == ["micro-ended"]
    assert only(journal, "micro-ended").message.startswith("The agreement with Ada Lovelace")


# -- over-asking -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_ago", "fires"),
    [
        # the window: 0.75 x the month before today (31 days) = 23 days, today-22 .. today
        ((0, 22), True),
        ((0, 23), False),  # the earlier one is just outside the window
        ((0, 28), False),  # a "first Tuesday of the month" rhythm is not over-asking
        ((5, 12), True),
        ((0,), False),
    ],
)
def test_over_asking_within_the_last_cadence_window(days_ago: tuple[int, ...], fires: bool) -> None:
    ada = mentor()
    journal = Journal(mentors=[ada], meetings=[meeting(ada, ago(d)) for d in days_ago])
    found = nudges(journal, "over-asking")
    assert bool(found) is fires
    if fires:
        assert found[0].severity == "warn"
        assert found[0].message.startswith("2 sessions with Ada Lovelace in the last 23 days")
        assert found[0].suggestion == "mentorlog mentor show ada"


def test_over_asking_counts_every_session_in_the_window_but_not_future_ones() -> None:
    grace = mentor("Grace Hopper", cadence="1w")
    days = [0, 2, 4, 6, -1, -2]  # window: round(0.75 x 7) = 5 days, today-4 .. today
    journal = Journal(mentors=[grace], meetings=[meeting(grace, ago(d)) for d in days])
    assert only(journal, "over-asking").message.startswith(
        "3 sessions with Grace Hopper in the last 5 days"
    )


def test_ad_hoc_relationships_are_never_over_asked() -> None:
    ada = mentor(cadence=None)
    journal = Journal(mentors=[ada], meetings=[meeting(ada, ago(d)) for d in (0, 1, 2)])
    assert nudges(journal, "over-asking") == []


# -- reflection-due ----------------------------------------------------------------------------


def reflection_journal(*, first_session: date, saved: str | None = None) -> Journal:
    ada = mentor(started=date(2025, 1, 1))
    reflections = []
    if saved:
        reflections.append(make(Reflection, period=saved))
    return Journal(mentors=[ada], meetings=[meeting(ada, first_session)], reflections=reflections)


@pytest.mark.parametrize(
    ("today", "fires"),
    [
        (date(2026, 10, 1), True),  # day 1 of Q4
        (date(2026, 10, 30), True),  # day 30
        (date(2026, 10, 31), False),  # day 31: past the first 30 days
        (date(2026, 9, 30), False),  # the last day of Q3 itself
    ],
)
def test_reflection_due_in_the_first_days_of_a_quarter(today: date, fires: bool) -> None:
    journal = reflection_journal(first_session=date(2026, 8, 3))
    found = nudges(journal, "reflection-due", today=today)
    assert bool(found) is fires
    if fires:
        assert found[0].severity == "info"
        assert found[0].subject.name == "2026-Q3"
        assert found[0].suggestion == "mentorlog review --quarter 2026-Q3 --reflect"


def test_reflection_due_is_quiet_once_saved() -> None:
    saved = reflection_journal(first_session=date(2026, 8, 3), saved="2026-Q3")
    assert nudges(saved, "reflection-due", today=date(2026, 10, 5)) == []
    older = reflection_journal(first_session=date(2026, 8, 3), saved="2026-Q2")
    assert len(nudges(older, "reflection-due", today=date(2026, 10, 5))) == 1


def test_reflection_due_across_the_new_year() -> None:
    journal = reflection_journal(first_session=date(2025, 2, 1))
    assert only(journal, "reflection-due", today=date(2027, 1, 10)).subject.name == "2026-Q4"


def test_a_brand_new_journal_is_not_asked_to_reflect() -> None:
    this_quarter = reflection_journal(first_session=date(2026, 10, 2))
    assert nudges(this_quarter, "reflection-due", today=date(2026, 10, 5)) == []
    assert nudges(Journal(goals=[goal()]), "reflection-due", today=date(2026, 10, 5)) == []


def test_reflection_window_comes_from_the_config() -> None:
    journal = reflection_journal(first_session=date(2026, 8, 3))
    short = Config(nudges=NudgeSettings(reflection_due_days=7))
    assert nudges(journal, "reflection-due", today=date(2026, 10, 8), config=short) == []
    assert len(nudges(journal, "reflection-due", today=date(2026, 10, 7), config=short)) == 1


# -- the list as a whole -----------------------------------------------------------------------


SPEC_COMMANDS = (
    "mentorlog meet ",
    "mentorlog action done ",
    "mentorlog milestone done ",
    "mentorlog milestone add ",
    "mentorlog goal pause ",
    "mentorlog mentor add ",
    "mentorlog mentor end ",
    "mentorlog mentor show ",
    "mentorlog review ",
)


def busy_journal() -> Journal:
    speaking, managing, rust = goal("Speaking"), goal("Managing"), goal("Rust", started=ago(1))
    ada = mentor("Ada Lovelace", goals=[speaking.id])
    zed = mentor("Zed Shaw", supervisor=True, goals=[managing.id])  # nobody else helps there
    bob = mentor("Bob Moses", status="prospect", started=ago(40))
    meetings = [meeting(ada, ago(70), next=ago(40)), meeting(zed, ago(35)), meeting(zed, ago(3))]
    return Journal(
        goals=[speaking, managing, rust],
        milestones=[milestone(speaking, due=ago(2)), milestone(managing, due=ago(-3))],
        mentors=[ada, zed, bob],
        meetings=meetings,
        actions=[action("Alpha", due=ago(50)), action("Beta", due=ago(1))],
    )


def test_nudges_are_sorted_most_severe_first_then_by_code_and_subject() -> None:
    found = compute_nudges(busy_journal(), TODAY, CONFIG)
    keys = [(n.severity, n.code, n.subject.name) for n in found]
    rank = {"alert": 0, "warn": 1, "info": 2}
    assert keys == sorted(keys, key=lambda k: (rank[k[0]], k[1], k[2].casefold()))
    assert {k[0] for k in keys} == {"alert", "warn", "info"}
    assert keys[0] == ("alert", "action-overdue", "Alpha")


def test_every_suggestion_is_a_command_of_the_spec() -> None:
    found = compute_nudges(busy_journal(), TODAY, CONFIG)
    assert len({n.code for n in found}) >= 8
    for nudge in found:
        assert nudge.suggestion.startswith(SPEC_COMMANDS), nudge.suggestion


def test_a_healthy_journal_has_no_nudges() -> None:
    speaking = goal(started=ago(100))
    ada = mentor(goals=[speaking.id])
    journal = Journal(
        goals=[speaking],
        milestones=[milestone(speaking, due=ago(-40))],
        mentors=[ada],
        meetings=[meeting(ada, ago(12), goals=[speaking.id], next=ago(-18))],
        actions=[action(due=ago(-5))],
    )
    assert compute_nudges(journal, TODAY, CONFIG) == []
    assert compute_nudges(Journal(), TODAY, CONFIG) == []


def test_nudge_json_shape() -> None:
    nudge = only(busy_journal(), "supervisor-mentor")
    document = nudge.model_dump(mode="json")
    assert set(document) == {"code", "severity", "subject", "message", "suggestion"}
    assert set(document["subject"]) == {"kind", "id", "name"}
    assert document["subject"]["kind"] == "mentor"


# -- report-back -------------------------------------------------------------------------------


def _advice_done(done: date, followed_up: date | None) -> Journal:
    ada = mentor()
    session = meeting(ada, ago(20), followed_up=followed_up)
    item = action(meeting=session.id, mentor=ada.id, status="done", done=done)
    session.touch()  # the note was drafted after the item was marked done
    return Journal(mentors=[ada], meetings=[session], actions=[item])


@pytest.mark.parametrize(
    ("done", "followed_up", "fires"),
    [
        (ago(5), None, True),  # never followed up
        (ago(5), ago(10), True),  # done after the last follow-up
        (ago(5), ago(5), False),  # followed up the day it was done: told
        (ago(5), ago(2), False),  # done before the last follow-up
        (ago(59), None, True),  # the last day of the 60-day window
        (ago(60), None, False),  # older news is not nagged about
    ],
)
def test_report_back_fires_for_advice_done_since_the_last_follow_up(
    done: date, followed_up: date | None, fires: bool
) -> None:
    found = nudges(_advice_done(done, followed_up), "report-back")
    assert len(found) == (1 if fires else 0)
    if fires:
        assert found[0].severity == "info"
        assert found[0].suggestion == "mentorlog followup ada"
        assert "Send the outline" in found[0].message


def test_report_back_counts_a_follow_up_on_any_session_with_them() -> None:
    ada = mentor()
    first = meeting(ada, ago(30))
    later = meeting(ada, ago(3), followed_up=ago(1))
    item = action(meeting=first.id, mentor=ada.id, status="done", done=ago(4))
    journal = Journal(mentors=[ada], meetings=[first, later], actions=[item])
    assert nudges(journal, "report-back") == []


def test_report_back_ignores_open_dropped_and_session_less_items_and_inactive_mentors() -> None:
    ada, bo = mentor(), mentor("Bo Diddley", status="ended")
    session, other = meeting(ada, ago(20)), meeting(bo, ago(20))
    journal = Journal(
        mentors=[ada, bo],
        meetings=[session, other],
        actions=[
            action(meeting=session.id, mentor=ada.id),  # open
            action(meeting=session.id, mentor=ada.id, status="dropped", done=ago(2)),
            action(mentor=ada.id, status="done", done=ago(2)),  # not from a session
            action(meeting=other.id, mentor=bo.id, status="done", done=ago(2)),  # ended
        ],
    )
    assert nudges(journal, "report-back") == []


def test_report_back_is_one_nudge_per_mentor_and_can_be_switched_off() -> None:
    journal = _advice_done(ago(5), None)
    session = journal.meetings[0]
    journal.actions.append(
        action(
            "Ask for the deck",
            meeting=session.id,
            mentor=session.mentor,
            status="done",
            done=ago(2),
        )
    )
    found = only(journal, "report-back")
    assert "Ask for the deck and 1 more" in found.message
    off = Config(nudges=NudgeSettings(report_back=False))
    assert nudges(journal, "report-back", config=off) == []
