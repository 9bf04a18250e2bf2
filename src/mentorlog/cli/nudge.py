"""`mentorlog nudge`: only the nudges, quiet when there are none (made for a shell profile)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli._context import app_context
from mentorlog.cli._options import flag, json_option
from mentorlog.cli._output import emit, emit_list
from mentorlog.cli.status import open_sync_conflicts

if TYPE_CHECKING:
    from rich.console import RenderableType

PER_KIND = 3  # nudges of one kind shown before "… and N more"


def nudge(
    ctx: typer.Context,
    show_all: Annotated[
        bool, flag(f"Show every nudge, not the first {PER_KIND} of each kind.", "--all")
    ] = False,
    as_json: Annotated[bool, json_option("Print a JSON list (all of them).")] = False,
) -> None:
    """What needs attention, most severe first, each with the command to run.

    Prints nothing (and exits 0) when all is well, so it can run in a shell profile.
    """
    app_ctx = app_context(ctx)
    if not app_ctx.data_dir.is_dir():
        # No journal yet: nothing to nudge about, and no need to load the models.
        emit(app_ctx, [], as_json=as_json)
        return
    from mentorlog.insights import recent
    from mentorlog.insights.nudges import Nudge, compute_nudges

    today = app_ctx.today()
    journal = recent.for_nudges(app_ctx.store().journal(), today, app_ctx.config)
    conflicts = open_sync_conflicts(app_ctx.data_dir)
    nudges = compute_nudges(journal, today, app_ctx.config, open_conflicts=conflicts)

    def show() -> RenderableType | None:
        from mentorlog.render.nudges import render_nudges

        return render_nudges(nudges, per_code=None if show_all else PER_KIND) if nudges else None

    emit_list(app_ctx, Nudge, nudges, show, as_json=as_json)
