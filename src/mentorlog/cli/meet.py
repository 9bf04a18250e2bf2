"""`mentorlog meet`: log a session — fast with flags, guided in a terminal, or in the editor.

- With MENTOR given and no --edit, nothing is ever asked (scripts and quick logging).
- In a terminal without MENTOR, it walks through the whole session (`_meet_questions`):
  mentor, date, length, format, takeaways, action items, rating, next date — those not given
  as flags, each skippable with Enter — and which open action items to close.
- `--edit` (or `editor_on_meet = true` in a terminal without --notes) opens the editor on a
  template; in a terminal it then asks which open action items to close.
Nothing is locked while questions are asked or the editor is open; the journal is locked only
to save.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli import _meet_questions as questions
from mentorlog.cli._args import optional_date, read_text_arg, session_args
from mentorlog.cli._complete import complete_action, complete_topic
from mentorlog.cli._context import AppContext, app_context, command_name
from mentorlog.cli._meet_saved import confirm, remind_open
from mentorlog.cli._options import (
    Json,
    Rating,
    date_option,
    duration_option,
    flag,
    format_option,
    goal_option,
    id_option,
    mentor_argument,
    notes_option,
    text_option,
    time_option,
)
from mentorlog.cli._output import emit
from mentorlog.cli._same_day import check_same_day
from mentorlog.errors import BadInput
from mentorlog.vocab import MeetingFormat

if TYPE_CHECKING:
    from datetime import date, time

    from mentorlog.journal.meetings import Logged
    from mentorlog.journal.notes_template import Reminder
    from mentorlog.journal.state import Journal
    from mentorlog.models import Mentor


def interactive() -> bool:
    """Whether a person is at the keyboard (tests replace this to play one)."""
    return sys.stdin.isatty()


def meet(
    ctx: typer.Context,
    mentor: Annotated[
        str | None,
        mentor_argument("Mentor (id prefix or start of the name); asked in a terminal."),
    ] = None,
    date: Annotated[str | None, date_option("When it happened (default today).")] = None,
    time: Annotated[str | None, time_option("Start time, HH:MM.")] = None,
    duration: Annotated[str | None, duration_option("How long: 45m, 1h, 1h30m.")] = None,
    format: Annotated[
        MeetingFormat | None,
        format_option(
            "video, call, coffee, walk, in-person or message "
            "(default: the mentor's preferred, else video)."
        ),
    ] = None,
    goal: Annotated[list[str] | None, goal_option("A goal you discussed (repeatable).")] = None,
    notes: Annotated[
        str | None, notes_option("Notes (Markdown); '-' reads them from stdin.")
    ] = None,
    takeaway: Annotated[
        list[str] | None,
        text_option("A piece of advice worth keeping (repeatable)."),
    ] = None,
    action: Annotated[
        list[str] | None,
        text_option("Something you committed to (repeatable)."),
    ] = None,
    rating: Rating = None,
    next_: Annotated[str | None, date_option("When you plan to meet next.", "--next")] = None,
    edit: Annotated[bool, flag("Write the notes in $VISUAL / $EDITOR.", "--edit")] = False,
    close: Annotated[
        list[str] | None,
        id_option(
            complete_action, "Mark one of this mentor's open action items done (repeatable)."
        ),
    ] = None,
    topic: Annotated[
        list[str] | None,
        text_option("A topic to raise at the next session (repeatable)."),
    ] = None,
    discussed: Annotated[
        list[str] | None,
        id_option(
            complete_topic, "One of this mentor's open topics that you discussed (repeatable)."
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Log a session with a mentor: notes, takeaways, action items, rating, next date."""
    from mentorlog.journal.resolve import (
        resolve_action,
        resolve_goal,
        resolve_mentor,
        resolve_topic,
    )
    from mentorlog.journal.topics import topic_text

    app_ctx = app_context(ctx)
    today = app_ctx.today()
    new_topics = [topic_text(t) for t in topic or []]
    given = session_args(today, day=date, at=time, duration=duration, rating=rating)
    day, minutes = given.day, given.duration
    # Relative next dates (+4w, friday) count from the session, which may be backfilled.
    planned = optional_date(next_, day or today, "future")
    text = read_text_arg(notes)
    asking = interactive()

    journal = app_ctx.store().journal()
    if mentor is None and not asking:
        raise BadInput("Give a mentor: mentorlog meet MENTOR [options] (see `mentor list`).")
    # In a terminal, `meet` and `meet MENTOR` (what every nudge suggests) walk through the
    # session; any detail given as a flag means the flags say it all, and nothing is asked.
    details = (date, time, duration, format, goal, notes, takeaway, action, rating, next_)
    walk = asking and not as_json and all(not d for d in (*details, close, topic, discussed))
    walk = walk or (asking and mentor is None)
    if mentor is None:
        person = questions.ask_mentor(app_ctx, journal)
    else:
        person = resolve_mentor(journal, mentor)
    use_editor = edit or (app_ctx.config.editor_on_meet and notes is None and asking)
    # With the editor on for `meet MENTOR`, the template is the walk-through.
    walk = walk and (mentor is None or not use_editor)
    if walk:
        day = day or questions.ask_date(app_ctx, today)
        if duration is None:
            minutes = questions.ask_duration(app_ctx)
        format = format or questions.ask_format(app_ctx, person.format or MeetingFormat.video)
        planned = optional_date(next_, day, "future")
    request = _Request(
        mentor_id=person.id,
        day=day,
        at=given.at,
        minutes=minutes,
        format=format,
        goal_ids=[resolve_goal(journal, g).id for g in goal or []],
        notes=text or "",
        takeaways=list(takeaway or []),
        actions=list(action or []),
        rating=given.rating,
        next_day=planned,
        close_ids=[resolve_action(journal, a).id for a in close or []],
        new_topics=new_topics,
        discussed_ids=[resolve_topic(journal, t).id for t in discussed or []],
    )
    if asking:  # otherwise warned about once saved, from the year the save reads anyway
        check_same_day(app_ctx, journal, person, request.day or today, ask=True)
        request.warn_same_day = False
    if walk and not use_editor:  # the walk-through: what the flags did not say
        rest = questions.ask_rest(
            app_ctx,
            request.day or today,
            takeaways=not takeaway,
            actions=not action,
            rating=rating is None,
            next_day=next_ is None,
        )
        request.takeaways += rest.takeaways
        request.actions += rest.actions
        request.rating = request.rating if rest.rating is None else rest.rating
        request.next_day = request.next_day if rest.next_day is None else rest.next_day
    if use_editor:
        logged = _meet_in_editor(ctx, app_ctx, journal, person, request, ask=asking)
    else:
        if walk and not request.close_ids:
            request.close_ids = questions.ask_close(app_ctx, journal, person)
        if walk and not request.discussed_ids:
            request.discussed_ids = questions.ask_topics(app_ctx, journal, person)
        logged = _save(ctx, app_ctx, request)

    def show() -> None:
        confirm(app_ctx, logged)
        if not walk and not (use_editor and asking):
            remind_open(app_ctx, logged)  # it did not ask, so it says what is still open

    emit(app_ctx, logged, show, as_json=as_json)


@dataclass
class _Request:
    """The session as given (ids, not records: records are re-read under the lock)."""

    mentor_id: str
    day: date | None
    at: time | None
    minutes: int | None
    format: MeetingFormat | None
    goal_ids: list[str]
    notes: str
    takeaways: list[str]
    actions: list[str]
    rating: int | None
    next_day: date | None
    close_ids: list[str]
    new_topics: list[str]
    discussed_ids: list[str]
    warn_same_day: bool = True  # (in a terminal it was asked about before saving)


def _save(ctx: typer.Context, app_ctx: AppContext, request: _Request) -> Logged:
    from mentorlog.journal.meetings import log_meeting
    from mentorlog.journal.resolve import (
        resolve_action,
        resolve_goal,
        resolve_mentor,
        resolve_topic,
    )
    from mentorlog.journal.session_effects import (
        default_session_goals,
        note_logged,
        uncounted_goals,
    )
    from mentorlog.journal.topics import add_topic, discuss_in

    today = app_ctx.today()
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        person = resolve_mentor(journal, request.mentor_id)
        goals = [resolve_goal(journal, g) for g in request.goal_ids]
        logged = log_meeting(
            journal,
            person,
            today=today,
            day=request.day,
            at=request.at,
            duration=request.minutes,
            format=request.format,
            goals=goals or default_session_goals(person, journal.goals, request.day or today),
            notes=request.notes,
            takeaways=request.takeaways,
            actions=request.actions,
            rating=request.rating,
            next_day=request.next_day,
            close=[resolve_action(journal, a, open_first=True) for a in request.close_ids],
        )
        logged.notices = note_logged(journal, person, logged)
        logged.notices += uncounted_goals(journal, person, logged)
        if request.warn_same_day:
            check_same_day(
                app_ctx, journal, person, logged.meeting.date, ask=False, new=logged.meeting.id
            )
        topics = [resolve_topic(journal, t) for t in request.discussed_ids]
        logged.topics_discussed = discuss_in(logged.meeting, topics)
        logged.topics_added = [add_topic(journal, person, text) for text in request.new_topics]
        return logged


def _meet_in_editor(
    ctx: typer.Context,
    app_ctx: AppContext,
    journal: Journal,
    person: Mentor,
    request: _Request,
    *,
    ask: bool,
) -> Logged:
    from mentorlog.cli._editor import EmptyDraft, editing
    from mentorlog.dates import parse_date
    from mentorlog.journal.notes_template import parse_draft, session_template

    today = app_ctx.today()
    initial_reminder = _reminder(journal, person, request.day or today, today)
    initial = session_template(initial_reminder, request.notes)
    offered = [topic_id for topic_id, _text in initial_reminder.open_topics]
    with editing(app_ctx, initial) as written:
        draft = parse_draft(written, offered)
        if draft.empty:
            raise EmptyDraft(unchanged=written == initial)
        request.notes = draft.notes
        request.takeaways += draft.takeaways
        request.actions += draft.actions
        request.discussed_ids += [t for t in draft.discussed if t not in request.discussed_ids]
        if draft.next is not None:
            request.next_day = parse_date(draft.next, request.day or today, "future")
        if ask and not request.close_ids:
            request.close_ids = questions.ask_close(app_ctx, journal, person)
        return _save(ctx, app_ctx, request)


def _reminder(journal: Journal, person: Mentor, day: date, today: date) -> Reminder:
    from mentorlog.dates import format_cadence
    from mentorlog.journal.actions import age_days, open_actions
    from mentorlog.journal.notes_template import Reminder
    from mentorlog.journal.topics import open_topics

    agreement = person.agreement
    lines = [
        ("why them", agreement.why),
        ("hoping for", agreement.hope),
        ("purpose", agreement.purpose),
        ("cadence", format_cadence(person.cadence) if person.cadence else ""),
        ("until", agreement.until.isoformat() if agreement.until else ""),
    ]
    return Reminder(
        mentor=person.name,
        day=day,
        agreement=[(label, value) for label, value in lines if value],
        open_actions=[(a.id, a.text, age_days(a, today)) for a in open_actions(journal, person.id)],
        open_topics=[(t.id, t.text) for t in open_topics(journal, person.id)],
    )
