"""Generated multi-year journals, for the tests of reading only the newest years
(tests/test_partial_loading.py, tests/test_action_files.py)."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path
from typing import Any

from mentorlog.models import Agreement, Goal, Meeting, Mentor
from mentorlog.storage.store import Store
from mentorlog.vocab import GoalStatus, MentorKind, MentorStatus
from tests.factories import TODAY, stamped

YEARS = 8


def build(seed: int) -> dict[str, list[Any]]:
    """A journal over YEARS years with every status, old and new goals, future sessions,
    planned next dates, a prospect met once long ago and relationships gone quiet."""
    rng = random.Random(seed)
    start = TODAY - timedelta(days=365 * YEARS)
    goals = [
        Goal(
            id=f"g{index:07x}",
            title=f"Goal {index}",
            status=GoalStatus.active if index % 3 else GoalStatus.achieved,
            started=start + timedelta(days=index * 200),
            **stamped(start),
        )
        for index in range(12)
    ]
    statuses = [MentorStatus.active] * 5 + [
        MentorStatus.prospect,
        MentorStatus.paused,
        MentorStatus.ended,
    ]
    mentors = []
    for index in range(24):
        kind = list(MentorKind)[index % 4]
        began = start + timedelta(days=rng.randrange(365 * YEARS - 20))
        mentors.append(
            Mentor(
                id=f"m{index:07x}",
                name=f"Mentor {index}",
                kind=kind,
                status=statuses[index % len(statuses)],
                cadence=None
                if kind is MentorKind.micro
                else rng.choice(["1w", "2w", "1m", "3m", "365d"]),
                goals=[rng.choice(goals).id],
                agreement=Agreement(until=began + timedelta(days=90))
                if kind is MentorKind.micro
                else Agreement(),
                started=began,
                **stamped(began),
            )
        )
    meetings = []
    for index in range(900):
        # Most relationships have sessions every year; a few only in the early years.
        who = mentors[rng.randrange(len(mentors))]
        early = int(who.id[1:], 16) % 6 == 0
        span = 365 * (YEARS // 3 if early else YEARS)
        day = start + timedelta(days=rng.randrange(span + 40))  # a few in the future
        meetings.append(
            Meeting(
                id=f"s{index:07x}",
                mentor=who.id,
                date=day,
                goals=[rng.choice(goals).id] if rng.random() < 0.7 else [],
                next=day + timedelta(days=rng.choice([10, 30])) if rng.random() < 0.3 else None,
                **stamped(day),
            )
        )
    return {"goals": goals, "mentors": mentors, "meetings": meetings}


def write(root: Path, collections: dict[str, list[Any]]) -> Store:
    store = Store(root)
    with store.transaction() as journal:
        for name, records in collections.items():
            journal.collection(name)[:] = records
    return store
