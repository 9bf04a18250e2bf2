"""Our own table renderable (render/grid.py), pinned by its own golden outputs.

Each golden is the exact text printed at a fixed width, in plain and in colour: what a person
sees, not what another library would have drawn. The properties below hold for any cells at
any width: no line wider than the terminal, no trailing spaces, every word shown whole when
there is room for it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from mentorlog.render.common import fields, names, table
from mentorlog.render.grid import Grid, Indented
from mentorlog.render.mentors import marked
from mentorlog.render.safe import literal
from mentorlog.render.wrap import cut
from tests.helpers import run


def printed(renderable: RenderableType, width: int = 80, *, colour: bool = False) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=colour,
        no_color=False,  # the tests' NO_COLOR=1 must not take the colour out of these
        color_system="standard" if colour else None,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    console.print(renderable)
    output = console.file.getvalue()
    assert isinstance(output, str)
    return output


@dataclass
class Ref:
    name: str


def people() -> Grid:
    """The shape of `mentor list`: names wrap at spaces, the goals give way."""
    grid = table("ID", "Name", "Kind", "Last met", "Goals")
    for column in grid.columns:
        column.no_wrap = True
    grid.columns[1].no_wrap = False
    grid.columns[4].overflow = "ellipsis"
    grid.add_row(
        "6f33e45d",
        literal("Zoë Fernández-García"),
        "mentor",
        "never",
        names([Ref("Grow into an engineering manager"), Ref("Become a confident speaker")]),
    )
    grid.add_row(
        "a6a3a450",
        literal("Ada Okafor"),
        "mentor",
        "2026-10-08",
        names([Ref("Read product analytics without help")]),
    )
    return grid


PEOPLE_80 = """\
ID        Name                  Kind    Last met    Goals
────────────────────────────────────────────────────────────────────────────────
6f33e45d  Zoë Fernández-García  mentor  never       Grow into an engineering ma…
a6a3a450  Ada Okafor            mentor  2026-10-08  Read product analytics with…
"""

PEOPLE_50 = """\
ID        Name        Kind    Last met    Goals
──────────────────────────────────────────────────
6f33e45d  Zoë         mentor  never       Grow in…
          Fernández-
          García
a6a3a450  Ada Okafor  mentor  2026-10-08  Read pr…
"""


def test_a_list_table_at_80_columns() -> None:
    assert printed(people()) == PEOPLE_80


def test_a_name_stays_whole_while_the_goals_give_way() -> None:
    output = printed(people(), 60)
    assert "6f33e45d  Zoë Fernández-García  mentor  never       Grow in…\n" in output


def test_a_name_wraps_at_its_space_and_hyphen_never_inside_a_word() -> None:
    assert printed(people(), 50) == PEOPLE_50  # not "Fernández-Garc" / "ía"


def test_a_list_table_in_colour() -> None:
    bold = "\x1b[1m{}\x1b[0m"
    header = "        ".join(bold.format(h) for h in ("ID", "Name"))
    assert printed(people(), colour=True).splitlines()[0] == (
        f"{header}                  {bold.format('Kind')}    {bold.format('Last met')}    "
        f"{bold.format('Goals')}"
    )
    grid = Grid(gap=2)
    grid.add_column(style="dim")
    grid.add_column(justify="right")
    grid.add_row("Sessions", Text("12", style="bold"))
    grid.add_row("Hours", Text("3.5", style="green"))
    assert printed(grid, colour=True) == (
        "\x1b[2mSessions\x1b[0m   \x1b[1m12\x1b[0m\n\x1b[2mHours\x1b[0m     \x1b[32m3.5\x1b[0m\n"
    )


def test_a_list_is_comma_separated_and_cut_with_an_ellipsis() -> None:
    line = printed(people()).splitlines()[2]
    assert line.endswith("Grow into an engineering ma…")
    assert len(line) == 80


def test_a_long_line_wraps_under_its_own_column() -> None:
    text = literal("Give a lightning talk at the company all-hands in front of everyone")
    text.append("  due 2027-03-23", style="yellow")
    shown = printed(marked([("○", "5685d624", text), ("✓", "5daf106d", literal("Short"))]), 50)
    assert shown == (
        "  ○ 5685d624 Give a lightning talk at the company\n"
        "             all-hands in front of everyone  due\n"
        "             2027-03-23\n"
        "  ✓ 5daf106d Short\n"
    )


def test_a_dim_header_without_a_rule_sits_on_the_bottom_line() -> None:
    grid = Grid("Mentor", "Sessions", gap=2, header_style="dim")
    grid.columns[1].justify = "right"
    grid.columns[1].width = 4
    grid.add_row(literal("Ada Okafor"), "3")
    assert printed(grid, 40) == "            Sess\nMentor      ions\nAda Okafor     3\n"


def test_indented_keeps_its_indent_and_adds_no_trailing_space() -> None:
    grid = Grid(gap=1)
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row("warn ", literal("No session with Ada Okafor for 56 days (cadence monthly)."))
    assert printed(Indented(grid, 2), 40) == (
        "  warn  No session with Ada Okafor for\n        56 days (cadence monthly).\n"
    )


def test_expand_hands_the_room_to_the_ratio_columns() -> None:
    grid = Grid("A", "B", "C", gap=1, expand=True, width=20)
    grid.columns[1].ratio = 1
    grid.columns[2].ratio = 1
    grid.add_row("a", "b", "c")
    assert printed(grid, 80) == "A B        C\na b        c\n"


def test_a_title_over_the_header_and_its_rule() -> None:
    grid = table("ID", "Due", title="Open items")
    grid.add_row("1", "2026-12-01")
    output = printed(grid, 30)
    assert output == "Open items\nID  Due\n──────────────\n1   2026-12-01\n"


def test_a_panel_measures_the_grid() -> None:
    grid = fields([("Why", "To grow"), ("Hope", "")])
    assert printed(Panel(grid, expand=False), 80) == (
        "╭─────────────╮\n│ Why To grow │\n╰─────────────╯\n"
    )


def test_a_string_cell_prints_no_control_characters() -> None:
    grid = Grid("A")
    grid.add_row("a\x1b[2Jb\x07")
    assert printed(grid) == "A\na[2Jb\n"


def test_cells_beyond_the_columns_are_refused() -> None:
    grid = Grid("A")
    with pytest.raises(ValueError, match="2 cells for 1 columns"):
        grid.add_row("1", "2")


words = st.text(alphabet="abcdéü山-", min_size=1, max_size=12)
cells = st.lists(words, min_size=0, max_size=6).map(" ".join)


@given(
    rows=st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=5),
    width=st.integers(min_value=1, max_value=120),
    cut=st.booleans(),
)
def test_any_table_fits_and_has_no_trailing_spaces(
    rows: list[list[str]], width: int, cut: bool
) -> None:
    grid = table("One", "Two", "Three")
    grid.columns[0].no_wrap = True
    if cut:
        grid.columns[2].overflow = "ellipsis"
    for row in rows:
        grid.add_row(*row)
    output = printed(grid, width)
    for line in output.splitlines():
        assert Text(line).cell_len <= width
        assert line == line.rstrip()
    columns = zip(("One", "Two", "Three"), *rows, strict=True)
    natural = sum(max(Text(cell).cell_len for cell in column) for column in columns) + 2 * 2
    if natural <= width:  # room for everything: every word is printed whole
        for row in rows:
            for word in " ".join(row).split():
                assert word in output


def test_mentor_list_at_80_columns_keeps_a_hyphenated_name_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run("mentor", "add", "Zoë Fernández-García", "--why", "w", "--hope", "h").exit_code == 0
    assert run("goal", "add", "Grow into an engineering manager", "--why", "w").exit_code == 0
    assert run("goal", "add", "Become a confident conference speaker", "--why", "w").exit_code == 0
    for goal in ("Grow", "Become"):
        assert run("mentor", "edit", "Zoë", "--goal", goal).exit_code == 0
    output = run("mentor", "list").stdout
    assert "  Zoë Fernández-García  " in output
    assert all(line == line.rstrip() for line in output.splitlines())
    monkeypatch.setenv("COLUMNS", "140")
    assert "Grow into an engineering manager, Become…" in run("mentor", "list").stdout


def test_a_cut_drops_the_spaces_before_its_ellipsis() -> None:
    grid = Grid(gap=2)
    grid.add_column(overflow="ellipsis")
    grid.add_column(no_wrap=True)
    grid.add_row(literal("Zoë Fernández-García de la Vega"), "mentor")
    # 28 cells for the name: Rich's own cut leaves "Zoë Fernández-García de la …". The
    # column keeps its width: what follows stays in line with the rows above and below.
    assert printed(grid, 36) == "Zoë Fernández-García de la…   mentor\n"
    assert printed(grid, 37) == "Zoë Fernández-García de la V…  mentor\n"


def test_a_cut_goes_before_a_separator_whose_other_side_does_not_fit() -> None:
    what = Text("Submit a proposal to a regional conference")
    what.append(" · ", style="dim")
    what.append("Become a confident conference speaker", style="dim")
    grid = Grid(gap=2)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="ellipsis")
    grid.add_row("milestone", what)
    assert printed(grid, 56) == "milestone  Submit a proposal to a regional conference…\n"
    assert printed(grid, 58) == "milestone  Submit a proposal to a regional conference · B…\n"
    # Punctuation that is all there is stays; what fits is not cut.
    assert cut(Text("· abc"), 2).plain == "·…"
    assert cut(Text("short"), 5).plain == "short"


def test_a_title_is_cut_the_same_way() -> None:
    grid = Grid("Name", title="Open topics with Zoë de la Vega")
    grid.add_row("x" * 28)  # the title is cut to the grid's width
    assert printed(grid, 80).splitlines()[0] == "Open topics with Zoë de la…"


def test_text_that_rich_wraps_keeps_no_space_at_its_line_ends() -> None:
    long = Text("Nudges are about today, so they are shown only in the current quarter's review.")
    assert printed(Indented(long, 2), 40) == (
        "  Nudges are about today, so they are\n  shown only in the current quarter's\n  review.\n"
    )
    assert printed(Indented(long), 40).splitlines()[0] == "Nudges are about today, so they are"
    grid = Grid(gap=1)
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row("  -", Group(long))  # a renderable cell: Rich wraps it
    assert all(line == line.rstrip() for line in printed(grid, 40).splitlines())


@pytest.mark.parametrize(
    "command",
    [("goal", "list"), ("milestone", "list"), ("meeting", "list"), ("action", "list"),
     ("topic", "list"), ("reflection", "list"), ("mentor", "list"), ("status",), ("review",)],
)  # fmt: skip
def test_what_an_empty_list_says_wraps_without_trailing_spaces(
    monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    result = run(*command)
    assert result.exit_code == 0
    assert result.stdout.strip()
    assert all(line == line.rstrip() for line in result.stdout.splitlines())
