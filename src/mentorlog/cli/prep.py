"""`mentorlog prep MENTOR`: one screen to read before a session (and an agenda to send)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli._args import writable_file, write_output
from mentorlog.cli._context import app_context
from mentorlog.cli._options import Json, mentor_argument, output_option
from mentorlog.cli._output import emit


def prep(
    ctx: typer.Context,
    mentor: Annotated[
        str,
        mentor_argument("Mentor (id prefix or start of the name)."),
    ],
    output: Annotated[
        Path | None, output_option("Also write the agenda as Markdown.", "FILE.md")
    ] = None,
    as_json: Json = False,
) -> None:
    """Before a session: one screen to read, and an agenda to send.

    The agreement, the time since you met, the last takeaways, what you owe and have done,
    their goals and the topics to raise."""
    from mentorlog.insights.prep import compute_prep
    from mentorlog.journal.resolve import resolve_mentor
    from mentorlog.render.prep import prep_view

    app_ctx = app_context(ctx)
    target = writable_file(output) if output is not None else None
    journal = app_ctx.store().journal()
    sheet = compute_prep(journal, resolve_mentor(journal, mentor), app_ctx.today())
    if target is not None and output is not None:
        from mentorlog.render.prep_markdown import prep_markdown

        write_output(app_ctx, output, prep_markdown(sheet), "the agenda", quiet=as_json)
        if not as_json:
            return
    emit(app_ctx, sheet, lambda: prep_view(sheet), as_json=as_json)
