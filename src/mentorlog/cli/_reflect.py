"""`review --reflect` in a terminal: the prompts asked one by one on stderr, and drafts that
keep what was typed.

Stopped part-way (Ctrl-C, end of input), the answers typed so far are kept as a private
draft (`drafts/reflection-PERIOD-….md`, 0600, in the editor template's form); the next
`review --reflect` (or `--editor`) for that quarter offers to continue from it, and a saved
reflection deletes it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.text import Text

from mentorlog.cli._context import AppContext
from mentorlog.errors import MentorlogError
from mentorlog.render.safe import literal
from mentorlog.storage import codec

if TYPE_CHECKING:
    from mentorlog.insights.review import Review

PREFIX = "reflection-"


def draft_name(period: str, fresh: Path) -> Path:
    """Where a draft for `period` lives: `fresh` (a new draft file) renamed for it."""
    return fresh.with_name(f"{PREFIX}{period}-{fresh.name.removeprefix('session-')}")


@dataclass
class Offered:
    """Answers to start from: a kept draft's (when taken) over the last saved ones."""

    before: dict[str, str]
    drafts: list[Path] = field(default_factory=list)  # to delete once a reflection is saved
    from_draft: bool = False


def offer_draft(app: AppContext, result: Review, saved: dict[str, str], *, ask: bool) -> Offered:
    """The answers to start from. A kept draft for the period is offered (in a terminal;
    otherwise taken, with a notice); declined, it is still replaced by the saved reflection."""
    from mentorlog.journal.reflections import parse_template

    folder = app.data_dir / "drafts"
    found = sorted(
        path
        for pattern in (f"{PREFIX}{result.period}-*.md", f"{PREFIX}{result.period}-*.md.age")
        for path in (folder.glob(pattern) if folder.is_dir() else [])
    )
    if not found:
        return Offered(saved)
    newest = found[-1]
    prompts = [line.prompt for line in result.prompts]
    try:  # (a draft of an encrypted journal is kept encrypted: NAME.md.age)
        text = codec.read(newest).decode("utf-8")
        answers = dict(parse_template(text, prompts))
    except (OSError, UnicodeDecodeError, MentorlogError):
        return Offered(saved)  # not a draft we can read: left alone for the person to see
    typed = {prompt: text for prompt, text in answers.items() if text.strip()}
    if not typed:
        return Offered(saved, found)
    question = (
        f"Continue from your draft of {result.period} ({len(typed)} of {len(prompts)} answered)?"
    )
    if ask and not typer.confirm(question, default=True, err=True):
        return Offered(saved, found)
    if not ask:
        app.err_console.print(
            f"Continuing from your draft at {newest}", markup=False, soft_wrap=True
        )
    return Offered({**saved, **typed}, found, from_draft=True)


def ask_answers(app: AppContext, result: Review, offered: Offered) -> list[tuple[str, str]]:
    """Each prompt asked in turn on stderr; Enter keeps the answer shown as before.
    Stopped part-way, what was typed is kept as a draft (and the stop goes on)."""

    from mentorlog.render.grid import Indented

    console = app.err_console
    before = offered.before
    note = " (Enter keeps the answer shown)" if before else ""
    console.print(Text(f"Reflect on {result.period}{note}.", style="bold"))
    label = "Draft" if offered.from_draft else "Before"
    answers: list[tuple[str, str]] = []
    try:
        for line in result.prompts:
            console.print()
            console.print(Text(f"{line.number}. {line.prompt}", style="bold"))
            context = Text(style="dim")
            context.append_text(literal(line.figure))
            previous = before.get(line.prompt, "")
            if previous:
                context.append(f"\n{label}: ")
                context.append_text(literal(previous))
            console.print(Indented(context, 3))  # no padding to the width after it
            answer = typer.prompt("Answer", default=previous, show_default=False, err=True)
            answers.append((line.prompt, answer))
    except (typer.Abort, KeyboardInterrupt):
        _keep_typed(app, result, before, answers)
        raise
    return answers


def _keep_typed(
    app: AppContext, result: Review, before: dict[str, str], answers: list[tuple[str, str]]
) -> None:
    from mentorlog.cli._editor import keep_draft, new_draft
    from mentorlog.journal.reflections import template

    typed = {
        prompt: text for prompt, text in answers if text.strip() and text != before.get(prompt)
    }
    if not typed:
        return
    prompts = [line.prompt for line in result.prompts]
    figures = [line.figure for line in result.prompts]
    text = template(result.period, prompts, figures, {**before, **dict(answers)})
    fresh = new_draft(app.data_dir, text)
    draft = keep_draft(app.data_dir, fresh.rename(draft_name(result.period, fresh)))
    app.err_console.print()  # the prompt line was left open
    app.err_console.print(
        f"Your answers so far are kept in {draft}; "
        f"`mentorlog review --quarter {result.period} --reflect` offers them next time.",
        markup=False,
        soft_wrap=True,  # a path cut in two cannot be pasted
    )


def discard(drafts: list[Path]) -> None:
    for path in drafts:
        with contextlib.suppress(OSError):
            path.unlink()
