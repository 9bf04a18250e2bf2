"""Turning option text into values, the same way in every command."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from mentorlog.cli._context import AppContext


def optional_date(
    text: str | None, today: date, direction: Literal["past", "future", "any"] = "any"
) -> date | None:
    if text is None:
        return None
    from mentorlog.dates import parse_date

    return parse_date(text, today, direction)


def read_text_arg(text: str | None, *, stdin_marker: str = "-") -> str | None:
    """`-` means: read the text from standard input."""
    if text != stdin_marker:
        return text
    import sys

    return sys.stdin.read()


def warn_focus(app: AppContext, active_titles: list[str], limit: int) -> None:
    from mentorlog.cli._output import warn
    from mentorlog.render.safe import literal

    listed = literal("; ".join(active_titles))
    warn(
        app,
        f"{len(active_titles)} active goals, more than your focus limit of {limit}: ",
        listed,
        ". Focus on one or two; pause one with `mentorlog goal pause GOAL`.",
    )
