"""How insights name things for a person: references they can type back, and friendly dates.

Shared by the nudges, the dashboard and anything else that suggests a command.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Generic, TypeVar

from mentorlog.journal.resolve import NameIndex, goal_names, mentor_names
from mentorlog.journal.state import Journal
from mentorlog.models import Goal, Mentor, Record
from mentorlog.text import plural

R = TypeVar("R", bound=Record)


class RefFinder(Generic[R]):
    """The shortest leading words of a record's slug that designate it alone, else its id.

    The candidate is checked with the resolver the commands use, so it always resolves back to
    the same record. Slugs are `[0-9a-z-]` only: safe to paste into any shell. Names are
    computed once per finder, since a long list of nudges asks for many references.
    """

    def __init__(self, records: list[R], names: Callable[[R], list[str]]) -> None:
        self._compute_names = names
        self._index = NameIndex(records, names)
        self._refs: dict[str, str] = {}

    def __call__(self, record: R) -> str:
        known = self._refs.get(record.id)
        if known is not None:
            return known
        words = self._compute_names(record)[1].split("-")  # the record's unique slug
        ref = record.id
        for end in range(1, len(words) + 1) if words[0] else ():
            candidate = "-".join(words[:end])  # a slug: already case-folded
            found = self._index.find(candidate)
            if len(found) == 1 and found[0].id == record.id:
                ref = candidate
                break
        self._refs[record.id] = ref
        return ref


def mentor_refs(journal: Journal) -> RefFinder[Mentor]:
    return RefFinder(journal.mentors, mentor_names(journal))


def goal_refs(journal: Journal) -> RefFinder[Goal]:
    return RefFinder(journal.goals, goal_names(journal))


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
    return plural(count, "day")
