"""The nudge rules about goals and milestones: due dates, focus, support, next steps."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from mentorlog.config import Config
from mentorlog.dates import days_between
from mentorlog.insights.naming import days, friendly_day
from mentorlog.insights.reads import Reads
from mentorlog.insights.rules.base import (
    SHOWN,
    Code,
    Nudge,
    NudgeCode,
    Rule,
    Severity,
    Subject,
)
from mentorlog.insights.rules.facts import Facts
from mentorlog.journal.state import Journal
from mentorlog.models import Goal, Mentor
from mentorlog.text import shorten
from mentorlog.vocab import GoalStatus, MentorStatus, MilestoneStatus

_CLOSED_GOALS = (GoalStatus.achieved, GoalStatus.dropped)


def _active_goals(journal: Journal) -> list[Goal]:
    return [goal for goal in journal.goals if goal.status is GoalStatus.active]


def _goal_subject(goal: Goal) -> Subject:
    return Subject(kind="goal", id=goal.id, name=goal.title)


class MilestoneDue(Rule):
    """An open milestone of an open goal past its due date, or due within a few days."""

    codes = (
        Code(
            "milestone-overdue",
            ("overdue milestone", "overdue milestones"),
            "mentorlog milestone list",
        ),
        Code(
            "milestone-soon",
            ("milestone due soon", "milestones due soon"),
            "mentorlog milestone list",
        ),
    )

    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterator[Nudge]:
        soon = config.nudges.milestone_soon_days
        for milestone in journal.milestones:
            goal = facts.goals.get(milestone.goal)
            if milestone.status is not MilestoneStatus.open or milestone.due is None:
                continue
            if goal is None or goal.status in _CLOSED_GOALS:
                continue
            title = shorten(milestone.title, SHOWN)
            ahead = days_between(today, milestone.due)
            when = friendly_day(milestone.due, today)
            code: NudgeCode
            severity: Severity
            if ahead < 0:
                code, severity = "milestone-overdue", "warn"
                message = f"Milestone overdue by {days(-ahead)} (due {when}): {title}"
            elif ahead <= soon:
                code, severity = "milestone-soon", "info"
                in_days = {0: "today", 1: "tomorrow"}.get(ahead, f"in {days(ahead)}")
                message = f"Milestone due {in_days} ({when}): {title}"
            else:
                continue
            yield Nudge(
                code=code,
                severity=severity,
                subject=Subject(kind="milestone", id=milestone.id, name=milestone.title),
                message=message,
                suggestion=f"mentorlog milestone done {milestone.id}",
            )


class FocusOverload(Rule):
    """More active goals than the focus limit."""

    codes = (Code("focus-overload"),)

    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterator[Nudge]:
        active = _active_goals(journal)
        if len(active) <= config.focus_limit:
            return
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


class GoalUnsupported(Rule):
    """An active goal no active mentor helps with, or that no session has touched for long."""

    codes = (Code("goal-unsupported", ("goal needing support", "goals needing support")),)

    def reads(self, journal: Journal, today: date, config: Config) -> Reads:
        # the last session touching a goal matters only for goals older than the threshold
        limit = config.nudges.goal_unsupported_days
        return Reads(
            touched=frozenset(
                goal.id
                for goal in _active_goals(journal)
                if days_between(goal.started, today) > limit
            )
        )

    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterator[Nudge]:
        limit = config.nudges.goal_unsupported_days
        helpers: dict[str, list[Mentor]] = {}
        for mentor in journal.mentors:
            if mentor.status is MentorStatus.active:
                for goal_id in mentor.goals:
                    helpers.setdefault(goal_id, []).append(mentor)
        for goal in _active_goals(journal):
            title = shorten(goal.title, SHOWN)
            age = days_between(goal.started, today)
            mentors = helpers.get(goal.id, [])
            touched = facts.goal_touched.get(goal.id)
            if not mentors:
                yield Nudge(
                    code="goal-unsupported",
                    severity="warn",
                    subject=_goal_subject(goal),
                    message=f"No active mentor is helping with {title}.",
                    suggestion=f"mentorlog mentor add NAME --goal {facts.goal_ref(goal)}",
                )
            elif age > limit and (touched is None or days_between(touched, today) > limit):
                since = (
                    f"in {days(days_between(touched, today))}"
                    if touched is not None
                    else f"since it started {days(age)} ago"
                )
                helper = min(mentors, key=lambda m: m.name.casefold())
                yield Nudge(
                    code="goal-unsupported",
                    severity="warn",
                    subject=_goal_subject(goal),
                    message=f"No session has touched {title} {since}.",
                    suggestion=(
                        f"mentorlog meet {facts.mentor_ref(helper)} --goal {facts.goal_ref(goal)}"
                    ),
                )


class GoalNoMilestones(Rule):
    """An active goal with no open or done milestone, long after it started."""

    codes = (Code("goal-no-milestones", ("goal without milestones", "goals without milestones")),)

    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterator[Nudge]:
        counted = {
            milestone.goal
            for milestone in journal.milestones
            if milestone.status in (MilestoneStatus.open, MilestoneStatus.done)
        }
        for goal in _active_goals(journal):
            age = days_between(goal.started, today)
            if age > config.nudges.goal_no_milestones_days and goal.id not in counted:
                yield Nudge(
                    code="goal-no-milestones",
                    severity="info",
                    subject=_goal_subject(goal),
                    message=(
                        f"{shorten(goal.title, SHOWN)} has no milestones after {days(age)}: "
                        "name the next step."
                    ),
                    suggestion=f"mentorlog milestone add {facts.goal_ref(goal)} TITLE",
                )
