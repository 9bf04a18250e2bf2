"""`mentorlog undo`: revert the last change made by a command (repeatable), or bring it back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli._confirm import confirm
from mentorlog.cli._context import app_context, command_name
from mentorlog.cli._options import Json, Yes, flag
from mentorlog.cli._output import emit, say

if TYPE_CHECKING:
    from mentorlog.cli.undo_output import Undone


def undo(
    ctx: typer.Context,
    redo: Annotated[bool, flag("Bring back the change the last undo reverted.", "--redo")] = False,
    yes: Yes = False,
    dry_run: Annotated[
        bool, flag("Show what would be reverted; change nothing.", "--dry-run")
    ] = False,
    as_json: Json = False,
) -> None:
    """Revert the last change made by a command, from the backups; repeat to go further back.

    What undo replaces is backed up like any change: `undo --redo` brings it back (until the
    next change). In a terminal it asks first; elsewhere it needs --yes.
    """
    from mentorlog.storage import undo as undoing

    app_ctx = app_context(ctx)
    store = app_ctx.store(command_name(ctx))
    step = undoing.preview(store, redo=redo)
    what = undoing.effect(store, step, redo=redo)
    verb = ("Redo", "Redid", "Would redo") if redo else ("Undo", "Undid", "Would undo")
    if not dry_run:
        question = f"{verb[0]} {step.describe(what)}?"
        confirm(f"{verb[0]}ing {step.title()}", question, yes=yes)
        step = undoing.undo(store, redo=redo, expected=step)

    def document() -> Undone:
        from mentorlog.cli.undo_output import Undone  # pydantic: not for `--help`

        files = [item.file for item in step.files]
        return Undone(dry_run=dry_run, redo=redo, command=step.command, at=step.at, files=files)

    def show() -> None:
        if dry_run:
            say(app_ctx, f"{verb[2]} {step.describe(what)}. Nothing was changed.")
        elif redo:
            say(app_ctx, f"{verb[1]} {step.describe(what)}.")
        else:
            say(app_ctx, f"{verb[1]} {step.describe(what)}.")
            say(app_ctx, "Bring it back with `mentorlog undo --redo`.")

    emit(app_ctx, document, show, as_json=as_json)
