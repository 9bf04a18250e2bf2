"""How insights name things for a person: references they can type back, and friendly dates.

Shared by the nudges, the dashboard and anything else that suggests a command.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Generic, TypeVar

from mentorlog.journal.resolve import goal_names, matches, mentor_names
from mentorlog.journal.state import Journal
from mentorlog.models import Goal, Mentor, Record
from mentorlog.text import slug

R = TypeVar("R", bound=Record)


class RefFinder(Generic[R]):
    """The shortest leading words of a record's slug that designate it alone, else its id.

    The candidate is checked with the resolver the commands use, so it always resolves back to
    the same record. Slugs are `[0-9a-z-]` only: safe to paste into any shell. Names are
    computed once per finder, since a long list of nudges asks for many references.
    """

    def __init__(self, records: list[R], names: Callable[[R], list[str]]) -> None:
        self._records = records
        self._compute_names = names
        self._folded: list[tuple[R, list[str]]] | None = None
        self._refs: dict[str, str] = {}

    def _folded_names(self) -> list[tuple[R, list[str]]]:
        if self._folded is None:
            self._folded = [
                (r, [n.casefold() for n in self._compute_names(r)]) for r in self._records
            ]
        return self._folded

    def __call__(self, record: R) -> str:
        known = self._refs.get(record.id)
        if known is not None:
            return known
        words = slug(self._compute_names(record)[0]).split("-")
        ref = record.id
        for end in range(1, len(words) + 1) if words[0] else ():
            candidate = "-".join(words[:end])  # a slug: already case-folded
            found = matches(self._folded_names(), candidate)
            if len(found) == 1 and found[0].id == record.id:
                ref = candidate
                break
        self._refs[record.id] = ref
        return ref


def mentor_refs(journal: Journal) -> RefFinder[Mentor]:
    return RefFinder(journal.mentors, mentor_names)


def goal_refs(journal: Journal) -> RefFinder[Goal]:
    return RefFinder(journal.goals, goal_names)


def mentor_ref(journal: Journal, mentor: Mentor) -> str:
    """How to name `mentor` on the command line, e.g. `ada` for Ada Lovelace."""
    return mentor_refs(journal)(mentor)


def goal_ref(journal: Journal, goal: Goal) -> str:
    return goal_refs(journal)(goal)


def friendly_day(day: date, today: date) -> str:
    """`Tue 10 Nov`, with the year when it is not this year's."""
    if day.year == today.year:
        return f"{day:%a} {day.day} {day:%b}"
    return f"{day.day} {day:%b} {day.year}"


def days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"
