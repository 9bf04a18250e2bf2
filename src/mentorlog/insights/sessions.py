"""What `meeting list|show` and `action list` display, as plain data (also their `--json`)."""

from __future__ import annotations

from datetime import date, time

from mentorlog.dates import local_date
from mentorlog.insights._output import Output, Ref
from mentorlog.journal.state import Journal
from mentorlog.models import ActionItem, Meeting
from mentorlog.vocab import ActionStatus

DEFAULT_LIMIT = 20
# Sessions `meeting list` reads to count every match even when the rows shown are found
# (a few milliseconds); past it, the older years are not read and the count says from when.
COUNT_BUDGET = 500

# Aliases so the fields named `date` and `time` do not shadow their types.
_Date = date
_Time = time


class MeetingRow(Output):
    id: str
    date: _Date
    time: _Time | None
    mentor: Ref
    format: str
    duration: int | None
    rating: int | None
    goals: list[Ref]
    takeaways: list[str]
    next: _Date | None


class MeetingList(Output):
    total: int  # sessions matching the filters, before --limit (from `counted_from` on)
    meetings: list[MeetingRow]  # newest first
    # The oldest year counted when older years were left unread (they hold only sessions
    # older than every one shown); None when every matching session was counted.
    counted_from: int | None = None


class MeetingView(Output):
    meeting: Meeting
    mentor: Ref
    goals: list[Ref]
    actions: list[ActionItem]
    days_since_previous: int | None


class ActionRow(Output):
    id: str
    text: str
    status: ActionStatus
    mentor: Ref | None
    goal: Ref | None
    meeting: str | None
    created: date  # the day it was typed in
    opened: date  # the day it was agreed: its age counts from here
    age_days: int
    due: date | None
    overdue: bool
    done: date | None


def _names(journal: Journal) -> tuple[dict[str, str], dict[str, str]]:
    return {m.id: m.name for m in journal.mentors}, {g.id: g.title for g in journal.goals}


def _ref(record_id: str | None, names: dict[str, str]) -> Ref | None:
    return Ref(id=record_id, name=names.get(record_id, "?")) if record_id else None


def _row(meeting: Meeting, mentors: dict[str, str], goals: dict[str, str]) -> MeetingRow:
    return MeetingRow(
        id=meeting.id,
        date=meeting.date,
        time=meeting.time,
        mentor=Ref(id=meeting.mentor, name=mentors.get(meeting.mentor, "?")),
        format=meeting.format.value,
        duration=meeting.duration,
        rating=meeting.rating,
        goals=[Ref(id=g, name=goals.get(g, "?")) for g in meeting.goals],
        takeaways=list(meeting.takeaways),
        next=meeting.next,
    )


def newest_first(meetings: list[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.date, m.time or time.min, m.created), reverse=True)


def meeting_list(
    journal: Journal,
    *,
    mentor: str | None = None,
    goal: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = DEFAULT_LIMIT,
) -> MeetingList:
    """Sessions matching every filter given (ids), newest first, at most `limit`.

    Sessions are kept one file per year, so years are read newest first, and only those the
    dates allow. Once more than `limit` sessions match, the older years can only add older
    sessions, none of which would be shown: once COUNT_BUDGET sessions have been read they are
    left unread and uncounted (a 20-year journal need not be read to list this month's).
    """

    def wanted(meeting: Meeting) -> bool:
        return (
            (mentor is None or meeting.mentor == mentor)
            and (goal is None or goal in meeting.goals)
            and (since is None or meeting.date >= since)
            and (until is None or meeting.date <= until)
        )

    years = [
        year
        for year in journal.meeting_years()
        if (since is None or year >= since.year) and (until is None or year <= until.year)
    ]
    chosen: list[Meeting] = []
    counted_from = None
    read = 0
    for year in reversed(years):
        sessions = journal.meetings_of_year(year)
        read += len(sessions)
        chosen += [m for m in sessions if wanted(m)]
        enough = limit is not None and len(chosen) > limit
        if enough and read >= COUNT_BUDGET and year != years[0]:
            counted_from = year
            break
    ordered = newest_first(chosen)
    shown = ordered if limit is None else ordered[:limit]
    mentors, goals = _names(journal)
    return MeetingList(
        total=len(chosen),
        meetings=[_row(m, mentors, goals) for m in shown],
        counted_from=counted_from,
    )


def meeting_view(journal: Journal, meeting: Meeting) -> MeetingView:
    # imported here, not at the top: `meeting list` never needs them and each costs start-up
    from mentorlog.journal.meetings import meeting_actions, previous_session

    mentors, goals = _names(journal)
    previous = previous_session(journal, meeting)
    return MeetingView(
        meeting=meeting,
        mentor=Ref(id=meeting.mentor, name=mentors.get(meeting.mentor, "?")),
        goals=[Ref(id=g, name=goals.get(g, "?")) for g in meeting.goals],
        actions=meeting_actions(journal, meeting),
        days_since_previous=(meeting.date - previous.date).days if previous else None,
    )


def action_rows(
    journal: Journal,
    today: date,
    *,
    mentor: str | None = None,
    goal: str | None = None,
    include_closed: bool = False,
) -> list[ActionRow]:
    """Action items (open ones unless `include_closed`), oldest first."""
    # here, not at the top: `meeting list` never needs the action items' module (0.5 ms)
    from mentorlog.journal.actions import age_days

    mentors, goals = _names(journal)
    chosen = [
        a
        for a in journal.actions
        if (include_closed or a.status is ActionStatus.open)
        and (mentor is None or a.mentor == mentor)
        and (goal is None or a.goal == goal)
    ]
    return [
        ActionRow(
            id=a.id,
            text=a.text,
            status=a.status,
            mentor=_ref(a.mentor, mentors),
            goal=_ref(a.goal, goals),
            meeting=a.meeting,
            created=local_date(a.created),
            opened=a.opened,
            age_days=age_days(a, today),
            due=a.due,
            overdue=a.status is ActionStatus.open and a.due is not None and a.due < today,
            done=a.done,
        )
        for a in sorted(chosen, key=lambda a: (a.opened, a.created))
    ]
