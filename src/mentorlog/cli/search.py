"""`mentorlog search TEXT`: find a note, a piece of advice, an action item, a goal or a person."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli._args import optional_date
from mentorlog.cli._context import app_context
from mentorlog.cli._options import JsonList, date_option, flag, mentor_option, text_argument
from mentorlog.cli._output import emit_list

if TYPE_CHECKING:
    from rich.console import RenderableType


def search(
    ctx: typer.Context,
    text: Annotated[
        str,
        text_argument("The words to look for, from their start (case and accents are ignored)."),
    ],
    mentor: Annotated[
        str | None,
        mentor_option("Only records with this mentor (sessions, actions...)."),
    ] = None,
    since: Annotated[str | None, date_option("Only records dated on or after this.")] = None,
    limit: Annotated[
        int, typer.Option(min=1, metavar="N", help="Show at most N matches, newest first.")
    ] = 50,
    partial: Annotated[
        bool, flag("Also match inside words (`story` then finds `history`).", "--partial")
    ] = False,
    as_json: JsonList = False,
) -> None:
    """Search everything you wrote, newest first.

    Session notes and takeaways, action items, topics, goals, milestones, mentors and saved
    reflections."""
    from mentorlog.insights.search import Hit, find
    from mentorlog.journal.resolve import resolve_mentor

    app_ctx = app_context(ctx)
    start = optional_date(since, app_ctx.today(), "past")
    journal = app_ctx.store().journal()
    who = resolve_mentor(journal, mentor).id if mentor is not None else None
    found = find(journal, text, mentor=who, since=start, limit=limit, partial=partial)

    def show() -> RenderableType | None:
        if not found.hits:
            app_ctx.err_console.print("No matches.", markup=False)
            return None
        from mentorlog.render.sessions import search_results

        return search_results(found.hits, total=found.total)

    emit_list(app_ctx, Hit, found.hits, show, as_json=as_json)
