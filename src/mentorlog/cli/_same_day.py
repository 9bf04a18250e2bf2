"""A second session with the same mentor on the same day: asked about in a terminal (it is
most often the same session logged twice), warned about otherwise."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from mentorlog.cli._context import AppContext
from mentorlog.cli._output import warn
from mentorlog.errors import Refused
from mentorlog.render.safe import literal
from mentorlog.text import shorten

if TYPE_CHECKING:
    from datetime import date

    from mentorlog.journal.state import Journal
    from mentorlog.models import Mentor


def check_same_day(
    app: AppContext,
    journal: Journal,
    person: Mentor,
    day: date,
    *,
    ask: bool,
    new: str | None = None,
) -> None:
    """Ask (`ask`) whether to log another session, refusing on no; else warn (`new`: the id
    of the session just logged, which is not counted and is named in the warning)."""
    from mentorlog.journal.meetings import same_day_sessions

    earlier = [m for m in same_day_sessions(journal, person.id, day) if m.id != new]
    if not earlier:
        return
    ids = ", ".join(m.id for m in earlier)
    name = shorten(person.name, 40)
    when = day.isoformat()
    if ask:
        question = f"You already logged a session with {name} on {when} ({ids}). Log another?"
        if not typer.confirm(question, default=False, err=True):
            raise Refused(f"Nothing was logged; see it with `mentorlog meeting show {ids}`.")
        return
    warn(
        app,
        "a session with ",
        literal(name),
        f" on {when} is already logged ({ids}); if this one repeats it, remove it with "
        f"`mentorlog meeting rm {new or 'ID'}`.",
    )
