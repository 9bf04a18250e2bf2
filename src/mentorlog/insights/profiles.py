"""What `list` and `show` display, as plain data (also their `--json` documents)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from mentorlog.dates import quarter_of
from mentorlog.insights._output import Output, Ref
from mentorlog.insights.health import (
    Assessment,
    Health,
    assess,
    last_met_by_mentor,
    mentor_health,
)
from mentorlog.journal.goals import milestone_progress
from mentorlog.journal.state import Journal
from mentorlog.models import ActionItem, CadenceValue, Goal, Meeting, Mentor, Milestone
from mentorlog.vocab import GoalStatus, MentorKind, MentorStatus


class Progress(Output):
    done: int
    total: int


class GoalRow(Output):
    id: str
    title: str
    area: str
    status: GoalStatus
    started: date
    target: date | None
    progress: Progress
    mentors: list[Ref]


class SessionRef(Output):
    id: str
    date: date
    mentor: Ref
    format: str
    rating: int | None
    takeaways: list[str]


class GoalProfile(Output):
    goal: Goal
    progress: Progress
    milestones: list[Milestone]
    mentors: list[Ref]
    sessions: list[SessionRef] = Field(description="newest first")


def _mentor_refs(journal: Journal, goal: Goal) -> list[Ref]:
    return [Ref(id=m.id, name=m.name) for m in journal.mentors if goal.id in m.goals]


def goal_rows(journal: Journal, *, statuses: set[GoalStatus] | None = None) -> list[GoalRow]:
    rows = []
    for goal in journal.goals:
        if statuses is not None and goal.status not in statuses:
            continue
        done, total = milestone_progress(journal, goal)
        rows.append(
            GoalRow(
                id=goal.id,
                title=goal.title,
                area=goal.area,
                status=goal.status,
                started=goal.started,
                target=goal.target,
                progress=Progress(done=done, total=total),
                mentors=_mentor_refs(journal, goal),
            )
        )
    return rows


def session_ref(meeting: Meeting, names: dict[str, str]) -> SessionRef:
    return SessionRef(
        id=meeting.id,
        date=meeting.date,
        mentor=Ref(id=meeting.mentor, name=names.get(meeting.mentor, "?")),
        format=meeting.format.value,
        rating=meeting.rating,
        takeaways=list(meeting.takeaways),
    )


def goal_profile(journal: Journal, goal: Goal) -> GoalProfile:
    done, total = milestone_progress(journal, goal)
    names = {m.id: m.name for m in journal.mentors}
    touched = sorted(
        (m for m in journal.meetings if goal.id in m.goals),
        key=lambda m: (m.date, m.created),
        reverse=True,
    )
    milestones = sorted(
        (m for m in journal.milestones if m.goal == goal.id),
        key=lambda m: (m.due is None, m.due or date.max, m.created),
    )
    return GoalProfile(
        goal=goal,
        progress=Progress(done=done, total=total),
        milestones=milestones,
        mentors=_mentor_refs(journal, goal),
        sessions=[session_ref(m, names) for m in touched],
    )


class MentorRow(Output):
    id: str
    name: str
    kind: MentorKind
    status: MentorStatus
    cadence: CadenceValue | None
    last_met: date | None
    days_since: int | None
    health: Health
    goals: list[Ref]
    supervisor: bool


class MentorProfile(Output):
    mentor: Mentor
    assessment: Assessment
    goals: list[Ref]
    sessions: list[SessionRef] = Field(description="newest first")
    sessions_this_quarter: int
    next_planned: date | None = Field(description="the `next` date set at the latest session")
    open_actions: list[ActionItem]
    milestones_credited: list[Ref]


def _goal_refs(journal: Journal, mentor: Mentor) -> list[Ref]:
    titles = {g.id: g.title for g in journal.goals}
    return [Ref(id=g, name=titles.get(g, "?")) for g in mentor.goals]


def mentor_rows(
    journal: Journal,
    today: date,
    *,
    warn_factor: float = 1.5,
    alert_factor: float = 2.0,
    keep: set[MentorStatus] | None = None,
    kind: MentorKind | None = None,
) -> list[MentorRow]:
    last = last_met_by_mentor(journal.meetings, today)
    rows = []
    for mentor in journal.mentors:
        if keep is not None and mentor.status not in keep:
            continue
        if kind is not None and mentor.kind is not kind:
            continue
        verdict = assess(
            mentor, last.get(mentor.id), today, warn_factor=warn_factor, alert_factor=alert_factor
        )
        rows.append(
            MentorRow(
                **mentor_health(mentor, verdict),
                status=mentor.status,
                goals=_goal_refs(journal, mentor),
                supervisor=mentor.supervisor,
            )
        )
    return rows


def mentor_profile(
    journal: Journal,
    mentor: Mentor,
    today: date,
    *,
    warn_factor: float = 1.5,
    alert_factor: float = 2.0,
) -> MentorProfile:

    mine = sorted(
        (m for m in journal.meetings if m.mentor == mentor.id),
        key=lambda m: (m.date, m.created),
        reverse=True,
    )
    last = last_met_by_mentor(mine, today)
    verdict = assess(
        mentor, last.get(mentor.id), today, warn_factor=warn_factor, alert_factor=alert_factor
    )
    quarter = quarter_of(today)
    names = {mentor.id: mentor.name}
    return MentorProfile(
        mentor=mentor,
        assessment=verdict,
        goals=_goal_refs(journal, mentor),
        sessions=[session_ref(m, names) for m in mine],
        sessions_this_quarter=sum(1 for m in mine if quarter.start <= m.date <= today),
        next_planned=next((m.next for m in mine if m.date <= today), None),
        open_actions=[a for a in journal.open_actions() if a.mentor == mentor.id],
        milestones_credited=[
            Ref(id=m.id, name=m.title) for m in journal.milestones if m.mentor == mentor.id
        ],
    )
