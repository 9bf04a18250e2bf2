"""`mentorlog` and `mentorlog status`: the dashboard (a getting-started guide when empty)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mentorlog.cli._context import app_context
from mentorlog.cli._options import Json
from mentorlog.cli._output import emit
from mentorlog.sync import LOG_FILE

if TYPE_CHECKING:
    from rich.console import RenderableType

GETTING_STARTED = """\
Your mentoring journal is empty. Three commands to start:

  mentorlog goal add "Speak with confidence" --why "lead the team demos"
  mentorlog mentor add "Ada Lovelace" --goal speak --why "she has done it"
  mentorlog meet ada --takeaway "Rehearse aloud" --next +4w

Or look around a sample journal first: mentorlog demo
"""


def open_sync_conflicts(root: Path) -> int:
    """Sync conflicts not dismissed here (a stat when the journal was never synced)."""

    if not (root / LOG_FILE).exists():
        return 0
    from mentorlog.sync.conflicts import open_entries

    return len(open_entries(root))


def show_status(ctx: typer.Context, *, as_json: bool) -> None:
    """The dashboard; reads the journal without locking it and never writes."""
    app_ctx = app_context(ctx)
    journal = app_ctx.store().journal()
    if journal.is_empty() and not as_json:
        typer.echo(GETTING_STARTED, nl=False)
        return
    from mentorlog.insights import recent
    from mentorlog.insights.status import compute_dashboard

    today = app_ctx.today()
    journal = recent.for_nudges(journal, today, app_ctx.config)
    board = compute_dashboard(
        journal, today, app_ctx.config, open_conflicts=open_sync_conflicts(app_ctx.data_dir)
    )

    def render() -> RenderableType:
        from mentorlog.render.dashboard import render_dashboard  # not needed for --json

        return render_dashboard(board)

    emit(app_ctx, board, render, as_json=as_json)


def status(
    ctx: typer.Context,
    as_json: Json = False,
) -> None:
    """The dashboard: focus goals, relationships and their health, what is due, nudges."""
    show_status(ctx, as_json=as_json)
