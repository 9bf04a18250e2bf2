"""The quarterly review (docs/review.md) as plain data: one pass over the sessions, then figures.

A period is a calendar quarter, its first and last day included. The current quarter is
reviewed "to date": it ends today, and sessions dated later are not counted yet. Statuses are
the records' current ones (the journal keeps no status history), but every date-based figure
(last met, health, open actions, overdue milestones) is taken as of the period's end.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from mentorlog.config import Config
from mentorlog.dates import Quarter, local_date, quarter_of
from mentorlog.errors import BadInput
from mentorlog.insights._output import Output
from mentorlog.insights.health import assess
from mentorlog.insights.nudges import Nudge, compute_nudges
from mentorlog.insights.review_goals import (
    GoalLine,
    OverdueMilestone,
    goal_lines,
    open_at,
    overdue_milestones,
)
from mentorlog.insights.review_lines import MixLine, RelationshipLine
from mentorlog.insights.review_prompts import Figures, PromptLine, prompt_lines
from mentorlog.journal.reflections import find_reflection, previous_answers
from mentorlog.journal.state import Journal
from mentorlog.models import ActionItem, Meeting, Mentor
from mentorlog.vocab import (
    ActionStatus,
    MeetingFormat,
    MentorKind,
    MentorStatus,
    MilestoneStatus,
)

PAST_NUDGES_NOTE = "Nudges are about today, so they are shown only in the current quarter's review."


class Headline(Output):
    sessions: int
    hours: float
    sessions_without_duration: int
    mentors_met: int
    milestones_done: int
    actions_closed: int
    goals_progressed: int


class WeekCount(Output):
    week: str  # ISO week, e.g. 2026-W41
    start: date  # its Monday (may fall in the previous quarter)
    sessions: int  # sessions of the period in that week


class TakeawayLine(Output):
    date: date
    mentor: str
    text: str


class OpenAction(Output):
    id: str
    text: str
    mentor: str | None
    due: date | None
    created: date  # the day it was agreed (its `opened` date)


class LooseEnds(Output):
    actions: list[OpenAction]  # open at the period's end
    milestones: list[OverdueMilestone]  # open and past due at the period's end


class Review(Output):
    period: str
    start: date
    end: date
    to_date: bool  # the current quarter, reviewed up to today
    headline: Headline
    goals: list[GoalLine]
    relationships: list[RelationshipLine]
    weeks: list[WeekCount]
    formats: list[MixLine]
    kinds: list[MixLine]
    takeaways: list[TakeawayLine]
    loose_ends: LooseEnds
    nudges: list[Nudge]
    nudges_note: str
    prompts: list[PromptLine]  # with the answers of a saved reflection, when there is one
    reflected: date | None = None  # the day the saved reflection was last written


def one_decimal(numerator: int, denominator: int) -> float:
    """`numerator / denominator` rounded half up to one decimal (4.25 -> 4.3, as people expect)."""
    exact = Decimal(numerator) / Decimal(denominator)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def resolve_period(quarter: Quarter, today: date) -> tuple[date, date, bool]:
    """(start, end, to_date) of a quarter that has begun; a future quarter is bad input."""
    if quarter.start > today:
        raise BadInput(f"{quarter.label} has not started yet (today is {today.isoformat()}).")
    current = quarter == quarter_of(today)
    return quarter.start, (today if current else quarter.end), current


@dataclass
class _Tally:
    """What one pass over the sessions finds."""

    sessions: list[Meeting] = field(default_factory=list)
    last_met: dict[str, date] = field(default_factory=dict)  # up to the period's end
    minutes: Counter[str] = field(default_factory=Counter)
    count: Counter[str] = field(default_factory=Counter)
    ratings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    goal_sessions: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, meetings: list[Meeting], start: date, end: date) -> _Tally:
        tally = cls()
        for meeting in meetings:
            if meeting.date > end:
                continue
            known = tally.last_met.get(meeting.mentor)
            if known is None or meeting.date > known:
                tally.last_met[meeting.mentor] = meeting.date
            if meeting.date < start:
                continue
            tally.sessions.append(meeting)
            tally.count[meeting.mentor] += 1
            tally.minutes[meeting.mentor] += meeting.duration or 0
            if meeting.rating is not None:
                tally.ratings[meeting.mentor].append(meeting.rating)
            for goal in set(meeting.goals):
                tally.goal_sessions[goal] += 1
        tally.sessions.sort(key=lambda m: (m.date, m.time or time.min, m.created))
        return tally


def compute_review(journal: Journal, quarter: Quarter, today: date, config: Config) -> Review:
    start, end, to_date = resolve_period(quarter, today)
    tally = _Tally.of(journal.meetings, start, end)
    mentors = {mentor.id: mentor for mentor in journal.mentors}
    goals_by_id = {goal.id: goal for goal in journal.goals}
    done_in_period = [
        m
        for m in journal.milestones
        if m.status is MilestoneStatus.done and m.done is not None and start <= m.done <= end
    ]
    progressed = set(tally.goal_sessions) | {m.goal for m in done_in_period}
    headline = Headline(
        sessions=len(tally.sessions),
        hours=one_decimal(sum(tally.minutes.values()), 60),
        sessions_without_duration=sum(1 for m in tally.sessions if m.duration is None),
        mentors_met=len(tally.count),
        milestones_done=len(done_in_period),
        actions_closed=sum(1 for a in journal.actions if _closed_in(a, start, end)),
        goals_progressed=len(progressed & goals_by_id.keys()),
    )
    goals = goal_lines(
        journal.goals,
        journal.milestones,
        tally.goal_sessions,
        done_in_period,
        progressed,
        start,
        end,
    )
    relationships = _relationship_lines(journal.mentors, tally, start, end, config)
    formats = Counter(m.format for m in tally.sessions)
    kinds = Counter(mentors[m.mentor].kind for m in tally.sessions if m.mentor in mentors)
    loose = LooseEnds(
        actions=_open_actions(journal.actions, mentors, end),
        milestones=overdue_milestones(journal.milestones, goals_by_id, end),
    )
    nudges = compute_nudges(journal, today, config) if to_date else []
    kind_lines = [MixLine(name=k.value, sessions=kinds[k]) for k in MentorKind]
    open_milestones = sum(1 for m in journal.milestones if open_at(m, goals_by_id.get(m.goal), end))
    figures = Figures(
        start=start,
        end=end,
        to_date=to_date,
        goals=goals,
        relationships=relationships,
        kinds=kind_lines,
        nudge_codes=[nudge.code for nudge in nudges],
        overdue_milestones=len(loose.milestones),
    )
    told = {  # the mentors followed up with in the period (prompt 2: have you told them?)
        m.mentor
        for m in journal.meetings
        if m.followed_up is not None and start <= m.followed_up <= end
    }
    started = {mentor.id: mentor.started for mentor in journal.mentors}
    prompts = prompt_lines(figures, started, open_milestones, told)
    saved = find_reflection(journal, quarter.label)
    if saved is not None:
        answers = previous_answers(saved)
        for line in prompts:
            line.answer = answers.get(line.prompt, "")
    return Review(
        period=quarter.label,
        start=start,
        end=end,
        to_date=to_date,
        headline=headline,
        goals=goals,
        relationships=relationships,
        weeks=_weeks(tally.sessions, start, end),
        formats=[MixLine(name=f.value, sessions=formats[f]) for f in MeetingFormat],
        kinds=kind_lines,
        takeaways=[
            TakeawayLine(date=m.date, mentor=_name(mentors, m.mentor), text=text)
            for m in tally.sessions
            for text in m.takeaways
        ],
        loose_ends=loose,
        nudges=nudges,
        nudges_note="" if to_date else PAST_NUDGES_NOTE,
        prompts=prompts,
        reflected=None if saved is None else local_date(saved.updated),
    )


def _name(mentors: dict[str, Mentor], mentor_id: str | None) -> str:
    mentor = mentors.get(mentor_id or "")
    return mentor.name if mentor is not None else "?"


def _closed_in(action: ActionItem, start: date, end: date) -> bool:
    return (
        action.status is ActionStatus.done
        and action.done is not None
        and start <= action.done <= end
    )


def _relationship_lines(
    mentors: list[Mentor], tally: _Tally, start: date, end: date, config: Config
) -> list[RelationshipLine]:
    lines = []
    for mentor in mentors:
        met = tally.count[mentor.id] > 0
        # Ended after the period: it was active then, and is judged as it stood then.
        ended_later = mentor.ended is not None and mentor.ended > end
        if ended_later and mentor.status is MentorStatus.ended:
            mentor = mentor.model_copy(update={"status": MentorStatus.active})
        active = (
            mentor.status is MentorStatus.active
            and mentor.started <= end
            and (mentor.ended is None or mentor.ended >= start)
        )
        if not (met or active):
            continue
        ratings = tally.ratings.get(mentor.id, [])
        verdict = assess(
            mentor,
            tally.last_met.get(mentor.id),
            end,
            warn_factor=config.nudges.overdue_warn,
            alert_factor=config.nudges.overdue_alert,
        )
        lines.append(
            RelationshipLine(
                id=mentor.id,
                name=mentor.name,
                kind=mentor.kind,
                status=mentor.status,
                cadence=mentor.cadence,
                sessions=tally.count[mentor.id],
                hours=one_decimal(tally.minutes[mentor.id], 60),
                last_met=tally.last_met.get(mentor.id),
                health=verdict.health,
                average_rating=one_decimal(sum(ratings), len(ratings)) if ratings else None,
            )
        )
    lines.sort(key=lambda line: (-line.sessions, line.name.casefold(), line.id))
    return lines


def _weeks(sessions: list[Meeting], start: date, end: date) -> list[WeekCount]:
    per_monday = Counter(m.date - timedelta(days=m.date.weekday()) for m in sessions)
    monday = start - timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        year, number, _ = monday.isocalendar()
        weeks.append(
            WeekCount(week=f"{year}-W{number:02d}", start=monday, sessions=per_monday[monday])
        )
        monday += timedelta(days=7)
    return weeks


def _open_actions(
    actions: list[ActionItem], mentors: dict[str, Mentor], end: date
) -> list[OpenAction]:
    found = []
    for action in actions:
        created = action.opened
        if created > end:
            continue
        closed_later = action.status is not ActionStatus.open and (
            action.done is not None and action.done > end
        )
        if action.status is ActionStatus.open or closed_later:
            found.append(
                OpenAction(
                    id=action.id,
                    text=action.text,
                    mentor=_name(mentors, action.mentor) if action.mentor else None,
                    due=action.due,
                    created=created,
                )
            )
    found.sort(key=lambda a: (a.due is None, a.due or date.max, a.created))
    return found
