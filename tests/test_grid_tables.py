"""The list commands' tables (render/grid.py's QuickTable) print exactly what Rich prints.

`render.common.table` builds a QuickTable: a Rich Table laid out in one pass. These tests hold
it to Rich's own `Table.__rich_console__`, byte for byte, in colour and without: on the list
commands over a sample journal at many widths, and on random tables with a head rule, titles,
ratios, fixed and least widths, stretching and shrinking. No timings here: only the output.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from mentorlog.render import grid, mentors
from mentorlog.render.common import table as list_table
from mentorlog.render.safe import literal
from mentorlog.sample import build_sample
from mentorlog.storage.store import Store
from tests.helpers import run
from tests.test_review_render_speed import printed

TODAY = date(2026, 11, 24)
WIDTHS = [30, 40, 60, 80, 100, 132, 200]
LIST_COMMANDS = [
    ("mentor", "list", "--all"),
    ("meeting", "list", "--limit", "100"),
    ("action", "list", "--all"),
    ("goal", "list", "--all"),
    ("milestone", "list", "--all"),
    ("reflection", "list"),
]


def outcome(renderable: RenderableType, width: int, *, colour: bool) -> str:
    """What is printed, or the error raised: Rich gives up on some degenerate tables (every
    column 0 cells wide and a least width to share), and so must the quick layout."""
    try:
        return printed(renderable, width, colour=colour)
    except Exception as error:  # the same error from both is the same outcome
        return f"raised {type(error).__name__}"


class ByRich:
    """The table as Rich's own Table lays it out, whatever its class."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        return Table.__rich_console__(self.table, console, options)


def rich_lays_out_quick_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grid.QuickTable, "__rich_console__", Table.__rich_console__)


# -- the list commands ----------------------------------------------------------------------


@pytest.fixture
def sample_journal(home: Path) -> Path:
    """The sample journal, with long, wide and markup-like names so that columns fold, cut
    and hold wide characters."""
    records = build_sample(TODAY)
    mentors_ = records["mentors"]
    mentors_[0] = mentors_[0].model_copy(update={"name": "Ада Лавлейс-Петрова " * 3 + "[bold]x"})
    mentors_[1] = mentors_[1].model_copy(update={"name": "山田 太郎 🌸 " * 4})
    goals = records["goals"]
    goals[0] = goals[0].model_copy(update={"title": "Become a calmer speaker " * 4})
    with Store(home, command="test").transaction() as journal:
        for name, loaded in records.items():
            getattr(journal, name).extend(loaded)
    return home


def grid_goal_lines(row: Any) -> RenderableType:
    """The goals cell of `mentor list` as it was: a grid of one line per goal."""
    if not row.goals:
        return Text("—", style="dim")
    lines = Table.grid()
    lines.add_column(no_wrap=True, overflow="ellipsis")
    for goal in row.goals:
        lines.add_row(literal(goal.name))
    return lines


def outputs(monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]) -> Iterator[str]:
    for width in WIDTHS:
        monkeypatch.setenv("COLUMNS", str(width))
        result = run(*command)
        assert result.exit_code == 0, result.output
        yield result.stdout


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("command", LIST_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_list_prints_as_rich_lays_it_out(
    monkeypatch: pytest.MonkeyPatch, sample_journal: Path, command: tuple[str, ...], colour: bool
) -> None:
    if colour:
        monkeypatch.delenv("NO_COLOR")
        monkeypatch.setenv("FORCE_COLOR", "1")
    quick = list(outputs(monkeypatch, command))
    rich_lays_out_quick_tables(monkeypatch)
    monkeypatch.setattr(mentors, "_goal_lines", grid_goal_lines)
    assert quick == list(outputs(monkeypatch, command))
    assert ("\x1b[" in quick[3]) is colour
    assert "─" * 10 in quick[3]  # the head rule: a real table, not a message


def test_the_lists_take_the_quick_layout(
    monkeypatch: pytest.MonkeyPatch, sample_journal: Path
) -> None:
    laid_out: list[bool] = []
    real = grid.Layout.lines

    def spy(layout: grid.Layout, *args: Any) -> Any:
        lines = real(layout, *args)
        laid_out.append(lines is not None)
        return lines

    monkeypatch.setattr(grid.Layout, "lines", spy)
    for command in LIST_COMMANDS:
        assert run(*command).exit_code == 0
    assert laid_out == [True] * len(LIST_COMMANDS)


# -- random tables --------------------------------------------------------------------------

STYLES = st.sampled_from(["", "dim", "bold", "bold red", "green", "yellow on blue"])
WORDS = st.sampled_from(
    [
        "a",
        "word",
        "longerword",
        "日本語",
        "🌸x",
        "·",
        "→",
        "12.5",
        " ",
        "",
        "[b]",
        "supercalifragilistic",
    ]
)
PHRASES = st.lists(WORDS, max_size=6).map(" ".join)


@st.composite
def texts(draw: st.DrawFn) -> RenderableType:
    kind = draw(st.sampled_from(["str", "text", "text", "grid"]))
    if kind == "str":
        return draw(PHRASES)
    if kind == "grid":  # a table in a cell: Rich measures and renders that one
        inner = Table.grid(padding=(0, 1))
        inner.add_column(no_wrap=draw(st.booleans()), overflow="ellipsis")
        inner.add_column()
        inner.add_row(draw(PHRASES), draw(PHRASES))
        return inner
    text = Text(
        style=draw(STYLES),
        end=draw(st.sampled_from(["\n", ""])),
        justify=draw(st.sampled_from([None, "left", "right"])),
        no_wrap=draw(st.sampled_from([None, True])),
        overflow=draw(st.sampled_from([None, "ellipsis", "crop"])),
    )
    for words, style, new_line in draw(
        st.lists(st.tuples(PHRASES, STYLES, st.booleans()), max_size=4)
    ):
        text.append(words + ("\n" if new_line else ""), style=style or None)
    return text


@st.composite
def tables(draw: st.DrawFn, cls: type[Table] = grid.QuickTable) -> Table:
    table = cls(
        box=draw(st.sampled_from([None, box.SIMPLE_HEAD, box.SIMPLE, box.MINIMAL, box.HEAVY_HEAD])),
        show_edge=False,
        show_header=draw(st.booleans()),
        padding=draw(st.sampled_from([(0, 0), (0, 1), (0, 2), (0, 1, 0, 0), (0, 2, 0, 1)])),
        pad_edge=draw(st.booleans()),
        collapse_padding=draw(st.booleans()),
        expand=draw(st.booleans()),
        width=draw(st.none() | st.integers(8, 120)),
        min_width=draw(st.none() | st.integers(1, 100)),
        header_style=draw(STYLES),
        border_style=draw(STYLES),
        title=draw(st.none() | PHRASES),
        title_style=draw(STYLES),
        title_justify=draw(st.sampled_from(["left", "center", "right"])),
        caption=draw(st.none() | PHRASES),
    )
    columns = draw(st.integers(1, 6))
    for index in range(columns):
        table.add_column(
            f"Column {index}" * draw(st.integers(0, 2)),
            no_wrap=draw(st.booleans()),
            justify=draw(st.sampled_from(["left", "right", "center", "default"])),
            overflow=draw(st.sampled_from(["fold", "ellipsis", "crop"])),
            width=draw(st.none() | st.integers(1, 10)),
            min_width=draw(st.none() | st.integers(1, 16)),
            max_width=draw(st.none() | st.integers(1, 20)),
            ratio=draw(st.none() | st.integers(1, 3)),
            style=draw(STYLES),
            header_style=draw(STYLES),
        )
    for _ in range(draw(st.integers(1, 6))):
        table.add_row(*(draw(texts()) for _ in range(columns)))
    return table


def a_list_table() -> Table:
    """A table as the list commands build them, with a title, shrunk below its width."""
    table = list_table("ID", "Name", "Due", title="Open items")
    table.columns[1].ratio = 2
    table.columns[1].overflow = "fold"
    table.add_row("ab12cd34", literal("A name long enough to fold " * 2), "2026-11-30")
    table.add_row("ef56ab78", Text("—", style="dim"), Text("2026-12-01", style="bold red"))
    return table


@given(table=tables(), width=st.integers(1, 160), colour=st.booleans())
@example(table=a_list_table(), width=40, colour=True)
def test_a_quick_table_prints_as_rich_prints_it(table: Table, width: int, colour: bool) -> None:
    assert outcome(table, width, colour=colour) == outcome(ByRich(table), width, colour=colour)


@given(table=tables(cls=Table), width=st.integers(4, 160), colour=st.booleans())
def test_an_indented_table_prints_as_rich_pads_it(table: Table, width: int, colour: bool) -> None:
    quick = outcome(grid.Indented(table, 2), width, colour=colour)
    assert quick == outcome(grid.Padding(table, (0, 0, 0, 2), expand=False), width, colour=colour)


def test_a_list_table_is_a_rich_table_with_a_head_rule() -> None:
    table = a_list_table()
    assert isinstance(table, Table)
    lines = printed(table, 40, colour=False).splitlines()
    assert lines[0].rstrip() == "Open items"
    assert lines[1].split() == ["ID", "Name", "Due"]
    assert set(lines[2]) == {"─"}
    assert lines[3].split()[:3] == ["ab12cd34", "A", "name"]
