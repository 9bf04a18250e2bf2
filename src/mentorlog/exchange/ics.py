"""What is coming up, as an iCalendar (RFC 5545) file a calendar app can import or subscribe to.

Everything is an all-day VEVENT, never a VTODO: Google Calendar and Outlook drop VTODOs on
import, so due dates would silently vanish. Three kinds of event:

- the planned next session with each active mentor (the `next` date of their latest session);
- the due date of each open milestone of a goal that is still active or paused;
- the due date of each open action item.

Each UID is derived from a record id (`<mentor id>-next@mentorlog`, `<milestone id>-due@…`,
`<action id>-due@…`), so importing a newer export updates events instead of duplicating them;
the "next session" UID belongs to the mentor, so a new plan moves the one event. DTSTAMP is the
record's last change, which keeps the file identical between exports when nothing changed.
Notes never go into the calendar: calendars are often shared or synced to other services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from mentorlog import __version__
from mentorlog.journal.state import Journal, by_id
from mentorlog.models import ActionItem, Meeting, Milestone
from mentorlog.text import clean
from mentorlog.vocab import ActionStatus, GoalStatus, MentorStatus, MilestoneStatus

UID_DOMAIN = "mentorlog"
PRODID = f"-//mentorlog//mentorlog {__version__}//EN"
CATEGORY = "mentorlog"


@dataclass(frozen=True)
class DayEvent:
    uid: str
    day: date
    summary: str
    description: str
    changed: datetime
    kind: str  # "session", "milestone" or "action"


def upcoming(journal: Journal) -> list[DayEvent]:
    """The calendar's events, in date order (stable for equal dates)."""
    events = _next_sessions(journal) + _milestones(journal) + _actions(journal)
    return sorted(events, key=lambda e: (e.day, e.kind, e.uid))


def _next_sessions(journal: Journal) -> list[DayEvent]:
    latest: dict[str, Meeting] = {}
    for meeting in journal.meetings:
        key = (meeting.date, meeting.time or time.min, meeting.created)
        current = latest.get(meeting.mentor)
        if current is None or key > (current.date, current.time or time.min, current.created):
            latest[meeting.mentor] = meeting
    events = []
    for mentor in journal.mentors:
        last = latest.get(mentor.id)
        if mentor.status is not MentorStatus.active or last is None or last.next is None:
            continue
        events.append(
            DayEvent(
                uid=f"{mentor.id}-next@{UID_DOMAIN}",
                day=last.next,
                summary=f"Mentoring session with {clean(mentor.name)}",
                description=f"Planned at the session on {last.date.isoformat()}.",
                changed=last.updated,
                kind="session",
            )
        )
    return events


def _milestones(journal: Journal) -> list[DayEvent]:
    goals = by_id(journal.goals)
    live_goals = (GoalStatus.active, GoalStatus.paused)
    events = []
    for milestone in journal.milestones:
        goal = goals.get(milestone.goal)
        if milestone.status is not MilestoneStatus.open or milestone.due is None:
            continue
        if goal is None or goal.status not in live_goals:
            continue
        about = f"Goal: {clean(goal.title)}"
        events.append(_due("milestone", milestone, milestone.due, milestone.title, about))
    return events


def _actions(journal: Journal) -> list[DayEvent]:
    mentors = by_id(journal.mentors)
    events = []
    for action in journal.actions:
        if action.status is not ActionStatus.open or action.due is None:
            continue
        mentor = mentors.get(action.mentor) if action.mentor else None
        description = f"From a session with {clean(mentor.name)}." if mentor else ""
        events.append(_due("action", action, action.due, action.text, description))
    return events


def _due(
    kind: str, record: Milestone | ActionItem, day: date, text: str, description: str
) -> DayEvent:
    """The due date of an open milestone or action item: its UID belongs to the record."""
    return DayEvent(
        uid=f"{record.id}-due@{UID_DOMAIN}",
        day=day,
        summary=f"{kind.capitalize()} due: {clean(text)}",
        description=description,
        changed=record.updated,
        kind=kind,
    )


def export_ics(journal: Journal) -> bytes:
    from icalendar import Calendar, Event  # only this export needs it

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "mentorlog")
    for item in upcoming(journal):
        event = Event()
        changed = item.changed.astimezone(timezone.utc)
        event.add("uid", item.uid)
        event.add("dtstamp", changed)
        event.add("last-modified", changed)
        event.add("dtstart", item.day)
        if item.day < date.max:  # all-day: the end is exclusive; without one, one day (RFC 5545)
            event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        event.add("categories", [CATEGORY, item.kind])
        # A due date or a planned day does not block time in the calendar.
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
