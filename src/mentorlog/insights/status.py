"""The dashboard (`mentorlog` / `mentorlog status`) as plain data: focus goals and their
milestones, active relationships and their health, what is due soon, and the nudges."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from mentorlog.config import Config
from mentorlog.insights._output import Output
from mentorlog.insights.health import Health, assess_by_config, mentor_health
from mentorlog.insights.nudges import Nudge, compute_nudges, latest_sessions
from mentorlog.journal.state import Journal
from mentorlog.models import CadenceValue, Goal
from mentorlog.vocab import ActionStatus, GoalStatus, MentorKind, MentorStatus, MilestoneStatus

# The neediest relationships come first.
HEALTH_ORDER = (Health.neglected, Health.overdue, Health.due, Health.on_track, Health.ad_hoc)


class GoalProgress(Output):
    id: str
    title: str
    milestones_done: int
    milestones_total: int  # open and done; dropped milestones do not count
    target: date | None


class Relationship(Output):
    id: str
    name: str
    kind: MentorKind
    cadence: CadenceValue | None  # `1m`, `2w`, `30d`; None for ad-hoc
    last_met: date | None
    days_since: int | None  # since the last session, or since `started` when never met
    health: Health
    next_planned: date | None  # the `next` of the latest session, when none was logged since
    next_due: date | None  # when the cadence says the next session is due


DueKind = Literal["session", "milestone", "action"]
_Date = date  # so the field named `date` does not shadow its type


class DueItem(Output):
    kind: DueKind
    date: _Date
    title: str
    subject: str  # the mentor (sessions, actions) or the goal (milestones)
    id: str


class Dashboard(Output):
    today: date
    empty: bool
    horizon_days: int
    focus_limit: int
    goals: list[GoalProgress]
    relationships: list[Relationship]
    prospects: int
    due: list[DueItem]
    nudges: list[Nudge]


def compute_dashboard(
    journal: Journal, today: date, config: Config, *, open_conflicts: int = 0
) -> Dashboard:
    relationships = _relationships(journal, today, config)
    return Dashboard(
        today=today,
        empty=journal.is_empty(),
        horizon_days=config.due_horizon_days,
        focus_limit=config.focus_limit,
        goals=_goals(journal),
        relationships=relationships,
        prospects=sum(1 for m in journal.mentors if m.status is MentorStatus.prospect),
        due=_due(journal, relationships, today, today + timedelta(days=config.due_horizon_days)),
        nudges=compute_nudges(journal, today, config, open_conflicts=open_conflicts),
    )


def _goals(journal: Journal) -> list[GoalProgress]:
    done: dict[str, int] = {}
    total: dict[str, int] = {}
    for milestone in journal.milestones:
        if milestone.status is MilestoneStatus.dropped:
            continue
        total[milestone.goal] = total.get(milestone.goal, 0) + 1
        if milestone.status is MilestoneStatus.done:
            done[milestone.goal] = done.get(milestone.goal, 0) + 1
    return [
        GoalProgress(
            id=goal.id,
            title=goal.title,
            milestones_done=done.get(goal.id, 0),
            milestones_total=total.get(goal.id, 0),
            target=goal.target,
        )
        for goal in journal.goals
        if goal.status is GoalStatus.active
    ]


def _relationships(journal: Journal, today: date, config: Config) -> list[Relationship]:
    active = [m for m in journal.mentors if m.status is MentorStatus.active]
    health = assess_by_config(active, journal.meetings, today, config)
    latest = latest_sessions(journal.meetings, today)
    found = []
    for mentor in active:
        assessment = health[mentor.id]
        last = latest.get(mentor.id)
        planned = last.next if last is not None and last.next and last.next > last.date else None
        found.append(
            Relationship(
                **mentor_health(mentor, assessment),
                next_planned=planned,
                next_due=assessment.next_due,
            )
        )
    order = {health: index for index, health in enumerate(HEALTH_ORDER)}
    found.sort(key=lambda r: (order.get(r.health, len(order)), r.name.casefold()))
    return found


def _due(
    journal: Journal, relationships: list[Relationship], today: date, horizon: date
) -> list[DueItem]:
    items: list[DueItem] = []

    def add(kind: DueKind, day: date | None, title: str, subject: str, ident: str) -> None:
        if day is not None and today <= day <= horizon:
            items.append(DueItem(kind=kind, date=day, title=title, subject=subject, id=ident))

    for rel in relationships:
        # A planned date is the concrete plan; the cadence date only stands in without one.
        if rel.next_planned is not None:
            add("session", rel.next_planned, "planned session", rel.name, rel.id)
        else:
            add("session", rel.next_due, "session due (cadence)", rel.name, rel.id)
    goals = {goal.id: goal for goal in journal.goals}
    for milestone in journal.milestones:
        goal = goals.get(milestone.goal)
        if milestone.status is MilestoneStatus.open and goal is not None and _open(goal):
            add("milestone", milestone.due, milestone.title, goal.title, milestone.id)
    mentors = {mentor.id: mentor.name for mentor in journal.mentors}
    for action in journal.actions:
        if action.status is ActionStatus.open:
            subject = mentors.get(action.mentor or "", "")
            if not subject and action.goal in goals:
                subject = goals[action.goal].title
            add("action", action.due, action.text, subject, action.id)
    kinds = {"session": 0, "milestone": 1, "action": 2}
    items.sort(key=lambda item: (item.date, kinds[item.kind], item.title.casefold()))
    return items


def _open(goal: Goal) -> bool:
    return goal.status not in (GoalStatus.achieved, GoalStatus.dropped)
