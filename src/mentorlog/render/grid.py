"""Tables of our own, drawn through Rich's public renderable protocol.

mentorlog prints a few shapes of table: the list commands' tables (a header, a rule under it,
rows), the review's and dashboard's grids (no rule, sometimes a dim header), and grids of
label and text. `Grid` draws exactly those, in one pass over its cells, with public Rich API
only (`__rich_console__`, `__rich_measure__`, `Text`, `Segment`, `cell_len`): a Rich release
cannot break it, and tests/test_grid.py pins its output.

How a row is laid out at a width, column by column:

- a column's natural width is its widest cell. Its least width: its longest word when it
  wraps (lines break at spaces and after hyphens, render/wrap.py, so a name never breaks
  inside a word while there is room); a few cells when it is cut with an ellipsis
  (`overflow="ellipsis"`); its natural width when it is kept whole (`no_wrap`);
- when the natural widths do not fit, columns give way one cell at a time, the widest first:
  the ones cut with an ellipsis first, down to ELLIPSIS_ROOM; then every column down to its
  least width, a column that wraps counting WRAP_RESISTS cells narrower than it is (a name
  stays on one line longer than a list of goals keeps its width); only when every column is
  at its least width do words fold, then ids and dates get cut;
- `expand` hands the room left over to the columns with a `ratio` (or to the last one);
- nothing is printed after a row's last character: piped output has no trailing spaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from mentorlog.render.safe import literal
from mentorlog.render.wrap import WORD, cut, wrapped

Justify = Literal["left", "right"]
Overflow = Literal["fold", "ellipsis"]
Line = list[Segment]


ELLIPSIS_FLOOR = 8  # the fewest cells a cut column gives way to ("Grow in…")
ELLIPSIS_ROOM = 18  # what cut columns keep before a column that wraps gives way at all
WRAP_RESISTS = 12  # then a column that wraps gives way only when this much wider than others


@dataclass(eq=False, repr=False)
class Column:
    """One column: what Rich's `Column` offers, for the options mentorlog uses."""

    header: str = ""
    style: str = ""
    justify: Justify = "left"
    no_wrap: bool = False  # cells keep their lines whole: the column does not shrink
    overflow: Overflow = "fold"  # "ellipsis": lines are never wrapped, the column may shrink
    ratio: int | None = None  # a share of the room left over when the grid expands
    width: int | None = None  # exactly this wide
    min_width: int | None = None
    max_width: int | None = None
    cells: list[RenderableType] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class _Sized:
    """A column's cells as text or renderables, with its least and natural widths."""

    column: Column
    cells: list[Text | RenderableType]
    least: int
    natural: int

    @property
    def wraps(self) -> bool:
        column = self.column
        return not column.no_wrap and column.overflow != "ellipsis"


class Grid:
    """Rows of cells in columns `gap` cells apart, optionally under a header and a rule."""

    def __init__(
        self,
        *headers: str,
        gap: int = 1,
        show_header: bool | None = None,
        header_style: str = "bold",
        rule: bool = False,
        title: str | None = None,
        expand: bool = False,
        width: int | None = None,
    ) -> None:
        self.columns: list[Column] = [Column(header) for header in headers]
        self.gap = gap
        self.show_header = bool(headers) if show_header is None else show_header
        self.header_style = header_style
        self.rule = rule
        self.title = title
        self.expand = expand
        self.width = width  # at most this wide

    def add_column(
        self,
        header: str = "",
        *,
        style: str = "",
        justify: Justify = "left",
        no_wrap: bool = False,
        overflow: Overflow = "fold",
        ratio: int | None = None,
        width: int | None = None,
        min_width: int | None = None,
        max_width: int | None = None,
    ) -> Column:
        column = Column(
            header, style, justify, no_wrap, overflow, ratio, width, min_width, max_width
        )
        self.columns.append(column)
        return column

    def add_row(self, *cells: RenderableType) -> None:
        if len(cells) > len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        for index, column in enumerate(self.columns):
            column.cells.append(cells[index] if index < len(cells) else "")

    @property
    def row_count(self) -> int:
        return len(self.columns[0].cells) if self.columns else 0

    # -- Rich's protocol ---------------------------------------------------------------------

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        sized = self._sized(console, options)
        gaps = self.gap * max(0, len(sized) - 1)
        least = sum(column.least for column in sized) + gaps
        natural = sum(column.natural for column in sized) + gaps
        limit = options.max_width if self.width is None else min(self.width, options.max_width)
        return Measurement(min(least, limit), min(natural, limit))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.columns:
            return
        sized = self._sized(console, options)
        limit = options.max_width if self.width is None else min(self.width, options.max_width)
        widths = self._widths(sized, limit - self.gap * (len(sized) - 1))
        total = sum(widths) + self.gap * (len(widths) - 1)
        crop = total > limit  # more columns than cells to draw them in
        total = min(total, limit)
        new_line = Segment.line()
        if self.title:
            title = cut(Text(self.title, style="bold", no_wrap=True), total)
            yield from console.render(title, options.update_width(total))
        header_style = console.get_style(self.header_style, default="")
        styles = [console.get_style(column.style, default="") for column in self.columns]
        for row in range(len(sized[0].cells)):
            header = self.show_header and row == 0
            cells = [
                self._cell_lines(console, options, column, column.cells[row], width, style)
                for column, width, style in zip(
                    sized, widths, [header_style] * len(sized) if header else styles, strict=True
                )
            ]
            for line, overflows in self._joined(cells, widths, at_bottom=header):
                if crop or overflows:  # a wide character in a column one cell wide
                    line = _rstripped(Segment.adjust_line_length(line, total, pad=False))
                yield from line
                yield new_line
            if header and self.rule:
                yield Segment(("-" if options.ascii_only else "─") * total)
                yield new_line

    # -- layout ------------------------------------------------------------------------------

    def _sized(self, console: Console, options: ConsoleOptions) -> list[_Sized]:
        sized = []
        for column in self.columns:
            cells: list[Text | RenderableType] = [Text(column.header)] if self.show_header else []
            # A printable string is drawn as it is; any other is made literal (no escapes).
            cells += [
                literal(cell) if isinstance(cell, str) and not cell.isprintable() else cell
                for cell in column.cells
            ]
            least, natural = 0, 0
            for cell in cells:
                low, high = _measure(console, options, cell, column)
                least, natural = max(least, low), max(natural, high)
            if column.width is not None:
                least = natural = column.width
            if column.min_width is not None:
                least, natural = max(least, column.min_width), max(natural, column.min_width)
            if column.max_width is not None:
                least, natural = min(least, column.max_width), min(natural, column.max_width)
            sized.append(_Sized(column, cells, least, natural))
        return sized

    def _widths(self, sized: Sequence[_Sized], room: int) -> list[int]:
        widths = [column.natural for column in sized]
        excess = sum(widths) - room
        resists = [WRAP_RESISTS if column.wraps else 0 for column in sized]
        if excess > 0:
            floors = [
                column.natural if column.wraps else max(column.least, ELLIPSIS_ROOM)
                for column in sized
            ]
            excess = _give_way(widths, floors, resists, excess)
        if excess > 0:  # then the others too, down to their least
            excess = _give_way(widths, [column.least for column in sized], resists, excess)
        if excess > 0:  # too narrow for that: fold words, cut ids and dates
            floors = [min(column.natural, ELLIPSIS_FLOOR) for column in sized]
            excess = _give_way(widths, floors, [0] * len(sized), excess)
        if excess > 0:
            _give_way(widths, [1] * len(widths), [0] * len(sized), excess)
        elif self.expand and excess < 0:
            ratios = [column.column.ratio or 0 for column in sized]
            if not any(ratios):
                ratios[-1] = 1
            _share(widths, ratios, -excess)
        return widths

    def _cell_lines(
        self,
        console: Console,
        options: ConsoleOptions,
        sized: _Sized,
        cell: Text | RenderableType,
        width: int,
        style: Style,
    ) -> list[tuple[Line, int]]:
        """The cell's lines at `width`, each with its length in cells (no padding)."""
        if isinstance(cell, str):
            length = cell_len(cell)
            if length <= width:
                return [([Segment(cell, style or None)], length)]
            cell = Text(cell)
        if not isinstance(cell, Text):
            rendered = console.render_lines(
                cell, options.update(width=width, height=None), style=style, pad=False
            )
            # Rich's wrapping leaves the space it broke at: cut it (and any padding) off.
            return [(line, Segment.get_line_length(line)) for line in map(_rstripped, rendered)]
        column = sized.column
        if column.no_wrap or column.overflow == "ellipsis" or cell.no_wrap:
            pieces = cell.split("\n", allow_blank=True) if "\n" in cell.plain else [cell]
            shown = [cut(piece, width) for piece in pieces]
        elif "\n" not in cell.plain and cell_len(cell.plain) <= width:
            shown = [cell]
        else:
            shown = wrapped(cell, width)
        lines: list[tuple[Line, int]] = []
        for piece in shown:
            # Text.render leaves a Text's own style to its caller when it has no spans.
            base = style + console.get_style(piece.style, default="") if piece.style else style
            if not piece.spans:
                lines.append(([Segment(piece.plain, base or None)], cell_len(piece.plain)))
                continue
            segments = piece.render(console)
            if base:
                segments = Segment.apply_style(segments, base)
            lines.append((list(segments), cell_len(piece.plain)))
        return lines

    def _joined(
        self, cells: list[list[tuple[Line, int]]], widths: Sequence[int], *, at_bottom: bool
    ) -> list[tuple[Line, bool]]:
        """A row's lines: the cells side by side, shorter ones blank below (above, in the
        header), no spaces after the last character; and whether a cell overflows its width."""
        height = max(len(cell) for cell in cells) or 1
        lines = []
        for index in range(height):
            line: Line = []
            overflows = False
            pending = 0  # spaces owed before the next character
            for cell, width, column in zip(cells, widths, self.columns, strict=True):
                offset = height - len(cell) if at_bottom else 0
                if 0 <= index - offset < len(cell):
                    segments, length = cell[index - offset]
                    overflows = overflows or length > width
                    if column.justify == "right":
                        pending += width - length
                    if segments and length:
                        if pending:
                            line.append(Segment(" " * pending))
                        line += segments
                        pending = 0
                    pending += width - length if column.justify != "right" else 0
                else:
                    pending += width
                pending += self.gap
            lines.append((line, overflows))
        return lines


def _measure(
    console: Console, options: ConsoleOptions, cell: Text | RenderableType, column: Column
) -> tuple[int, int]:
    """A cell's least and natural widths in `column`: one cut with an ellipsis gives way down
    to a few cells, one kept whole not at all, one that wraps down to its longest word."""
    if isinstance(cell, str):
        plain = cell
        cut = no_wrap = False
    elif isinstance(cell, Text):
        plain = cell.plain
        no_wrap = bool(cell.no_wrap)
        cut = no_wrap and cell.overflow == "ellipsis"
    else:
        measured = Measurement.get(console, options, cell)
        return measured.minimum, measured.maximum
    lines = plain.split("\n") if "\n" in plain else [plain]
    natural = max(cell_len(line) for line in lines)
    if column.overflow == "ellipsis" or cut:
        return min(natural, ELLIPSIS_FLOOR), natural
    if column.no_wrap or no_wrap:
        return natural, natural
    return max((cell_len(word.rstrip()) for word in WORD.findall(plain)), default=0), natural


def _give_way(widths: list[int], floors: Sequence[int], resists: Sequence[int], excess: int) -> int:
    """Narrow the widest column above its floor by one cell until `excess` cells are saved or
    no column can give way; the excess still to save. A column that wraps counts as
    `resists` cells narrower: a name or a title keeps its words on one line longer than a
    column cut with an ellipsis keeps its width; on a tie the rightmost column gives way."""
    while excess > 0:
        candidates = [i for i, width in enumerate(widths) if width > floors[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: (widths[i] - resists[i], i))
        widths[widest] -= 1
        excess -= 1
    return excess


def _share(widths: list[int], ratios: Sequence[int], room: int) -> None:
    """Hand `room` cells to the columns with a ratio, in proportion to it."""
    total = sum(ratios)
    given = 0
    shares = [i for i, ratio in enumerate(ratios) if ratio]
    for position, index in enumerate(shares):
        share = room - given if position == len(shares) - 1 else room * ratios[index] // total
        widths[index] += share
        given += share


def _rstripped(line: Line) -> Line:
    """The line without the spaces a crop or Rich's wrapping left at its end."""
    while line and not line[-1].text.strip():
        line.pop()
    if line and line[-1].text != line[-1].text.rstrip():
        last = line.pop()
        line.append(Segment(last.text.rstrip(), last.style))
    return line


class Indented:
    """A renderable shifted right by `indent` cells, without trailing spaces: nor the ones
    Rich's wrapping leaves where it broke a line (indent 0: only that)."""

    def __init__(self, renderable: RenderableType, indent: int = 0) -> None:
        self.renderable = renderable
        self.indent = indent

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        inner = Measurement.get(
            console, options.update_width(options.max_width - self.indent), self.renderable
        )
        return Measurement(inner.minimum + self.indent, inner.maximum + self.indent)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - self.indent)
        lines = console.render_lines(
            self.renderable, options.update(width=width, height=None), pad=False
        )
        indent, new_line = Segment(" " * self.indent), Segment.line()
        for line in map(_rstripped, lines):
            if self.indent and line:
                yield indent
            yield from line
            yield new_line
