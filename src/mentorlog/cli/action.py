"""`mentorlog action list|add|done|drop`: what you committed to, across all mentors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli._args import done_on, optional_date
from mentorlog.cli._complete import complete_action
from mentorlog.cli._context import app_context, command_name
from mentorlog.cli._options import (
    Json,
    date_option,
    flag,
    goal_option,
    id_argument,
    mentor_option,
    text_argument,
)
from mentorlog.cli._output import emit, emit_list, say
from mentorlog.render.safe import literal
from mentorlog.vocab import ActionStatus

if TYPE_CHECKING:
    pass

app = typer.Typer(help="Action items: the things you committed to.", no_args_is_help=True)


ActionRef = Annotated[
    str,
    id_argument(complete_action, "Action item id (or a unique prefix of it)."),
]
MentorOpt = Annotated[
    str | None,
    mentor_option("Only items with this mentor."),
]
GoalOpt = Annotated[
    str | None,
    goal_option("Only items for this goal."),
]


@app.command("list")
def list_(
    ctx: typer.Context,
    mentor: MentorOpt = None,
    goal: GoalOpt = None,
    all_: Annotated[bool, flag("Include done and dropped items.", "--all")] = False,
    as_json: Json = False,
) -> None:
    """Open action items across all mentors, oldest first, with their age and due date."""
    from mentorlog.insights.recent import view
    from mentorlog.insights.sessions import ActionRow, action_rows
    from mentorlog.journal.resolve import resolve_goal, resolve_mentor
    from mentorlog.render.sessions import action_table

    app_ctx = app_context(ctx)
    journal = app_ctx.store().journal()
    if not all_:  # only the open ones are read
        journal = view(journal, actions=journal.open_actions())
    rows = action_rows(
        journal,
        app_ctx.today(),
        mentor=resolve_mentor(journal, mentor).id if mentor is not None else None,
        goal=resolve_goal(journal, goal).id if goal is not None else None,
        include_closed=all_,
    )
    emit_list(
        app_ctx, ActionRow, rows, lambda: action_table(rows, include_closed=all_), as_json=as_json
    )


@app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[str, text_argument("What you will do.")],
    mentor: Annotated[str | None, mentor_option("The mentor it is with.")] = None,
    goal: Annotated[str | None, goal_option("The goal it serves.")] = None,
    due: Annotated[str | None, date_option("When it is due.")] = None,
    day: Annotated[
        str | None,
        date_option("The day it was agreed (backfill; default: today).", "--date"),
    ] = None,
    as_json: Json = False,
) -> None:
    """Add an action item that did not come from a session."""
    from mentorlog.journal.actions import action_text, add_action, check_opened
    from mentorlog.journal.resolve import resolve_goal, resolve_mentor

    app_ctx = app_context(ctx)
    today = app_ctx.today()
    opened = optional_date(day, today, "past") or today
    check_opened(opened, today)
    when = optional_date(due, today, "future")
    action_text(text)  # bad text is refused before the journal is locked
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        item = add_action(
            journal,
            text,
            mentor=resolve_mentor(journal, mentor) if mentor is not None else None,
            goal=resolve_goal(journal, goal) if goal is not None else None,
            due=when,
            opened=opened,
        )
    due_part = f" (due {item.due.isoformat()})" if item.due else ""
    if item.opened != today:
        due_part = f", opened {item.opened.isoformat()}{due_part}"
    added = (f"Added action item {item.id}: ", literal(item.text), f"{due_part}.")
    emit(app_ctx, item, lambda: say(app_ctx, *added), as_json=as_json)


DoneDate = Annotated[
    str | None,
    date_option("The day it was done (default: today).", "--date"),
]


def _close(ctx: typer.Context, ref: str, status: ActionStatus, day: str | None) -> None:
    from mentorlog.journal.actions import close_action
    from mentorlog.journal.resolve import resolve_action

    app_ctx = app_context(ctx)
    today = app_ctx.today()
    on = done_on(day, today)
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        item = resolve_action(journal, ref, open_first=True)
        close_action(item, status, on=on, today=today)
    say(app_ctx, f"Action item {item.id} ", literal(item.text), f" is {status.value}.")


@app.command("done")
def done(ctx: typer.Context, action: ActionRef, day: DoneDate = None) -> None:
    """Mark an action item done (today, or on --date)."""
    _close(ctx, action, ActionStatus.done, day)


@app.command("drop")
def drop(ctx: typer.Context, action: ActionRef, day: DoneDate = None) -> None:
    """Drop an action item you will not do (it stays in the journal)."""
    _close(ctx, action, ActionStatus.dropped, day)
