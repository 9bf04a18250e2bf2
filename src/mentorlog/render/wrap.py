"""Text broken into lines at spaces and after hyphens, or cut with an ellipsis, for the cells
of render/grid.py.

Rich's own wrapping breaks only at spaces and folds a long word at any character; a name like
"Fernández-García" reads better broken after its hyphen than in the middle of a word. Rich's
own cut keeps the space before its "…" ("Zoë Fernández-García de la …"); `cut` does not.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text

# What a line may be broken after: a run of spaces, or a hyphen inside a word
# ("Fernández-" / "García"), each with the spaces that follow it.
WORD = re.compile(r"[^\s-]*-+\s*|[^\s-]+\s*|\s+")
ELLIPSIS = "…"
# What may stand alone between two parts of a cell ("Submit a talk · Speaking goal"): when
# what follows it is cut away, it goes too.
SEPARATORS = frozenset("·—–-|/")


def wrapped(text: Text, width: int) -> list[Text]:
    """`text` broken into lines of at most `width` cells: at spaces and after hyphens, and
    inside a word only when the word alone is wider than `width`; no spaces at line ends."""
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True) if "\n" in text.plain else [text]:
        offsets: list[int] = []
        used = 0  # cells on the current line
        for word in WORD.finditer(paragraph.plain):
            start, shown = word.start(), cell_len(word.group().rstrip())
            if used and used + shown > width:
                offsets.append(start)
                used = 0
            while shown > width:  # a word wider than the column: fold it
                start = _fold_at(paragraph.plain, start, width)
                offsets.append(start)
                shown = cell_len(paragraph.plain[start : word.end()].rstrip())
            if start == word.start():
                used += cell_len(word.group())
            else:  # what is left of a folded word, with its spaces
                used = cell_len(paragraph.plain[start : word.end()])
        for line in paragraph.divide(offsets) if offsets else [paragraph]:
            if line.plain != line.plain.rstrip():
                line = line.copy()
                line.rstrip()
            lines.append(line)
    return lines


def _fold_at(plain: str, start: int, width: int) -> int:
    """Where a line of at most `width` cells starting at `start` ends (at least one
    character on it)."""
    used, end = 0, start
    while end < len(plain) and used + cell_len(plain[end]) <= width:
        used += cell_len(plain[end])
        end += 1
    return max(end, start + 1)


def cut(text: Text, width: int) -> Text:
    """`text` cut to at most `width` cells, ending in an ellipsis, when it is wider: never
    "de la …" (the spaces before the ellipsis go) nor "conference ·…" (a separator whose
    other side does not fit goes too). The ellipsis takes the style of what it replaces."""
    plain = text.plain
    if cell_len(plain) <= width:
        return text
    kept, used = 0, 0
    while kept < len(plain) and used + cell_len(plain[kept]) <= width - 1:
        used += cell_len(plain[kept])
        kept += 1
    head = plain[:kept].rstrip()
    before, _, last = head.rpartition(" ")
    if last in SEPARATORS and before.strip():
        head = before.rstrip()
    shown = text.copy()
    shown.plain = head + ELLIPSIS
    return shown
