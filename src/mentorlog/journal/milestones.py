"""Milestones under goals: add, complete (crediting a mentor), edit, drop, remove, list."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from mentorlog.dates import local_date
from mentorlog.errors import BadInput, Refused
from mentorlog.journal.records import apply_changes, checked
from mentorlog.journal.state import Journal, remove
from mentorlog.models import Goal, Mentor, Milestone, new_id, stamp
from mentorlog.output import Ref
from mentorlog.vocab import MilestoneStatus


class MilestoneRow(BaseModel):
    """One line of `milestone list` (and its `--json` document)."""

    id: str
    goal: Ref
    title: str
    due: date | None
    status: MilestoneStatus
    done: date | None
    overdue: bool
    mentor: Ref | None
    note: str


def _title(text: str) -> str:
    title = text.strip()
    if not title:
        raise BadInput("A milestone needs a title.")
    return title


def add_milestone(
    journal: Journal,
    goal: Goal,
    *,
    title: str,
    due: date | None = None,
    mentor: Mentor | None = None,
    created: date | None = None,
    today: date | None = None,
) -> Milestone:
    """A new open milestone; `created` backdates it (a backfill: it counts as open since that
    day in the reviews), never to the future nor before its goal started."""
    if created is not None:
        if today is not None and created > today:
            raise BadInput(f"--date {created.isoformat()} is in the future.")
        if created < goal.started:
            raise BadInput(
                f"--date {created.isoformat()} is before the goal started "
                f"({goal.started.isoformat()}); backdate the goal with `goal edit --started`."
            )
    milestone = checked(
        Milestone,
        {
            "id": new_id(journal.ids("milestones")),
            "goal": goal.id,
            "title": _title(title),
            "due": due,
            "mentor": mentor.id if mentor else None,
            **stamp(created),
        },
    )
    journal.milestones.append(milestone)
    return milestone


def complete_milestone(
    milestone: Milestone,
    *,
    on: date,
    note: str | None = None,
    mentor: Mentor | None = None,
) -> None:
    """Done on the day `on`, kept as given; `mentor` is credited for helping (an earlier credit
    is kept otherwise). Done before the day it was written down means it existed by then: its
    creation moves back to that day, so a review of that time counts it."""
    if milestone.status is MilestoneStatus.done:
        raise Refused(f"That milestone is already done (on {milestone.done}).")
    if on < local_date(milestone.created):
        milestone.created = datetime.combine(on, milestone.created.timetz())
    changes: dict[str, object] = {"status": MilestoneStatus.done, "done": on}
    if note is not None:
        changes["note"] = note
    if mentor is not None:
        changes["mentor"] = mentor.id
    apply_changes(milestone, changes)


def drop_milestone(milestone: Milestone, *, note: str | None = None) -> None:
    if milestone.status is MilestoneStatus.dropped:
        raise Refused("That milestone is already dropped.")
    changes: dict[str, object] = {"status": MilestoneStatus.dropped, "done": None}
    if note is not None:
        changes["note"] = note
    apply_changes(milestone, changes)


def edit_milestone(
    milestone: Milestone,
    *,
    title: str | None = None,
    due: date | None = None,
    clear_due: bool = False,
    mentor: Mentor | None = None,
    clear_mentor: bool = False,
    note: str | None = None,
) -> bool:
    """Apply the given changes; True if anything changed."""
    changes: dict[str, object] = {}
    if title is not None:
        changes["title"] = _title(title)
    if clear_due:
        changes["due"] = None
    elif due is not None:
        changes["due"] = due
    if clear_mentor:
        changes["mentor"] = None
    elif mentor is not None:
        changes["mentor"] = mentor.id
    if note is not None:
        changes["note"] = note
    return apply_changes(milestone, changes)


def remove_milestone(journal: Journal, milestone: Milestone) -> None:
    # Nothing refers to a milestone, so removing one never leaves a dangling reference.
    remove(journal.milestones, milestone)


def milestone_rows(
    journal: Journal,
    today: date,
    *,
    goal: Goal | None = None,
    include_closed: bool = False,
) -> list[MilestoneRow]:
    """Milestones by due date (undated last), open ones only unless `include_closed`."""
    titles = {g.id: g.title for g in journal.goals}
    names = {m.id: m.name for m in journal.mentors}
    chosen = [
        m
        for m in journal.milestones
        if (goal is None or m.goal == goal.id)
        and (include_closed or m.status is MilestoneStatus.open)
    ]
    chosen.sort(key=lambda m: (m.due is None, m.due or date.max, m.created))
    return [
        MilestoneRow(
            id=m.id,
            goal=Ref(id=m.goal, name=titles.get(m.goal, "?")),
            title=m.title,
            due=m.due,
            status=m.status,
            done=m.done,
            overdue=m.status is MilestoneStatus.open and m.due is not None and m.due < today,
            mentor=Ref(id=m.mentor, name=names.get(m.mentor, "?")) if m.mentor else None,
            note=m.note,
        )
        for m in chosen
    ]
