"""`mentorlog milestone add|list|done|edit|drop|rm`."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli._args import done_on, optional_date
from mentorlog.cli._complete import complete_milestone
from mentorlog.cli._confirm import delete_record
from mentorlog.cli._context import app_context, command_name
from mentorlog.cli._options import (
    Json,
    Yes,
    date_option,
    flag,
    goal_argument,
    goal_option,
    id_argument,
    mentor_option,
    text_option,
)
from mentorlog.cli._output import emit, emit_list, say
from mentorlog.render.safe import literal
from mentorlog.text import clears

app = typer.Typer(
    help="Milestones: the concrete steps under a goal, credited to the mentor who helped.",
    no_args_is_help=True,
)

MilestoneRef = Annotated[
    str,
    id_argument(complete_milestone, "Milestone id prefix."),
]
Note = Annotated[str | None, text_option("A note: what came of it, or why.")]


@app.command("add")
def add(
    ctx: typer.Context,
    goal: Annotated[
        str,
        goal_argument("Goal id prefix, or the start of its title."),
    ],
    title: Annotated[
        str, typer.Argument(metavar="TITLE", help="What done looks like, concretely.")
    ],
    due: Annotated[str | None, date_option("Due date.")] = None,
    mentor: Annotated[str | None, mentor_option("The mentor helping with it.")] = None,
    created: Annotated[
        str | None,
        date_option("The day it was set (backfill; default: today).", "--date", "--created"),
    ] = None,
    as_json: Json = False,
) -> None:
    """Add a milestone under a goal."""
    from mentorlog.journal.milestones import add_milestone
    from mentorlog.journal.resolve import resolve_goal, resolve_mentor

    app_ctx = app_context(ctx)
    today = app_ctx.today()
    since = optional_date(created, today, "past")
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        record = resolve_goal(journal, goal)
        milestone = add_milestone(
            journal,
            record,
            title=title,
            due=optional_date(due, today, "future"),
            mentor=resolve_mentor(journal, mentor) if mentor is not None else None,
            created=since,
            today=today,
        )
    added = (f"Added milestone {milestone.id} ", literal(milestone.title), " under ")
    emit(
        app_ctx,
        milestone,
        lambda: say(app_ctx, *added, literal(record.title), "."),
        as_json=as_json,
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    goal: Annotated[str | None, goal_option("Only this goal's milestones.")] = None,
    all_: Annotated[bool, flag("Include done and dropped ones.", "--all")] = False,
    as_json: Json = False,
) -> None:
    """List open milestones by due date (--all adds done and dropped ones)."""
    from mentorlog.journal.milestones import MilestoneRow, milestone_rows
    from mentorlog.journal.resolve import resolve_goal
    from mentorlog.render.milestones import milestone_table

    app_ctx = app_context(ctx)
    journal = app_ctx.store().journal()
    chosen = resolve_goal(journal, goal) if goal is not None else None
    rows = milestone_rows(journal, app_ctx.today(), goal=chosen, include_closed=all_)
    emit_list(
        app_ctx,
        MilestoneRow,
        rows,
        lambda: milestone_table(rows, filtered=not all_),
        as_json=as_json,
    )


@app.command("done")
def done(
    ctx: typer.Context,
    milestone: MilestoneRef,
    note: Note = None,
    mentor: Annotated[str | None, mentor_option("Credit the mentor who helped.")] = None,
    day: Annotated[
        str | None,
        date_option("The day it was done (default: today).", "--date"),
    ] = None,
) -> None:
    """Mark a milestone done (today, or on --date), optionally crediting the mentor who helped."""
    from mentorlog.journal.milestones import complete_milestone
    from mentorlog.journal.resolve import resolve_mentor, resolve_milestone

    app_ctx = app_context(ctx)
    credited = None
    on = done_on(day, app_ctx.today())
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        record = resolve_milestone(journal, milestone)
        helper = resolve_mentor(journal, mentor) if mentor is not None else None
        complete_milestone(record, on=on, note=note, mentor=helper)
        if record.mentor is not None:
            credited = next((m.name for m in journal.mentors if m.id == record.mentor), None)
    thanks: list[object] = [" Credited to ", literal(credited), "."] if credited else []
    say(app_ctx, f"Milestone {record.id} ", literal(record.title), " is done.", *thanks)


@app.command("edit")
def edit(
    ctx: typer.Context,
    milestone: MilestoneRef,
    title: Annotated[str | None, text_option("New title.")] = None,
    due: Annotated[str | None, date_option("New due date ('none' clears it).")] = None,
    mentor: Annotated[
        str | None,
        mentor_option("Credit another mentor ('none' removes the credit)."),
    ] = None,
    note: Note = None,
) -> None:
    """Change a milestone's title, due date, credited mentor or note."""
    from mentorlog.journal.milestones import edit_milestone
    from mentorlog.journal.resolve import resolve_mentor, resolve_milestone

    app_ctx = app_context(ctx)
    clear_due = clears(due)
    clear_mentor = clears(mentor)
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        record = resolve_milestone(journal, milestone)
        changed = edit_milestone(
            record,
            title=title,
            due=None if clear_due else optional_date(due, app_ctx.today(), "future"),
            clear_due=clear_due,
            mentor=None if clear_mentor or mentor is None else resolve_mentor(journal, mentor),
            clear_mentor=clear_mentor,
            note=note,
        )
    verb = "Updated" if changed else "Nothing to change for"
    say(app_ctx, f"{verb} milestone {record.id} ", literal(record.title), ".")


@app.command("drop")
def drop(ctx: typer.Context, milestone: MilestoneRef, note: Note = None) -> None:
    """Drop a milestone that no longer matters (kept; `list --all` shows it)."""
    from mentorlog.journal.milestones import drop_milestone
    from mentorlog.journal.resolve import resolve_milestone

    app_ctx = app_context(ctx)
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        record = resolve_milestone(journal, milestone)
        drop_milestone(record, note=note)
    say(app_ctx, f"Dropped milestone {record.id} ", literal(record.title), ".")


@app.command("rm")
def rm(
    ctx: typer.Context,
    milestone: MilestoneRef,
    yes: Yes = False,
) -> None:
    """Delete a milestone for good. Prefer `milestone drop`, which keeps it."""
    from mentorlog.journal.milestones import remove_milestone
    from mentorlog.journal.resolve import resolve_milestone

    delete_record(
        ctx,
        milestone,
        resolve_milestone,
        remove_milestone,
        noun="milestone",
        label=lambda _, m: m.title,
        yes=yes,
    )
