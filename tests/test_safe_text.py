"""User text reaches the terminal literally: no markup, no emoji codes, no control characters."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table

from mentorlog.render.safe import literal
from mentorlog.text import clean, shorten, slug

# (hostile text, what must be seen literally)
HOSTILE = {
    "markup": ("[bold]x[/bold]", "[bold]x[/bold]"),
    "closing tag": ("a [/] b", "a [/] b"),
    "link": ("[link=file:///etc/passwd]x[/link]", "[link=file:///etc/passwd]x[/link]"),
    "style": ("[red on white blink]alarm", "[red on white blink]alarm"),
    "emoji code": (":smile: and :thumbs_up:", ":smile: and :thumbs_up:"),
    "clear screen": ("before\x1b[2Jafter", "before[2Jafter"),
    "osc 52 clipboard": ("x\x1b]52;c;ZXZpbA==\x07y", "x]52;c;ZXZpbA==y"),
    "osc 8 hyperlink": (
        "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\",
        "]8;;http://evil\\click]8;;\\",
    ),
    "bell": ("ding\x07dong", "dingdong"),
    "c1 csi": ("a\x9b31mb", "a31mb"),
    "c1 osc and st": ("a\x9d0;title\x9cb", "a0;titleb"),
    "rtl override": ("admin\u202egpj.exe", "admingpj.exe"),
    "isolates": ("\u2066abc\u2069\u2067def\u2069\u2068", "abcdef"),
    "bidi marks": ("\u200ea\u200fb\u061cc\u202ad\u202c", "abcd"),
    "backspace overwrite": ("secret\x08\x08\x08\x08\x08\x08public", "secretpublic"),
    "carriage return": ("shown\rhidden", "shownhidden"),
    "delete": ("a\x7fb", "ab"),
    "nul": ("a\x00b", "ab"),
}
# C0 (but tab and newline), DEL, C1, and the bidirectional controls of "Trojan Source"
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def render(*parts: object, color_system: str | None) -> str:
    console = Console(
        file=io.StringIO(),
        width=80,
        color_system=color_system,  # type: ignore[arg-type]
        force_terminal=color_system is not None,
        legacy_windows=False,
    )
    console.print(*parts)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


def strip_sgr(output: str) -> str:
    """Rich's own colour codes (with a real colour system) are not user text."""
    return re.sub(r"\x1b\[[0-9;]*m", "", output)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_text_is_printed_literally_without_colour(case: str) -> None:
    text, seen = HOSTILE[case]
    output = render(literal(text), color_system=None)
    assert output == seen + "\n"
    assert not FORBIDDEN.search(output.rstrip("\n"))


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_text_is_printed_literally_in_truecolor(case: str) -> None:
    text, seen = HOSTILE[case]
    output = render(literal(text, style="bold magenta"), color_system="truecolor")
    assert "\x1b[" in output  # the style was applied, so escapes are Rich's own
    assert strip_sgr(output) == seen + "\n"
    assert not FORBIDDEN.search(strip_sgr(output).rstrip("\n"))
    assert "\x07" not in output
    assert "\x1b]" not in output


def test_emoji_codes_are_not_turned_into_emoji() -> None:
    for color_system in (None, "truecolor"):
        output = strip_sgr(render(literal(":smile: :+1:"), color_system=color_system))
        assert output == ":smile: :+1:\n"
        assert "😄" not in output
        assert "👍" not in output
    # the trap it avoids: the same text as a plain string is interpreted
    assert "😄" in render(":smile:", color_system=None)


def test_markup_is_not_interpreted_inside_tables() -> None:
    table = Table("name", "notes")
    table.add_row(literal("[bold]Ada[/bold]"), literal("[link=https://evil]click[/link] \x1b[31m"))
    output = strip_sgr(render(table, color_system="truecolor"))
    assert "[bold]Ada[/bold]" in output
    assert "[link=https://evil]click[/link]" in output
    assert "\x1b]8" not in output  # no hyperlink escape


def test_literal_keeps_newlines_only_when_multiline() -> None:
    assert literal("one\ntwo\tthree").plain == "one two three"
    assert literal("one\r\ntwo\tthree\x1b", multiline=True).plain == "one\ntwo\tthree"
    assert literal(None).plain == ""


@given(st.text())
def test_clean_never_leaves_a_control_character(text: str) -> None:
    single = clean(text)
    assert not FORBIDDEN.search(single)
    assert "\n" not in single
    assert "\t" not in single
    multi = clean(text, multiline=True)
    assert not FORBIDDEN.search(multi)
    assert "\r" not in multi


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs"))))
def test_clean_leaves_ordinary_text_alone(text: str) -> None:
    assert clean(text, multiline=True) == text


@given(st.text(), st.integers(min_value=1, max_value=80))
def test_shorten_fits_the_width(text: str, width: int) -> None:
    short = shorten(text, width)
    assert len(short) <= width
    assert not FORBIDDEN.search(short)


def test_slug() -> None:
    assert slug("  Ada Lovelace (PhD) ") == "ada-lovelace-phd"
    assert slug("[bold]x[/bold]") == "bold-x-bold"


def test_shorten_puts_no_space_before_its_ellipsis() -> None:
    assert shorten("Zoë Fernández-García de la Vega", 28) == "Zoë Fernández-García de la…"
    assert shorten("one two three", 9) == "one two…"
    assert shorten("short", 9) == "short"
