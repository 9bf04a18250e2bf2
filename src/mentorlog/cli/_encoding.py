"""Output on a terminal whose encoding lacks mentorlog's glyphs (`LANG=C`,
`PYTHONIOENCODING=ascii`): plain characters instead of an error after the work is done.

A character the stream cannot encode becomes its plain form: mentorlog's own glyphs (`—`,
`·`, `░`, `★`...) and box drawing have ASCII stand-ins, a letter with an accent loses it
(`Zoë` -> `Zoe`), anything else is `?`. Only the display changes; the journal keeps every
character as typed.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import sys

ERRORS = "mentorlog-plain"
PLAIN = {
    "—": "-",
    "–": "-",
    "·": "-",
    "…": "...",
    "░": ".",
    "█": "#",
    "★": "*",
    "☆": ".",
    "○": "o",
    "●": "*",
    "✓": "v",
    "✗": "x",
    "→": "->",
    "•": "*",
    "§": "S",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "\u00a0": " ",
}


def plain(char: str) -> str:
    """An ASCII stand-in for one character."""
    import unicodedata  # only where the terminal cannot print mentorlog's glyphs

    if char in PLAIN:
        return PLAIN[char]
    if "\u2500" <= char <= "\u257f":  # box drawing: lines and their joints
        name = unicodedata.name(char, "")
        if " AND " in name:
            return "+"
        return "|" if "VERTICAL" in name else "-"
    stripped = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return stripped if stripped.isprintable() and stripped else "?"


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(plain(c) for c in error.object[error.start : error.end]), error.end


def recover_argv() -> None:
    """Arguments typed as UTF-8 where the locale says ASCII (`LANG=C`) reach Python as lone
    surrogates; read them as the UTF-8 they are (anything else is left for the checks)."""
    for index, arg in enumerate(sys.argv):
        if any("\udc80" <= char <= "\udcff" for char in arg):
            with contextlib.suppress(UnicodeDecodeError):
                sys.argv[index] = os.fsencode(arg).decode("utf-8")


def install() -> None:
    """Make stdout and stderr fall back to plain characters when their encoding is not UTF."""
    streams = [s for s in (sys.stdout, sys.stderr) if isinstance(s, io.TextIOWrapper)]
    narrow = [s for s in streams if not codecs.lookup(s.encoding or "ascii").name.startswith("utf")]
    if not narrow:
        return
    recover_argv()
    codecs.register_error(ERRORS, _replace)
    for stream in narrow:
        stream.reconfigure(errors=ERRORS)
