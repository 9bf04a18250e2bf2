"""Confirmation before destructive commands: `--yes`, or a question in a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

import typer

from mentorlog.cli._context import AppContext, app_context, command_name
from mentorlog.cli._output import say
from mentorlog.errors import Refused
from mentorlog.render.safe import literal
from mentorlog.text import shorten

if TYPE_CHECKING:
    from mentorlog.journal.state import Journal


def interactive() -> bool:
    """Whether a person can answer a question (standard input is a terminal)."""
    return sys.stdin.isatty()


def confirm(what: str, question: str, *, yes: bool, refusal: str = "Nothing was changed.") -> None:
    """Ask `question`; without a terminal and without --yes, refuse (exit 1): `what` needs it."""
    if yes:
        return
    if not interactive():
        raise Refused(f"{what} needs confirmation: add --yes.")

    if not typer.confirm(question, default=False):
        raise Refused(refusal)


def confirm_removal(
    app: AppContext, noun: str, record_id: str, name: str, *, yes: bool, extra: str = ""
) -> None:
    """Ask before deleting; without a terminal and without --yes, refuse (exit 1). `extra`
    says what goes with the record (` (and 2 sessions deleted or unlinked)`)."""

    question = f"Delete {noun} {record_id} '{shorten(name, 50)}' for good{extra}?"
    confirm(f"Deleting a {noun}", question, yes=yes, refusal="Nothing was deleted.")


class _Record(Protocol):
    id: str


Record = TypeVar("Record", bound=_Record)


def delete_record(
    ctx: typer.Context,
    ref: str,
    resolve: Callable[[Journal, str], Record],
    remove: Callable[[Journal, Record], str | None],
    *,
    noun: str,
    label: Callable[[Journal, Record], str],
    yes: bool,
    check: Callable[[Journal, Record], object] | None = None,
) -> None:
    """An `rm` command, all under the lock: the record `ref` names, `check` (a refusal needs
    no question), `remove` (which deletes it from the journal in memory and may return what
    went with it: ` (and 2 sessions deleted or unlinked)`), the question (or --yes) naming it
    by its `label` and saying what goes with it, and one line saying what was deleted.

    `remove` runs before the question so that the question can give the same counts as the
    result line (and a refusal of `remove` needs no question): a "no" leaves the transaction
    by an exception, so nothing is written."""
    app = app_context(ctx)
    with app.store(command_name(ctx)).transaction() as journal:
        record = resolve(journal, ref)
        if check is not None:
            check(journal, record)
        name = label(journal, record)
        extra = remove(journal, record) or ""
        confirm_removal(app, noun, record.id, name, yes=yes, extra=extra)
    say(app, f"Deleted {noun} {record.id} ", literal(name), f"{extra}.")
