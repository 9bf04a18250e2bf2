"""`mentorlog review`: the quarterly review, written to a file, or reflected on and saved.

The journal is read without the lock; it is locked only to save a reflection, never while a
question is asked or the editor is open.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli._context import AppContext, app_context, command_name
from mentorlog.cli._options import flag, json_option, output_option
from mentorlog.cli._output import check_output_file, emit, say, warn
from mentorlog.cli.status import GETTING_STARTED
from mentorlog.errors import BadInput, Refused

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mentorlog.insights.review import Review

REPORT_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def interactive() -> bool:
    """Whether a person is at the keyboard (tests replace this to play one)."""
    return sys.stdin.isatty()


def review(
    ctx: typer.Context,
    quarter: Annotated[
        str | None, typer.Option("--quarter", help="The quarter, e.g. 2026-Q3 (default: now).")
    ] = None,
    last: Annotated[bool, flag("The previous quarter.", "--last")] = False,
    reflect: Annotated[
        bool, flag("Answer the reflection prompts and save them.", "--reflect")
    ] = False,
    editor: Annotated[
        bool, flag("Reflect in $VISUAL/$EDITOR (implies --reflect).", "--editor")
    ] = False,
    output: Annotated[
        Path | None, output_option("Write FILE.md (Markdown) or FILE.html (a web page).")
    ] = None,
    as_json: Annotated[bool, json_option("Print the review as JSON.")] = False,
) -> None:
    """The quarterly review, with reflection prompts (default: this quarter, to date).

    Figures, goals, relationships, sessions per week, the mix of formats and kinds,
    takeaways, loose ends and nudges, then six prompts; --reflect saves your answers.
    """
    from mentorlog.dates import parse_quarter, quarter_of
    from mentorlog.insights import recent
    from mentorlog.insights.review import compute_review

    if quarter is not None and last:
        raise BadInput("Give --quarter or --last, not both.")
    if as_json and (reflect or editor):
        raise BadInput("--json prints the review; it cannot be combined with --reflect.")
    if reflect and not editor and not interactive():
        raise BadInput("--reflect needs a terminal; or use --editor.")
    report = _report_format(output) if output is not None else None
    app_ctx = app_context(ctx)
    if output is not None:
        check_output_file(output, app_ctx.data_dir, "a review")
    today = app_ctx.today()
    if quarter is not None:
        period = parse_quarter(quarter)
    else:
        period = quarter_of(today).previous() if last else quarter_of(today)
    journal = app_ctx.store().journal()
    result = compute_review(
        recent.for_review(journal, period, today, app_ctx.config), period, today, app_ctx.config
    )
    if not (as_json or output or reflect or editor) and journal.is_empty():
        typer.echo(GETTING_STARTED, nl=False)
        return

    if output is not None and report is not None:
        _write_report(app_ctx, result, output, report, quiet=as_json)
    if as_json or (output is None and not editor):  # the editor's template has the figures
        emit(app_ctx, result, lambda: _rendered(result), as_json=as_json)
    if reflect or editor:  # never with --json
        from mentorlog.cli import _reflect
        from mentorlog.journal.reflections import find_reflection, previous_answers

        saved = previous_answers(find_reflection(journal, result.period))
        offered = _reflect.offer_draft(app_ctx, result, saved, ask=interactive())
        draft: Path | None = None
        if editor:
            answers, draft = _answers_in_editor(app_ctx, result, offered.before)
        else:
            answers = _reflect.ask_answers(app_ctx, result, offered)
        _save(ctx, app_ctx, result, answers, draft)
        _reflect.discard(offered.drafts)


def _rendered(result: Review) -> RenderableType:
    from mentorlog.render.review import render_review

    return render_review(result)


def _report_format(output: Path) -> str:
    report = REPORT_FORMATS.get(output.suffix.lower())
    if report is None:
        raise BadInput(
            f"Cannot tell the format of '{output.name}': use a name ending in .md or .html."
        )
    return report


def _write_report(
    app_ctx: AppContext, result: Review, output: Path, report: str, *, quiet: bool
) -> None:
    from mentorlog.storage.atomic import atomic_write

    if report == "html":
        from mentorlog.render.html_report import html_report

        text = html_report(result)
    else:
        from mentorlog.render.markdown_report import markdown_report

        text = markdown_report(result)
    atomic_write(output.absolute(), text.encode("utf-8"))
    from mentorlog.storage import codec

    if codec.is_encrypted_journal(app_ctx.data_dir):
        warn(app_ctx, f"{output} is plaintext (a report to read or share), unlike the journal.")
    message = f"Wrote the {result.period} review to {output}."
    if quiet:
        typer.echo(message, err=True)
    else:
        say(app_ctx, message)


def _answers_in_editor(
    app_ctx: AppContext, result: Review, before: dict[str, str]
) -> tuple[list[tuple[str, str]], Path]:
    """The answers written in the editor, and the draft (deleted once they are saved)."""
    from mentorlog.cli._editor import new_draft, run_editor
    from mentorlog.cli._reflect import draft_name
    from mentorlog.journal.reflections import parse_template, template
    from mentorlog.storage import codec

    figures = [line.figure for line in result.prompts]
    prompts = [line.prompt for line in result.prompts]
    initial = template(result.period, prompts, figures, before)
    draft = new_draft(app_ctx.data_dir, initial)
    draft = draft.rename(draft_name(result.period, draft))
    try:
        run_editor(draft, private=codec.is_encrypted_journal(app_ctx.data_dir))
        text = draft.read_text(encoding="utf-8", errors="replace")
        if text == initial:
            raise Refused("The draft was not changed; nothing was saved.")
        return parse_template(text, prompts), draft
    except BaseException:
        _settle_draft(app_ctx, draft, initial)
        raise


def _settle_draft(app_ctx: AppContext, draft: Path, initial: str) -> None:
    """After a failure: keep a draft that holds typed text (and say where), drop the rest."""

    try:
        changed = draft.read_text(encoding="utf-8", errors="replace") != initial
    except OSError:
        return
    if not changed:
        with contextlib.suppress(OSError):
            draft.unlink()
        return
    from mentorlog.cli._editor import keep_draft

    _keep_notice(app_ctx, keep_draft(app_ctx.data_dir, draft))


def _keep_notice(app_ctx: AppContext, draft: Path) -> None:
    from rich.text import Text

    kept = ", encrypted," if draft.name.endswith(".age") else ""
    app_ctx.err_console.print(
        Text(f"Your draft is kept{kept} at {draft}", style="bold"),
        Text(
            "(copy your answers from it when you run --editor again, then delete it)", style="dim"
        ),
        sep="\n",
        soft_wrap=True,  # a path cut in two cannot be pasted
    )


def _save(
    ctx: typer.Context,
    app_ctx: AppContext,
    result: Review,
    answers: list[tuple[str, str]],
    draft: Path | None,
) -> None:
    from mentorlog.journal.reflections import save_reflection

    snapshot = result.headline.model_dump(mode="json")
    try:
        with app_ctx.store(command_name(ctx)).transaction() as journal:
            saved, new = save_reflection(journal, result.period, answers, snapshot)
    except BaseException:
        if draft is not None:
            from mentorlog.cli._editor import keep_draft

            _keep_notice(app_ctx, keep_draft(app_ctx.data_dir, draft))
        raise
    if draft is not None:
        draft.unlink(missing_ok=True)
    verb = "Saved" if new else "Updated"
    say(app_ctx, f"{verb} your reflection on {saved.period} ({saved.id}).")
