"""What a logged session changes about the relationship and the goals it was about."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mentorlog.journal.meetings import Logged
from mentorlog.journal.mentors import note_first_contact
from mentorlog.journal.state import Journal
from mentorlog.models import Goal, Mentor
from mentorlog.vocab import GoalStatus, MentorStatus


def note_session(mentor: Mentor, day: date, goals: Iterable[Goal] = ()) -> list[str]:
    """What a logged session changes about the relationship, as notices for the user.

    A session after the relationship ended is said to be; a prospect becomes active at the
    first session; and the starts move back as `note_backdated` says.
    """
    notices = []
    if mentor.status is MentorStatus.ended and mentor.ended is not None and day > mentor.ended:
        notices.append(
            f"the relationship ended on {mentor.ended.isoformat()}; if it goes on, "
            f"`mentorlog mentor resume {mentor.id}`"
        )
    if note_first_contact(mentor):
        notices.append("now active: this was your first session")
    return notices + note_backdated(mentor, day, goals)


def note_backdated(mentor: Mentor, day: date, goals: Iterable[Goal] = ()) -> list[str]:
    """A session on `day`, before the relationship's `started`, moves it back, so cadence and
    agreement arithmetic include it; so does a goal the session was about (a review of that
    quarter then counts the goal it progressed). Said as notices; also for `meeting edit`."""
    notices = []
    if day < mentor.started:
        mentor.started = day
        mentor.touch()
        notices.append(f"relationship start moved back to {day.isoformat()}")
    for goal in goals:
        if day < goal.started:
            goal.started = day
            goal.touch()
            notices.append(f"goal “{goal.title}” start moved back to {day.isoformat()}")
    return notices


def note_logged(journal: Journal, mentor: Mentor, logged: Logged) -> list[str]:
    """`note_session` for a session just logged, about the goals it was logged with."""
    about = [g for g in journal.goals if g.id in logged.meeting.goals]
    return note_session(mentor, logged.meeting.date, about)


def uncounted_goals(journal: Journal, mentor: Mentor, logged: Logged) -> list[str]:
    """For a session logged about no goal because the mentor's goals started after it (a
    backfilled one): how to count it for them (`meeting edit` moves their start back)."""
    meeting = logged.meeting
    if meeting.goals:
        return []
    later = [g for g in default_session_goals(mentor, journal.goals) if g.started > meeting.date]
    return [
        f"not counted for goal “{goal.title}”, which started on {goal.started.isoformat()}; "
        f"to count it: `mentorlog meeting edit {meeting.id} --goal {goal.id}`"
        for goal in later
    ]


def default_session_goals(mentor: Mentor, goals: list[Goal], on: date | None = None) -> list[Goal]:
    """The goals a session (on day `on`) is about when none is named: the mentor's goals still
    in play that had started by then (a backfilled session is not about a later goal)."""
    in_play = {
        g.id: g
        for g in goals
        if g.status in (GoalStatus.active, GoalStatus.paused) and (on is None or g.started <= on)
    }
    return [in_play[g] for g in mentor.goals if g in in_play]
