"""Session list and panel, action item list, search results."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.text import Text

from mentorlog.dates import format_duration
from mentorlog.insights.sessions import ActionRow, MeetingList, MeetingView
from mentorlog.render.common import (
    day,
    fields,
    heading,
    names,
    nothing,
    stacked,
    status_text,
    table,
)
from mentorlog.render.grid import Grid, Indented
from mentorlog.render.safe import literal
from mentorlog.render.wrap import cut
from mentorlog.text import clean, plural, shorten

if TYPE_CHECKING:  # only a type here: `meeting list` need not import the search
    from mentorlog.insights.search import Hit

ACTION_MARKS = {"open": "○", "done": "✓", "dropped": "✗"}


def rating_text(rating: int | None) -> Text:
    if rating is None:
        return Text("—", style="dim")
    return Text("★" * rating, style="yellow").append("☆" * (5 - rating), style="dim")


def duration_text(minutes: int | None) -> str:
    return format_duration(minutes) if minutes else "—"


def meeting_table(listing: MeetingList) -> RenderableType:
    if not listing.meetings:
        return nothing("No sessions to show. Log one: mentorlog meet MENTOR")
    grid = table("Date", "ID", "Mentor", "Format", "Length", "★", "First takeaway")
    for column in grid.columns:
        column.no_wrap = True  # one line a session: the mentor and the takeaway are cut
    grid.columns[2].overflow = "ellipsis"
    grid.columns[6].overflow = "ellipsis"
    grid.columns[4].justify = "right"
    for row in listing.meetings:
        grid.add_row(
            day(row.date),
            row.id,
            literal(row.mentor.name),
            row.format,
            duration_text(row.duration),
            Text(str(row.rating), style="yellow") if row.rating else Text("—", style="dim"),
            literal(row.takeaways[0]) if row.takeaways else Text("—", style="dim"),
        )
    if listing.total <= len(listing.meetings):
        return grid
    counted = plural(listing.total, "session")
    if listing.counted_from is not None:  # older years were not read: say what was counted
        counted += f" since {day(date(listing.counted_from, 1, 1))}"
    more = Text(f"{len(listing.meetings)} of {counted} shown; --limit N shows more.", style="dim")
    return stacked(grid, more)


def meeting_panel(view: MeetingView) -> RenderableType:
    meeting = view.meeting
    when = day(meeting.date)
    if meeting.time is not None:
        when += f" at {meeting.time.strftime('%H:%M')}"
    since = view.days_since_previous
    parts: list[RenderableType] = [
        fields(
            [
                ("Mentor", literal(view.mentor.name, "bold")),
                ("Date", when),
                ("Previous", _previous(since)),
                ("Length", format_duration(meeting.duration) if meeting.duration else ""),
                ("Format", meeting.format.value),
                ("Goals", names(view.goals) if view.goals else ""),
                ("Rating", rating_text(meeting.rating) if meeting.rating else ""),
                ("Next", day(meeting.next, "")),
                ("Followed up", day(meeting.followed_up, "")),
            ]
        )
    ]
    if meeting.takeaways:
        parts += [Text(), heading("Takeaways")]
        parts += [_bullet("•", literal(t)) for t in meeting.takeaways]
    if view.actions:
        parts += [Text(), heading("Action items")]
        for item in view.actions:
            line = literal(item.text)
            line.append(f"  {item.id}", style="dim")
            parts.append(_bullet(ACTION_MARKS[item.status.value], line))
    notes = clean(meeting.notes, multiline=True).strip()
    if notes:
        # Notes are Markdown; Rich's Markdown never reads Rich markup or emoji codes, control
        # characters were removed above, and links show their address instead of hiding it.
        from rich.markdown import Markdown  # only here: importing it costs a list command dear

        parts += [Text(), heading("Notes"), Markdown(notes, hyperlinks=False)]
    return Panel(Group(*parts), title=f"Session {meeting.id}", title_align="left", padding=(0, 1))


def _previous(days: int | None) -> str:
    if days is None:
        return "none (first session)"
    if days == 0:
        return "the same day"
    return f"{days} day{'' if days == 1 else 's'} earlier"


def _bullet(mark: str, text: Text) -> Grid:
    """A hanging-indent bullet: wrapped lines start under the text, not under the mark."""
    grid = Grid(gap=1)
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(f" {mark}", text)
    return grid


def action_table(rows: list[ActionRow], *, include_closed: bool = False) -> RenderableType:
    if not rows:
        hint = "No action items." if include_closed else "No open action items."
        return nothing(f"{hint} Add one: mentorlog action add TEXT --mentor M")
    columns = ["ID", "Action", "Mentor", "Age", "Due"]
    if include_closed:
        columns.insert(1, "Status")
    grid = table(*columns)
    for column in grid.columns:
        column.no_wrap = True
    text_column = columns.index("Action")  # it wraps; the owner is cut with an ellipsis
    grid.columns[text_column].no_wrap = False
    grid.columns[text_column + 1].overflow = "ellipsis"
    grid.columns[text_column + 2].justify = "right"
    for row in rows:
        due = Text(day(row.due), style="bold red" if row.overdue else "")
        if row.due is None:
            due.stylize("dim")
        owner = row.mentor or row.goal
        cells: list[RenderableType] = [
            row.id,
            literal(row.text),
            literal(owner.name) if owner else Text("—", style="dim"),
            f"{row.age_days}d",
            due,
        ]
        if include_closed:
            cells.insert(1, status_text(row.status.value))
        grid.add_row(*cells)
    return grid


def search_results(hits: list[Hit], *, total: int | None = None) -> RenderableType:
    """Two lines per hit: what and where, then the snippet with the matches highlighted."""
    lines: list[RenderableType] = []
    for hit in hits:
        title = Text(f"{hit.kind} ", style="bold")
        title.append(hit.id, style="cyan")
        if hit.date is not None:
            title.append(f"  {day(hit.date)}")
        field = Text(f"  · {hit.field}", style="dim")
        owner = literal(shorten(hit.owner.name, 32)) if hit.owner.name else None
        body = literal(hit.snippet)  # cleaned to one line by the search: spans still fit
        for span in hit.matches:
            body.stylize("bold reverse", span.start, span.end)
        lines += [_TitleLine(title, owner, field), Indented(body, 2)]
    count = len(hits) if total is None else total
    summary = plural(count, "match", "matches")
    if count > len(hits):
        summary += f", the newest {len(hits)} shown; --limit N shows more"
    lines.append(Text(f"{summary}.", style="dim"))
    return stacked(*lines)


class _TitleLine:
    """What and where, on one line: the owner's name gives way first (cut with "…", then
    left out), so that the field matched stays in sight on a narrow terminal."""

    def __init__(self, head: Text, owner: Text | None, tail: Text) -> None:
        self.head, self.owner, self.tail = head, owner, tail

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        line = self.head.copy()
        room = width - line.cell_len - self.tail.cell_len - 2
        if self.owner is not None and room >= _NAME_AT_LEAST:
            line.append("  ")
            line.append_text(cut(self.owner, room))
        line.append_text(self.tail)
        yield cut(line, width)


_NAME_AT_LEAST = 6  # cells: "Zoë F…"; narrower, the name is left out
