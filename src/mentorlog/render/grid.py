"""Tables printed byte for byte as Rich prints them, only sooner.

Rich lays a table out by wrapping every cell in a Padding and measuring it three to five
times: with a few hundred rows, that was most of `mentorlog review`'s time on a long journal,
and most of a list command's. This module lays a table out in one pass, with the same
segments and so the same bytes, colours included:

- `QuickTable` is a Table (the list commands build theirs through `render.common.table`);
- `Indented(table, indent)` prints what `Padding(table, (0, 0, 0, indent), expand=False)`
  prints (the review, the dashboard, `mentorlog nudge`).

Column widths are Rich's own reckoning (render/grid_widths.py) on cells measured once; cells
of text that fit on a line are drawn directly (render/grid_cells.py), any other cell by Rich.
A table with borders round it, lines between its rows, a footer or row styles is handed whole
to Rich. tests/test_review_render_speed.py and tests/test_grid_tables.py hold both to Rich.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.box import Box
from rich.console import Console, ConsoleOptions, JustifyMethod, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style, StyleType
from rich.table import Table
from rich.text import Text, TextType

from mentorlog.render.grid_cells import Line, text_cell_lines
from mentorlog.render.grid_widths import Measured, column_widths, padded, table_measurement


class QuickTable(Table):
    """A Table that lays itself out in one pass when it can, and as Rich does otherwise."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        layout = Layout.of(self, console, options)
        laid_out = None if layout is None else layout.lines(options)
        if laid_out is None:
            yield from super().__rich_console__(console, options)
            return
        lines, width = laid_out
        # The title and caption as Rich renders them: one text each, no need to be quicker.
        annotation_options = options.update(width=width, highlight=self.highlight, height=None)
        if self.title:
            title_style = Style.pick_first(self.title_style, "table.title")
            yield from _annotation(
                console, annotation_options, self.title, title_style, self.title_justify
            )
        new_line = Segment.line()
        for line in lines:
            yield from line
            yield new_line
        if self.caption:
            caption_style = Style.pick_first(self.caption_style, "table.caption")
            yield from _annotation(
                console, annotation_options, self.caption, caption_style, self.caption_justify
            )


def _annotation(
    console: Console,
    options: ConsoleOptions,
    text: TextType,
    style: StyleType,
    justify: JustifyMethod,
) -> Iterable[Segment]:
    """A title or caption, as Rich's Table renders it."""
    if isinstance(text, str):
        text = console.render_str(text, style=style, highlight=False)
    return console.render(text, options.update(justify=justify))


class Indented:
    """A table indented by `indent` cells, as `Padding(table, (0, 0, 0, indent), expand=False)`."""

    def __init__(self, table: Table, indent: int) -> None:
        self.table = table
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table, indent = self.table, self.indent
        # A title or caption would have to be cut into lines to be indented: Rich does that.
        layout = None if table.title or table.caption else Layout.of(table, console, options)
        laid_out = None
        if layout is not None:  # Padding sizes the table to its measurement first
            width = min(layout.measurement(options).maximum + indent, options.max_width)
            laid_out = layout.lines(options.update_width(width - indent))
            if laid_out is not None and laid_out[1] != width - indent:
                laid_out = None  # not as wide as its room: Padding crops or pads it
        if laid_out is None:
            yield Padding(table, (0, 0, 0, indent), expand=False)
            return
        indent_segment, new_line = Segment(" " * indent), Segment.line()
        for line in laid_out[0]:
            yield indent_segment
            yield from line
            yield new_line


class Layout:
    """A table's cells, measured once, to be laid out at any width."""

    def __init__(self, table: Table, console: Console, columns: list[list[RenderableType]]) -> None:
        self.table, self.console, self.columns = table, console, columns
        self.pads = _pads(table)
        self.measured = [
            Measured(table, index, cells, self.pads[index]) for index, cells in enumerate(columns)
        ]

    @classmethod
    def of(cls, table: Table, console: Console, options: ConsoleOptions) -> Layout | None:
        """The table's layout, or None when Rich must draw it."""
        if not _is_simple(table):
            return None
        columns = _cells(table, console, options)
        return None if columns is None else cls(table, console, columns)

    def measurement(self, options: ConsoleOptions) -> Measurement:
        return table_measurement(self.table, self.console, options, self.measured)

    def lines(self, options: ConsoleOptions) -> tuple[list[Line], int] | None:
        """The table's lines under its title, as Rich draws them in `options.max_width`
        cells, and its width; None when Rich must draw it."""
        table = self.table
        max_width = options.max_width if table.width is None else table.width
        extra_width = table._extra_width
        if max_width - extra_width < 1:
            return None
        widths = column_widths(
            table, self.console, options.update_width(max_width - extra_width), self.measured
        )
        if any(width < sum(pad) + 1 for width, pad in zip(widths, self.pads, strict=True)):
            return None  # a column narrower than its padding: Rich crops it, let it
        lines = _draw(table, self.console, options, self.columns, widths)
        return lines, sum(widths) + extra_width


def _is_simple(table: Table) -> bool:
    """No borders round it or between rows, no footer, no row styles, no vertical padding,
    nothing aligned but to the top, no highlighting: what `table_lines` draws."""
    top, _, bottom, _ = table.padding
    boxed = table.box is not None
    return (
        bool(table.columns)
        and bool(table.rows)
        and top == bottom == 0
        and not (table.show_footer or table.row_styles)
        and not (boxed and (table.show_edge or table.show_lines or table.leading))
        and all(row.style is None and not (boxed and row.end_section) for row in table.rows)
        and all(column.vertical == "top" for column in table.columns)
    )


def _pads(table: Table) -> list[tuple[int, int]]:
    """Each column's (left, right) padding, as Rich's `Table._get_cells` pads its cells."""
    _, right, _, left = table.padding
    last = len(table.columns) - 1
    pads = []
    for index in range(len(table.columns)):
        cell_left = max(0, left - right) if table.collapse_padding and index else left
        cell_right = right
        if not table.pad_edge:
            cell_left = 0 if index == 0 else cell_left
            cell_right = 0 if index == last else cell_right
        pads.append((cell_left, cell_right))
    return pads


def _cells(
    table: Table, console: Console, options: ConsoleOptions
) -> list[list[RenderableType]] | None:
    """Each column's cells, the header first when it is shown, strings read as Rich reads
    them; None when a cell asks to be aligned but to the top."""
    columns = []
    for column in table.columns:
        cells: list[RenderableType] = [column.header] if table.show_header else []
        cells += column.cells
        for index, cell in enumerate(cells):
            if isinstance(cell, str) and not column.highlight:
                cells[index] = console.render_str(cell, markup=options.markup, highlight=False)
            elif getattr(cell, "vertical", None) not in (None, "top"):
                return None
        columns.append(cells)
    return columns


def _draw(
    table: Table,
    console: Console,
    options: ConsoleOptions,
    columns: Sequence[Sequence[RenderableType]],
    widths: Sequence[int],
) -> list[Line]:
    """Rich's `Table._render` for the tables `_is_simple` lets through."""
    get_style = console.get_style
    header_style = get_style(table.header_style or "")
    header_styles = [header_style + get_style(column.header_style) for column in table.columns]
    cell_styles = [get_style(column.style or "") for column in table.columns]
    pads = _pads(table)
    cell_options = [
        options.update(
            width=width,
            justify=column.justify,
            no_wrap=column.no_wrap,
            overflow=column.overflow,
            height=None,
            highlight=column.highlight,
        )
        for column, width in zip(table.columns, widths, strict=True)
    ]
    text_options = [
        cell.update_width(width - sum(pad))
        for cell, width, pad in zip(cell_options, widths, pads, strict=True)
    ]
    box = _box(table, console, options)
    border_style = get_style(table.style or "") + get_style(table.border_style or "")
    rows = list(zip(*columns, strict=True))
    lines: list[Line] = []
    for index, row in enumerate(rows):
        header = table.show_header and not index
        styles = header_styles if header else cell_styles
        cells = []
        for column, cell in enumerate(row):
            if isinstance(cell, Text):
                pad = pads[column]
                rendered = text_cell_lines(console, cell, text_options[column], pad, styles[column])
            else:
                rendered = console.render_lines(
                    padded(cell, pads[column], table), cell_options[column], style=styles[column]
                )
            cells.append(rendered)
        row_lines = _side_by_side(cells, widths, styles, at_bottom=header)
        if box is None:
            lines += [[segment for cell in line for segment in cell] for line in row_lines]
            continue
        level = 0 if not index else (2 if index == len(rows) - 1 else 1)
        divider = _divider(box, level, border_style)
        lines += [_joined(line, divider) for line in row_lines]
        if header:
            lines.append([Segment(box.get_row(widths, "head", edge=False), border_style)])
    return lines


def _box(table: Table, console: Console, options: ConsoleOptions) -> Box | None:
    """The box as Rich substitutes it for the terminal (ASCII, legacy Windows, no header)."""
    if table.box is None:
        return None
    safe = console.safe_box if table.safe_box is None else table.safe_box
    box = table.box.substitute(options, safe=safe)
    return box if table.show_header else box.get_plain_headed_box()


def _divider(box: Box, level: int, border_style: Style) -> Segment:
    """The vertical between cells, in the header (0), a row (1) or the last row (2)."""
    vertical = (box.head_vertical, box.mid_vertical, box.foot_vertical)[level]
    if vertical.strip():
        return Segment(vertical, border_style)
    # Rich styles a blank divider with the row's background: rows have no style here.
    return Segment(vertical, Style.null().background_style + border_style)


def _joined(cells: Sequence[Line], divider: Segment) -> Line:
    line = list(cells[0])
    for cell in cells[1:]:
        line.append(divider)
        line += cell
    return line


def _side_by_side(
    cells: list[list[Line]], widths: Sequence[int], styles: Sequence[Style], *, at_bottom: bool
) -> list[list[Line]]:
    """A row's lines, each a list of its cells' segments: the shorter cells filled with blank
    lines (above them in the header, below them elsewhere)."""
    height = max(len(cell) for cell in cells)
    if not height:  # every cell rendered to nothing: Rich still gives the row a blank line
        return [[[Segment(" " * width)] for width in widths]]
    filled = []
    for cell, width, style in zip(cells, widths, styles, strict=True):
        blank = [[Segment(" " * width, style)]] * (height - len(cell))
        filled.append(blank + cell if at_bottom else cell + blank)
    return [[cell[index] for cell in filled] for index in range(height)]
