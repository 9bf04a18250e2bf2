"""Goals (focus areas): add, edit, change status, remove — with the focus limit built in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mentorlog.errors import BadInput, Refused
from mentorlog.journal.records import Links, apply_changes, checked, noun, unlink
from mentorlog.journal.state import Journal, remove
from mentorlog.models import Goal, new_id, stamp
from mentorlog.vocab import GoalStatus, MilestoneStatus

CLOSED = (GoalStatus.achieved, GoalStatus.dropped)


def active_goals(journal: Journal) -> list[Goal]:
    return [goal for goal in journal.goals if goal.status is GoalStatus.active]


def over_focus_limit(journal: Journal, limit: int) -> list[Goal]:
    """The active goals, when there are more than `limit` of them (else an empty list)."""
    active = active_goals(journal)
    return active if len(active) > limit else []


def add_goal(
    journal: Journal,
    *,
    title: str,
    today: date,
    why: str = "",
    area: str = "",
    target: date | None = None,
    status: GoalStatus = GoalStatus.active,
    started: date | None = None,
) -> Goal:
    if status not in (GoalStatus.active, GoalStatus.paused):
        raise BadInput("A new goal is active or paused; close it later with `goal done|drop`.")
    began = started or today
    if target is not None and target < began:
        raise BadInput("The target date is before the goal started.")
    _check_unique_title(journal, title)
    goal = checked(  # too long a title or why is bad input (exit 2), not a crash
        Goal,
        {
            "id": new_id(journal.ids("goals")),
            "title": title.strip(),
            "why": why,
            "area": area,
            "status": status,
            "started": began,
            "target": target,
            **stamp(),
        },
    )
    journal.goals.append(goal)
    return goal


def _check_unique_title(journal: Journal, title: str, *, but: Goal | None = None) -> None:
    wanted = title.strip().casefold()
    if not wanted:
        raise BadInput("A goal needs a title.")
    for goal in journal.goals:
        if goal is not but and goal.title.casefold() == wanted:
            raise BadInput(f"There is already a goal with that title ({goal.id}).")


def edit_goal(
    journal: Journal,
    goal: Goal,
    *,
    title: str | None = None,
    why: str | None = None,
    area: str | None = None,
    target: date | None = None,
    clear_target: bool = False,
    started: date | None = None,
) -> bool:
    """Apply the given changes; True if anything changed."""
    changes: dict[str, object] = {}
    if title is not None and title.strip() != goal.title:
        _check_unique_title(journal, title, but=goal)
        changes["title"] = title.strip()
    if why is not None:
        changes["why"] = why
    if area is not None:
        changes["area"] = area
    if started is not None:
        changes["started"] = started
    if clear_target:
        changes["target"] = None
    elif target is not None:
        changes["target"] = target
    return apply_changes(goal, changes, check=_check_target)


def _check_target(goal: Goal) -> None:
    if goal.target is not None and goal.target < goal.started:
        raise BadInput("The target date is before the goal started.")


def set_goal_status(
    goal: Goal,
    status: GoalStatus,
    *,
    today: date,
    outcome: str | None = None,
    on: date | None = None,
) -> None:
    """Move a goal to `status`: done (achieved) and drop close it with a date (`on`, kept as
    given: from the day it started to today) and an outcome."""
    closed = on or today
    if status in CLOSED and not goal.started <= closed <= today:
        raise BadInput(
            f"{closed.isoformat()} is "
            + ("in the future" if closed > today else f"before the goal started ({goal.started})")
            + f"; give the day it was {'achieved' if status is GoalStatus.achieved else 'dropped'}."
        )
    if goal.status is status:
        raise Refused(f"That goal is already {status.value}.")
    if status is GoalStatus.paused and goal.status in CLOSED:
        raise Refused(f"That goal is {goal.status.value}; resume it first to reopen it.")
    if outcome is not None:  # checked before anything changes: never save an invalid record
        checked(Goal, {**goal.model_dump(), "outcome": outcome})
    goal.status = status
    if status in CLOSED:
        goal.closed = closed
        if outcome is not None:
            goal.outcome = outcome
    else:
        goal.closed = None
    goal.touch()


@dataclass
class GoalLinks(Links):
    """What refers to a goal: what `rm` would orphan."""

    milestones: list[str] = field(default_factory=list, metadata=noun("milestone"))
    mentors: list[str] = field(default_factory=list, metadata=noun("mentor"))
    meetings: list[str] = field(default_factory=list, metadata=noun("session"))
    actions: list[str] = field(default_factory=list, metadata=noun("action item"))


def goal_links(journal: Journal, goal: Goal) -> GoalLinks:
    return GoalLinks(
        milestones=[m.id for m in journal.milestones if m.goal == goal.id],
        mentors=[m.id for m in journal.mentors if goal.id in m.goals],
        meetings=[m.id for m in journal.meetings if goal.id in m.goals],
        actions=[a.id for a in journal.actions if a.goal == goal.id],
    )


def remove_goal(journal: Journal, goal: Goal, *, cascade: bool = False) -> GoalLinks:
    """Delete a goal. Refused while anything refers to it, unless `cascade`: then its
    milestones are deleted and mentors, sessions and action items are unlinked from it."""
    links = goal_links(journal, goal)
    if links and not cascade:
        raise Refused(
            f"That goal is referred to by {links.describe()}. Use `goal drop` to keep the "
            "history, or `goal rm --cascade` to delete its milestones and unlink the rest."
        )
    journal.milestones[:] = [m for m in journal.milestones if m.goal != goal.id]
    unlink(journal.mentors, "goals", goal.id)
    unlink(journal.meetings, "goals", goal.id)
    unlink(journal.actions, "goal", goal.id)
    remove(journal.goals, goal)
    return links


def milestone_progress(journal: Journal, goal: Goal) -> tuple[int, int]:
    """(done, total) milestones of a goal, not counting dropped ones."""
    mine = [
        m
        for m in journal.milestones
        if m.goal == goal.id and m.status is not MilestoneStatus.dropped
    ]
    return sum(1 for m in mine if m.status is MilestoneStatus.done), len(mine)
