"""The nudge rules about the journal as a whole: the quarterly reflection, sync conflicts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from mentorlog.config import Config
from mentorlog.dates import days_between, quarter_of
from mentorlog.insights.reads import Reads
from mentorlog.insights.rules.base import Code, Nudge, Rule, Subject
from mentorlog.insights.rules.facts import Facts
from mentorlog.journal.state import Journal


class ReflectionDue(Rule):
    """Early in a quarter, no reflection on the last one (when the journal had begun by then)."""

    codes = (Code("reflection-due"),)

    def reads(self, journal: Journal, today: date, config: Config) -> Reads:
        return Reads(any_session_by=quarter_of(today).previous().end)

    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterator[Nudge]:
        quarter = quarter_of(today)
        if days_between(quarter.start, today) >= config.nudges.reflection_due_days:
            return
        previous = quarter.previous()
        # A journal begun this quarter has nothing to reflect on yet.
        if facts.first_session is None or facts.first_session > previous.end:
            return
        if any(reflection.period == previous.label for reflection in journal.reflections):
            return
        yield Nudge(
            code="reflection-due",
            severity="info",
            subject=Subject(kind="reflection", name=previous.label),
            message=f"{previous.label} has ended: take a moment to reflect on it.",
            suggestion=f"mentorlog review --quarter {previous.label} --reflect",
        )


class SyncConflict(Rule):
    """Fields a sync found changed on two machines, not yet dismissed on this one."""

    codes = (Code("sync-conflict"),)

    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterator[Nudge]:
        conflicts = facts.open_conflicts
        if conflicts:
            plural = "s" if conflicts != 1 else ""
            yield Nudge(
                code="sync-conflict",
                severity="info",
                subject=Subject(kind="sync", name="sync"),
                message=f"{conflicts} field{plural} changed on two machines: a sync kept the "
                "later value; check it is the one you meant.",
                suggestion="mentorlog sync conflicts",
            )
