"""Turning option text into values, the same way in every command."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING, Literal

from mentorlog.cli._output import say, warn
from mentorlog.errors import BadInput
from mentorlog.render.safe import literal
from mentorlog.text import clears

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
        raise BadInput(f"--date {day.isoformat()} is in the future; give the day it was done.")
    return day


@dataclass
class SessionArgs:
    """`--date`, `--time`, `--duration` (minutes) and `--rating` of a session, read; named as
    in the journal's `MeetingChanges`, which `meeting edit` builds from them."""

    day: date | None
    at: time | None
    duration: int | None
    rating: int | None
    clear_time: bool = False
    clear_duration: bool = False


def session_args(
    today: date,
    *,
    day: str | None,
    at: str | None,
    duration: str | None,
    rating: str | None,
    clearable: bool = False,
) -> SessionArgs:
    """The session options of `meet` and `meeting edit`, read the same way: a day in the past
    (not before 1900), HH:MM, a duration (45m, 1h30m), 1-5. With `clearable` (an edit), `none`
    clears the time or the duration."""
    from mentorlog.dates import parse_duration
    from mentorlog.journal.meetings import check_date, parse_rating, parse_time

    on = optional_date(day, today, "past")
    if on is not None:
        check_date(on, today)
    clear_time = clearable and clears(at)
    clear_duration = clearable and clears(duration)
    return SessionArgs(
        day=on,
        at=parse_time(at) if at is not None and not clear_time else None,
        duration=parse_duration(duration) if duration is not None and not clear_duration else None,
        rating=parse_rating(rating) if rating is not None else None,
        clear_time=clear_time,
        clear_duration=clear_duration,
    )


def read_text_arg(text: str | None, *, stdin_marker: str = "-") -> str | None:
    """`-` means: read the text from standard input."""
    if text != stdin_marker:
        return text
    return sys.stdin.read()


def warn_focus(app: AppContext, active: list[tuple[str, str]], limit: int) -> None:
    """Name the active goals (id, title) and suggest pausing the newest (the last one)."""

    newest_id = active[-1][0]
    warn(
        app,
        f"{len(active)} active goals, more than your focus limit of {limit}: ",
        literal("; ".join(title for _, title in active)),
        f". Pause one, e.g. the newest: mentorlog goal pause {newest_id}",
    )


def warn_supervisor(app_ctx: AppContext, mentor: Mentor) -> None:

    warn(
        app_ctx,
        literal(mentor.name),
        " is your current supervisor, who cannot give you an objective view of your work and "
        "career. Keep them, and also look for a peer or someone outside your reporting line.",
    )


def writable_file(path: Path) -> Path:
    """An `--output` path that can be written: not a directory, in a directory that exists."""
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
        say(app, message)
