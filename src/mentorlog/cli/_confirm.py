"""Confirmation before destructive commands: `--yes`, or a question in a terminal."""

from __future__ import annotations

import sys

from mentorlog.cli._context import AppContext
from mentorlog.errors import Refused
from mentorlog.text import shorten


def interactive() -> bool:
    """Whether a person can answer a question (standard input is a terminal)."""
    return sys.stdin.isatty()


def confirm(what: str, question: str, *, yes: bool, refusal: str = "Nothing was changed.") -> None:
    """Ask `question`; without a terminal and without --yes, refuse (exit 1): `what` needs it."""
    if yes:
        return
    if not interactive():
        raise Refused(f"{what} needs confirmation: add --yes.")
    import typer

    if not typer.confirm(question, default=False):
        raise Refused(refusal)


def confirm_removal(app: AppContext, noun: str, record_id: str, name: str, *, yes: bool) -> None:
    """Ask before deleting; without a terminal and without --yes, refuse (exit 1)."""

    question = f"Delete {noun} {record_id} '{shorten(name, 50)}' for good?"
    confirm(f"Deleting a {noun}", question, yes=yes, refusal="Nothing was deleted.")
