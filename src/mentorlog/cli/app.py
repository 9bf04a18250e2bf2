"""The root command: global options, and the wiring of every command group."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mentorlog import __version__
from mentorlog.cli._context import AppContext
from mentorlog.cli._group import LazyGroup, debug_from_env
from mentorlog.cli._options import flag

# name -> (module, attribute): a command function or a Typer sub-app (a group); the single
# commands first, as Typer lists them. A command's module is imported only when that command
# runs (or for --help and completion, which list them all). A command may also be added the
# ordinary way, with `@app.command()` or `app.add_typer()` below: it is then always loaded.
COMMANDS: dict[str, tuple[str, str]] = {
    "status": ("mentorlog.cli.status", "status"),
    "nudge": ("mentorlog.cli.nudge", "nudge"),
    "meet": ("mentorlog.cli.meet", "meet"),
    "prep": ("mentorlog.cli.prep", "prep"),
    "followup": ("mentorlog.cli.followup", "followup"),
    "search": ("mentorlog.cli.search", "search"),
    "review": ("mentorlog.cli.review", "review"),
    "export": ("mentorlog.cli.exchange", "export"),
    "import": ("mentorlog.cli.exchange", "import_"),
    "undo": ("mentorlog.cli.undo", "undo"),
    "demo": ("mentorlog.cli.demo", "demo"),
    "encrypt": ("mentorlog.cli.encrypt", "encrypt"),
    "decrypt": ("mentorlog.cli.encrypt", "decrypt"),
    "goal": ("mentorlog.cli.goal", "app"),
    "milestone": ("mentorlog.cli.milestone", "app"),
    "mentor": ("mentorlog.cli.mentor", "app"),
    "meeting": ("mentorlog.cli.meeting", "app"),
    "action": ("mentorlog.cli.action", "app"),
    "topic": ("mentorlog.cli.topic", "app"),
    "reflection": ("mentorlog.cli.reflection", "app"),
    "config": ("mentorlog.cli.config_cmd", "app"),
    "sync": ("mentorlog.cli.sync", "app"),
}


class RootGroup(LazyGroup):
    lazy = COMMANDS


app = typer.Typer(
    cls=RootGroup,
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
        bool, flag("No colours (also when NO_COLOR is set).", "--no-color")
    ] = False,
    debug: Annotated[bool, flag("Show tracebacks (also MENTORLOG_DEBUG=1).", "--debug")] = False,
    identity: Annotated[
        Path | None,
        typer.Option(
            "--identity",
            help="Age identity of an encrypted journal (default: $MENTORLOG_IDENTITY, "
            "else identity.txt beside the config file).",
            dir_okay=False,
        ),
    ] = None,
    version: Annotated[
        bool, flag("Print the version.", "--version", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """mentorlog: goals, mentors, sessions, nudges and a quarterly review, in plain JSON files.

    Run with no command for the dashboard.
    """
    ctx.obj = AppContext(
        data_dir_override=data_dir,
        no_color=no_color,
        debug=debug or debug_from_env(),
        identity=identity,
    )
    if ctx.invoked_subcommand is None:
        from mentorlog.cli.status import show_status

        show_status(ctx, as_json=False)
