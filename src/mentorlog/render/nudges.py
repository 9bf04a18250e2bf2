"""A list of nudges as Rich renderables: shared by the dashboard, `mentorlog nudge` and the
review, so a nudge reads the same everywhere."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.text import Text

from mentorlog.insights.nudges import Nudge
from mentorlog.insights.rules import CODES
from mentorlog.render.grid import Grid
from mentorlog.render.safe import literal

SEVERITY_STYLE = {"alert": "bold red", "warn": "yellow", "info": "cyan"}
_LABEL_WIDTH = 5  # "alert"


def severity_label(severity: str) -> Text:
    return Text(severity.ljust(_LABEL_WIDTH), style=SEVERITY_STYLE.get(severity, ""), end="")


def render_nudges(nudges: Sequence[Nudge], *, per_code: int | None = None) -> Grid:
    """One row per nudge: its severity, the message, and under it the command to run.

    With `per_code`, only the first (most severe) few nudges of a kind are shown, then one
    line says how many more there are: eighty overdue action items are one thing to deal with,
    not eighty lines at every new terminal.
    """
    grid = Grid(gap=1)
    grid.add_column(no_wrap=True, width=_LABEL_WIDTH)
    grid.add_column()
    total = Counter(nudge.code for nudge in nudges)
    shown: Counter[str] = Counter()
    for nudge in nudges:
        shown[nudge.code] += 1
        if per_code is not None and shown[nudge.code] > per_code:
            if shown[nudge.code] == per_code + 1:
                grid.add_row(Text(end=""), _more(nudge.code, total[nudge.code] - per_code))
            continue
        body = Text(end="")
        body.append_text(literal(nudge.message))
        body.append("\n→ ", style="dim")
        body.append_text(literal(nudge.suggestion, style="bold"))
        grid.add_row(severity_label(nudge.severity), body)
    return grid


def _more(code: str, count: int) -> Text:
    """How the rest of a long run of nudges of one kind is named, and where they are all
    listed (each rule says, in insights/rules/)."""
    rule_code = CODES.get(code)
    more = rule_code.more if rule_code is not None else None
    what = (more or ("nudge of this kind", "nudges of this kind"))[count != 1]
    listed_by = rule_code.listed_by if rule_code is not None else None
    command = listed_by or "mentorlog nudge --all"
    return Text(f"… and {count} more {what}: {command}", style="dim", end="")
