"""Shared pieces of views: dates, labels, key-value grids, sections."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from mentorlog.render.grid import QuickTable
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
    return Text(health, style=HEALTH_STYLES.get(health, ""))


def status_text(status: str) -> Text:
    return Text(status, style=STATUS_STYLES.get(status, ""))


def table(*columns: str, title: str | None = None) -> Table:
    """A compact table that shrinks to the console width rather than wrapping badly, laid out
    in one pass (the list commands print hundreds of rows: render/grid.py)."""
    return QuickTable(
        *columns,
        box=box.SIMPLE_HEAD,
        title=title,
        title_justify="left",
        title_style="bold",
        pad_edge=False,
        expand=False,
        show_edge=False,
    )


def fields(rows: Iterable[tuple[str, RenderableType | str | None]]) -> Table:
    """Label: value lines; rows whose value is empty are left out. Values are literal."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        if value is None or value == "":
            continue
        grid.add_row(label, literal(value, multiline=True) if isinstance(value, str) else value)
    return grid


def heading(text: str) -> Text:
    return Text(text, style="bold underline")


def names(refs: Iterable[object], empty: str = "—") -> Text:
    """Comma-separated literal names of refs (objects with a `.name`)."""
    parts = [getattr(ref, "name", "") for ref in refs]
    return literal(", ".join(parts)) if parts else Text(empty, style="dim")
