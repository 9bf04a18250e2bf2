"""The questions `mentorlog meet` asks when a person is at the keyboard and no mentor was
given: the whole session, one question at a time (mentor, date, length, format, takeaways,
action items, rating, next date), each skippable with Enter, then which open action items
to close. Questions and their complaints go to stderr, so stdout stays the command's output.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import typer

from mentorlog.cli._context import AppContext
from mentorlog.cli._output import print_text
from mentorlog.errors import MentorlogError, NotFound
from mentorlog.render.safe import literal
from mentorlog.vocab import MeetingFormat, MentorStatus

if TYPE_CHECKING:
    from datetime import date

    from mentorlog.journal.state import Journal
    from mentorlog.models import Mentor

T = TypeVar("T")


def ask_mentor(app: AppContext, journal: Journal) -> Mentor:
    from mentorlog.cli._pick import numbered
    from mentorlog.journal.resolve import resolve_mentor

    choices = sorted(
        (m for m in journal.mentors if m.status is MentorStatus.active),
        key=lambda m: m.name.casefold(),
    ) or [m for m in journal.mentors if m.status is not MentorStatus.ended]
    if not choices:
        raise NotFound("No mentors yet. Add one first: mentorlog mentor add NAME")
    app.err_console.print("Who did you meet?", markup=False)
    app.err_console.print(numbered([literal(person.name) for person in choices]))
    while True:
        answer = typer.prompt("Mentor (number or name)", err=True).strip()
        if answer.isdigit() and len(answer) <= 3:  # a number from the list, never an id prefix
            if 1 <= int(answer) <= len(choices):
                return choices[int(answer) - 1]
            complain(app, f"Give a number from 1 to {len(choices)}, or a name.")
            continue
        try:
            return resolve_mentor(journal, answer)
        except MentorlogError as error:
            complain(app, error.message)


def ask_date(app: AppContext, today: date) -> date:
    from mentorlog.dates import parse_date
    from mentorlog.journal.meetings import check_date

    while True:
        answer = typer.prompt("Date", default="today", err=True)
        try:
            day = parse_date(answer, today, "past")
            check_date(day, today)
            return day
        except MentorlogError as error:
            complain(app, error.message)


def ask_duration(app: AppContext) -> int | None:
    from mentorlog.dates import parse_duration

    return _ask_optional(app, "Length (e.g. 45m, 1h30m; Enter to skip)", parse_duration)


def ask_format(app: AppContext, preferred: MeetingFormat) -> MeetingFormat:
    known = ", ".join(f.value for f in MeetingFormat)
    while True:
        answer = typer.prompt(f"Format ({known})", default=preferred.value, err=True)
        try:
            return MeetingFormat(answer.strip().lower())
        except ValueError:
            complain(app, f"Not a format. Use one of: {known}.")


@dataclass
class Rest:
    """What the rest of the walk-through was told (empty / None: skipped)."""

    takeaways: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    rating: int | None = None
    next_day: date | None = None


def ask_rest(
    app: AppContext,
    day: date,
    *,
    takeaways: bool,
    actions: bool,
    rating: bool,
    next_day: bool,
) -> Rest:
    """The questions after the format, those asked for (the others were given as flags)."""
    rest = Rest()
    if takeaways:
        rest.takeaways = _lines(app, "Takeaways, the advice worth keeping", "Takeaway")
    if actions:
        rest.actions = _lines(app, "Action items, what you committed to", "Action item")
    if rating:
        rest.rating = _ask_rating(app)
    if next_day:
        rest.next_day = _ask_next(app, day)
    return rest


def _lines(app: AppContext, title: str, label: str) -> list[str]:
    app.err_console.print(f"{title} (one per line; Enter when done):", markup=False)
    found: list[str] = []
    while answer := _optional(f"{label} {len(found) + 1}"):
        found.append(answer)
    return found


def _ask_rating(app: AppContext) -> int | None:
    from mentorlog.journal.meetings import parse_rating

    return _ask_optional(app, "Rating, how valuable (1-5; Enter to skip)", parse_rating)


def _ask_next(app: AppContext, day: date) -> date | None:
    from mentorlog.dates import parse_date

    # Relative dates count from the session, which may be backfilled: say so.
    anchor = f"{day:%a} {day.day} {day:%b}"
    question = f"Next session (+4w counts from {anchor}; a date; Enter to skip)"
    # relative to the session, as --next
    return _ask_optional(app, question, lambda answer: parse_date(answer, day, "future"))


def _ask_optional(app: AppContext, question: str, read: Callable[[str], T]) -> T | None:
    """Ask until the answer reads (`read` raises a MentorlogError when it does not), or is
    skipped with Enter (None)."""
    while True:
        answer = _optional(question)
        if not answer:
            return None
        try:
            return read(answer)
        except MentorlogError as error:
            complain(app, error.message)


def _optional(question: str) -> str:
    answer: str = typer.prompt(question, default="", show_default=False, err=True)
    return answer.strip()


def ask_close(app: AppContext, journal: Journal, person: Mentor) -> list[str]:
    """Show the mentor's open action items; the ids of those to mark done."""
    from mentorlog.cli._pick import pick
    from mentorlog.journal.actions import age_days, open_actions

    items = open_actions(journal, person.id)
    if not items:
        return []
    today = app.today()
    lines = []
    for item in items:
        line = literal(item.text)
        line.append(f" ({age_days(item, today)}d old)", style="dim")
        lines.append(line)
    chosen = pick(app, f"Open action items with {person.name}:", lines, "Close which?")
    return [items[n].id for n in chosen]


def ask_topics(app: AppContext, journal: Journal, person: Mentor) -> list[str]:
    """Show the mentor's open topics; the ids of those discussed."""
    from mentorlog.cli._pick import pick
    from mentorlog.journal.topics import open_topics

    items = open_topics(journal, person.id)
    if not items:
        return []
    heading = f"Topics you wanted to raise with {person.name}:"
    chosen = pick(app, heading, [literal(t.text) for t in items], "Discussed which?")
    return [items[n].id for n in chosen]


def complain(app: AppContext, message: str) -> None:
    """A yellow line saying why the answer was not taken; the question is asked again."""

    print_text(app.err_console, literal(message, "yellow"))
