"""Shared pieces of views: dates, labels, key-value grids, sections."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.console import Group, RenderableType
from rich.text import Text

from mentorlog.render.grid import Grid, Indented
from mentorlog.render.safe import literal

HEALTH_STYLES = {
    "on track": "green",
    "due": "yellow",
    "overdue": "dark_orange",
    "neglected": "bold red",
    "ad-hoc": "cyan",
    "prospect": "magenta",
    "paused": "dim",
    "ended": "dim",
}
STATUS_STYLES = {
    "active": "green",
    "paused": "dim",
    "achieved": "bold green",
    "dropped": "dim",
    "open": "",
    "done": "green",
    "prospect": "magenta",
    "ended": "dim",
}


def day(value: date | None, empty: str = "—") -> str:
    return value.isoformat() if value else empty


def health_text(health: str) -> Text:
    """A health verdict (`Health`, or its text) in its colour."""
    return Text(str(health), style=HEALTH_STYLES.get(str(health), ""))


def status_text(status: str) -> Text:
    return Text(status, style=STATUS_STYLES.get(status, ""))


def table(*columns: str, title: str | None = None) -> Grid:
    """A list command's table: bold headers over a rule, columns two cells apart, shrunk to
    the console width by the columns that can give way (render/grid.py)."""
    return Grid(*columns, gap=2, rule=True, title=title)


def hanging(rows: Iterable[tuple[RenderableType, RenderableType]], *, style: str = "") -> Grid:
    """Each row's marker (a bullet, a number, a label, in `style`) then its text, whose
    wrapped lines start under the text's first character, never back under the marker."""
    grid = Grid(gap=1)
    grid.add_column(style=style, no_wrap=True)
    grid.add_column()
    for marker, text in rows:
        grid.add_row(marker, text)
    return grid


def fields(rows: Iterable[tuple[str, RenderableType | str | None]]) -> Grid:
    """Label: value lines; rows whose value is empty are left out. Values are literal."""
    shown = (
        (label, literal(value, multiline=True) if isinstance(value, str) else value)
        for label, value in rows
        if value is not None and value != ""
    )
    return hanging(shown, style="bold")


SECTION_INDENT = 2  # what a section of the dashboard or the review is indented by


def stacked(*parts: RenderableType) -> RenderableType:
    """Parts one under the other, with no space left where Rich wrapped a line (a view's
    title or sentence printed as it is, not in a grid cell)."""
    return Indented(Group(*parts))


def page(title: Text, *sections: list[RenderableType]) -> RenderableType:
    """The dashboard or the review: its title, then each section after a blank line."""
    parts: list[RenderableType] = [title]
    for section in sections:
        parts += [Text(""), *section]
    return stacked(*parts)


def heading(text: str, detail: str = "") -> Text:
    """A section's title, bold and underlined, then a dim detail on the same line."""
    return Text.assemble((text, "bold underline"), (f"  {detail}" if detail else "", "dim"))


def indented(renderable: RenderableType) -> RenderableType:
    """A section's body, under its heading."""
    return Indented(renderable, SECTION_INDENT)


def nothing(text: str) -> RenderableType:
    """What a list shows when it is empty: a dim sentence saying how to add the first."""
    return stacked(Text(text, style="dim"))


def hint(text: str) -> RenderableType:
    """A dim line in a section: what is missing, or how to see more."""
    return indented(Text(text, style="dim", end=""))


def names(refs: Iterable[object], empty: str = "—") -> Text:
    """Comma-separated literal names of refs (objects with a `.name`)."""
    parts = [getattr(ref, "name", "") for ref in refs]
    return literal(", ".join(parts)) if parts else Text(empty, style="dim")
