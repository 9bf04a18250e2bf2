"""The topic list: what to raise with whom."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from mentorlog.journal.topics import TopicRow
from mentorlog.render.common import day, nothing, status_text, table
from mentorlog.render.safe import literal


def topic_table(rows: list[TopicRow], *, include_closed: bool = False) -> RenderableType:
    if not rows:
        hint = "No topics." if include_closed else "No open topics."
        return nothing(f"{hint} Add one: mentorlog topic add MENTOR TEXT")
    columns = ["ID", "Topic", "Mentor", "Noted"]
    if include_closed:
        columns[1:1] = ["Status"]
        columns.append("Closed")
    grid = table(*columns)
    grid.columns[0].no_wrap = True
    text_column = columns.index("Topic")
    grid.columns[text_column].ratio = 3
    grid.columns[text_column].overflow = "fold"
    # A name stays whole while the topic wraps.
    grid.columns[text_column + 1].no_wrap = True
    for index in range(text_column + 2, len(columns)):
        grid.columns[index].no_wrap = True
    for row in rows:
        cells: list[RenderableType] = [row.id, literal(row.text), literal(row.mentor_name)]
        cells.append(day(row.created))
        if include_closed:
            cells.insert(1, status_text(row.status.value))
            cells.append(Text(day(row.closed), style="" if row.closed else "dim"))
        grid.add_row(*cells)
    return grid
