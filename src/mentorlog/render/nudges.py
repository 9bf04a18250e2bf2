"""A list of nudges as Rich renderables: shared by the dashboard, `mentorlog nudge` and the
review, so a nudge reads the same everywhere."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from mentorlog.insights.nudges import Nudge
from mentorlog.render.safe import literal

SEVERITY_STYLE = {"alert": "bold red", "warn": "yellow", "info": "cyan"}
_LABEL_WIDTH = 5  # "alert"


def severity_label(severity: str) -> Text:
    return Text(severity.ljust(_LABEL_WIDTH), style=SEVERITY_STYLE.get(severity, ""), end="")


def render_nudges(nudges: Sequence[Nudge]) -> Table:
    """One row per nudge: its severity, the message, and under it the command to run."""
    grid = Table.grid(padding=(0, 1), expand=False)
    grid.add_column(no_wrap=True, width=_LABEL_WIDTH)
    grid.add_column(overflow="fold")
    for nudge in nudges:
        body = Text(end="")
        body.append_text(literal(nudge.message))
        body.append("\n→ ", style="dim")
        body.append_text(literal(nudge.suggestion, style="bold"))
        grid.add_row(severity_label(nudge.severity), body)
    return grid
