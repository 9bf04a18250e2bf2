"""Turning option text into values, the same way in every command."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from pathlib import Path

    from mentorlog.cli._context import AppContext
    from mentorlog.models import Mentor


def optional_date(
    text: str | None, today: date, direction: Literal["past", "future", "any"] = "any"
) -> date | None:
    if text is None:
        return None
    from mentorlog.dates import parse_date

    return parse_date(text, today, direction)


def done_on(text: str | None, today: date) -> date:
    """The day something was done: `--date` (today when not given), never in the future."""
    day = optional_date(text, today, "past") or today
    if day > today:
        from mentorlog.errors import BadInput

        raise BadInput(f"--date {day.isoformat()} is in the future; give the day it was done.")
    return day


def read_text_arg(text: str | None, *, stdin_marker: str = "-") -> str | None:
    """`-` means: read the text from standard input."""
    if text != stdin_marker:
        return text
    import sys

    return sys.stdin.read()


def warn_focus(app: AppContext, active: list[tuple[str, str]], limit: int) -> None:
    """Name the active goals (id, title) and suggest pausing the newest (the last one)."""
    from mentorlog.cli._output import warn
    from mentorlog.render.safe import literal

    newest_id = active[-1][0]
    warn(
        app,
        f"{len(active)} active goals, more than your focus limit of {limit}: ",
        literal("; ".join(title for _, title in active)),
        f". Pause one, e.g. the newest: mentorlog goal pause {newest_id}",
    )


def warn_supervisor(app_ctx: AppContext, mentor: Mentor) -> None:
    from mentorlog.cli._output import warn
    from mentorlog.render.safe import literal

    warn(
        app_ctx,
        literal(mentor.name),
        " is your current supervisor, who cannot give you an objective view of your work and "
        "career. Keep them, and also look for a peer or someone outside your reporting line.",
    )


def writable_file(path: Path) -> Path:
    """An `--output` path that can be written: not a directory, in a directory that exists."""
    from mentorlog.errors import BadInput

    if path.is_dir():
        raise BadInput(f"{path} is a directory; give a file name.")
    if not path.absolute().parent.is_dir():
        raise BadInput(f"No such directory: {path.absolute().parent}.")
    return path.absolute()


def write_output(app: AppContext, path: Path, text: str, what: str, *, quiet: bool) -> None:
    """Write `text` to `path` atomically (0600) and say so (on stderr when stdout is JSON)."""
    from mentorlog.storage.atomic import atomic_write

    atomic_write(path.absolute(), text.encode("utf-8"))
    message = f"Wrote {what} to {path}."
    if quiet:
        app.err_console.print(message, markup=False, highlight=False)
    else:
        from mentorlog.cli._output import say

        say(app, message)
