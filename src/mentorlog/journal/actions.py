"""Action items: the things you committed to, with or without a session they came from."""

from __future__ import annotations

from datetime import date

from mentorlog.dates import local_date
from mentorlog.errors import BadInput, Refused
from mentorlog.journal.records import one_line
from mentorlog.journal.state import Journal
from mentorlog.models import ActionItem, Goal, Meeting, Mentor, stamp
from mentorlog.vocab import ActionStatus


def action_text(text: str) -> str:
    """The text of an action item: one trimmed line of 1 to 1000 characters."""
    return one_line(text, "An action item", too_long="; put details in notes")


def add_action(
    journal: Journal,
    text: str,
    *,
    mentor: Mentor | None = None,
    goal: Goal | None = None,
    meeting: Meeting | None = None,
    due: date | None = None,
    opened: date | None = None,
) -> ActionItem:
    """A new open item, agreed on `opened`: the session's date when it came from one, else
    the day it was typed in."""
    moment = stamp()
    item = ActionItem(
        id=journal.new_id("actions"),
        text=action_text(text),
        meeting=meeting.id if meeting else None,
        mentor=mentor.id if mentor else (meeting.mentor if meeting else None),
        goal=goal.id if goal else None,
        opened=opened or (meeting.date if meeting else local_date(moment["created"])),
        due=due,
        **moment,
    )
    journal.add("actions", item)
    return item


def open_actions(journal: Journal, mentor_id: str | None = None) -> list[ActionItem]:
    """Open items (of one mentor, when given), oldest first."""
    found = [a for a in journal.open_actions() if mentor_id is None or a.mentor == mentor_id]
    return sorted(found, key=lambda a: (a.opened, a.created))


def check_opened(opened: date, today: date) -> None:
    if opened > today:
        raise BadInput(
            f"--date {opened.isoformat()} is in the future; give the day the item was agreed."
        )


def refuse_if_closed(item: ActionItem) -> None:
    if item.status is not ActionStatus.open:
        raise Refused(f"Action item {item.id} is already {item.status.value}.")


def close_action(item: ActionItem, status: ActionStatus, *, on: date, today: date) -> None:
    """Mark an open item done or dropped on the day `on`, kept as given: from the day it was
    opened to today."""
    if status is ActionStatus.open:
        raise BadInput("Closing means done or dropped.")
    refuse_if_closed(item)
    if on > today:
        raise BadInput(f"{on.isoformat()} is in the future; give the day it was {status.value}.")
    if on < item.opened:
        raise BadInput(
            f"Action item {item.id} was opened on {item.opened.isoformat()}; it cannot be "
            f"{status.value} before that ({on.isoformat()})."
        )
    item.status = status
    item.done = on
    item.touch()


def age_days(item: ActionItem, today: date) -> int:
    """Local calendar days since the item was agreed (`opened`); for a closed item, how long
    it was open (to the day it was done or dropped)."""
    end = item.done if item.done is not None and item.status is not ActionStatus.open else today
    return max(0, (end - item.opened).days)
