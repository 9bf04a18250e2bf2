"""Small text charts that render the same in a terminal, a test and a Markdown file."""

from __future__ import annotations

from rich.text import Text

FULL, EMPTY = "█", "░"


def progress_bar(done: int, total: int, width: int = 10, *, empty: str = "no milestones") -> Text:
    """`█████░░░░░ 2/4`; just `empty` (dim) when there is nothing to count."""
    if total <= 0:
        return Text(empty, style="dim")
    filled = round(width * done / total)
    bar = Text(FULL * filled, style="green")
    bar.append(EMPTY * (width - filled), style="dim")
    bar.append(f" {done}/{total}")
    return bar
