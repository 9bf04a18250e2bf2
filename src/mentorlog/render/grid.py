"""Plain grids of text, printed byte for byte as Rich prints them, only sooner.

Rich lays a table out by wrapping every cell in a Padding and measuring it three to five
times: with a few hundred rows, that was most of `mentorlog review`'s time on a long journal.
`Indented(table)` prints what `Padding(table, (0, 0, 0, indent), expand=False)` prints, the
same segments and so the same bytes, colours included. It lays the table out in one pass when
the table is a plain grid of text that fits (one column at most wrapping to make it fit), and
hands any other table to Rich. tests/test_review_render_speed.py holds it to Rich's output.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

Line = list[Segment]


class Indented:
    """A table indented by `indent` cells, as `Padding(table, (0, 0, 0, indent), expand=False)`."""

    def __init__(self, table: Table, indent: int) -> None:
        self.table = table
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = grid_lines(self.table, console, options, options.max_width - self.indent)
        if lines is None:
            yield Padding(self.table, (0, 0, 0, self.indent), expand=False)
            return
        indent, new_line = Segment(" " * self.indent), Segment.line()
        for line in lines:
            yield indent
            yield from line
            yield new_line


def grid_lines(
    table: Table, console: Console, options: ConsoleOptions, width: int
) -> list[Line] | None:
    """The table's lines as Rich draws them in `width` cells, or None when Rich must."""
    if width < 1 or not _is_plain_grid(table, console):
        return None
    rows = _text_rows(table, console, options)
    if rows is None:
        return None
    columns = table.columns
    gap, last = table.padding[1], len(columns) - 1  # each side padded alike, never the edges
    pads = [
        (0 if index == 0 or table.collapse_padding else gap, 0 if index == last else gap)
        for index in range(len(columns))
    ]
    widths = _column_widths(table, [texts for texts, _ in rows], pads, width)
    if widths is None:
        return None
    cell_options = [
        options.update(
            width=column_width - left - right,
            justify=column.justify,
            no_wrap=column.no_wrap,
            overflow=column.overflow,
            height=None,
            highlight=column.highlight,
        )
        for column, column_width, (left, right) in zip(columns, widths, pads, strict=True)
    ]
    lines: list[Line] = []
    for index, (texts, styles) in enumerate(rows):
        cells = [
            _cell_lines(console, text, cell_options[column], pads[column], style)
            for column, (text, style) in enumerate(zip(texts, styles, strict=True))
        ]
        lines += _side_by_side(cells, widths, styles, at_bottom=table.show_header and not index)
    return lines


def _is_plain_grid(table: Table, console: Console) -> bool:
    """No borders, titles, footers, row styles, vertical padding or padded edges."""
    top, right, bottom, left = table.padding
    return (
        table.box is None
        and not (table.expand or table.show_footer or table.pad_edge or table.row_styles)
        and table.width is None
        and table.min_width is None
        and table.title is None
        and table.caption is None
        and not console.get_style(table.style or "")
        and top == bottom == 0
        and left == right
        and bool(table.rows)
        and all(row.style is None for row in table.rows)
        and all(column.vertical == "top" and column.max_width is None for column in table.columns)
    )


def _text_rows(
    table: Table, console: Console, options: ConsoleOptions
) -> list[tuple[list[Text], list[Style]]] | None:
    """Each row's texts and cell styles, the header first when it is shown; None when a cell
    is not text."""
    get_style = console.get_style
    rows: list[tuple[Sequence[RenderableType], list[Style]]] = []
    if table.show_header:
        header_style = get_style(table.header_style or "")
        styles = [header_style + get_style(column.header_style) for column in table.columns]
        rows.append(([column.header for column in table.columns], styles))
    styles = [get_style(column.style or "") for column in table.columns]
    rows += [
        (cells, styles) for cells in zip(*(column.cells for column in table.columns), strict=True)
    ]
    text_rows = []
    for cells, styles in rows:
        texts = _as_texts(cells, console, options)
        if texts is None:
            return None
        text_rows.append((texts, styles))
    return text_rows


def _as_texts(
    cells: Sequence[RenderableType], console: Console, options: ConsoleOptions
) -> list[Text] | None:
    texts = []
    for cell in cells:
        if isinstance(cell, str):  # as Rich reads a string cell
            cell = console.render_str(cell, markup=options.markup, highlight=False)
        if not isinstance(cell, Text):
            return None
        texts.append(cell)
    return texts


def _column_widths(
    table: Table, rows: Sequence[Sequence[Text]], pads: Sequence[tuple[int, int]], width: int
) -> list[int] | None:
    """Rich's widths: each column as wide as its widest cell (or its fixed width), and when
    that is too wide, the one column that may wrap narrowed by the excess; None otherwise."""
    widths = []
    for index, column in enumerate(table.columns):
        extra = sum(pads[index])
        # Rich pads a fixed or minimum width by this, which its versions reckon differently.
        reckoned = table._get_padding_width(index)
        if width - extra < 1:
            return None
        if column.width is not None:
            widest = min(column.width + reckoned, width)
        else:
            widest = min(max(_widest_line(row[index]) + extra for row in rows), width)
            if column.min_width is not None:
                widest = max(widest, column.min_width + reckoned)
        if widest < 1:
            return None
        widths.append(widest)
    excess = sum(widths) - width
    if excess <= 0:
        return widths
    wrapping = [
        i for i, column in enumerate(table.columns) if column.width is None and not column.no_wrap
    ]
    if len(wrapping) != 1:
        return None
    (index,) = wrapping
    narrowed = widths[index] - excess
    least = table.columns[index].min_width or 0
    if narrowed < max(sum(pads[index]) + 1, least + table._get_padding_width(index)):
        return None
    widths[index] = narrowed
    return widths


def _widest_line(text: Text) -> int:
    return max((cell_len(line) for line in text.plain.splitlines()), default=0)


def _cell_lines(
    console: Console, text: Text, options: ConsoleOptions, pad: tuple[int, int], style: Style
) -> list[Line]:
    left = [Segment(" " * pad[0])] if pad[0] else []
    right = [Segment(" " * pad[1])] if pad[1] else []
    lines = [left + line + right for line in _content_lines(console, text, options)]
    if style:
        return [list(Segment.apply_style(line, style)) for line in lines]
    return lines


def _content_lines(console: Console, text: Text, options: ConsoleOptions) -> list[Line]:
    """The text's lines as Rich renders them in a cell: directly when each of them fits."""
    parts = text.split("\n", allow_blank=True) if "\n" in text.plain else [text]
    lines = [_one_line(console, part, options) for part in parts]
    fitted = [line for line in lines if line is not None]
    if text.end not in ("", "\n") or len(fitted) < len(lines):
        return console.render_lines(text, options, pad=True)
    return fitted


def _one_line(console: Console, text: Text, options: ConsoleOptions) -> Line | None:
    """What Rich renders for a text that fits on one line; None for any other text."""
    plain = text.plain
    justify = text.justify or options.justify or "default"
    room = options.max_width - cell_len(plain)
    if (
        not plain
        or room < 0
        or "\n" in plain
        or "\t" in plain
        or justify not in ("default", "left", "right")
        or (justify == "right" and plain != plain.rstrip())  # Rich would strip it first
    ):
        return None
    if not text.spans:  # most cells: one segment, with its padding unless left unjustified
        style = console.get_style(text.style, default=Style.null()) if text.style else None
        if justify == "left":
            return [Segment(plain + " " * room, style)]
        if justify == "right":
            return [Segment(" " * room + plain, style)]
        return [Segment(plain, style), Segment(" " * room)] if room else [Segment(plain, style)]
    line = text.copy()
    if justify == "left":
        line.pad_right(room)
    elif justify == "right":
        line.pad_left(room)
    segments = list(Text("\n").join([line]).render(console))  # the text's style as a span
    return [*segments, Segment(" " * room)] if justify == "default" and room else segments


def _side_by_side(
    cells: list[list[Line]], widths: Sequence[int], styles: Sequence[Style], *, at_bottom: bool
) -> list[Line]:
    """A row's lines: its cells side by side, the shorter ones filled with blank lines (above
    them in the header, below them elsewhere)."""
    height = max(len(cell) for cell in cells)
    if not height:  # every cell rendered to nothing: Rich still gives the row a blank line
        return [[Segment(" " * width) for width in widths]]
    filled = []
    for cell, width, style in zip(cells, widths, styles, strict=True):
        blank = [[Segment(" " * width, style)]] * (height - len(cell))
        filled.append(blank + cell if at_bottom else cell + blank)
    return [[segment for cell in filled for segment in cell[index]] for index in range(height)]
