"""Sessions: log one (with the action items it creates and the ones it closes), edit, remove.

A session is logged after it happens, so its date is never after `today`; any earlier date
works (backfilling), and the store files it under its year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from pydantic import BaseModel, ValidationError

from mentorlog.dates import after_cadence, parse_date
from mentorlog.errors import BadInput, NotFound, Refused
from mentorlog.journal.actions import add_action, close_action, refuse_if_closed
from mentorlog.journal.records import apply_changes, unlink
from mentorlog.journal.state import Journal, remove
from mentorlog.journal.topics import reopen_topics_of
from mentorlog.models import ActionItem, Goal, Meeting, Mentor, Topic, stamp
from mentorlog.vocab import ActionStatus, MeetingFormat, MentorStatus

MAX_TAKEAWAY = 1_000
RATING_FORMS = "a whole number from 1 (little value) to 5 (very valuable)"


class Logged(BaseModel):
    """What `meet` did: also its `--json` document."""

    meeting: Meeting
    mentor_name: str
    actions_added: list[ActionItem]
    actions_closed: list[ActionItem]
    previous: date | None  # the latest earlier session with this mentor
    days_since_previous: int | None
    next_due: date | None  # from the mentor's cadence when no `next` date was planned
    notices: list[str] = []  # what the session changed about the relationship
    topics_discussed: list[Topic] = []  # topics marked discussed in this session
    topics_added: list[Topic] = []  # topics noted for the next session


def parse_rating(text: str) -> int:
    value = text.strip()
    if value in ("1", "2", "3", "4", "5"):
        return int(value)
    shown = "".join(ch if ch.isprintable() else "?" for ch in text)[:20]
    raise BadInput(f"Not a rating: {shown!r}. Use {RATING_FORMS}.")


def parse_time(text: str) -> time:
    try:
        hours, minutes = text.strip().split(":")
        if len(hours) in (1, 2) and len(minutes) == 2:
            return time(int(hours), int(minutes))
    except ValueError:
        pass
    shown = "".join(ch if ch.isprintable() else "?" for ch in text)[:20]
    raise BadInput(f"Not a time: {shown!r}. Use HH:MM on a 24-hour clock, e.g. 09:30 or 17:00.")


def clean_takeaways(lines: Sequence[str]) -> list[str]:
    """Takeaways as single trimmed lines; blank ones are dropped."""
    kept = []
    for line in lines:
        value = " ".join(line.split())
        if not value:
            continue
        if len(value) > MAX_TAKEAWAY:
            raise BadInput(
                f"A takeaway is at most {MAX_TAKEAWAY} characters; put the rest in notes."
            )
        kept.append(value)
    return kept


def check_date(day: date, today: date) -> None:
    if day > today:
        raise BadInput(
            f"The session date {day.isoformat()} is in the future: log a session after it "
            "happens (plan the next one with --next)."
        )


def _check_next(next_day: date | None, day: date) -> None:
    if next_day is not None and next_day <= day:
        raise BadInput("The next session must be planned after this one.")


def _unique(ids: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def previous_session(journal: Journal, meeting: Meeting) -> Meeting | None:
    """The latest other session with the same mentor on or before this one's date.

    Read newest year first: the latest one is in the newest year that has one.
    """

    def latest(meetings: list[Meeting]) -> Meeting | None:
        earlier = [
            m
            for m in meetings
            if m.mentor == meeting.mentor and m.id != meeting.id and m.date <= meeting.date
        ]
        return max(earlier, key=lambda m: (m.date, m.created), default=None)

    if journal.is_loaded("meetings"):
        return latest(journal.meetings)
    for year in reversed(journal.meeting_years()):
        found = latest(journal.meetings_of_year(year)) if year <= meeting.date.year else None
        if found is not None:
            return found
    return None


def same_day_sessions(journal: Journal, mentor: str, day: date) -> list[Meeting]:
    """The sessions already logged with `mentor` on `day` (reading only that year)."""
    return [m for m in journal.meetings_of_year(day.year) if m.mentor == mentor and m.date == day]


def _last_date(journal: Journal, mentor: str, new: date) -> date:
    """The date of the mentor's latest session, counting a new one on `new`."""
    if journal.is_loaded("meetings"):
        return max(m.date for m in journal.meetings if m.mentor == mentor)
    for year in reversed(journal.meeting_years()):
        if year < new.year:
            break
        dates = [m.date for m in journal.meetings_of_year(year) if m.mentor == mentor]
        if dates:
            return max(new, *dates)
    return new


def log_meeting(
    journal: Journal,
    mentor: Mentor,
    *,
    today: date,
    day: date | None = None,
    at: time | None = None,
    duration: int | None = None,
    format: MeetingFormat | None = None,
    goals: Sequence[Goal] = (),
    notes: str = "",
    takeaways: Sequence[str] = (),
    actions: Sequence[str] = (),
    rating: int | None = None,
    next_day: date | None = None,
    close: Sequence[ActionItem] = (),
) -> Logged:
    """Record a session with `mentor`; its action items are created open and linked to it
    (and to its goal when exactly one goal was discussed); `close` items are marked done."""
    when = day or today
    check_date(when, today)
    _check_next(next_day, when)
    for item in close:
        if item.opened > when:
            raise BadInput(
                f"Action item {item.id} was opened on {item.opened.isoformat()}, after this "
                f"session ({when.isoformat()}); close it with `mentorlog action done {item.id}`."
            )
        if item.mentor != mentor.id:
            raise Refused(
                f"Action item {item.id} is not with this mentor; close it with "
                f"`mentorlog action done {item.id}`."
            )
        refuse_if_closed(item)
    try:
        meeting = Meeting(
            id=journal.new_id("meetings"),
            mentor=mentor.id,
            date=when,
            time=at,
            duration=duration,
            format=format or mentor.format or MeetingFormat.video,
            goals=_unique([g.id for g in goals]),
            notes=notes.rstrip(),
            takeaways=clean_takeaways(takeaways),
            rating=rating,
            next=next_day,
            **stamp(),
        )
    except ValidationError as error:
        raise BadInput(_first_problem(error)) from None
    previous = previous_session(journal, meeting)
    journal.add("meetings", meeting)
    only_goal = goals[0] if len({g.id for g in goals}) == 1 else None
    added = [
        add_action(journal, text, mentor=mentor, goal=only_goal, meeting=meeting)
        for text in actions
        if text.strip()
    ]
    for item in close:
        close_action(item, ActionStatus.done, on=when, today=today)
    next_due = None
    if next_day is None and mentor.cadence and mentor.status is not MentorStatus.ended:
        next_due = after_cadence(_last_date(journal, mentor.id, when), mentor.cadence)
    return Logged(
        meeting=meeting,
        mentor_name=mentor.name,
        actions_added=added,
        actions_closed=list(close),
        previous=previous.date if previous else None,
        days_since_previous=(meeting.date - previous.date).days if previous else None,
        next_due=next_due,
    )


def _first_problem(error: ValidationError) -> str:
    from mentorlog.problems import first_problem  # only on the error path: ~0.5 ms

    problem = first_problem(error)
    return f"Bad {problem.field or 'value'}: {problem.message}."


def _validated(model: type[Meeting], data: dict[str, Any]) -> Meeting:
    """A session validated as a whole; the first problem becomes one bad-input line."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise BadInput(_first_problem(error)) from None


@dataclass
class MeetingChanges:
    """What `meeting edit` was asked to change (None / False: leave as it is)."""

    day: date | None = None
    at: time | None = None
    clear_time: bool = False
    duration: int | None = None
    clear_duration: bool = False
    format: MeetingFormat | None = None
    add_goals: list[Goal] = field(default_factory=list)
    remove_goals: list[Goal] = field(default_factory=list)
    notes: str | None = None
    add_takeaways: list[str] = field(default_factory=list)
    clear_takeaways: bool = False
    rating: int | None = None
    next_day: date | None = None
    # a next date as typed: a relative one (+2w, friday) counts from the session's date
    next_text: str | None = None
    clear_next: bool = False


def edit_meeting(journal: Journal, meeting: Meeting, asked: MeetingChanges, *, today: date) -> bool:
    """Apply the changes; True if anything changed. Takeaways are added to the list (after
    `clear_takeaways` emptied it, when both are given)."""
    changes: dict[str, object] = {}
    if asked.day is not None:
        check_date(asked.day, today)
        changes["date"] = asked.day
    if asked.clear_time:
        changes["time"] = None
    elif asked.at is not None:
        changes["time"] = asked.at
    if asked.clear_duration:
        changes["duration"] = None
    elif asked.duration is not None:
        changes["duration"] = asked.duration
    if asked.format is not None:
        changes["format"] = asked.format
    if asked.add_goals or asked.remove_goals:
        dropped = {g.id for g in asked.remove_goals}
        unknown = dropped - set(meeting.goals)
        if unknown:
            raise NotFound(f"That session was not about goal {sorted(unknown)[0]}.")
        kept = [g for g in meeting.goals if g not in dropped]
        changes["goals"] = _unique([*kept, *(g.id for g in asked.add_goals)])
    if asked.notes is not None:
        changes["notes"] = asked.notes.rstrip()
    if asked.clear_takeaways or asked.add_takeaways:
        base = [] if asked.clear_takeaways else list(meeting.takeaways)
        changes["takeaways"] = base + [
            t for t in clean_takeaways(asked.add_takeaways) if t not in base
        ]
    if asked.rating is not None:
        changes["rating"] = asked.rating
    if asked.clear_next:
        changes["next"] = None
    elif asked.next_text is not None:
        changes["next"] = parse_date(asked.next_text, asked.day or meeting.date, "future")
    elif asked.next_day is not None:
        changes["next"] = asked.next_day

    def check(merged: Meeting) -> None:
        _check_next(merged.next, merged.date)
        if merged.date != meeting.date:
            _move_opened(journal, meeting, merged.date)

    return apply_changes(meeting, changes, check=check, validate=_validated)


def _move_opened(journal: Journal, meeting: Meeting, day: date) -> None:
    """A session's corrected date is the day its action items were agreed (those opened on
    its old date), unless one was already closed before the new date."""
    moving = [a for a in meeting_actions(journal, meeting) if a.opened == meeting.date]
    for item in moving:
        if item.done is not None and item.done < day:
            raise BadInput(
                f"Action item {item.id} from this session was closed on {item.done.isoformat()}, "
                f"before {day.isoformat()}: a session cannot move after what came of it."
            )
    for item in moving:
        item.opened = day
        item.touch()


def planned_change(before: date | None, after: date | None) -> str:
    """The sentence that says a session's planned next date changed ("" when it did not)."""
    if before == after:
        return ""
    if after is None:
        return f"The next session (planned for {before}) is no longer planned."
    if before is None:
        return f"Next session planned for {after.isoformat()}."
    return f"The next session moved from {before.isoformat()} to {after.isoformat()}."


def meeting_actions(journal: Journal, meeting: Meeting) -> list[ActionItem]:
    return [a for a in journal.actions if a.meeting == meeting.id]


def add_meeting_actions(
    journal: Journal, meeting: Meeting, texts: Sequence[str], goal: Goal | None = None
) -> list[ActionItem]:
    """New open action items from a session, skipping texts it already has."""
    have = {a.text for a in meeting_actions(journal, meeting)}
    mentor = next((m for m in journal.mentors if m.id == meeting.mentor), None)
    added = []
    for text in texts:
        if text.strip() and " ".join(text.split()) not in have:
            item = add_action(journal, text, mentor=mentor, goal=goal, meeting=meeting)
            have.add(item.text)
            added.append(item)
    return added


def remove_meeting(journal: Journal, meeting: Meeting, *, cascade: bool = False) -> list[str]:
    """Delete a session. Its action items stay (unlinked from it: they are still your
    commitments) unless `cascade`, which deletes them too. Returns their ids."""
    linked = meeting_actions(journal, meeting)
    if cascade:
        gone = {a.id for a in linked}
        journal.actions[:] = [a for a in journal.actions if a.id not in gone]
    else:
        unlink(linked, "meeting", meeting.id)
    reopen_topics_of(journal, meeting)
    remove(journal.meetings, meeting)
    return [a.id for a in linked]
