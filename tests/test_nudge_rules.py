"""A nudge rule is one object (insights/rules/): the registry names every code once, and what a
rule says it reads is what the commands that load only the newest years read for it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import get_args

import pytest

from mentorlog.config import Config, defaults
from mentorlog.insights import recent, rules
from mentorlog.insights.nudges import compute_nudges
from mentorlog.insights.reads import Reads
from mentorlog.insights.rules.base import Code, Nudge, NudgeCode, Rule, Subject
from mentorlog.insights.rules.facts import Facts
from mentorlog.journal.state import Journal
from mentorlog.models import Meeting, Mentor
from mentorlog.storage.store import Store
from mentorlog.vocab import MentorStatus

TODAY = date(2026, 11, 24)
OLD = date(2018, 3, 1)


def test_every_code_belongs_to_one_rule() -> None:
    codes = [code.name for rule in rules.RULES for code in rule.codes]
    assert sorted(codes) == sorted(get_args(NudgeCode))
    assert len(codes) == len(set(codes))
    assert set(rules.CODES) == set(codes)


def test_reads_together_read_what_each_reads() -> None:
    one = Reads(last_met=frozenset({"a"}), sessions_since=date(2026, 1, 1))
    other = Reads(
        met=frozenset({"b"}),
        touched=frozenset({"g"}),
        sessions_since=date(2025, 6, 1),
        any_session_by=date(2025, 9, 30),
        closed_since=date(2026, 10, 1),
    )
    both = one | other
    assert both == Reads(
        last_met=frozenset({"a"}),
        met=frozenset({"b"}),
        touched=frozenset({"g"}),
        sessions_since=date(2025, 6, 1),
        any_session_by=date(2025, 9, 30),
        closed_since=date(2026, 10, 1),
    )
    assert both | Reads() == both


class _OldestSession(Rule):
    """A rule of a test: an info nudge when a session is dated on or before OLD."""

    codes = (Code("reflection-due"),)

    def __init__(self, declared: Reads) -> None:
        self.declared = declared

    def reads(self, journal: Journal, today: date, config: Config) -> Reads:
        return self.declared

    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterator[Nudge]:
        if any(meeting.date <= OLD for meeting in journal.meetings):
            yield Nudge(
                code="reflection-due",
                severity="info",
                subject=Subject(kind="reflection", name="old"),
                message="There is an old session.",
                suggestion="mentorlog meeting list",
            )


def _journal(root: Path) -> Store:
    moment = datetime.combine(OLD, time(9), tzinfo=timezone.utc)
    stamp = {"created": moment, "updated": moment}
    mentor = Mentor(id="m0000001", name="Ana", status=MentorStatus.active, started=OLD, **stamp)
    days = [OLD, date(2021, 5, 5), date(2024, 2, 2), date(2026, 11, 2)]
    meetings = [
        Meeting(id=f"s000000{i}", mentor=mentor.id, date=day, **stamp) for i, day in enumerate(days)
    ]
    store = Store(root)
    with store.transaction() as journal:
        journal.mentors[:] = [mentor]
        journal.meetings[:] = meetings
    return store


@pytest.mark.parametrize("declared", [True, False])
def test_a_rule_registered_once_is_found_and_read_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, declared: bool
) -> None:
    reads = Reads(any_session_by=OLD) if declared else Reads()
    monkeypatch.setattr(rules, "RULES", (_OldestSession(reads),))
    store = _journal(tmp_path)
    config = defaults()
    full = [n.message for n in compute_nudges(store.journal(), TODAY, config)]
    assert full == ["There is an old session."]
    partial = recent.for_nudges(Store(tmp_path).journal(), TODAY, config)
    found = [n.message for n in compute_nudges(partial, TODAY, config)]
    # what the rule declares is what is read: undeclared, the old year is left unread
    assert found == (full if declared else [])
