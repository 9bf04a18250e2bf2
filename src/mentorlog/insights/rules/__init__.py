"""Every nudge rule, in one registry (docs/nudges.md lists them; docs/architecture.md says how
to add one). `compute_nudges` asks each what it finds; `insights.recent` asks each what it
reads, to load only the newest years a command needs."""

from __future__ import annotations

from mentorlog.insights.rules.actions import ActionOverdue, ReportBack
from mentorlog.insights.rules.base import Code, Rule
from mentorlog.insights.rules.goals import (
    FocusOverload,
    GoalNoMilestones,
    GoalUnsupported,
    MilestoneDue,
)
from mentorlog.insights.rules.journal import ReflectionDue, SyncConflict
from mentorlog.insights.rules.mentors import (
    AgreementEnded,
    Contact,
    OverAsking,
    StaleProspect,
    SupervisorMentor,
)

RULES: tuple[Rule, ...] = (
    StaleProspect(),
    AgreementEnded(),
    SupervisorMentor(),
    OverAsking(),
    Contact(),
    ActionOverdue(),
    ReportBack(),
    MilestoneDue(),
    FocusOverload(),
    GoalUnsupported(),
    GoalNoMilestones(),
    ReflectionDue(),
    SyncConflict(),
)
CODES: dict[str, Code] = {code.name: code for rule in RULES for code in rule.codes}
