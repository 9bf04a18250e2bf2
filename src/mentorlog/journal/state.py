"""The journal in memory: one list per collection, loaded on first use.

Commands touch only the collections they need, so a command that never looks at sessions never
reads (or validates) the session files. Pure code and tests build a Journal from lists directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from mentorlog.models import (
    ActionItem,
    Goal,
    Meeting,
    Mentor,
    Milestone,
    Record,
    Reflection,
    Topic,
    closed_year,
    new_id,
)
from mentorlog.vocab import ActionStatus

Loader = Callable[[str], list[Any]]

R = TypeVar("R", bound=Record)


@dataclass(frozen=True, eq=False, repr=False)
class CollectionSpec:
    """One collection: its name and kind of record and, for one kept in several files (so that a
    command can read only the part it needs), which one a record belongs in: a year's, or
    (None) the collection's current file, when it has one."""

    name: str
    model: type[Record]
    partition: Callable[[Any], int | None] | None = None
    current: bool = False
    noun: str = ""  # one record, as messages name it ("session"); the name's singular if empty

    @property
    def record_noun(self) -> str:
        return self.noun or self.name.removesuffix("s")


def _meeting_year(meeting: Meeting) -> int:
    return meeting.date.year


# The one registry of collections, in the order of the files and of an export; the store
# (`storage/collections.py`) builds its files on it. Sessions are kept one file per year; action
# items in a current file while open, then in the file of the year they closed.
COLLECTION_SPECS = (
    CollectionSpec("goals", Goal),
    CollectionSpec("milestones", Milestone),
    CollectionSpec("mentors", Mentor),
    CollectionSpec("meetings", Meeting, partition=_meeting_year, noun="session"),
    CollectionSpec("actions", ActionItem, partition=closed_year, current=True, noun="action item"),
    CollectionSpec("reflections", Reflection),
    CollectionSpec("topics", Topic),
)
COLLECTION_NAMES = tuple(spec.name for spec in COLLECTION_SPECS)
PARTITIONED = tuple(spec.name for spec in COLLECTION_SPECS if spec.partition is not None)


class Partitions(Protocol):
    """A reader of a partitioned collection may read only the files it needs."""

    def years(self, name: str) -> list[int]: ...

    def load_part(self, name: str, part: int | None) -> list[Any]:
        """One year's records, or (None) the current file's."""

    def added(self, name: str) -> list[Any]:
        """Records added (and not yet saved) while the collection was not read in full."""

    def stream(self, name: str) -> Iterator[list[Any]]:
        """Every year's records in turn, oldest first."""

    def append(self, name: str, record: Any) -> None:
        """Add a new record to its year's file, reading only that year."""

    def id_taken(self, name: str, record_id: str) -> bool | None:
        """Whether any file has this id; None when that cannot be told without reading all."""


class Records(Generic[R]):
    """A collection of the journal, as an attribute (`journal.goals`): read on first use."""

    def __set_name__(self, owner: type[Journal], name: str) -> None:
        self.name = name

    def __get__(self, journal: Journal, owner: type[Journal]) -> list[R]:
        return journal._get(self.name)

    def __set__(self, journal: Journal, value: list[R]) -> None:
        raise AttributeError(f"{self.name} is changed in place, never replaced")


class Journal:
    def __init__(
        self,
        loader: Loader | None = None,
        *,
        partitions: Partitions | None = None,
        **collections: list[Any],
    ) -> None:
        unknown = set(collections) - set(COLLECTION_NAMES)
        if unknown:
            raise TypeError(f"unknown collections: {sorted(unknown)}")
        self._loader = loader
        self._partitions = partitions
        self._data: dict[str, list[Any]] = {k: list(v) for k, v in collections.items()}

    def _get(self, name: str) -> list[Any]:
        records = self._data.get(name)
        if records is None:
            records = self._loader(name) if self._loader is not None else []
            self._data[name] = records
        return records

    goals: Records[Goal] = Records()
    milestones: Records[Milestone] = Records()
    mentors: Records[Mentor] = Records()
    meetings: Records[Meeting] = Records()
    actions: Records[ActionItem] = Records()
    reflections: Records[Reflection] = Records()
    topics: Records[Topic] = Records()

    def collection(self, name: str) -> list[Any]:
        if name not in COLLECTION_NAMES:
            raise KeyError(name)
        return self._get(name)

    def loaded(self) -> dict[str, list[Any]]:
        """The collections that have been read so far (the only ones a save can change)."""
        return dict(self._data)

    def is_loaded(self, name: str) -> bool:
        return name in self._data

    def ids(self, name: str) -> set[str]:
        return {record.id for record in self.collection(name)}

    def meeting_years(self) -> list[int]:
        """The years that have sessions (or a sessions file), oldest first."""
        if self._partitions is None or self.is_loaded("meetings"):
            return sorted({meeting.date.year for meeting in self.meetings})
        return self._partitions.years("meetings")

    def meetings_of_year(self, year: int) -> list[Meeting]:
        """The sessions of one year, reading only that year's file when nothing else is read.

        These lists are for reading: a save only ever writes collections read in full.
        """
        if self._partitions is None or self.is_loaded("meetings"):
            return [meeting for meeting in self.meetings if meeting.date.year == year]
        return self._partitions.load_part("meetings", year)

    def open_actions(self) -> list[ActionItem]:
        """Every open action item, in the order kept (see `actions_closed_since`)."""
        return [a for a in self.actions_closed_since(None) if a.status is ActionStatus.open]

    def actions_closed_since(self, year: int | None) -> list[ActionItem]:
        """Open action items, and those closed in `year` or later.

        When nothing has read every action item, this reads only the current file (where open
        ones are kept) and the files of those years. Changes to open ones are saved.
        """

        def wanted(action: ActionItem) -> bool:
            closed = closed_year(action)
            return closed is None or (year is not None and closed >= year)

        if self._partitions is None or self.is_loaded("actions"):
            return [a for a in self.actions if wanted(a)]
        found = []  # in the order of a whole read: the years, then the current file
        if year is not None:
            for part in self._partitions.years("actions"):
                if part >= year:
                    found += self._partitions.load_part("actions", part)
        current = self._partitions.load_part("actions", None) + self._partitions.added("actions")
        found += [a for a in current if wanted(a)]  # a journal from before keeps closed ones here
        return found

    def meetings_by_year(self) -> Iterator[list[Meeting]]:
        """Every session, one year at a time (oldest first, as `meetings` lists them), without
        keeping them all in memory when nothing else has read them."""
        if self._partitions is None or self.is_loaded("meetings"):
            yield self.meetings
        else:
            yield from self._partitions.stream("meetings")

    def add(self, name: str, record: Any) -> None:
        """Append a new record. A new session or action item reads (and rewrites) only the file
        it goes in when nothing has read the whole collection; reading it later includes it."""
        if self._partitions is not None and name in PARTITIONED and not self.is_loaded(name):
            self._partitions.append(name, record)
        else:
            self.collection(name).append(record)

    def new_id(self, name: str) -> str:
        """An id no record of `name` has, without reading every session file when possible."""
        if self._partitions is not None and name in PARTITIONED and not self.is_loaded(name):
            while True:
                candidate = new_id()
                taken = self._partitions.id_taken(name, candidate)
                if taken is None:
                    break
                if not taken:
                    return candidate
        return new_id(self.ids(name))

    def is_empty(self) -> bool:
        return not (self.goals or self.mentors or self.meetings or self.actions)


def by_id(records: list[Any]) -> dict[str, Any]:
    return {record.id: record for record in records}


def remove(records: list[R], record: R) -> None:
    """Remove exactly this record (by identity of id) from its list."""
    records[:] = [r for r in records if r.id != record.id]
