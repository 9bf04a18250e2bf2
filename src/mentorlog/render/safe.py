"""Every piece of user text reaches Rich through here: as literal Text, never as markup."""

from __future__ import annotations

from rich.text import Text

from mentorlog.text import clean


def literal(text: str | None, style: str = "", *, multiline: bool = False) -> Text:
    """User text as a literal Text: no markup, no emoji codes, no control characters."""
    return Text(clean(text or "", multiline=multiline), style=style)
