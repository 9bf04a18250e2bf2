"""Column widths as Rich's Table reckons them, with every cell of text measured only once.

Rich measures each cell through a Padding, once to size the columns and again after shrinking
them. A cell of text measures the same at any width but for a cap, so `Measured` keeps, per
column, the widest word and the widest line of its texts and caps them on demand; only cells
that are not text are measured by Rich each time. `column_widths` is Rich's
`Table._calculate_column_widths` step for step, on those measurements.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich._ratio import ratio_distribute, ratio_reduce
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Column, Table
from rich.text import Text


def padded(cell: RenderableType, pad: tuple[int, int], table: Table) -> RenderableType:
    """The cell as Rich lays it out: in a Padding, unless the table has no padding at all."""
    return Padding(cell, (0, pad[1], 0, pad[0])) if any(table.padding) else cell


class Measured:
    """One column's cells, measured as Rich's `Table._measure_column` measures them."""

    def __init__(
        self, table: Table, index: int, cells: Sequence[RenderableType], pad: tuple[int, int]
    ) -> None:
        self.column: Column = table.columns[index]
        self.pad = pad
        self.padding_width = table._get_padding_width(index)  # Rich's versions differ here
        self.others = [padded(cell, pad, table) for cell in cells if not isinstance(cell, Text)]
        texts = [cell for cell in cells if isinstance(cell, Text)]
        self.has_text = bool(texts)
        # The widest word and the widest line of the texts: what Text.__rich_measure__ gives.
        self.word, self.line = 0, 0
        for text in texts:
            plain = text.plain
            lines = plain.splitlines()
            line = max(map(cell_len, lines)) if lines else 0
            words = plain.split()
            word = max(map(cell_len, words)) if words else line
            self.word = max(self.word, min(word, line))
            self.line = max(self.line, line)

    def at(self, console: Console, options: ConsoleOptions) -> Measurement:
        """The column's measurement in `options.max_width` cells."""
        width = options.max_width
        if width < 1:
            return Measurement(0, 0)
        column, padding_width = self.column, self.padding_width
        if column.width is not None:
            fixed = column.width + padding_width
            return Measurement(fixed, fixed).with_maximum(width)
        minimums, maximums = [], []
        if self.has_text:  # what Measurement.get gives for each text in its Padding, at most
            extra = sum(self.pad)
            if width - extra < 1:
                minimums.append(width)
                maximums.append(width)
            else:
                minimums.append(min(min(self.word, width) + extra, width))
                maximums.append(min(min(self.line, width) + extra, width))
        for cell in self.others:
            least, most = Measurement.get(console, options, cell)
            minimums.append(least)
            maximums.append(most)
        measurement = Measurement(
            max(minimums) if minimums else 1, max(maximums) if maximums else width
        ).with_maximum(width)
        return measurement.clamp(
            None if column.min_width is None else column.min_width + padding_width,
            None if column.max_width is None else column.max_width + padding_width,
        )


def column_widths(
    table: Table, console: Console, options: ConsoleOptions, measured: Sequence[Measured]
) -> list[int]:
    """Rich's widths for the columns in `options.max_width` cells (padding, no borders)."""
    max_width = options.max_width
    columns = table.columns
    ranges = [column.at(console, options) for column in measured]
    widths = [measurement.maximum or 1 for measurement in ranges]
    if table.expand:
        ratios = [column.ratio or 0 for column in columns if column.flexible]
        if any(ratios):
            fixed_widths = [
                0 if column.flexible else measurement.maximum
                for measurement, column in zip(ranges, columns, strict=True)
            ]
            flex_minimum = [
                (column.width or 1) + table._get_padding_width(index)
                for index, column in enumerate(columns)
                if column.flexible
            ]
            flex_widths = iter(
                ratio_distribute(max_width - sum(fixed_widths), ratios, flex_minimum)
            )
            for index, column in enumerate(columns):
                if column.flexible:
                    widths[index] = fixed_widths[index] + next(flex_widths)
    table_width = sum(widths)
    if table_width > max_width:
        wrapable = [column.width is None and not column.no_wrap for column in columns]
        widths = Table._collapse_widths(widths, wrapable, max_width)
        table_width = sum(widths)
        if table_width > max_width:  # Rich's last resort: every column narrowed evenly
            widths = ratio_reduce(table_width - max_width, [1] * len(widths), widths, widths)
            table_width = sum(widths)
        widths = [
            column.at(console, options.update_width(width)).maximum or 0
            for width, column in zip(widths, measured, strict=True)
        ]
    extra_width = table._extra_width
    if (table_width < max_width and table.expand) or (
        table.min_width is not None and table_width < table.min_width - extra_width
    ):
        room = (
            max_width if table.min_width is None else min(table.min_width - extra_width, max_width)
        )
        pad_widths = ratio_distribute(room - table_width, widths)
        widths = [width + pad for width, pad in zip(widths, pad_widths, strict=True)]
    return widths


def table_measurement(
    table: Table, console: Console, options: ConsoleOptions, measured: Sequence[Measured]
) -> Measurement:
    """What `Measurement.get(console, options, table)` gives: Rich's `Table.__rich_measure__`."""
    available = options.max_width
    if available < 1:
        return Measurement(0, 0)
    max_width = available if table.width is None else table.width
    if max_width < 0:
        return Measurement(0, 0)
    extra_width = table._extra_width
    widths = column_widths(table, console, options.update_width(max_width - extra_width), measured)
    at_width = options.update_width(sum(widths))
    ranges = [column.at(console, at_width) for column in measured]
    measurement = Measurement(
        sum(measurement.minimum for measurement in ranges) + extra_width,
        sum(measurement.maximum for measurement in ranges) + extra_width
        if table.width is None
        else table.width,
    ).clamp(table.min_width)
    measurement = measurement.normalize().with_maximum(available)
    return Measurement(0, 0) if measurement.maximum < 1 else measurement.normalize()
