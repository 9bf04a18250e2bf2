"""Choosing some items of a numbered list at the keyboard (`meet` asks this way)."""

from __future__ import annotations

from collections.abc import Sequence

import typer
from rich.console import RenderableType
from rich.text import Text

from mentorlog.cli._context import AppContext
from mentorlog.cli._output import print_text
from mentorlog.render.common import hanging
from mentorlog.render.safe import literal


def numbers(answer: str, count: int) -> list[int] | None:
    """The numbers (1..count) in `answer`, e.g. "1,3" or "1 3"; None when one is not."""
    words = answer.replace(",", " ").split()
    if not all(w.isdigit() and 1 <= int(w) <= count for w in words):
        return None
    return list(dict.fromkeys(int(w) for w in words))


def pick(app: AppContext, heading: str, lines: Sequence[Text], question: str) -> list[int]:
    """Show `heading` and the numbered `lines` on stderr (a long one wraps under its own
    text); the 0-based indices chosen."""

    print_text(app.err_console, literal(heading))
    app.err_console.print(numbered(lines))
    while True:
        answer = typer.prompt(
            f"{question} (numbers, e.g. 1,3; Enter for none)",
            default="",
            show_default=False,
            err=True,
        )
        chosen = numbers(answer, len(lines))
        if chosen is not None:
            return [n - 1 for n in chosen]
        complaint = f"Give numbers from 1 to {len(lines)}, separated by commas."
        print_text(app.err_console, literal(complaint, "yellow"))


def numbered(lines: Sequence[Text]) -> RenderableType:
    """`   1. line`, `   2. line`…: a long line wraps under its own text, not its number."""
    return hanging((f"  {number:>2}.", text) for number, text in enumerate(lines, 1))
