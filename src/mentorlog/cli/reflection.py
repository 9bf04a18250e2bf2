"""`mentorlog reflection list|show`: the quarterly reflections saved by `review --reflect`."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli._context import app_context
from mentorlog.cli._options import Json
from mentorlog.cli._output import emit, emit_list

app = typer.Typer(
    help="Saved quarterly reflections (write one with `mentorlog review --reflect`).",
    no_args_is_help=True,
)


@app.command("list")
def list_(ctx: typer.Context, as_json: Json = False) -> None:
    """Every saved reflection, oldest first, with how many prompts were answered."""
    from mentorlog.journal.reflections import ReflectionRow, reflection_rows
    from mentorlog.render.reflections import reflection_table

    app_ctx = app_context(ctx)
    rows = reflection_rows(app_ctx.store().journal())
    emit_list(app_ctx, ReflectionRow, rows, lambda: reflection_table(rows), as_json=as_json)


@app.command("show")
def show(
    ctx: typer.Context,
    period: Annotated[str, typer.Argument(help="The quarter, e.g. 2026-Q3, or the id.")],
    as_json: Json = False,
) -> None:
    """One reflection: its answers and the period's figures when it was saved."""
    from mentorlog.journal.reflections import get_reflection
    from mentorlog.render.reflections import reflection_view

    app_ctx = app_context(ctx)
    reflection = get_reflection(app_ctx.store().journal(), period)
    emit(app_ctx, reflection, lambda: reflection_view(reflection), as_json=as_json)
