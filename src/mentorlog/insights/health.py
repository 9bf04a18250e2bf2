"""Relationship health: one verdict per mentor, shared by the dashboard, `mentor list/show`,
the nudges and the review, so the same person never gets two different verdicts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import TypedDict

from mentorlog.config import Config
from mentorlog.dates import after_cadence, cadence_span, days_between
from mentorlog.insights._output import Output
from mentorlog.models import CadenceValue, Meeting, Mentor
from mentorlog.vocab import MentorKind, MentorStatus


class Health(str, Enum):
    on_track = "on track"
    due = "due"
    overdue = "overdue"
    neglected = "neglected"
    ad_hoc = "ad-hoc"  # no cadence: one-off or as-needed, never overdue
    prospect = "prospect"
    paused = "paused"
    ended = "ended"

    def __str__(self) -> str:
        return str(self.value)


class Assessment(Output):
    mentor: str
    health: Health
    last_met: date | None
    days_since: int | None  # since the last session, or since `started` when never met
    cadence: CadenceValue | None
    next_due: date | None  # when the cadence says the next session is due


class MentorHealth(TypedDict):
    """What each view of a relationship (`mentor list`, the dashboard) says of its health:
    who the mentor is and the verdict, built once by `mentor_health`."""

    id: str
    name: str
    kind: MentorKind
    cadence: CadenceValue | None
    last_met: date | None
    days_since: int | None  # since the last session, or since `started` when never met
    health: Health


def mentor_health(mentor: Mentor, assessment: Assessment) -> MentorHealth:
    return MentorHealth(
        id=mentor.id,
        name=mentor.name,
        kind=mentor.kind,
        cadence=mentor.cadence,
        last_met=assessment.last_met,
        days_since=assessment.days_since,
        health=assessment.health,
    )


def last_met_by_mentor(meetings: Iterable[Meeting], today: date | None = None) -> dict[str, date]:
    """The date of each mentor's most recent session (on or before `today`, when given)."""
    last: dict[str, date] = {}
    for meeting in meetings:
        if today is not None and meeting.date > today:
            continue
        known = last.get(meeting.mentor)
        if known is None or meeting.date > known:
            last[meeting.mentor] = meeting.date
    return last


def assess(
    mentor: Mentor,
    last_met: date | None,
    today: date,
    *,
    warn_factor: float = 1.5,
    alert_factor: float = 2.0,
) -> Assessment:
    """Health from the local calendar days since the last session against the cadence, in
    calendar units (a monthly cadence from 15 July lasts until 15 August).

    Longer than the cadence: due; longer than `warn_factor` x cadence: overdue; longer than
    `alert_factor` x cadence: neglected. Exactly at the cadence is still on track.
    """
    anchor = last_met if last_met is not None else mentor.started
    days = days_between(anchor, today)
    cadence = mentor.cadence
    next_due = after_cadence(anchor, cadence) if cadence else None
    if mentor.status is MentorStatus.prospect:
        health = Health.prospect
    elif mentor.status is MentorStatus.paused:
        health = Health.paused
    elif mentor.status is MentorStatus.ended:
        health = Health.ended
    elif cadence is None:
        health = Health.ad_hoc
    elif days > cadence_span(cadence, anchor, alert_factor):
        health = Health.neglected
    elif days > cadence_span(cadence, anchor, warn_factor):
        health = Health.overdue
    elif days > cadence_span(cadence, anchor):
        health = Health.due
    else:
        health = Health.on_track
    return Assessment(
        mentor=mentor.id,
        health=health,
        last_met=last_met,
        days_since=days,
        cadence=cadence,
        next_due=next_due if mentor.status is MentorStatus.active else None,
    )


def assess_all(
    mentors: Iterable[Mentor],
    meetings: Iterable[Meeting],
    today: date,
    *,
    warn_factor: float = 1.5,
    alert_factor: float = 2.0,
) -> dict[str, Assessment]:
    last = last_met_by_mentor(meetings, today)
    return {
        mentor.id: assess(
            mentor, last.get(mentor.id), today, warn_factor=warn_factor, alert_factor=alert_factor
        )
        for mentor in mentors
    }


def assess_by_config(
    mentors: Iterable[Mentor], meetings: Iterable[Meeting], today: date, config: Config
) -> dict[str, Assessment]:
    """`assess_all` with the thresholds of `config.nudges`."""
    return assess_all(
        mentors,
        meetings,
        today,
        warn_factor=config.nudges.overdue_warn,
        alert_factor=config.nudges.overdue_alert,
    )
