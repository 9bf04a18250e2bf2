"""The milestone list."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from mentorlog.journal.milestones import MilestoneRow
from mentorlog.render.common import day, nothing, status_text, table
from mentorlog.render.grid import Grid
from mentorlog.render.mentors import Fitted
from mentorlog.render.safe import literal


def milestone_status(row: MilestoneRow) -> Text:
    if row.overdue:
        return Text("overdue", style="bold red")
    return status_text(row.status.value)


def milestone_table(rows: list[MilestoneRow], *, filtered: bool = True) -> RenderableType:
    if not rows:
        first = "No milestones to show (--all adds done and dropped ones)." if filtered else ""
        lines = [
            first or "No milestones yet.",
            "Add one: mentorlog milestone add GOAL TITLE --due DATE",
        ]
        return nothing("\n".join(lines))
    return Fitted(lambda: _rows_table(rows))


def _rows_table(rows: list[MilestoneRow]) -> Grid:
    grid = table("ID", "Goal", "Milestone", "Due", "Status", "Mentor")
    for column in grid.columns:
        column.no_wrap = True
    # The milestone is what you read: it wraps; the goal and mentor are cut with an ellipsis.
    grid.columns[2].no_wrap = False
    grid.columns[1].overflow = grid.columns[5].overflow = "ellipsis"
    for row in rows:
        grid.add_row(
            row.id,
            literal(row.goal.name),
            literal(row.title),
            day(row.due),
            milestone_status(row),
            literal(row.mentor.name) if row.mentor else Text("—", style="dim"),
        )
    return grid
