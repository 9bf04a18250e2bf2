"""Nudges (SPEC §5): what needs attention, each with the command that deals with it.

Plain data, computed from the journal, `today` and the config; the dashboard, `mentorlog nudge`
and the review render the same list. Every threshold comes from `config.nudges` (and
`config.focus_limit`); every day count is a difference of local calendar dates.

Severities (docs/nudges.md has the table):
  alert  a relationship neglected (> overdue_alert x cadence), an action left far too long
  warn   overdue contact, missed plans, overdue work, agreements not kept, focus spread thin
  info   something coming up or worth a thought: due contact, soon milestones, prospects,
         goals without milestones, the quarterly reflection
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal

from mentorlog.config import Config
from mentorlog.dates import days_between, format_cadence, quarter_of
from mentorlog.insights._output import Output
from mentorlog.insights.health import Assessment, Health, assess_all
from mentorlog.insights.naming import days, friendly_day, goal_refs, mentor_refs
from mentorlog.journal.followup import reports_due
from mentorlog.journal.state import Journal
from mentorlog.models import Goal, Meeting, Mentor
from mentorlog.text import shorten
from mentorlog.vocab import ActionStatus, GoalStatus, MentorKind, MentorStatus, MilestoneStatus

Severity = Literal["info", "warn", "alert"]
SubjectKind = Literal["mentor", "goal", "milestone", "action", "reflection", "focus", "sync"]
NudgeCode = Literal[
    "overdue-contact",
    "missed-next",
    "stale-prospect",
    "action-overdue",
    "milestone-overdue",
    "milestone-soon",
    "focus-overload",
    "goal-unsupported",
    "goal-no-milestones",
    "supervisor-mentor",
    "micro-ended",
    "over-asking",
    "report-back",
    "reflection-due",
    "sync-conflict",
]

SEVERITY_ORDER: dict[str, int] = {"alert": 0, "warn": 1, "info": 2}
_HEALTH_SEVERITY: dict[Health, Severity] = {
    Health.due: "info",
    Health.overdue: "warn",
    Health.neglected: "alert",
}
_CLOSED_GOALS = (GoalStatus.achieved, GoalStatus.dropped)
_SHOWN = 60  # longest title or action text quoted in a message


class Subject(Output):
    """What a nudge is about: a record (kind and id), or the journal as a whole (no id)."""

    kind: SubjectKind
    id: str | None = None
    name: str


class Nudge(Output):
    code: NudgeCode
    severity: Severity
    subject: Subject
    message: str
    suggestion: str  # a command of SPEC §4 to run


def compute_nudges(
    journal: Journal, today: date, config: Config, *, open_conflicts: int = 0
) -> list[Nudge]:
    """Every nudge that applies on `today`, most severe first, then by code and subject.

    `open_conflicts`: sync conflicts not dismissed on this machine (read by the caller).
    """
    facts = _Facts.gather(journal, today, config)
    found = [
        *_mentor_nudges(journal, facts, today, config),
        *_action_nudges(journal, today, config),
        *_milestone_nudges(journal, today, config),
        *_goal_nudges(journal, facts, today, config),
        *_reflection_nudges(journal, facts, today, config),
        *_report_back_nudges(journal, facts, today, config),
        *_sync_nudges(open_conflicts),
    ]
    return sorted(found, key=sort_key)


def sort_key(nudge: Nudge) -> tuple[int, str, str, str]:
    return (
        SEVERITY_ORDER[nudge.severity],
        nudge.code,
        nudge.subject.name.casefold(),
        nudge.subject.id or "",
    )


# -- facts gathered in one pass over the sessions --------------------------------------------


@dataclass
class _Facts:
    mentor_ref: Callable[[Mentor], str]
    goal_ref: Callable[[Goal], str]
    latest: dict[str, Meeting] = field(default_factory=dict)  # mentor -> last session to date
    met_ever: set[str] = field(default_factory=set)
    goal_touched: dict[str, date] = field(default_factory=dict)  # goal -> last session to date
    # mentor -> sessions in the over-asking window (the last `over_asking_window` x cadence days)
    in_cadence_window: dict[str, int] = field(default_factory=dict)
    first_session: date | None = None
    # goals helped by an active mentor outside your reporting line (None: no such mentor)
    objective_goals: set[str] | None = None
    goals: dict[str, Goal] = field(default_factory=dict)

    @classmethod
    def gather(cls, journal: Journal, today: date, config: Config) -> _Facts:
        facts = cls(
            mentor_ref=mentor_refs(journal),
            goal_ref=goal_refs(journal),
            latest=latest_sessions(journal.meetings, today),
            goals={goal.id: goal for goal in journal.goals},
        )
        window_start = {
            mentor.id: today
            - timedelta(days=config.nudges.over_asking_days(mentor.cadence, today) - 1)
            for mentor in journal.mentors
            if mentor.cadence is not None
        }
        for meeting in journal.meetings:
            facts.met_ever.add(meeting.mentor)
            if facts.first_session is None or meeting.date < facts.first_session:
                facts.first_session = meeting.date
            if meeting.date > today:
                continue
            start = window_start.get(meeting.mentor)
            if start is not None and meeting.date >= start:
                count = facts.in_cadence_window.get(meeting.mentor, 0)
                facts.in_cadence_window[meeting.mentor] = count + 1
            for goal in meeting.goals:
                touched = facts.goal_touched.get(goal)
                if touched is None or meeting.date > touched:
                    facts.goal_touched[goal] = meeting.date
        for mentor in journal.mentors:
            if mentor.status is MentorStatus.active and not mentor.supervisor:
                facts.objective_goals = (facts.objective_goals or set()) | set(mentor.goals)
        return facts


def latest_sessions(meetings: Iterable[Meeting], today: date) -> dict[str, Meeting]:
    """Each mentor's latest session on or before `today` (by date, then time, then entry)."""
    latest: dict[str, Meeting] = {}
    for meeting in meetings:
        if meeting.date <= today:
            known = latest.get(meeting.mentor)
            if (
                known is None
                or meeting.date > known.date
                or (meeting.date == known.date and _when(meeting) > _when(known))
            ):
                latest[meeting.mentor] = meeting
    return latest


def _when(meeting: Meeting) -> tuple[date, time, datetime]:
    return (meeting.date, meeting.time or time.min, meeting.created)


# -- the rules -------------------------------------------------------------------------------


def _mentor_nudges(journal: Journal, facts: _Facts, today: date, config: Config) -> Iterable[Nudge]:
    health = assess_all(
        journal.mentors,
        journal.meetings,
        today,
        warn_factor=config.nudges.overdue_warn,
        alert_factor=config.nudges.overdue_alert,
    )
    for mentor in journal.mentors:
        if mentor.status is MentorStatus.prospect:
            yield from _stale_prospect(mentor, facts, today, config.nudges.stale_prospect_days)
        elif mentor.status is MentorStatus.active:
            yield from _active_mentor(mentor, health[mentor.id], facts, today, config)


def _mentor_subject(mentor: Mentor) -> Subject:
    return Subject(kind="mentor", id=mentor.id, name=mentor.name)


def _stale_prospect(mentor: Mentor, facts: _Facts, today: date, limit: int) -> Iterator[Nudge]:
    age = days_between(mentor.started, today)
    if age > limit and mentor.id not in facts.met_ever:
        yield Nudge(
            code="stale-prospect",
            severity="info",
            subject=_mentor_subject(mentor),
            message=(
                f"{shorten(mentor.name, _SHOWN)} has been a prospect for {days(age)} "
                "with no session yet."
            ),
            suggestion=f"mentorlog meet {facts.mentor_ref(mentor)}",
        )


def _no_objective_view(supervisor: Mentor, facts: _Facts) -> bool:
    """The supervisor trap: nobody outside your reporting line helps with what your
    supervisor helps with (or, when they help with no goal in particular, nobody at all)."""
    if facts.objective_goals is None:
        return True
    return bool(supervisor.goals) and not set(supervisor.goals) & facts.objective_goals


def _objective_mentor_command(supervisor: Mentor, facts: _Facts) -> str:
    """`mentor add` of someone who helps with what the supervisor helps with: once run, the
    supervisor nudge is gone."""
    helped = set(facts.objective_goals or ())
    uncovered = [g for g in supervisor.goals if g not in helped]
    goal = facts.goals.get(uncovered[0]) if uncovered else None
    return "mentorlog mentor add NAME" + (f" --goal {facts.goal_ref(goal)}" if goal else "")


def _active_mentor(
    mentor: Mentor, health: Assessment, facts: _Facts, today: date, config: Config
) -> Iterator[Nudge]:
    subject = _mentor_subject(mentor)
    name = shorten(mentor.name, _SHOWN)
    ref = facts.mentor_ref(mentor)
    until = mentor.agreement.until
    if until is not None and until < today:
        kind = "micro-mentorship" if mentor.kind is MentorKind.micro else "agreement"
        yield Nudge(
            code="micro-ended",
            severity="warn",
            subject=subject,
            message=(
                f"The {kind} with {name} ended on {friendly_day(until, today)} "
                "but is still active: close it, or agree a new end date."
            ),
            suggestion=f"mentorlog mentor end {ref}",
        )
    if mentor.supervisor and _no_objective_view(mentor, facts):
        yield Nudge(
            code="supervisor-mentor",
            severity="warn",
            subject=subject,
            message=(
                f"{name} is your current supervisor; a mentor outside your reporting "
                "line can be more objective."
            ),
            suggestion=_objective_mentor_command(mentor, facts),
        )
    recent = facts.in_cadence_window.get(mentor.id, 0)
    if mentor.cadence is not None and recent > 1:
        window = config.nudges.over_asking_days(mentor.cadence, today)
        yield Nudge(
            code="over-asking",
            severity="warn",
            subject=subject,
            message=(
                f"{recent} sessions with {name} in the last {days(window)}; "
                f"the agreement is {format_cadence(mentor.cadence)}. "
                "Respect their time, or agree a new cadence."
            ),
            suggestion=f"mentorlog mentor show {ref}",
        )
    if until is not None and until < today:
        return  # past its end date the advice is to close or renew, not to book a session
    latest = facts.latest.get(mentor.id)
    planned = latest.next if latest is not None else None
    missed = None  # when the planned next session was, if it passed with none logged since
    if latest is not None and planned is not None and latest.date < planned < today:
        missed = f"{friendly_day(planned, today)} ({days(days_between(planned, today))} ago)"
    severity = _HEALTH_SEVERITY.get(health.health)
    if severity is not None and mentor.cadence is not None:
        since = (
            f"for {days(health.days_since or 0)}"
            if health.last_met is not None
            else f"yet, {days(health.days_since or 0)} since you started"
        )
        message = f"No session with {name} {since} (cadence {format_cadence(mentor.cadence)})"
        # One problem, one nudge: a missed plan of an overdue relationship is one more fact.
        if missed is not None and SEVERITY_ORDER[severity] > SEVERITY_ORDER["warn"]:
            severity = "warn"
        yield Nudge(
            code="overdue-contact",
            severity=severity,
            subject=subject,
            message=f"{message}; the next one was planned for {missed}."
            if missed
            else message + ".",
            suggestion=f"mentorlog meet {ref}",
        )
    elif missed is not None:
        yield Nudge(
            code="missed-next",
            severity="warn",
            subject=subject,
            message=(f"The next session with {name} was planned for {missed}; none logged since."),
            suggestion=f"mentorlog meet {ref}",
        )


def _action_nudges(journal: Journal, today: date, config: Config) -> Iterable[Nudge]:
    stale = config.nudges.action_stale_days
    for action in journal.actions:
        if action.status is not ActionStatus.open:
            continue
        text = shorten(action.text, _SHOWN)
        if action.due is not None:
            late = days_between(action.due, today)
            if late <= 0:
                continue
            severity: Severity = "alert" if late > stale else "warn"
            message = (
                f"Action overdue by {days(late)} (due {friendly_day(action.due, today)}): {text}"
            )
        else:
            age = days_between(action.opened, today)
            if age <= stale:
                continue
            severity = "alert" if age > 2 * stale else "warn"
            message = f"Action open for {days(age)} with no due date: {text}"
        yield Nudge(
            code="action-overdue",
            severity=severity,
            subject=Subject(kind="action", id=action.id, name=action.text),
            message=message,
            suggestion=f"mentorlog action done {action.id}",
        )


def _milestone_nudges(journal: Journal, today: date, config: Config) -> Iterable[Nudge]:
    soon = config.nudges.milestone_soon_days
    goals = {goal.id: goal for goal in journal.goals}
    for milestone in journal.milestones:
        goal = goals.get(milestone.goal)
        if milestone.status is not MilestoneStatus.open or milestone.due is None:
            continue
        if goal is None or goal.status in _CLOSED_GOALS:
            continue
        title = shorten(milestone.title, _SHOWN)
        subject = Subject(kind="milestone", id=milestone.id, name=milestone.title)
        suggestion = f"mentorlog milestone done {milestone.id}"
        ahead = days_between(today, milestone.due)
        when = friendly_day(milestone.due, today)
        if ahead < 0:
            yield Nudge(
                code="milestone-overdue",
                severity="warn",
                subject=subject,
                message=f"Milestone overdue by {days(-ahead)} (due {when}): {title}",
                suggestion=suggestion,
            )
        elif ahead <= soon:
            in_days = {0: "today", 1: "tomorrow"}.get(ahead, f"in {days(ahead)}")
            yield Nudge(
                code="milestone-soon",
                severity="info",
                subject=subject,
                message=f"Milestone due {in_days} ({when}): {title}",
                suggestion=suggestion,
            )


def _goal_nudges(journal: Journal, facts: _Facts, today: date, config: Config) -> Iterable[Nudge]:
    settings = config.nudges
    active = [goal for goal in journal.goals if goal.status is GoalStatus.active]
    if len(active) > config.focus_limit:
        # The newest goal is the one that went over the limit: the natural one to pause.
        newest = max(active, key=lambda goal: (goal.started, goal.created))
        yield Nudge(
            code="focus-overload",
            severity="warn",
            subject=Subject(kind="focus", name="active goals"),
            message=(
                f"{len(active)} active goals, over your focus limit of {config.focus_limit}: "
                "pause one to focus on what matters most."
            ),
            suggestion=f"mentorlog goal pause {facts.goal_ref(newest)}",
        )
    helpers: dict[str, list[Mentor]] = {}
    for mentor in journal.mentors:
        if mentor.status is MentorStatus.active:
            for goal_id in mentor.goals:
                helpers.setdefault(goal_id, []).append(mentor)
    counted = {
        milestone.goal
        for milestone in journal.milestones
        if milestone.status in (MilestoneStatus.open, MilestoneStatus.done)
    }
    for goal in active:
        subject = Subject(kind="goal", id=goal.id, name=goal.title)
        title = shorten(goal.title, _SHOWN)
        age = days_between(goal.started, today)
        mentors = helpers.get(goal.id, [])
        touched = facts.goal_touched.get(goal.id)
        if not mentors:
            yield Nudge(
                code="goal-unsupported",
                severity="warn",
                subject=subject,
                message=f"No active mentor is helping with {title}.",
                suggestion=f"mentorlog mentor add NAME --goal {facts.goal_ref(goal)}",
            )
        elif age > settings.goal_unsupported_days and (
            touched is None or days_between(touched, today) > settings.goal_unsupported_days
        ):
            since = (
                f"in {days(days_between(touched, today))}"
                if touched is not None
                else f"since it started {days(age)} ago"
            )
            helper = min(mentors, key=lambda m: m.name.casefold())
            yield Nudge(
                code="goal-unsupported",
                severity="warn",
                subject=subject,
                message=f"No session has touched {title} {since}.",
                suggestion=(
                    f"mentorlog meet {facts.mentor_ref(helper)} --goal {facts.goal_ref(goal)}"
                ),
            )
        if age > settings.goal_no_milestones_days and goal.id not in counted:
            yield Nudge(
                code="goal-no-milestones",
                severity="info",
                subject=subject,
                message=f"{title} has no milestones after {days(age)}: name the next step.",
                suggestion=f"mentorlog milestone add {facts.goal_ref(goal)} TITLE",
            )


def _reflection_nudges(
    journal: Journal, facts: _Facts, today: date, config: Config
) -> Iterable[Nudge]:
    quarter = quarter_of(today)
    if days_between(quarter.start, today) >= config.nudges.reflection_due_days:
        return
    previous = quarter.previous()
    # A journal begun this quarter has nothing to reflect on yet.
    if facts.first_session is None or facts.first_session > previous.end:
        return
    if any(reflection.period == previous.label for reflection in journal.reflections):
        return
    yield Nudge(
        code="reflection-due",
        severity="info",
        subject=Subject(kind="reflection", name=previous.label),
        message=f"{previous.label} has ended: take a moment to reflect on it.",
        suggestion=f"mentorlog review --quarter {previous.label} --reflect",
    )


def _report_back_nudges(
    journal: Journal, facts: _Facts, today: date, config: Config
) -> Iterable[Nudge]:
    if not config.nudges.report_back:
        return
    since = today - timedelta(days=config.nudges.report_back_days - 1)
    due = reports_due(journal.actions, journal.meetings, since)
    for mentor in journal.mentors:
        items = due.get(mentor.id)
        if mentor.status is not MentorStatus.active or not items:
            continue
        latest = max(items, key=lambda a: (a.done or today, a.updated))
        more = f" and {len(items) - 1} more" if len(items) > 1 else ""
        yield Nudge(
            code="report-back",
            severity="info",
            subject=_mentor_subject(mentor),
            message=(
                f"You did what {shorten(mentor.name, _SHOWN)} advised "
                f"({shorten(latest.text, _SHOWN)}{more}): tell them how it went."
            ),
            suggestion=f"mentorlog followup {facts.mentor_ref(mentor)}",
        )


def _sync_nudges(open_conflicts: int) -> Iterable[Nudge]:
    if open_conflicts:
        plural = "s" if open_conflicts != 1 else ""
        yield Nudge(
            code="sync-conflict",
            severity="info",
            subject=Subject(kind="sync", name="sync"),
            message=f"{open_conflicts} field{plural} changed on two machines: a sync kept the "
            "later value; check it is the one you meant.",
            suggestion="mentorlog sync conflicts",
        )
