"""Options shared by many commands, defined once (as sqlite-utils' `output_options`)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorlog.cli._complete import Completer, complete_goal, complete_mentor


def flag(help: str, *flags: str, **settings: Any) -> Any:
    """A switch (`--all`, `--dry-run`, `--x/--no-x`): it takes no value, so it shows none in
    `--help` (an empty metavar: Typer's Rich help would otherwise print `<bool>` beside it)."""
    return typer.Option(*flags, metavar="", help=help, **settings)


def json_option(help: str = "Print JSON.") -> Any:
    """`--json`: print the command's view as JSON (its shape: `mentorlog.cli.views`) instead
    of a rendering; the command prints it with `cli._output.emit`."""
    return flag(help, "--json")


Json = Annotated[bool, json_option()]
JsonList = Annotated[bool, json_option("Print a JSON list.")]
Yes = Annotated[bool, flag("Do not ask for confirmation.", "--yes", "-y")]
Rating = Annotated[str | None, typer.Option(metavar="1-5", help="How valuable, 1-5.")]


# Options and arguments that name a record or take a date or a text: the metavar and the
# completion said once, the help written where the command says what it means.


def mentor_option(help: str, *flags: str) -> Any:
    return typer.Option(*flags, metavar="MENTOR", help=help, autocompletion=complete_mentor)


def mentor_argument(help: str) -> Any:
    return typer.Argument(metavar="MENTOR", help=help, autocompletion=complete_mentor)


def goal_option(help: str, *flags: str) -> Any:
    return typer.Option(*flags, metavar="GOAL", help=help, autocompletion=complete_goal)


def goal_argument(help: str) -> Any:
    return typer.Argument(metavar="GOAL", help=help, autocompletion=complete_goal)


def id_option(complete: Completer, help: str, *flags: str) -> Any:
    """An option taking the id of a session, action item, topic or milestone."""
    return typer.Option(*flags, metavar="ID", help=help, autocompletion=complete)


def id_argument(complete: Completer, help: str) -> Any:
    return typer.Argument(metavar="ID", help=help, autocompletion=complete)


def date_option(help: str, *flags: str) -> Any:
    """A date as people write it: 2026-11-24, today, friday, +2w, ..."""
    return typer.Option(*flags, metavar="DATE", help=help)


def text_option(help: str, *flags: str) -> Any:
    return typer.Option(*flags, metavar="TEXT", help=help)


def notes_option(help: str, *flags: str) -> Any:
    """A text that `-` reads from standard input instead (`_args.read_text_arg`)."""
    return typer.Option(*flags, metavar="TEXT|-", help=help)


# A session's time, length and format, as `meet` and `meeting edit` read them (`_args.session_args`)


def time_option(help: str) -> Any:
    return typer.Option(metavar="HH:MM", help=help)


def duration_option(help: str) -> Any:
    return typer.Option(metavar="DURATION", help=help)


def format_option(help: str, **settings: Any) -> Any:
    return typer.Option("--format", metavar="FORMAT", help=help, **settings)


def text_argument(help: str) -> Any:
    return typer.Argument(metavar="TEXT", help=help)
