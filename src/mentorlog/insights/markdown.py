"""Markdown as a reader sees it, for search: its markers taken away, its words kept.

Kept apart from `mentorlog.text`, which every command imports: these patterns cost a
millisecond to compile and only `search` needs them.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s*(```|~~~)")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_LINE_START = re.compile(r"^\s*(?:#{1,6}\s+|>\s?)*(?:(?:[-*+]|\d+[.)])\s+)?(?:\[[ xX]\]\s+)?")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STRONG = re.compile(r"\*\*|__|~~|`+")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w])_(?=\S)|(?<=\S)_(?!\w)")


def plain_markdown(text: str) -> str:
    """Markdown as a reader sees it, without its markers: headings, quotes, bullets and
    check boxes (`# `, `> `, `- [ ] `), emphasis and code (`**`, `_`, backticks), links shown
    as their text. Lines are kept; `snake_case` and `2 * 3` are left alone."""
    lines = []
    for line in text.split("\n"):
        if _FENCE.match(line) or _RULE.match(line):
            continue
        line = _LINE_START.sub("", line, count=1)
        line = _IMAGE_OR_LINK.sub(r"\1", line)
        line = _AUTOLINK.sub(r"\1", line)
        line = _STRONG.sub("", line)
        lines.append(_EMPHASIS.sub("", line))
    return "\n".join(lines)
