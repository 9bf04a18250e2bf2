"""The root command: global options, and the wiring of every command group."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from mentorlog import __version__
from mentorlog.cli import (
    action,
    config_cmd,
    demo,
    exchange,
    goal,
    meet,
    meeting,
    mentor,
    milestone,
    nudge,
    reflection,
    review,
    search,
    status,
    undo,
)
from mentorlog.cli._context import AppContext
from mentorlog.cli._group import MentorlogGroup

app = typer.Typer(
    cls=MentorlogGroup,
    name="mentorlog",
    help="A private, local-first journal for your mentoring relationships.",
    no_args_is_help=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mentorlog {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="Journal directory (default: $MENTORLOG_HOME, else the platform data dir).",
            file_okay=False,
        ),
    ] = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colours (also when NO_COLOR is set).")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks (also MENTORLOG_DEBUG=1).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """mentorlog: goals, mentors, sessions, nudges and a quarterly review, in plain JSON files.

    Run with no command for the dashboard.
    """
    ctx.obj = AppContext(
        data_dir_override=data_dir,
        no_color=no_color,
        debug=debug or os.environ.get("MENTORLOG_DEBUG", "") not in ("", "0"),
    )
    if ctx.invoked_subcommand is None:
        from mentorlog.cli.status import show_status

        show_status(ctx, as_json=False)


# In the order of the practice: look, plan, meet, reflect, then keep and configure.
app.command("status")(status.status)
app.command("nudge")(nudge.nudge)
app.add_typer(goal.app, name="goal")
app.add_typer(milestone.app, name="milestone")
app.add_typer(mentor.app, name="mentor")
app.command("meet")(meet.meet)
app.add_typer(meeting.app, name="meeting")
app.add_typer(action.app, name="action")
app.command("search")(search.search)
app.command("review")(review.review)
app.add_typer(reflection.app, name="reflection")
app.command("export")(exchange.export)
app.command("import")(exchange.import_)
app.command("undo")(undo.undo)
app.add_typer(config_cmd.app, name="config")
app.command("demo")(demo.demo)
