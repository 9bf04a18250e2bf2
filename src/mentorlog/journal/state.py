"""The journal in memory: one list per collection, loaded on first use.

Commands touch only the collections they need, so a command that never looks at sessions never
reads (or validates) the session files. Pure code and tests build a Journal from lists directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from mentorlog.models import ActionItem, Goal, Meeting, Mentor, Milestone, Record, Reflection

Loader = Callable[[str], list[Any]]

R = TypeVar("R", bound=Record)

COLLECTION_NAMES = ("goals", "milestones", "mentors", "meetings", "actions", "reflections")


class Journal:
    def __init__(self, loader: Loader | None = None, **collections: list[Any]) -> None:
        unknown = set(collections) - set(COLLECTION_NAMES)
        if unknown:
            raise TypeError(f"unknown collections: {sorted(unknown)}")
        self._loader = loader
        self._data: dict[str, list[Any]] = {k: list(v) for k, v in collections.items()}

    def _get(self, name: str) -> list[Any]:
        records = self._data.get(name)
        if records is None:
            records = self._loader(name) if self._loader is not None else []
            self._data[name] = records
        return records

    @property
    def goals(self) -> list[Goal]:
        return self._get("goals")

    @property
    def milestones(self) -> list[Milestone]:
        return self._get("milestones")

    @property
    def mentors(self) -> list[Mentor]:
        return self._get("mentors")

    @property
    def meetings(self) -> list[Meeting]:
        return self._get("meetings")

    @property
    def actions(self) -> list[ActionItem]:
        return self._get("actions")

    @property
    def reflections(self) -> list[Reflection]:
        return self._get("reflections")

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

    def is_empty(self) -> bool:
        return not (self.goals or self.mentors or self.meetings or self.actions)


def by_id(records: list[Any]) -> dict[str, Any]:
    return {record.id: record for record in records}


def remove(records: list[R], record: R) -> None:
    """Remove exactly this record (by identity of id) from its list."""
    records[:] = [r for r in records if r.id != record.id]
