"""A cell of text, rendered to the segments Rich gives it in a table, directly when it fits.

Rich renders each cell through a Padding and wraps its text even when it fits on one line;
most cells of mentorlog's tables do, and `text_cell_lines` draws those directly. Any other
text is wrapped by Rich.
"""

from __future__ import annotations

from rich._pick import pick_bool
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.style import Style
from rich.text import DEFAULT_JUSTIFY, DEFAULT_OVERFLOW, Text

Line = list[Segment]


def text_cell_lines(
    console: Console, text: Text, options: ConsoleOptions, pad: tuple[int, int], style: Style
) -> list[Line]:
    """The lines of `Padding(text, (0, pad[1], 0, pad[0]))` in a cell of this style."""
    left = [Segment(" " * pad[0])] if pad[0] else []
    right = [Segment(" " * pad[1])] if pad[1] else []
    lines = [left + line + right for line in _content_lines(console, text, options)]
    if style:
        return [list(Segment.apply_style(line, style)) for line in lines]
    return lines


def _content_lines(console: Console, text: Text, options: ConsoleOptions) -> list[Line]:
    """The text's lines as Rich renders them in a cell: directly when each of them fits, else
    wrapped by Rich and drawn a line at a time."""
    if text.end in ("", "\n"):
        parts = text.split("\n", allow_blank=True) if "\n" in text.plain else [text]
        lines = [_one_line(console, part, options) for part in parts]
        fitted = [line for line in lines if line is not None]
        if len(fitted) == len(lines):
            return fitted
        wrapped = _wrapped(console, text, options)
        if wrapped is not None:
            return wrapped
    return console.render_lines(text, options, pad=True)


def _wrapped(console: Console, text: Text, options: ConsoleOptions) -> list[Line] | None:
    """What `Text.__rich_console__` and `Console.render_lines` make of the text, without
    joining its wrapped lines to split them again; None when a line does not fit."""
    width = options.max_width
    tab_size = console.tab_size if text.tab_size is None else text.tab_size
    lines = list(
        text.wrap(
            console,
            width,
            justify=text.justify or options.justify or DEFAULT_JUSTIFY,
            overflow=text.overflow or options.overflow or DEFAULT_OVERFLOW,
            tab_size=tab_size or 8,
            no_wrap=pick_bool(text.no_wrap, options.no_wrap, False),
        )
    )
    # Nothing ends the text: Rich draws its empty last line only when it is all the text and
    # unstyled (then, and only then, it renders to an empty segment).
    last = lines[-1] if lines else None
    if (
        text.end == ""
        and last is not None
        and not last.plain
        and (len(lines) > 1 or last.style or last.spans)
    ):
        lines.pop()
    drawn = []
    for line in lines:
        room = width - cell_len(line.plain)
        if room < 0:
            return None
        padding = [Segment(" " * room)] if room else []
        if line.spans:
            drawn.append([*Text("\n").join([line]).render(console), *padding])
        elif line.plain:
            style = console.get_style(line.style, default=Style.null()) if line.style else None
            drawn.append([Segment(line.plain, style), *padding])
        else:
            drawn.append(padding)
    return drawn


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
