"""User text made safe to show: terminal control characters removed, nothing else changed.

Markup is never interpreted because renderers receive user text as literal `rich.text.Text`
(see `mentorlog.render.safe`); this module removes what a terminal would act on instead of
print: C0/C1 controls (ESC, BEL, CSI, OSC...), DEL, and bidirectional overrides that can make
text read differently from what it is.
"""

from __future__ import annotations

import re

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SINGLE_LINE = re.compile(f"[\t\n{_CONTROLS}]")
_MULTI_LINE = re.compile(f"[{_CONTROLS}]")


def clean(text: str, *, multiline: bool = False) -> str:
    """`text` without terminal control characters; newlines and tabs become spaces unless
    `multiline`."""
    if multiline:
        return _MULTI_LINE.sub("", text.replace("\r\n", "\n"))
    return _SINGLE_LINE.sub(lambda m: " " if m.group() in "\t\n" else "", text)


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters, with an ellipsis when cut."""
    line = clean(text)
    return line if len(line) <= width else line[: max(0, width - 1)] + "…"


def slug(text: str) -> str:
    """A lowercase, dash-separated form of a name or title, for typing references."""
    return re.sub(r"[^0-9a-z]+", "-", text.casefold()).strip("-")
