"""`mentorlog meeting list|show|edit|rm`: the history of sessions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from mentorlog.cli._args import optional_date, read_text_arg, session_args
from mentorlog.cli._complete import complete_meeting
from mentorlog.cli._confirm import delete_record
from mentorlog.cli._context import app_context, command_name
from mentorlog.cli._options import (
    Json,
    Rating,
    Yes,
    date_option,
    duration_option,
    flag,
    format_option,
    goal_option,
    id_argument,
    mentor_option,
    notes_option,
    text_option,
    time_option,
)
from mentorlog.cli._output import emit_list, say, show_record
from mentorlog.render.safe import literal
from mentorlog.text import clears, shorten
from mentorlog.vocab import MeetingFormat

if TYPE_CHECKING:
    from datetime import date

    from rich.console import RenderableType

    from mentorlog.journal.meetings import MeetingChanges
    from mentorlog.journal.state import Journal
    from mentorlog.models import Meeting

app = typer.Typer(
    help="Sessions you have logged (log a new one with `mentorlog meet`).", no_args_is_help=True
)


MeetingRef = Annotated[
    str,
    id_argument(complete_meeting, "Session id (or a unique prefix of it)."),
]
GoalList = Annotated[
    list[str] | None,
    goal_option("Add a goal (repeatable)."),
]


@app.command("list")
def list_(
    ctx: typer.Context,
    mentor: Annotated[str | None, mentor_option("Only sessions with this mentor.")] = None,
    goal: Annotated[str | None, goal_option("Only sessions that touched this goal.")] = None,
    since: Annotated[str | None, date_option("Only sessions on or after this date.")] = None,
    until: Annotated[str | None, date_option("Only sessions on or before this date.")] = None,
    limit: Annotated[int, typer.Option(min=1, metavar="N", help="Show at most N sessions.")] = 20,
    as_json: Json = False,
) -> None:
    """Sessions, newest first."""
    from mentorlog.insights.sessions import MeetingRow, meeting_list
    from mentorlog.journal.resolve import resolve_goal, resolve_mentor

    app_ctx = app_context(ctx)
    today = app_ctx.today()
    journal = app_ctx.store().journal()
    listing = meeting_list(
        journal,
        mentor=resolve_mentor(journal, mentor).id if mentor is not None else None,
        goal=resolve_goal(journal, goal).id if goal is not None else None,
        since=optional_date(since, today, "past"),
        until=optional_date(until, today, "past"),
        limit=limit,
    )

    def show() -> RenderableType:
        from mentorlog.render.sessions import meeting_table

        return meeting_table(listing)

    # --json: the rows only; the count of every match is for the table's last line
    emit_list(app_ctx, MeetingRow, listing.meetings, show, as_json=as_json)


@app.command("show")
def show(ctx: typer.Context, meeting: MeetingRef, as_json: Json = False) -> None:
    """One session: mentor, date, goals, rating, takeaways, action items and notes."""
    from mentorlog.insights.sessions import meeting_view
    from mentorlog.journal.resolve import resolve_meeting
    from mentorlog.render.sessions import meeting_panel

    show_record(
        app_context(ctx), meeting, resolve_meeting, meeting_view, meeting_panel, as_json=as_json
    )


@app.command("edit")
def edit(
    ctx: typer.Context,
    meeting: MeetingRef,
    date: Annotated[str | None, date_option("Correct the date.")] = None,
    time: Annotated[str | None, time_option("Start time HH:MM ('none' clears).")] = None,
    duration: Annotated[
        str | None, duration_option("How long: 45m, 1h30m ('none' clears).")
    ] = None,
    format: Annotated[
        MeetingFormat | None, format_option("video, call, coffee, walk, in-person or message.")
    ] = None,
    goal: GoalList = None,
    remove_goal: Annotated[list[str] | None, goal_option("Remove a goal (repeatable).")] = None,
    notes: Annotated[
        str | None, notes_option("Replace the notes; '-' reads them from stdin.")
    ] = None,
    takeaway: Annotated[list[str] | None, text_option("Add a takeaway (repeatable).")] = None,
    clear_takeaways: Annotated[
        bool, flag("Remove all takeaways first.", "--clear-takeaways")
    ] = False,
    rating: Rating = None,
    next_: Annotated[
        str | None,
        date_option("Next planned date ('none' clears).", "--next"),
    ] = None,
    edit_notes: Annotated[bool, flag("Edit the notes in $VISUAL / $EDITOR.", "--edit")] = False,
) -> None:
    """Change a session. --takeaway adds to its takeaways; --clear-takeaways empties them."""
    from mentorlog.journal.meetings import MeetingChanges

    app_ctx = app_context(ctx)
    today = app_ctx.today()
    given = session_args(today, day=date, at=time, duration=duration, rating=rating, clearable=True)
    clear_next = clears(next_)
    asked = MeetingChanges(
        **asdict(given),
        format=format,
        notes=read_text_arg(notes),
        add_takeaways=list(takeaway or []),
        clear_takeaways=clear_takeaways,
        next_text=_checked_date(next_, today) if next_ is not None and not clear_next else None,
        clear_next=clear_next,
    )
    if edit_notes:
        saved = _edit_in_editor(ctx, meeting, asked, goal or [], remove_goal or [])
    else:
        saved = _save(ctx, meeting, asked, goal or [], remove_goal or [])
    verb = "Updated" if saved.changed or saved.added else "Nothing to change for"
    added = saved.added
    extra = f" ({added} action item{'' if added == 1 else 's'} added)" if added else ""
    moved = f" {saved.moved}" if saved.moved else ""
    say(app_ctx, f"{verb} session {saved.record_id}{extra}.{moved}")
    for notice in saved.notices:
        say(app_ctx, literal(shorten(saved.mentor_name, 40)), f": {notice}.")


class _Saved(NamedTuple):
    record_id: str
    changed: bool
    added: int  # action items added
    moved: str  # what happened to the planned next date ("" when nothing)
    mentor_name: str
    notices: list[str]  # what the session now changes about the relationship and its goals


def _checked_date(text: str, today: date) -> str:
    """A date as typed, refused now if it is not a date at all (it is read against the
    session's date later, under the lock)."""
    from mentorlog.dates import parse_date

    parse_date(text, today, "future")
    return text


def _save(
    ctx: typer.Context,
    ref: str,
    asked: MeetingChanges,
    goals: list[str],
    removed: list[str],
    new_actions: Sequence[str] = (),
) -> _Saved:
    """Apply the changes under the lock. A session moved before its relationship's start, or
    given a goal that started later, moves those starts back, as `meet` does."""
    from mentorlog.journal.meetings import add_meeting_actions, edit_meeting, planned_change
    from mentorlog.journal.resolve import resolve_goal, resolve_meeting, resolve_mentor
    from mentorlog.journal.session_effects import note_backdated

    app_ctx = app_context(ctx)
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        record = resolve_meeting(journal, ref)
        asked.add_goals = [resolve_goal(journal, g) for g in goals]
        asked.remove_goals = [resolve_goal(journal, g) for g in removed]
        planned = record.next
        changed = edit_meeting(journal, record, asked, today=app_ctx.today())
        only_goal = asked.add_goals[0] if len(asked.add_goals) == 1 else None
        added = add_meeting_actions(journal, record, new_actions, only_goal)
        person = resolve_mentor(journal, record.mentor)
        about = [g for g in journal.goals if g.id in record.goals]
        notices = note_backdated(person, record.date, about) if changed else []
    moved = planned_change(planned, record.next)
    return _Saved(record.id, changed, len(added), moved, person.name, notices)


def _edit_in_editor(
    ctx: typer.Context,
    ref: str,
    asked: MeetingChanges,
    goals: list[str],
    removed: list[str],
) -> _Saved:
    """The notes in the editor; new takeaways, action items and `next:` are read back.
    --notes, when given, is the text the editor starts from."""
    from mentorlog.cli._editor import editing
    from mentorlog.journal.notes_template import Reminder, parse_draft, session_template
    from mentorlog.journal.resolve import resolve_meeting, resolve_mentor

    app_ctx = app_context(ctx)
    journal = app_ctx.store().journal()
    record = resolve_meeting(journal, ref)
    person = resolve_mentor(journal, record.mentor)
    seed = asked.notes if asked.notes is not None else record.notes
    initial = session_template(Reminder(mentor=person.name, day=record.date), seed)
    with editing(app_ctx, initial) as written:
        draft = parse_draft(written)
        asked.notes = draft.notes
        asked.add_takeaways += draft.takeaways
        if draft.next is not None:  # relative to the session, like --next
            asked.next_text = _checked_date(draft.next, app_ctx.today())
        return _save(ctx, record.id, asked, goals, removed, draft.actions)


@app.command("rm")
def rm(
    ctx: typer.Context,
    meeting: MeetingRef,
    yes: Yes = False,
    cascade: Annotated[
        bool, flag("Also delete its action items (by default they are kept, unlinked).")
    ] = False,
) -> None:
    """Delete a session. Its action items stay (unlinked) unless --cascade."""
    from mentorlog.journal.meetings import remove_meeting
    from mentorlog.journal.resolve import resolve_meeting

    def label(journal: Journal, record: Meeting) -> str:
        name = next((m.name for m in journal.mentors if m.id == record.mentor), "?")
        return f"with {name} on {record.date.isoformat()}"

    def remove(journal: Journal, record: Meeting) -> str:
        count = len(remove_meeting(journal, record, cascade=cascade))
        noun = "action item" if count == 1 else "action items"
        return f" ({count} {noun} {'deleted' if cascade else 'kept, unlinked'})" if count else ""

    delete_record(ctx, meeting, resolve_meeting, remove, noun="session", label=label, yes=yes)
