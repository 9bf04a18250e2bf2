"""Action items: the things you committed to, with or without a session they came from."""

from __future__ import annotations

from datetime import date

from mentorlog.dates import local_date
from mentorlog.errors import BadInput, Refused
from mentorlog.journal.state import Journal
from mentorlog.models import ActionItem, Goal, Meeting, Mentor, stamp
from mentorlog.vocab import ActionStatus

MAX_TEXT = 1_000


def action_text(text: str) -> str:
    """The text of an action item: one trimmed line of 1 to 1000 characters."""
    value = " ".join(text.split())
    if not value:
        raise BadInput("An action item needs some text.")
    if len(value) > MAX_TEXT:
        raise BadInput(f"An action item is at most {MAX_TEXT} characters; put details in notes.")
    return value


def add_action(
    journal: Journal,
    text: str,
    *,
    mentor: Mentor | None = None,
    goal: Goal | None = None,
    meeting: Meeting | None = None,
    due: date | None = None,
) -> ActionItem:
    item = ActionItem(
        id=journal.new_id("actions"),
        text=action_text(text),
        meeting=meeting.id if meeting else None,
        mentor=mentor.id if mentor else (meeting.mentor if meeting else None),
        goal=goal.id if goal else None,
        due=due,
        **stamp(),
    )
    journal.add("actions", item)
    return item


def open_actions(journal: Journal, mentor_id: str | None = None) -> list[ActionItem]:
    """Open items (of one mentor, when given), oldest first."""
    found = [a for a in journal.open_actions() if mentor_id is None or a.mentor == mentor_id]
    return sorted(found, key=lambda a: a.created)


def close_action(item: ActionItem, status: ActionStatus, *, on: date) -> None:
    """Mark an open item done or dropped on the day `on` (never before it was written down)."""
    if status is ActionStatus.open:
        raise BadInput("Closing means done or dropped.")
    if item.status is not ActionStatus.open:
        raise Refused(f"Action item {item.id} is already {item.status.value}.")
    item.status = status
    item.done = max(on, local_date(item.created))
    item.touch()


def age_days(item: ActionItem, today: date) -> int:
    """Local calendar days since the item was written down."""
    return max(0, (today - local_date(item.created)).days)
