"""`mentorlog undo`: revert the last change made by a command (repeatable)."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli._context import app_context, command_name
from mentorlog.cli._output import print_json, say


def undo(
    ctx: typer.Context,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be reverted; change nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Revert the last change made by a command, from the backups; repeat to go further back."""
    from mentorlog.storage import undo as undoing

    app_ctx = app_context(ctx)
    store = app_ctx.store(command_name(ctx))
    step = undoing.preview(store) if dry_run else undoing.undo(store)
    if as_json:
        from mentorlog.cli.undo_output import Undone  # pydantic: not for `--help`

        print_json(
            Undone(
                dry_run=dry_run,
                command=step.command,
                at=step.at,
                files=[item.file for item in step.files],
            )
        )
        return
    if dry_run:
        say(app_ctx, f"Would undo {step.describe()}. Nothing was changed.")
    else:
        say(app_ctx, f"Undid {step.describe()}.")
