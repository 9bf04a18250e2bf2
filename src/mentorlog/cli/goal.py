"""`mentorlog goal add|list|show|edit|done|pause|resume|drop|rm`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli._args import optional_date, warn_focus
from mentorlog.cli._complete import complete_goal
from mentorlog.cli._confirm import delete_record
from mentorlog.cli._context import app_context, command_name
from mentorlog.cli._options import Json, Yes, date_option, flag
from mentorlog.cli._output import emit, emit_list, say, show_record
from mentorlog.render.safe import literal
from mentorlog.text import clears
from mentorlog.vocab import GoalStatus

if TYPE_CHECKING:
    from mentorlog.journal.state import Journal
    from mentorlog.models import Goal

app = typer.Typer(
    help="Goals: the one or two focus areas you are working on.", no_args_is_help=True
)

GoalRef = Annotated[
    str,
    typer.Argument(help="Goal id prefix, or the start of its title.", autocompletion=complete_goal),
]


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What you want to get better at.")],
    why: Annotated[str, typer.Option(help="What you want to accomplish, and why.")] = "",
    area: Annotated[str, typer.Option(help="Area, e.g. leadership, public speaking.")] = "",
    target: Annotated[str | None, typer.Option(help="Target date.")] = None,
    status: Annotated[GoalStatus, typer.Option(help="active or paused.")] = GoalStatus.active,
    started: Annotated[str | None, typer.Option(help="When it began (default today).")] = None,
    as_json: Json = False,
) -> None:
    """Add a goal (a focus area). Warns when you have more active goals than your focus limit."""
    from mentorlog.journal.goals import add_goal, over_focus_limit

    app_ctx = app_context(ctx)
    today = app_ctx.today()
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        goal = add_goal(
            journal,
            title=title,
            today=today,
            why=why,
            area=area,
            target=optional_date(target, today, "future"),
            status=status,
            started=optional_date(started, today, "past"),
        )
        crowded = over_focus_limit(journal, app_ctx.config.focus_limit)
    added = (f"Added goal {goal.id} ", literal(goal.title), f" ({goal.status.value}).")
    emit(app_ctx, goal, lambda: say(app_ctx, *added), as_json=as_json)
    if crowded:
        warn_focus(app_ctx, [(g.id, g.title) for g in crowded], app_ctx.config.focus_limit)


@app.command("list")
def list_(
    ctx: typer.Context,
    all_: Annotated[bool, flag("Include achieved and dropped goals.", "--all")] = False,
    status: Annotated[GoalStatus | None, typer.Option(help="Only goals with this status.")] = None,
    as_json: Json = False,
) -> None:
    """List goals (active and paused; --all adds achieved and dropped)."""
    from mentorlog.insights.profiles import GoalRow, goal_rows
    from mentorlog.render.goals import goal_table

    app_ctx = app_context(ctx)
    journal = app_ctx.store().journal()
    if status is not None:
        statuses: set[GoalStatus] | None = {status}
    else:
        statuses = None if all_ else {GoalStatus.active, GoalStatus.paused}
    rows = goal_rows(journal, statuses=statuses)
    emit_list(app_ctx, GoalRow, rows, lambda: goal_table(rows), as_json=as_json)


@app.command("show")
def show(ctx: typer.Context, goal: GoalRef, as_json: Json = False) -> None:
    """A goal with its milestones, the mentors helping, and the sessions that touched it."""
    from mentorlog.insights.profiles import goal_profile
    from mentorlog.journal.resolve import resolve_goal
    from mentorlog.render.goals import goal_panel

    show_record(app_context(ctx), goal, resolve_goal, goal_profile, goal_panel, as_json=as_json)


@app.command("edit")
def edit(
    ctx: typer.Context,
    goal: GoalRef,
    title: Annotated[str | None, typer.Option(help="New title.")] = None,
    why: Annotated[str | None, typer.Option(help="New why.")] = None,
    area: Annotated[str | None, typer.Option(help="New area.")] = None,
    target: Annotated[str | None, typer.Option(help="New target date ('none' clears it).")] = None,
    started: Annotated[str | None, typer.Option(help="Correct when it began.")] = None,
) -> None:
    """Change a goal's title, why, area, target or start date."""
    from mentorlog.journal.goals import edit_goal
    from mentorlog.journal.resolve import resolve_goal

    app_ctx = app_context(ctx)
    today = app_ctx.today()
    clear = clears(target)
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        record = resolve_goal(journal, goal)
        changed = edit_goal(
            journal,
            record,
            title=title,
            why=why,
            area=area,
            target=None if clear else optional_date(target, today, "future"),
            clear_target=clear,
            started=optional_date(started, today, "past"),
        )
    verb = "Updated" if changed else "Nothing to change for"
    say(app_ctx, f"{verb} goal {record.id} ", literal(record.title), ".")


def _set_status(
    ctx: typer.Context,
    ref: str,
    status: GoalStatus,
    outcome: str | None,
    day: str | None = None,
) -> None:
    from mentorlog.journal.goals import over_focus_limit, set_goal_status
    from mentorlog.journal.resolve import resolve_goal

    app_ctx = app_context(ctx)
    today = app_ctx.today()
    on = optional_date(day, today, "past")
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        goal = resolve_goal(journal, ref)
        set_goal_status(goal, status, today=today, outcome=outcome, on=on)
        crowded = over_focus_limit(journal, app_ctx.config.focus_limit)
    say(app_ctx, f"Goal {goal.id} ", literal(goal.title), f" is now {status.value}.")
    if crowded and status is GoalStatus.active:
        warn_focus(app_ctx, [(g.id, g.title) for g in crowded], app_ctx.config.focus_limit)


Outcome = Annotated[str | None, typer.Option(help="What came of it.")]
ClosedOn = Annotated[
    str | None,
    date_option("The day it was closed (default: today).", "--date"),
]


@app.command("done")
def done(ctx: typer.Context, goal: GoalRef, outcome: Outcome = None, day: ClosedOn = None) -> None:
    """Mark a goal achieved (with an optional outcome note)."""
    _set_status(ctx, goal, GoalStatus.achieved, outcome, day)


@app.command("pause")
def pause(ctx: typer.Context, goal: GoalRef) -> None:
    """Pause a goal to make room for another (it stays in the journal)."""
    _set_status(ctx, goal, GoalStatus.paused, None)


@app.command("resume")
def resume(ctx: typer.Context, goal: GoalRef) -> None:
    """Make a paused, achieved or dropped goal active again."""
    _set_status(ctx, goal, GoalStatus.active, None)


@app.command("drop")
def drop(ctx: typer.Context, goal: GoalRef, outcome: Outcome = None, day: ClosedOn = None) -> None:
    """Drop a goal (kept with its history; --outcome says why)."""
    _set_status(ctx, goal, GoalStatus.dropped, outcome, day)


@app.command("rm")
def rm(
    ctx: typer.Context,
    goal: GoalRef,
    yes: Yes = False,
    cascade: Annotated[
        bool, flag("Also delete its milestones and unlink sessions, mentors, actions.")
    ] = False,
) -> None:
    """Delete a goal for good. Prefer `goal drop`, which keeps the history."""
    from mentorlog.journal.goals import remove_goal
    from mentorlog.journal.resolve import resolve_goal

    def remove(journal: Journal, record: Goal) -> str:
        links = remove_goal(journal, record, cascade=cascade)
        return f" (and {links.describe()} unlinked or deleted)" if links else ""

    delete_record(ctx, goal, resolve_goal, remove, noun="goal", label=lambda _, g: g.title, yes=yes)
