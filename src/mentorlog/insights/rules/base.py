"""What a nudge is, and what a nudge rule is: the codes it raises, what it reads, what it finds.

A rule is one object (docs/architecture.md, "a nudge rule"): `compute_nudges` asks every rule
of the registry (`insights.rules.RULES`) what it finds, and the commands that load only the
newest years (`insights.recent`) ask every rule what it reads, so a rule and what it needs are
written once, side by side.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from datetime import date
from typing import ClassVar, Literal, NamedTuple

from mentorlog.config import Config
from mentorlog.insights.reads import NOTHING_MORE, Reads
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


class Code(NamedTuple):
    """A code a rule raises, and how a long run of its nudges is summed up on the dashboard."""

    name: NudgeCode
    more: tuple[str, str] | None = None  # "... and 3 more <one | many>"
    listed_by: str | None = None  # the command that lists them all (else `nudge --all`)


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
