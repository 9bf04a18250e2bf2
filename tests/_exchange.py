"""A small journal with every collection and text meant to break exports, and its records
read back from disk (tests/test_export.py, tests/test_import.py)."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

from mentorlog import vocab
from mentorlog.journal.state import COLLECTION_NAMES
from mentorlog.models import (
    ActionItem,
    Agreement,
    Answer,
    Goal,
    Meeting,
    Mentor,
    Milestone,
    Reflection,
    stamp,
)
from mentorlog.storage.store import Store
from tests.helpers import on_disk

HOSTILE_NOTES = 'Agenda, "quoted"\n```\nunclosed fence\n# Not a section\n=HYPERLINK("x")'


def build_journal(home: Path) -> None:
    """A small journal with every collection and some text meant to break exports."""
    with Store(home, command="test setup").transaction() as journal:
        speaking = Goal(
            id="g0speak",
            **stamp(),
            title="# Public speaking",
            why="lead the *demos*",
            started=date(2026, 1, 5),
        )
        old = Goal(
            id="g0old",
            **stamp(),
            title="Old goal",
            status=vocab.GoalStatus.dropped,
            started=date(2025, 1, 1),
        )
        journal.goals.extend([speaking, old])
        ada = Mentor(
            id="m0ada",
            **stamp(),
            name="Ada [bold]Lovelace[/bold]",
            org="Analytical Engines",
            started=date(2026, 1, 10),
            cadence="1m",
            goals=[speaking.id],
            agreement=Agreement(why="she has done it", hope="honest feedback"),
        )
        bob = Mentor(
            id="m0bob",
            **stamp(),
            name="@Bob",
            kind=vocab.MentorKind.peer,
            status=vocab.MentorStatus.paused,
            started=date(2026, 2, 1),
        )
        journal.mentors.extend([ada, bob])
        journal.milestones.extend(
            [
                Milestone(
                    id="ms0talk", **stamp(), goal=speaking.id, title="Talk", due=date(2026, 12, 10)
                ),
                Milestone(
                    id="ms0done",
                    **stamp(),
                    goal=speaking.id,
                    title="Outline",
                    due=date(2026, 11, 1),
                    status=vocab.MilestoneStatus.done,
                    done=date(2026, 10, 30),
                ),
                Milestone(id="ms0old", **stamp(), goal=old.id, title="Gone", due=date(2026, 12, 1)),
            ]
        )
        first = Meeting(
            id="mt0first",
            **stamp(),
            mentor=ada.id,
            date=date(2026, 10, 20),
            duration=30,
            format=vocab.MeetingFormat.coffee,
            notes="First chat",
            next=date(2026, 11, 1),
        )
        second = Meeting(
            id="mt0second",
            **stamp(),
            mentor=ada.id,
            date=date(2026, 11, 20),
            time=time(9, 30),
            duration=45,
            goals=[speaking.id],
            notes=HOSTILE_NOTES,
            takeaways=["=1+1", "Breathe, then speak"],
            rating=4,
            next=date(2026, 12, 18),
        )
        with_bob = Meeting(
            id="mt0bob",
            **stamp(),
            mentor=bob.id,
            date=date(2025, 6, 1),
            format=vocab.MeetingFormat.walk,
            next=date(2026, 12, 5),
        )
        journal.meetings.extend([second, first, with_bob])
        journal.actions.extend(
            [
                ActionItem(
                    id="ac0room",
                    **stamp(),
                    text="Book a room",
                    meeting=second.id,
                    mentor=ada.id,
                    due=date(2026, 12, 1),
                ),
                ActionItem(
                    id="ac0done",
                    **stamp(),
                    text="Send slides",
                    mentor=ada.id,
                    due=date(2026, 11, 1),
                    status=vocab.ActionStatus.done,
                    done=date(2026, 11, 2),
                ),
            ]
        )
        journal.reflections.append(
            Reflection(
                id="rf0q3",
                **stamp(),
                period="2026-Q3",
                answers=[Answer(prompt="Which relationship gave you the most?", answer="Ada")],
                snapshot={"sessions": 2},
            )
        )


def data_records(home: Path) -> dict[str, list[dict[str, Any]]]:
    """Every record in the data files, by collection (read from disk, not through mentorlog)."""
    return {name: on_disk(home, name) for name in COLLECTION_NAMES}
