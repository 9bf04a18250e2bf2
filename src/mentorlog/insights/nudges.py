"""Nudges (docs/nudges.md): what needs attention, each with the command that deals with it.

Plain data, computed from the journal, `today` and the config; the dashboard, `mentorlog nudge`
and the review render the same list. Each rule is one object in `insights/rules/` (what it
reads, what it finds); this module walks the registry. Every threshold comes from
`config.nudges` (and `config.focus_limit`); every day count is a difference of local calendar
dates.

Severities (docs/nudges.md has the table):
  alert  a relationship neglected (> overdue_alert x cadence), an action left far too long
  warn   overdue contact, missed plans, overdue work, agreements not kept, focus spread thin
  info   something coming up or worth a thought: due contact, soon milestones, prospects,
         goals without milestones, the quarterly reflection
"""

from __future__ import annotations

from datetime import date

from mentorlog.config import Config
from mentorlog.insights import rules
from mentorlog.insights.rules.base import SEVERITY_ORDER, Nudge, NudgeCode, Severity, Subject
from mentorlog.insights.rules.facts import Facts, latest_sessions
from mentorlog.journal.state import Journal

__all__ = [
    "SEVERITY_ORDER",
    "Nudge",
    "NudgeCode",
    "Severity",
    "Subject",
    "compute_nudges",
    "latest_sessions",
    "sort_key",
]


def compute_nudges(
    journal: Journal, today: date, config: Config, *, open_conflicts: int = 0
) -> list[Nudge]:
    """Every nudge that applies on `today`, most severe first, then by code and subject.

    `open_conflicts`: sync conflicts not dismissed on this machine (read by the caller).
    """
    facts = Facts.gather(journal, today, config, open_conflicts)
    found = [nudge for rule in rules.RULES for nudge in rule.find(journal, facts, today, config)]
    return sorted(found, key=sort_key)


def sort_key(nudge: Nudge) -> tuple[int, str, str, str]:
    return (
        SEVERITY_ORDER[nudge.severity],
        nudge.code,
        nudge.subject.name.casefold(),
        nudge.subject.id or "",
    )
