"""`mentorlog nudge`: only the nudges, quiet when there are none (made for a shell profile)."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli._context import app_context
from mentorlog.cli._options import json_option
from mentorlog.cli._output import json_list, print_json

PER_KIND = 3  # nudges of one kind shown before "… and N more"


def nudge(
    ctx: typer.Context,
    show_all: Annotated[
        bool,
        typer.Option("--all", help=f"Show every nudge, not the first {PER_KIND} of each kind."),
    ] = False,
    as_json: Annotated[bool, json_option("Print a JSON list (all of them).")] = False,
) -> None:
    """What needs attention, most severe first, each with the command to run.

    Prints nothing (and exits 0) when all is well, so it can run in a shell profile.
    """
    app_ctx = app_context(ctx)
    if not app_ctx.data_dir.is_dir():
        # No journal yet: nothing to nudge about, and no need to load the models.
        if as_json:
            print_json([])
        return
    from mentorlog.cli.status import open_sync_conflicts
    from mentorlog.insights import recent
    from mentorlog.insights.nudges import Nudge, compute_nudges

    today = app_ctx.today()
    journal = recent.for_nudges(app_ctx.store().journal(), today, app_ctx.config)
    conflicts = open_sync_conflicts(app_ctx.data_dir)
    nudges = compute_nudges(journal, today, app_ctx.config, open_conflicts=conflicts)
    if as_json:
        print_json(json_list(Nudge, nudges))
        return
    if nudges:
        from mentorlog.render.nudges import render_nudges

        app_ctx.console.print(render_nudges(nudges, per_code=None if show_all else PER_KIND))
