"""One resolver for every reference a person types: an id prefix, or for mentors a name or
slug prefix, and for goals a title or slug prefix (case-insensitive).

Names are compared as typed first, then folded (case and accents ignored, any script in Latin
letters: `zoe` finds Zoë, `soren` Søren, `li` 李 明), so a name typed exactly designates its
record even when a namesake differs only by an accent. Slugs are unique in creation order
(`soren-odegard`, `soren-odegard-2`).

Order: an exact id; a whole name; the start of a name; the start of an id; the start of a
later word of a name. Names come before id prefixes because people type names, and ids are
random hex: `ada` must never become ambiguous because some id happens to start with `ada`.

Unknown -> NotFound with a hint; ambiguous -> NotFound listing the candidates with their ids.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from mentorlog.errors import BadInput, NotFound
from mentorlog.journal.state import Journal
from mentorlog.models import ActionItem, Goal, Meeting, Mentor, Milestone, Record, Reflection, Topic
from mentorlog.text import fold, shorten, slug, unique_slugs

R = TypeVar("R", bound=Record)
MAX_LISTED = 6


def resolve(
    records: Sequence[R],
    ref: str,
    *,
    noun: str,
    names: Callable[[R], list[str]] = lambda record: [],
    list_hint: str = "",
) -> R:
    """The single record `ref` designates among `records`."""
    wanted = ref.strip().casefold()
    if not wanted:
        raise BadInput(f"Give a {noun} (an id, or the start of a name).")
    candidates = NameIndex(records, names).find(wanted)
    if len(candidates) == 1:
        return candidates[0]
    shown = shorten(ref, 40)
    if not candidates:
        close = " or ".join(f"'{c}'" for c in _close_refs(records, names, wanted))
        hint = (f" Did you mean {close}?" if close else "") + (
            f" See `{list_hint}`." if list_hint else ""
        )
        raise NotFound(f"No {noun} matches '{shown}'.{hint}")
    shown_names = [names(r) or [""] for r in candidates[:MAX_LISTED]]
    # Namesakes (`Søren Ødegård`, `Sören Ødegård`) are told apart by their unique slugs.
    namesakes = len({fold(n[0]) for n in shown_names}) < len(shown_names)
    listed = ", ".join(
        f"{r.id} {shorten(n[0], 30)}{f' ({n[1]})' if namesakes and len(n) > 1 else ''}".rstrip()
        for r, n in zip(candidates, shown_names, strict=False)
    )
    more = f" and {len(candidates) - MAX_LISTED} more" if len(candidates) > MAX_LISTED else ""
    raise NotFound(
        f"'{shown}' matches {len(candidates)} {noun}s: {listed}{more}. Type more, or use the id."
    )


def _close_refs(records: Sequence[R], names: Callable[[R], list[str]], wanted: str) -> list[str]:
    """Up to two references close to a mistyped `wanted` (`zeo` for Zoë), each one that
    designates a single record: a name's first word, or its whole slug."""
    import difflib  # only when nothing matched

    keys: set[str] = set()
    for record in records:
        found = names(record)
        if len(found) > 1 and found[1]:
            keys.update((found[1], found[1].split("-")[0]))
    index = NameIndex(records, names)
    close = difflib.get_close_matches(slug(wanted), sorted(keys), n=4, cutoff=0.6)
    return [key for key in close if len(index.find(key)) == 1][:2]


class NameIndex(Generic[R]):
    """The records and their names, compared as typed (case-folded), then folded."""

    def __init__(self, records: Sequence[R], names: Callable[[R], list[str]]) -> None:
        self._records = records
        self._names = names
        self._typed: list[tuple[R, list[str]]] | None = None
        self._folded: list[tuple[R, list[str]]] | None = None

    def find(self, wanted: str) -> list[R]:
        """The records `wanted` designates, in the order of the module docstring."""
        if self._typed is None:
            self._typed = [(r, [n.casefold() for n in self._names(r)]) for r in self._records]
        found = matches(self._typed, wanted.casefold())
        if found:
            return found
        if self._folded is None:
            self._folded = [(r, [fold(n) for n in names]) for r, names in self._typed]
        return matches(self._folded, fold(wanted))


_WORDS = re.compile(r"[\s\-_./]+")


def matches(folded: Sequence[tuple[R, list[str]]], wanted: str) -> list[R]:
    """The records `wanted` designates, in the order of the module docstring; `folded` pairs
    each record with its names, normalised as `wanted` is."""
    exact = [r for r, _names in folded if r.id == wanted]
    if exact:
        return exact[:1]
    whole = [r for r, found in folded if wanted in found]
    if len(whole) == 1:
        return whole
    candidates = whole or [r for r, found in folded if any(n.startswith(wanted) for n in found)]
    if not candidates:
        candidates = [r for r, _names in folded if r.id.startswith(wanted)]
    if not candidates:  # a later word of a name ("lovelace" for "Ada Lovelace")
        candidates = [
            r
            for r, found in folded
            if any(word.startswith(wanted) for n in found for word in _WORDS.split(n)[1:])
        ]
    return candidates


def mentor_names(journal: Journal) -> Callable[[Mentor], list[str]]:
    """Each mentor's names: the name, then its slug (unique among the journal's mentors)."""
    slugs = unique_slugs((m.id, m.name) for m in journal.mentors)
    return lambda mentor: [mentor.name, slugs.get(mentor.id) or slug(mentor.name)]


def goal_names(journal: Journal) -> Callable[[Goal], list[str]]:
    """Each goal's names: the title, then its slug (unique among the journal's goals)."""
    slugs = unique_slugs((g.id, g.title) for g in journal.goals)
    return lambda goal: [goal.title, slugs.get(goal.id) or slug(goal.title)]


Names = Callable[[Journal], Callable[[R], list[str]]]


def fixed(names: Callable[[R], list[str]]) -> Names[R]:
    """Names that do not depend on the rest of the journal."""
    return lambda journal: names


@dataclass(frozen=True, eq=False, repr=False)
class Resolver(Generic[R]):
    """`resolve` in one collection of the journal: `resolve_goal(journal, "speak")`."""

    collection: str
    noun: str
    names: Names[R]
    list_hint: str

    def __call__(self, journal: Journal, ref: str) -> R:
        records: list[R] = journal.collection(self.collection)
        return resolve(
            records,
            ref,
            noun=self.noun,
            names=self.names(journal),
            list_hint=self.list_hint,
        )


resolve_mentor = Resolver[Mentor]("mentors", "mentor", mentor_names, "mentorlog mentor list --all")
resolve_goal = Resolver[Goal]("goals", "goal", goal_names, "mentorlog goal list --all")
resolve_milestone = Resolver[Milestone](
    "milestones", "milestone", fixed(lambda m: [m.title]), "mentorlog milestone list --all"
)
resolve_meeting = Resolver[Meeting](
    "meetings", "session", fixed(lambda m: []), "mentorlog meeting list"
)
resolve_topic = Resolver[Topic](
    "topics", "topic", fixed(lambda t: [t.text]), "mentorlog topic list --all"
)
resolve_reflection = Resolver[Reflection](
    "reflections", "reflection", fixed(lambda r: [r.period]), "mentorlog reflection list"
)


def resolve_action(journal: Journal, ref: str, *, open_first: bool = False) -> ActionItem:
    """With `open_first` (to close one), an open item is looked for first, which reads only
    the open ones; every item is read when none of them matches, to say why."""
    if open_first:
        with contextlib.suppress(NotFound):
            return resolve(journal.open_actions(), ref, noun="action item")
    return resolve(
        journal.actions, ref, noun="action item", list_hint="mentorlog action list --all"
    )
