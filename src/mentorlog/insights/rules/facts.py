"""What several nudge rules read, gathered in one pass over the sessions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from mentorlog.config import Config
from mentorlog.insights.naming import goal_refs, mentor_refs
from mentorlog.journal.state import Journal
from mentorlog.models import Goal, Meeting, Mentor
from mentorlog.vocab import MentorStatus


@dataclass(eq=False, repr=False)
class Facts:
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
    open_conflicts: int = 0  # sync conflicts not dismissed on this machine (read by the caller)

    @classmethod
    def gather(cls, journal: Journal, today: date, config: Config, open_conflicts: int) -> Facts:
        facts = cls(
            mentor_ref=mentor_refs(journal),
            goal_ref=goal_refs(journal),
            latest=latest_sessions(journal.meetings, today),
            goals={goal.id: goal for goal in journal.goals},
            open_conflicts=open_conflicts,
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
