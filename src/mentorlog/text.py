"""User text made safe to show: terminal control characters removed, nothing else changed.

Markup is never interpreted because renderers receive user text as literal `rich.text.Text`
(see `mentorlog.render.safe`); this module removes what a terminal would act on instead of
print: C0/C1 controls (ESC, BEL, CSI, OSC...), DEL, and bidirectional overrides that can make
text read differently from what it is.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Iterable

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SINGLE_LINE = re.compile(f"[\t\n{_CONTROLS}]")
_MULTI_LINE = re.compile(f"[{_CONTROLS}]")


CLEAR = "none"  # an edit option given this clears the value (e.g. --email none)


def clears(text: str | None) -> bool:
    """Whether an option's text asks to clear its value: `none`, in any case or spacing."""
    return text is not None and text.strip().casefold() == CLEAR


def clean(text: str, *, multiline: bool = False) -> str:
    """`text` without terminal control characters; newlines and tabs become spaces unless
    `multiline`."""
    if multiline:
        return _MULTI_LINE.sub("", text.replace("\r\n", "\n"))
    return _SINGLE_LINE.sub(lambda m: " " if m.group() in "\t\n" else "", text)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`1 prospect`, `2 prospects`; `nouns` for an irregular plural (`match`, `matches`)."""
    return f"{count} {noun}" if count == 1 else f"{count} {nouns or noun + 's'}"


def wrap_words(line: str, width: int) -> list[str]:
    """`line` in lines of at most `width` characters, broken only between words: a word or a
    path longer than the width gets a line of its own rather than being cut (the terminal
    then folds it, but nothing is split by us mid-word, mid-path or at a hyphen)."""
    return textwrap.wrap(line, max(20, width), break_long_words=False, break_on_hyphens=False) or [
        line
    ]


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters, with an ellipsis when cut (never after a space:
    "de la…", not "de la …")."""
    line = clean(text)
    return line if len(line) <= width else line[: max(0, width - 1)].rstrip() + "…"


_EMOJI_NAME = re.compile(r":[a-z0-9_+-]+:")  # anyascii spells an emoji as its :short_name:
_NOT_SLUG = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """`text` for comparing as a person does: case and accents ignored, any script spelled in
    Latin letters (`Zoë` -> `zoe`, `Søren` -> `soren`, `李 明` -> `li ming`)."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDED)


class FoldTable(dict[int, str]):
    """A `str.translate` table that folds each character the first time it is met: the
    translation itself then runs in C, fast enough for a 20-year journal's notes."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = self.fold(chr(code))
        return folded

    def fold(self, char: str) -> str:
        return fold_char(char)


_FOLDED = FoldTable()


@functools.lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character folded as `fold` does (may be several letters, or none)."""
    if char.isascii():
        return char.lower()
    if _MULTI_LINE.match(char):
        return char  # a control character is not a letter: kept, it matches nothing typed
    # Imported here: anyascii costs ~15 ms of start-up (importlib.resources), and ASCII text,
    # the common case, never needs it.
    from anyascii import anyascii

    # Apostrophes that transliteration adds (Cyrillic soft sign: Ol'ga) are not in the name.
    return anyascii(char).replace("'", "").casefold()


def slug(text: str) -> str:
    """A lowercase, dash-separated ASCII form of a name or title, for typing references:
    transliterated, never with letters dropped (`Zoë Fernández-García` ->
    `zoe-fernandez-garcia`, `李 明` -> `li-ming`)."""
    folded = fold(text)
    if not text.isascii():
        folded = _EMOJI_NAME.sub(" ", folded)
    return _NOT_SLUG.sub("-", folded).strip("-")


def unique_slugs(named: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The slug of each `(id, name)`, made unique in the order given (creation order): the
    first keeps its slug, a later namesake gets the first free `-2`, `-3`...
    (`soren-odegard-2`), so adding a record never changes the slug of an earlier one."""
    found: dict[str, str] = {}
    taken: set[str] = set()
    for record_id, name in named:
        base = candidate = slug(name)
        number = 1
        while candidate and candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        found[record_id] = candidate
    return found
