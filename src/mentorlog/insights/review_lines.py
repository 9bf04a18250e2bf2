"""The lines of a review that its prompts also quote (`review_prompts.py`): a relationship's,
and a count of sessions by format or kind. A goal's is in `review_goals.py`."""

from __future__ import annotations

from datetime import date

from mentorlog.insights.health import Health
from mentorlog.models import CadenceValue
from mentorlog.output import Output
from mentorlog.vocab import MentorKind, MentorStatus


class RelationshipLine(Output):
    id: str
    name: str
    kind: MentorKind
    status: MentorStatus
    cadence: CadenceValue | None
    sessions: int
    hours: float
    last_met: date | None  # ever, up to the period's end
    health: Health  # as of the period's end
    average_rating: float | None  # of the period's rated sessions


class MixLine(Output):
    name: str
    sessions: int
