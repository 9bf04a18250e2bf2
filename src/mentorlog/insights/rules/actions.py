"""The nudge rules about action items: work left too long, and results to report back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from mentorlog.config import Config
from mentorlog.dates import days_between
from mentorlog.insights.naming import days, friendly_day
from mentorlog.insights.reads import Reads
from mentorlog.insights.rules.base import (
    SHOWN,
    Code,
    Nudge,
    Rule,
    Severity,
    Subject,
    mentor_subject,
)
from mentorlog.insights.rules.facts import Facts
from mentorlog.journal.reports import reports_due
from mentorlog.journal.state import Journal
from mentorlog.text import shorten
from mentorlog.vocab import ActionStatus, MentorStatus


class ActionOverdue(Rule):
    """An open action item past its due date, or open too long without one."""

    codes = (
        Code(
            "action-overdue",
            ("overdue action item", "overdue action items"),
            "mentorlog action list",
        ),
    )

    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterator[Nudge]:
        stale = config.nudges.action_stale_days
        for action in journal.actions:
            if action.status is not ActionStatus.open:
                continue
            text = shorten(action.text, SHOWN)
            if action.due is not None:
                late = days_between(action.due, today)
                if late <= 0:
                    continue
                severity: Severity = "alert" if late > stale else "warn"
                when = friendly_day(action.due, today)
                message = f"Action overdue by {days(late)} (due {when}): {text}"
            else:
                age = days_between(action.opened, today)
                if age <= stale:
                    continue
                severity = "alert" if age > 2 * stale else "warn"
                message = f"Action open for {days(age)} with no due date: {text}"
            yield Nudge(
                code="action-overdue",
                severity=severity,
                subject=Subject(kind="action", id=action.id, name=action.text),
                message=message,
                suggestion=f"mentorlog action done {action.id}",
            )


class ReportBack(Rule):
    """You did what an active mentor advised (an action item of their session, done in the
    report-back window) and have not followed up with them since."""

    codes = (Code("report-back"),)

    def reads(self, journal: Journal, today: date, config: Config) -> Reads:
        since = _window_start(today, config)
        return Reads(sessions_since=since, closed_since=since)

    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterator[Nudge]:
        since = _window_start(today, config)
        if since is None:
            return
        due = reports_due(journal.actions, journal.meetings, since)
        for mentor in journal.mentors:
            items = due.get(mentor.id)
            if mentor.status is not MentorStatus.active or not items:
                continue
            latest = max(items, key=lambda a: (a.done or today, a.updated))
            more = f" and {len(items) - 1} more" if len(items) > 1 else ""
            yield Nudge(
                code="report-back",
                severity="info",
                subject=mentor_subject(mentor),
                message=(
                    f"You did what {shorten(mentor.name, SHOWN)} advised "
                    f"({shorten(latest.text, SHOWN)}{more}): tell them how it went."
                ),
                suggestion=f"mentorlog followup {facts.mentor_ref(mentor)}",
            )


def _window_start(today: date, config: Config) -> date | None:
    """The first day of the report-back window (None when the rule is off)."""
    if not config.nudges.report_back:
        return None
    return today - timedelta(days=config.nudges.report_back_days - 1)
