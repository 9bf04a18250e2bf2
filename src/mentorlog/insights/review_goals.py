"""The goals and milestones of a review, as they stood at the period's end.

A goal achieved or dropped after the period was still open then; a milestone done after it was
still open then, and one set after it did not exist yet (a backfill's `--date` counts).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from mentorlog.dates import local_date
from mentorlog.insights._output import Output
from mentorlog.models import Goal, Milestone
from mentorlog.vocab import GoalStatus, MilestoneStatus

_CLOSED = (GoalStatus.achieved, GoalStatus.dropped)


class GoalLine(Output):
    id: str
    title: str
    status: GoalStatus
    milestones_done: int
    milestones_total: int  # not counting dropped milestones
    milestones_done_in_period: int
    sessions: int  # sessions in the period that touched it


class OverdueMilestone(Output):
    id: str
    title: str
    goal: str
    due: date


def status_then(goal: Goal, end: date) -> GoalStatus:
    """The goal's status at `end`: closed later means it was still active then (a pause keeps
    no date, so a paused goal stays paused)."""
    if goal.status in _CLOSED and goal.closed is not None and goal.closed > end:
        return GoalStatus.active
    return goal.status


def done_by(milestone: Milestone, end: date) -> bool:
    return (
        milestone.status is MilestoneStatus.done
        and milestone.done is not None
        and milestone.done <= end
    )


def goal_lines(
    goals: list[Goal],
    milestones: list[Milestone],
    goal_sessions: Counter[str],
    done_in_period: list[Milestone],
    progressed: set[str],
    start: date,
    end: date,
) -> list[GoalLine]:
    """The goals active during the period, with their milestones as they stood at its end."""
    counted: dict[str, list[Milestone]] = defaultdict(list)
    for milestone in milestones:
        if milestone.status is not MilestoneStatus.dropped and (
            done_by(milestone, end) or local_date(milestone.created) <= end
        ):
            counted[milestone.goal].append(milestone)
    done_here = Counter(m.goal for m in done_in_period)
    lines = []
    for goal in goals:
        if not _active_during(goal, start, end, goal.id in progressed):
            continue
        mine = counted.get(goal.id, [])
        lines.append(
            GoalLine(
                id=goal.id,
                title=goal.title,
                status=status_then(goal, end),
                milestones_done=sum(1 for m in mine if done_by(m, end)),
                milestones_total=len(mine),
                milestones_done_in_period=done_here[goal.id],
                sessions=goal_sessions[goal.id],
            )
        )
    return lines


def _active_during(goal: Goal, start: date, end: date, progressed: bool) -> bool:
    """Whether the goal was active at some time in the period, as far as its dates tell.

    A paused goal keeps no date of its pause, so it counts only when something moved it.
    """
    if goal.started > end:
        return False
    if goal.status in (GoalStatus.achieved, GoalStatus.dropped):
        return goal.closed is None or goal.closed >= start
    if goal.status is GoalStatus.paused:
        return progressed
    return True


def open_at(milestone: Milestone, goal: Goal | None, end: date) -> bool:
    """Whether the milestone was open at `end` (done later counts as open then) under a goal
    that was not closed by then."""
    if goal is None:
        return False
    if goal.status in (GoalStatus.achieved, GoalStatus.dropped) and (
        goal.closed is None or goal.closed <= end
    ):
        return False
    open_then = milestone.status is MilestoneStatus.open or (
        milestone.status is MilestoneStatus.done
        and milestone.done is not None
        and milestone.done > end
    )
    return open_then and local_date(milestone.created) <= end  # (the costly test last)


def overdue_milestones(
    milestones: list[Milestone], goals: dict[str, Goal], end: date
) -> list[OverdueMilestone]:
    found = [
        OverdueMilestone(id=m.id, title=m.title, goal=goals[m.goal].title, due=m.due)
        for m in milestones
        if m.due is not None and m.due < end and open_at(m, goals.get(m.goal), end)
    ]
    found.sort(key=lambda m: (m.due, m.title.casefold()))
    return found
