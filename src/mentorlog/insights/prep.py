"""The prep sheet (README, "Before and after a session"): one screen to read before a session with a
mentor.

What you agreed, how long since you met and what was planned, the advice you took away last
time, what you still owe them, what you have done since (to report), the goals they help with
and their next milestones, and the topics you want to raise. Plain data; `render/prep.py`
shows it in the terminal and as a Markdown agenda.
"""

from __future__ import annotations

from datetime import date

from mentorlog.dates import days_between, format_cadence, local_date
from mentorlog.insights._output import Output
from mentorlog.insights.health import Health, assess
from mentorlog.insights.nudges import latest_sessions
from mentorlog.insights.recent import Needs, newest_years
from mentorlog.journal.actions import age_days, open_actions
from mentorlog.journal.state import Journal
from mentorlog.journal.topics import open_topics
from mentorlog.models import ActionItem, Mentor
from mentorlog.vocab import ActionStatus, GoalStatus, MilestoneStatus

NEXT_MILESTONES = 3  # open milestones shown per goal


class PrepAgreement(Output):
    why: str
    hope: str
    cadence: str  # e.g. "monthly", "every 3 weeks", "ad-hoc"
    until: date | None
    purpose: str


_Date = date  # so the field named `date` does not shadow its type


class PrepSession(Output):
    id: str
    date: _Date
    format: str
    takeaways: list[str]
    next: _Date | None  # the next session planned in it
    followed_up: _Date | None


class PrepAction(Output):
    id: str
    text: str
    due: date | None
    age_days: int
    overdue: bool


class DoneItem(Output):
    kind: str  # "action" or "milestone"
    id: str
    text: str
    done: date
    goal: str | None = None  # a milestone's goal title


class PrepMilestone(Output):
    id: str
    title: str
    due: date | None


class PrepGoal(Output):
    id: str
    title: str
    status: GoalStatus
    next_milestones: list[PrepMilestone]


class PrepTopic(Output):
    id: str
    text: str


class PrepSheet(Output):
    """`mentorlog prep MENTOR` (and its `--json` document)."""

    mentor_id: str
    name: str
    kind: str
    status: str
    org: str
    role: str
    email: str | None
    agreement: PrepAgreement
    today: date
    last_met: date | None
    days_since: int | None  # None when never met
    next_planned: date | None  # the last session's `next`
    next_due: date | None  # from the cadence (from `started` when never met)
    health: Health  # as `mentor list` says it: on track, due, overdue, ...
    last_session: PrepSession | None
    open_actions: list[PrepAction]
    since: date  # what counts as done since: the last session, else the start
    done_since: list[DoneItem]
    goals: list[PrepGoal]
    topics: list[PrepTopic]


def compute_prep(journal: Journal, mentor: Mentor, today: date) -> PrepSheet:
    """The sheet for `mentor` on `today`, reading only the sessions it needs."""
    meetings = newest_years(journal, Needs(until=today, last_met={mentor.id}))
    last = latest_sessions(meetings if meetings is not None else journal.meetings, today).get(
        mentor.id
    )
    since = last.date if last is not None else mentor.started
    agreement = mentor.agreement
    health = assess(mentor, last.date if last is not None else None, today)
    return PrepSheet(
        mentor_id=mentor.id,
        name=mentor.name,
        kind=mentor.kind.value,
        status=mentor.status.value,
        org=mentor.org,
        role=mentor.role,
        email=mentor.email,
        agreement=PrepAgreement(
            why=agreement.why,
            hope=agreement.hope,
            cadence=format_cadence(mentor.cadence),
            until=agreement.until,
            purpose=agreement.purpose,
        ),
        today=today,
        last_met=last.date if last is not None else None,
        days_since=days_between(last.date, today) if last is not None else None,
        next_planned=last.next if last is not None else None,
        next_due=health.next_due,
        health=health.health,
        last_session=(
            PrepSession(
                id=last.id,
                date=last.date,
                format=last.format.value,
                takeaways=list(last.takeaways),
                next=last.next,
                followed_up=last.followed_up,
            )
            if last is not None
            else None
        ),
        open_actions=[
            PrepAction(
                id=a.id,
                text=a.text,
                due=a.due,
                age_days=age_days(a, today),
                overdue=a.due is not None and a.due < today,
            )
            for a in open_actions(journal, mentor.id)
        ],
        since=since,
        done_since=_done_since(journal, mentor, since, today),
        goals=_goals(journal, mentor),
        topics=[PrepTopic(id=t.id, text=t.text) for t in open_topics(journal, mentor.id)],
    )


def _closed_on(action: ActionItem) -> date:
    return action.done or local_date(action.updated)


def _done_since(journal: Journal, mentor: Mentor, since: date, today: date) -> list[DoneItem]:
    """Action items with them done after `since`, and milestones reached after it of the
    goals they help with (or credited to them): what you can tell them."""
    done = [
        DoneItem(kind="action", id=a.id, text=a.text, done=_closed_on(a))
        for a in journal.actions_closed_since(since.year)
        if a.mentor == mentor.id
        and a.status is ActionStatus.done
        and since < _closed_on(a) <= today
    ]
    goals = {g.id: g for g in journal.goals}
    helped = set(mentor.goals)
    done += [
        DoneItem(
            kind="milestone",
            id=m.id,
            text=m.title,
            done=m.done,
            goal=goals[m.goal].title if m.goal in goals else None,
        )
        for m in journal.milestones
        if m.status is MilestoneStatus.done
        and m.done is not None
        and since < m.done <= today
        and (m.mentor == mentor.id or m.goal in helped)
    ]
    return sorted(done, key=lambda item: (item.done, item.kind))


def _goals(journal: Journal, mentor: Mentor) -> list[PrepGoal]:
    goals = {g.id: g for g in journal.goals}
    found = []
    for goal_id in mentor.goals:
        goal = goals.get(goal_id)
        if goal is None:
            continue
        upcoming = sorted(
            (
                m
                for m in journal.milestones
                if m.goal == goal.id and m.status is MilestoneStatus.open
            ),
            key=lambda m: (m.due is None, m.due or date.max, m.created),
        )
        found.append(
            PrepGoal(
                id=goal.id,
                title=goal.title,
                status=goal.status,
                next_milestones=[
                    PrepMilestone(id=m.id, title=m.title, due=m.due)
                    for m in upcoming[:NEXT_MILESTONES]
                ],
            )
        )
    return sorted(found, key=lambda g: g.status is not GoalStatus.active)
