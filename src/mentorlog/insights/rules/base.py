"""What a nudge is, and what a nudge rule is: the codes it raises, what it reads, what it finds.

A rule is one object (docs/architecture.md, "a nudge rule"): `compute_nudges` asks every rule
of the registry (`insights.rules.RULES`) what it finds, and the commands that load only the
newest years (`insights.recent`) ask every rule what it reads, so a rule and what it needs are
written once, side by side.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal

from mentorlog.config import Config
from mentorlog.insights.rules.facts import Facts
from mentorlog.journal.state import Journal
from mentorlog.models import Mentor
from mentorlog.output import Output

Severity = Literal["info", "warn", "alert"]
SubjectKind = Literal["mentor", "goal", "milestone", "action", "reflection", "focus", "sync"]
NudgeCode = Literal[
    "overdue-contact",
    "missed-next",
    "stale-prospect",
    "action-overdue",
    "milestone-overdue",
    "milestone-soon",
    "focus-overload",
    "goal-unsupported",
    "goal-no-milestones",
    "supervisor-mentor",
    "micro-ended",
    "over-asking",
    "report-back",
    "reflection-due",
    "sync-conflict",
]

SEVERITY_ORDER: dict[str, int] = {"alert": 0, "warn": 1, "info": 2}
SHOWN = 60  # longest title or action text quoted in a message


class Subject(Output):
    """What a nudge is about: a record (kind and id), or the journal as a whole (no id)."""

    kind: SubjectKind
    id: str | None = None
    name: str


class Nudge(Output):
    code: NudgeCode
    severity: Severity
    subject: Subject
    message: str
    suggestion: str  # a command of docs/commands.md to run


def mentor_subject(mentor: Mentor) -> Subject:
    return Subject(kind="mentor", id=mentor.id, name=mentor.name)


@dataclass(frozen=True)
class Code:
    """A code a rule raises, and how a long run of its nudges is summed up on the dashboard."""

    name: NudgeCode
    more: tuple[str, str] | None = None  # "... and 3 more <one | many>"
    listed_by: str | None = None  # the command that lists them all (else `nudge --all`)


@dataclass(frozen=True)
class Reads:
    """What a rule reads beyond the records always read in full (mentors, goals, milestones,
    reflections, open action items): what it must find among the sessions, which are kept one
    file per year, and how far back it reads the closed action items."""

    last_met: frozenset[str] = frozenset()  # mentors: their latest session to date
    met: frozenset[str] = frozenset()  # mentors: whether there is any session at all
    touched: frozenset[str] = frozenset()  # goals: the latest session to date touching them
    sessions_since: date | None = None  # every session on or after this day
    any_session_by: date | None = None  # whether any session is on or before this day
    closed_since: date | None = None  # action items closed on or after this day

    def __or__(self, other: Reads) -> Reads:
        """What both read (finding a session on or before the earlier day answers both)."""
        return Reads(
            last_met=self.last_met | other.last_met,
            met=self.met | other.met,
            touched=self.touched | other.touched,
            sessions_since=_earlier(self.sessions_since, other.sessions_since),
            any_session_by=_earlier(self.any_session_by, other.any_session_by),
            closed_since=_earlier(self.closed_since, other.closed_since),
        )


def _earlier(one: date | None, other: date | None) -> date | None:
    return min(one, other) if one is not None and other is not None else one or other


NOTHING_MORE = Reads()


class Rule(ABC):
    """One nudge rule. `find` may read only what `reads` declares (and the records always read
    in full); `tests/test_partial_loading.py` compares every rule on partial and full loads."""

    codes: ClassVar[tuple[Code, ...]]

    def reads(self, journal: Journal, today: date, config: Config) -> Reads:
        """What `find` reads of the sessions and the closed action items (nothing, by default)."""
        return NOTHING_MORE

    @abstractmethod
    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterable[Nudge]:
        """The nudges of this rule on `today`, in any order (`compute_nudges` sorts them)."""
