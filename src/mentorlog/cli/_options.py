"""Options shared by many commands, defined once (as sqlite-utils' `output_options`)."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar

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


Command = TypeVar("Command", bound=Callable[..., None])


def option_groups(**after: Mapping[str, Any]) -> Callable[[Command], Command]:
    """Options declared once for several commands, as sqlite-utils' `output_options` is.

    Each group (parameter name -> its `Annotated` type; default None) joins the command's
    parameters after the one it is named by (`--help` lists them there), and reaches the
    command in its `**options`. Typer reads a command's parameters from its signature, which
    `inspect.signature` takes from `__signature__` when a function has one (PEP 362).
    """

    def decorate(command: Command) -> Command:
        signature = inspect.signature(command, eval_str=True)
        own = [p for p in signature.parameters.values() if p.kind is not p.VAR_KEYWORD]
        unknown = set(after) - {p.name for p in own}
        if unknown:
            raise TypeError(f"{command.__name__} has no parameter {', '.join(sorted(unknown))}")
        listed = []
        for parameter in own:
            listed.append(parameter)
            for name, annotation in after.get(parameter.name, {}).items():
                kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
                listed.append(inspect.Parameter(name, kind, default=None, annotation=annotation))
        command.__signature__ = signature.replace(parameters=listed)  # type: ignore[attr-defined]
        return command

    return decorate


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


def output_option(help: str, metavar: str | None = None) -> Any:
    """`--output/-o FILE`: a file a command writes (privately) instead of, or besides, stdout."""
    return typer.Option("--output", "-o", metavar=metavar, help=help)


# A session's time, length and format, as `meet` and `meeting edit` read them (`_args.session_args`)


def time_option(help: str) -> Any:
    return typer.Option(metavar="HH:MM", help=help)


def duration_option(help: str) -> Any:
    return typer.Option(metavar="DURATION", help=help)


def format_option(help: str, **settings: Any) -> Any:
    return typer.Option("--format", metavar="FORMAT", help=help, **settings)


def text_argument(help: str) -> Any:
    return typer.Argument(metavar="TEXT", help=help)
