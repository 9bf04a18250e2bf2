"""The review's quick table layout (render/grid.py) prints exactly what Rich prints.

`Indented(table, indent)` stands in for `Padding(table, (0, 0, 0, indent), expand=False)`:
these tests hold it to Rich's own output, byte for byte, in colour and without, on the
review of a sample journal and on random grids. No timings here: only the output.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from mentorlog.config import Config
from mentorlog.dates import Quarter, quarter_of
from mentorlog.insights.review import Review, compute_review
from mentorlog.journal.state import Journal
from mentorlog.render import grid, review
from mentorlog.sample import build_sample

TODAY = date(2026, 11, 24)
WIDTHS = [40, 60, 80, 100, 132]


def printed(renderable: RenderableType, width: int, *, colour: bool) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=colour,
        color_system="truecolor" if colour else None,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    console.print(renderable)
    output = console.file.getvalue()
    assert isinstance(output, str)
    return output


def by_rich(table: Table, indent: int) -> Padding:
    return Padding(table, (0, 0, 0, indent), expand=False)


def sample_review(quarter: Quarter) -> Review:
    records = build_sample(TODAY)
    mentors = records["mentors"]
    # Long and wide names, and markup, so that columns fold and cells hold wide characters.
    mentors[0] = mentors[0].model_copy(update={"name": "Ада Лавлейс-Петрова " * 3 + "[bold]x"})
    mentors[1] = mentors[1].model_copy(update={"name": "山田 太郎 🌸 " * 4})
    return compute_review(Journal(**records), quarter, TODAY, Config())


@pytest.mark.parametrize("last", [False, True], ids=["to date", "past quarter"])
@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_the_review_prints_as_rich_lays_it_out(
    monkeypatch: pytest.MonkeyPatch, last: bool, colour: bool
) -> None:
    quarter = quarter_of(TODAY).previous() if last else quarter_of(TODAY)
    result = sample_review(quarter)
    quick = {width: printed(review.render_review(result), width, colour=colour) for width in WIDTHS}
    monkeypatch.setattr(review, "Indented", by_rich)
    for width in WIDTHS:
        assert quick[width] == printed(review.render_review(result), width, colour=colour), width
    assert "\x1b[" in quick[80] if colour else "\x1b[" not in quick[80]


def test_every_table_in_the_review_takes_the_quick_layout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    laid_out: list[tuple[Table, bool]] = []
    real = grid.Layout.lines

    def spy(layout: grid.Layout, *args: Any) -> Any:
        lines = real(layout, *args)
        laid_out.append((layout.table, lines is not None))
        return lines

    monkeypatch.setattr(grid.Layout, "lines", spy)
    printed(review.render_review(sample_review(quarter_of(TODAY))), 80, colour=True)

    def all_text(table: Table) -> bool:
        return all(
            isinstance(cell, (str, Text)) for column in table.columns for cell in column.cells
        )

    assert len(laid_out) >= 7  # headline, goals, relationships, weeks, takeaways, loose ends...
    assert any(not all_text(table) for table, _ in laid_out)  # the mix: tables in a table
    assert all(quick for _, quick in laid_out)


# -- random grids ---------------------------------------------------------------------------

STYLES = st.sampled_from(["", "dim", "bold", "bold red", "green", "yellow on blue"])
WORDS = st.sampled_from(
    ["a", "word", "longerword", "日本語", "🌸x", "·", "→", "12.5", " ", "", "[b]"]
)


@st.composite
def texts(draw: st.DrawFn) -> Text | str:
    words = st.lists(WORDS, max_size=5).map(" ".join)
    if draw(st.booleans()):
        return draw(words)
    text = Text(style=draw(STYLES), end=draw(st.sampled_from(["\n", ""])))
    for piece in draw(st.lists(st.tuples(words, STYLES, st.booleans()), max_size=4)):
        words_of, style, new_line = piece
        text.append(words_of + ("\n" if new_line else ""), style=style or None)
    return text


@st.composite
def tables(draw: st.DrawFn) -> Table:
    padding = draw(st.sampled_from([(0, 1), (0, 2)]))
    if draw(st.booleans()):
        table = Table.grid(padding=padding)
    else:
        table = Table(box=None, padding=padding, pad_edge=False, header_style=draw(STYLES))
    columns = draw(st.integers(1, 5))
    for index in range(columns):
        table.add_column(
            f"Column {index}" * draw(st.integers(0, 2)),
            no_wrap=draw(st.booleans()),
            justify=draw(st.sampled_from(["left", "right", "center", "default"])),
            overflow=draw(st.sampled_from(["fold", "ellipsis", "crop"])),
            width=draw(st.none() | st.integers(1, 10)),
            min_width=draw(st.none() | st.integers(1, 16)),
            style=draw(STYLES),
        )
    for _ in range(draw(st.integers(1, 6))):
        table.add_row(*(draw(texts()) for _ in range(columns)))
    return table


def rows_of_nothing() -> Table:
    """A row whose cells render to no line at all still takes one line."""
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="default")
    table.add_column(justify="default")
    table.add_row(Text("", style="dim", end=""), Text("", style="bold", end=""))
    table.add_row("a", "b")
    return table


def header_wrapped() -> Table:
    """A header cell that wraps: the others in its row are filled above, not below."""
    table = Table(box=None, padding=(0, 1), pad_edge=False, header_style="dim")
    table.add_column("A header long enough to wrap")
    table.add_column("B", no_wrap=True, style="bold")
    table.add_row("x y z", "1")
    return table


@given(table=tables(), width=st.integers(4, 140), colour=st.booleans())
@example(table=rows_of_nothing(), width=20, colour=True)
@example(table=header_wrapped(), width=16, colour=True)
def test_a_grid_prints_as_rich_prints_it(table: Table, width: int, colour: bool) -> None:
    quick = printed(grid.Indented(table, 2), width, colour=colour)
    assert quick == printed(by_rich(table, 2), width, colour=colour)
