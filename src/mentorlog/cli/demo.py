"""`mentorlog demo`: the dashboard and a review on a realistic sample journal."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli._context import app_context
from mentorlog.errors import Refused


def demo(
    ctx: typer.Context,
    keep: Annotated[
        Path | None,
        typer.Option(
            "--keep",
            help="Leave the sample journal in this (new or empty) directory to try commands on.",
            file_okay=False,
        ),
    ] = None,
) -> None:
    """Show the dashboard and a review on a sample journal (yours is never touched).

    The sample is built in a temporary directory and removed afterwards, unless --keep.
    """
    import tempfile

    from rich.rule import Rule

    from mentorlog.insights.review import compute_review
    from mentorlog.insights.status import compute_dashboard
    from mentorlog.render.dashboard import render_dashboard
    from mentorlog.render.review import render_review
    from mentorlog.sample import build_sample
    from mentorlog.storage.store import Store

    app_ctx = app_context(ctx)
    today = app_ctx.today()
    if keep is not None and keep.exists() and any(keep.iterdir()):
        raise Refused(f"{keep} is not empty; give a new or empty directory to --keep.")
    directory = keep if keep is not None else Path(tempfile.mkdtemp(prefix="mentorlog-demo-"))
    try:
        store = Store(directory, command="mentorlog demo")
        with store.transaction() as journal:
            for name, records in build_sample(today).items():
                journal.collection(name)[:] = records
        journal = Store(directory).journal()
        console = app_ctx.console
        console.print(Rule("mentorlog demo: a sample journal (yours is not touched)"))
        console.print(render_dashboard(compute_dashboard(journal, today, app_ctx.config)))
        console.print(Rule("mentorlog review: this quarter so far"))
        from mentorlog.dates import quarter_of

        review = compute_review(journal, quarter_of(today), today, app_ctx.config)
        console.print(render_review(review))
    finally:
        if keep is None:
            shutil.rmtree(directory, ignore_errors=True)
    if keep is not None:
        typer.echo(
            f"\nThe sample journal is in {keep}. Try:\n"
            f"  mentorlog --data-dir {keep} mentor list\n"
            f"  mentorlog --data-dir {keep} mentor show ada\n"
            f'  mentorlog --data-dir {keep} meet priya --notes "Rehearsed the talk" '
            "--takeaway 'Slow down'\n"
            f"  mentorlog --data-dir {keep} review --output review.html"
        )
