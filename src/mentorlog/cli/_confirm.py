"""Confirmation before destructive commands: `--yes`, or a question in a terminal."""

from __future__ import annotations

import sys

from mentorlog.cli._context import AppContext
from mentorlog.errors import Refused


def confirm_removal(app: AppContext, noun: str, record_id: str, name: str, *, yes: bool) -> None:
    """Ask before deleting; without a terminal and without --yes, refuse (exit 1)."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise Refused(f"Deleting a {noun} needs confirmation: add --yes.")
    import typer

    from mentorlog.text import shorten

    question = f"Delete {noun} {record_id} '{shorten(name, 50)}' for good?"
    if not typer.confirm(question, default=False):
        raise Refused("Nothing was deleted.")
