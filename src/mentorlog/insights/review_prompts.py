"""The six reflection prompts (docs/review.md), each with the review figure that bears on it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from mentorlog.dates import cadence_span, format_cadence
from mentorlog.insights.health import Health
from mentorlog.insights.review_goals import GoalLine
from mentorlog.insights.review_lines import MixLine, RelationshipLine
from mentorlog.journal.reflections import PROMPTS
from mentorlog.output import Output
from mentorlog.vocab import GoalStatus, MentorStatus

LISTED = 4  # names quoted in one figure before "and N more"


class PromptLine(Output):
    number: int
    prompt: str
    figure: str
    answer: str = ""  # from the reflection saved for the period


@dataclass(frozen=True)
class Figures:
    """The parts of a review its prompts quote: the review is built with its prompts, from
    these, so this module needs nothing of insights/review.py (no import cycle)."""

    start: date
    end: date
    to_date: bool
    goals: Sequence[GoalLine]
    relationships: Sequence[RelationshipLine]
    kinds: Sequence[MixLine]
    nudge_codes: Sequence[str]
    overdue_milestones: int


def prompt_lines(
    review: Figures, started: dict[str, date], open_milestones: int, told: set[str]
) -> list[PromptLine]:
    """`started`: each mentor's start date; `open_milestones`: open at the period's end;
    `told`: the mentors you followed up with (`mentorlog followup`) in the period."""
    figures = (
        _focus(review),
        _most_valued(review, told),
        _attention(review),
        _respect(review, started),
        "Sessions by kind: " + ", ".join(f"{m.name} {m.sessions}" for m in review.kinds) + ".",
        _milestones(review, open_milestones),
    )
    return [
        PromptLine(number=number, prompt=prompt, figure=figure)
        for number, (prompt, figure) in enumerate(zip(PROMPTS, figures, strict=True), start=1)
    ]


def _listed(parts: list[str]) -> str:
    shown = "; ".join(parts[:LISTED])
    more = len(parts) - LISTED
    return f"{shown}; and {more} more" if more > 0 else shown


def decimal(value: float) -> str:
    """One decimal, the way every figure of the review is shown (`4.5`, `3.0`)."""
    return f"{value:.1f}"


def _focus(review: Figures) -> str:
    active = [goal.title for goal in review.goals if goal.status is GoalStatus.active]
    if not active:
        return "No active goals."
    noun = "goal" if len(active) == 1 else "goals"
    return f"{len(active)} active {noun}: {_listed(active)}."


def _most_valued(review: Figures, told: set[str]) -> str:
    met = [line for line in review.relationships if line.sessions]
    if not met:
        return "No sessions in this period."
    most = max(line.sessions for line in met)
    text = "Most sessions: " + _tied([line.name for line in met if line.sessions == most], most)
    rated = [line for line in met if line.average_rating is not None]
    if rated:
        best = max(line.average_rating or 0.0 for line in rated)
        names = [line.name for line in rated if line.average_rating == best]
        text += "; highest average rating: " + _tied(names, decimal(best))
    reported = [line.name for line in met if line.id in told]
    silent = [line.name for line in met if line.id not in told]
    if reported:
        text += f". Followed up with: {_listed(reported)}"
        if silent:
            text += f"; not yet: {_listed(silent)}"
    else:
        text += f". Not followed up yet: {_listed(silent)}"
    return text + "."


def _tied(names: list[str], figure: object) -> str:
    """`Ada (3)`, or a tie named as one: `Dana, Kai and Tom, 3 each` (rows come sorted)."""
    if len(names) == 1:
        return f"{names[0]} ({figure})"
    shown = names[:LISTED]
    more = len(names) - len(shown)
    if more:
        listed = f"{', '.join(shown)} and {more} more"
    else:
        listed = f"{', '.join(shown[:-1])} and {shown[-1]}"
    return f"{listed}, {figure} each"


def _attention(review: Figures) -> str:
    lagging = [
        f"{line.name} ({line.health.value})"
        for line in review.relationships
        if line.health in (Health.overdue, Health.neglected)
    ]
    if not lagging:
        return "No relationship is overdue or neglected."
    return f"Overdue or neglected: {_listed(lagging)}."


def _respect(review: Figures, started: dict[str, date]) -> str:
    parts = []
    for line in review.relationships:
        if line.cadence is None or not line.sessions or line.status is not MentorStatus.active:
            continue  # a paused or ended relationship keeps no cadence
        first = max(review.start, started.get(line.id, review.start))
        agreed = ((review.end - first).days + 1) / cadence_span(line.cadence, first)
        parts.append(
            f"{line.name} {line.sessions} (about {decimal(round(agreed, 1))} agreed, "
            f"{format_cadence(line.cadence)})"
        )
    text = f"Sessions vs agreed cadence: {_listed(parts)}." if parts else "No cadenced sessions."
    if review.to_date:
        asking = sum(1 for code in review.nudge_codes if code == "over-asking")
        text += f" Over-asking nudges now: {asking}."
    return text


def _milestones(review: Figures, open_milestones: int) -> str:
    noun = "milestone" if open_milestones == 1 else "milestones"
    overdue = review.overdue_milestones
    return f"{open_milestones} open {noun} at the period's end, {overdue} overdue."
