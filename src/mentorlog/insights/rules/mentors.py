"""The nudge rules about relationships: prospects, agreements, supervisors, cadence, contact."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from mentorlog.config import Config
from mentorlog.dates import days_between, format_cadence
from mentorlog.insights.health import Assessment, Health, assess_by_config
from mentorlog.insights.naming import days, friendly_day
from mentorlog.insights.reads import Reads
from mentorlog.insights.rules.base import (
    SEVERITY_ORDER,
    SHOWN,
    Code,
    Nudge,
    Rule,
    Severity,
    mentor_subject,
)
from mentorlog.insights.rules.facts import Facts
from mentorlog.journal.state import Journal
from mentorlog.models import Mentor
from mentorlog.text import shorten
from mentorlog.vocab import MentorKind, MentorStatus

_HEALTH_SEVERITY: dict[Health, Severity] = {
    Health.due: "info",
    Health.overdue: "warn",
    Health.neglected: "alert",
}


def _with_status(journal: Journal, status: MentorStatus) -> list[Mentor]:
    return [mentor for mentor in journal.mentors if mentor.status is status]


def _agreement_ended(mentor: Mentor, today: date) -> bool:
    return mentor.agreement.until is not None and mentor.agreement.until < today


class StaleProspect(Rule):
    """A prospect never met, long after they were added."""

    codes = (Code("stale-prospect", ("prospect not met yet", "prospects not met yet")),)

    def reads(self, journal: Journal, today: date, config: Config) -> Reads:
        return Reads(met=frozenset(m.id for m in _with_status(journal, MentorStatus.prospect)))

    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterator[Nudge]:
        limit = config.nudges.stale_prospect_days
        for mentor in _with_status(journal, MentorStatus.prospect):
            age = days_between(mentor.started, today)
            if age > limit and mentor.id not in facts.met_ever:
                yield Nudge(
                    code="stale-prospect",
                    severity="info",
                    subject=mentor_subject(mentor),
                    message=(
                        f"{shorten(mentor.name, SHOWN)} has been a prospect for {days(age)} "
                        "with no session yet."
                    ),
                    suggestion=f"mentorlog meet {facts.mentor_ref(mentor)}",
                )


class AgreementEnded(Rule):
    """An active relationship past the end date of its agreement."""

    codes = (Code("micro-ended", ("agreement past its end", "agreements past their end")),)

    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterator[Nudge]:
        for mentor in _with_status(journal, MentorStatus.active):
            until = mentor.agreement.until
            if until is None or until >= today:
                continue
            kind = "micro-mentorship" if mentor.kind is MentorKind.micro else "agreement"
            yield Nudge(
                code="micro-ended",
                severity="warn",
                subject=mentor_subject(mentor),
                message=(
                    f"The {kind} with {shorten(mentor.name, SHOWN)} ended on "
                    f"{friendly_day(until, today)} but is still active: close it, or agree a "
                    "new end date."
                ),
                suggestion=f"mentorlog mentor end {facts.mentor_ref(mentor)}",
            )


class SupervisorMentor(Rule):
    """The supervisor trap: nobody outside your reporting line helps with what your
    supervisor helps with (or, when they help with no goal in particular, nobody at all)."""

    codes = (Code("supervisor-mentor", ("supervisor as mentor", "supervisors as mentors")),)

    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterator[Nudge]:
        for mentor in _with_status(journal, MentorStatus.active):
            if not mentor.supervisor or not _no_objective_view(mentor, facts):
                continue
            yield Nudge(
                code="supervisor-mentor",
                severity="warn",
                subject=mentor_subject(mentor),
                message=(
                    f"{shorten(mentor.name, SHOWN)} is your current supervisor; a mentor "
                    "outside your reporting line can be more objective."
                ),
                suggestion=_objective_mentor_command(mentor, facts),
            )


def _no_objective_view(supervisor: Mentor, facts: Facts) -> bool:
    if facts.objective_goals is None:
        return True
    return bool(supervisor.goals) and not set(supervisor.goals) & facts.objective_goals


def _objective_mentor_command(supervisor: Mentor, facts: Facts) -> str:
    """`mentor add` of someone who helps with what the supervisor helps with: once run, the
    supervisor nudge is gone."""
    helped = set(facts.objective_goals or ())
    uncovered = [g for g in supervisor.goals if g not in helped]
    goal = facts.goals.get(uncovered[0]) if uncovered else None
    return "mentorlog mentor add NAME" + (f" --goal {facts.goal_ref(goal)}" if goal else "")


class OverAsking(Rule):
    """More than one session inside the over-asking window of a relationship's cadence."""

    codes = (
        Code("over-asking", ("relationship asked too often", "relationships asked too often")),
    )

    def reads(self, journal: Journal, today: date, config: Config) -> Reads:
        windows = [
            config.nudges.over_asking_days(mentor.cadence, today)
            for mentor in _with_status(journal, MentorStatus.active)
            if mentor.cadence is not None
        ]
        if not windows:
            return Reads()
        return Reads(sessions_since=today - timedelta(days=max(windows) - 1))

    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterator[Nudge]:
        for mentor in _with_status(journal, MentorStatus.active):
            recent = facts.in_cadence_window.get(mentor.id, 0)
            if mentor.cadence is None or recent <= 1:
                continue
            window = config.nudges.over_asking_days(mentor.cadence, today)
            yield Nudge(
                code="over-asking",
                severity="warn",
                subject=mentor_subject(mentor),
                message=(
                    f"{recent} sessions with {shorten(mentor.name, SHOWN)} in the last "
                    f"{days(window)}; the agreement is {format_cadence(mentor.cadence)}. "
                    "Respect their time, or agree a new cadence."
                ),
                suggestion=f"mentorlog mentor show {facts.mentor_ref(mentor)}",
            )


class Contact(Rule):
    """A relationship due, overdue or neglected by its cadence, and a planned next session that
    passed with none logged. One problem, one nudge: a missed plan of an overdue relationship is
    one more fact in its overdue-contact nudge (at least a warning). Past the end date of its
    agreement the advice is to close or renew (`AgreementEnded`), not to book a session."""

    codes = (
        Code(
            "overdue-contact",
            ("relationship to look after", "relationships to look after"),
            "mentorlog mentor list",
        ),
        Code(
            "missed-next",
            ("missed planned session", "missed planned sessions"),
            "mentorlog mentor list",
        ),
    )

    def reads(self, journal: Journal, today: date, config: Config) -> Reads:
        return Reads(last_met=frozenset(m.id for m in _with_status(journal, MentorStatus.active)))

    def find(self, journal: Journal, facts: Facts, today: date, config: Config) -> Iterator[Nudge]:
        active = _with_status(journal, MentorStatus.active)
        health = assess_by_config(active, journal.meetings, today, config)
        for mentor in active:
            if not _agreement_ended(mentor, today):
                yield from _contact(mentor, health[mentor.id], facts, today)


def _contact(mentor: Mentor, health: Assessment, facts: Facts, today: date) -> Iterator[Nudge]:
    name = shorten(mentor.name, SHOWN)
    suggestion = f"mentorlog meet {facts.mentor_ref(mentor)}"
    latest = facts.latest.get(mentor.id)
    planned = latest.next if latest is not None else None
    missed = None  # when the planned next session was, if it passed with none logged since
    if latest is not None and planned is not None and latest.date < planned < today:
        missed = f"{friendly_day(planned, today)} ({days(days_between(planned, today))} ago)"
    severity = _HEALTH_SEVERITY.get(health.health)
    if severity is not None and mentor.cadence is not None:
        since = (
            f"for {days(health.days_since or 0)}"
            if health.last_met is not None
            else f"yet, {days(health.days_since or 0)} since you started"
        )
        message = f"No session with {name} {since} (cadence {format_cadence(mentor.cadence)})"
        if missed is not None and SEVERITY_ORDER[severity] > SEVERITY_ORDER["warn"]:
            severity = "warn"
        yield Nudge(
            code="overdue-contact",
            severity=severity,
            subject=mentor_subject(mentor),
            message=f"{message}; the next one was planned for {missed}."
            if missed
            else message + ".",
            suggestion=suggestion,
        )
    elif missed is not None:
        yield Nudge(
            code="missed-next",
            severity="warn",
            subject=mentor_subject(mentor),
            message=f"The next session with {name} was planned for {missed}; none logged since.",
            suggestion=suggestion,
        )
