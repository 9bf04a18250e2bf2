"""The six reflection prompts of SPEC §6, each with the figure of the review that bears on it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentorlog.dates import format_cadence
from mentorlog.insights._output import Output
from mentorlog.insights.health import Health
from mentorlog.journal.reflections import PROMPTS
from mentorlog.vocab import GoalStatus

if TYPE_CHECKING:
    from mentorlog.insights.review import Review

LISTED = 4  # names quoted in one figure before "and N more"


class PromptLine(Output):
    number: int
    prompt: str
    figure: str


def prompt_lines(
    review: Review, started: dict[str, date], open_milestones: int, told: set[str]
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


def _focus(review: Review) -> str:
    active = [goal.title for goal in review.goals if goal.status is GoalStatus.active]
    if not active:
        return "No active goals."
    noun = "goal" if len(active) == 1 else "goals"
    return f"{len(active)} active {noun}: {_listed(active)}."


def _most_valued(review: Review, told: set[str]) -> str:
    met = [line for line in review.relationships if line.sessions]
    if not met:
        return "No sessions in this period."
    most = max(met, key=lambda line: line.sessions)  # rows are sorted: ties go to the name
    text = f"Most sessions: {most.name} ({most.sessions})"
    rated = [(line.average_rating, line) for line in met if line.average_rating is not None]
    if rated:
        rating, best = max(rated, key=lambda pair: pair[0])
        text += f"; highest average rating: {best.name} ({decimal(rating)})"
    reported = [line.name for line in met if line.id in told]
    silent = [line.name for line in met if line.id not in told]
    if reported:
        text += f". Followed up with: {_listed(reported)}"
        if silent:
            text += f"; not yet: {_listed(silent)}"
    else:
        text += f". Not followed up yet: {_listed(silent)}"
    return text + "."


def _attention(review: Review) -> str:
    lagging = [
        f"{line.name} ({line.health.value})"
        for line in review.relationships
        if line.health in (Health.overdue, Health.neglected)
    ]
    if not lagging:
        return "No relationship is overdue or neglected."
    return f"Overdue or neglected: {_listed(lagging)}."


def _respect(review: Review, started: dict[str, date]) -> str:
    parts = []
    for line in review.relationships:
        if line.cadence is None or not line.sessions:
            continue
        first = max(review.start, started.get(line.id, review.start))
        agreed = ((review.end - first).days + 1) / line.cadence
        parts.append(
            f"{line.name} {line.sessions} (about {decimal(round(agreed, 1))} agreed, "
            f"{format_cadence(line.cadence)})"
        )
    text = f"Sessions vs agreed cadence: {_listed(parts)}." if parts else "No cadenced sessions."
    if review.to_date:
        asking = sum(1 for nudge in review.nudges if nudge.code == "over-asking")
        text += f" Over-asking nudges now: {asking}."
    return text


def _milestones(review: Review, open_milestones: int) -> str:
    noun = "milestone" if open_milestones == 1 else "milestones"
    overdue = len(review.loose_ends.milestones)
    return f"{open_milestones} open {noun} at the period's end, {overdue} overdue."
