"""The quarterly review as a Markdown document (`mentorlog review --output FILE.md`).

The same sections and the same numbers as the terminal review. Every piece of user text is
escaped (`inline`), so a name like `# Ada` or `[x](javascript:…)` stays text.
"""

from __future__ import annotations

from collections.abc import Sequence

from mentorlog import __version__
from mentorlog.exchange.markdown import inline
from mentorlog.insights.review import Review
from mentorlog.insights.review_lines import MixLine
from mentorlog.render.bars import EMPTY, FULL
from mentorlog.render.review import (
    CHART_WIDTH,
    MIX_WIDTH,
    bar_cells,
    headline_pairs,
    period_title,
    rating_label,
)
from mentorlog.text import clean, plural

_PROGRESS_WIDTH = 10


def text(value: str | None) -> str:
    """User text for one Markdown line or table cell: no markup, no entities, no HTML."""
    return inline(value).replace("&", "\\&")


def command(value: str) -> str:
    """A command to run, as a code span (escaped text if it could break out of one)."""
    line = clean(value).strip()
    return f"`{line}`" if line and "`" not in line else text(line)


def _progress(done: int, total: int) -> str:
    if total <= 0:
        return "—"
    filled = round(_PROGRESS_WIDTH * done / total)
    return f"`{FULL * filled}{EMPTY * (_PROGRESS_WIDTH - filled)}` {done}/{total}"


def _table(header: Sequence[str], align: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    rule = ["---:" if a == "right" else "---" for a in align]
    return [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(rule) + " |",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def markdown_report(review: Review) -> str:
    lines = [f"# {period_title(review)}", ""]
    lines += ["## Headline", ""]
    lines += _table(("Figure", "Value"), ("left", "right"), headline_pairs(review.headline))
    missing = review.headline.sessions_without_duration
    if missing:
        lines += ["", f"{plural(missing, 'session')} without a duration (counted as 0 hours)."]

    lines += ["", "## Goals", ""]
    if review.goals:
        lines += _table(
            ("Goal", "Status", "Milestones", "Done here", "Sessions"),
            ("left", "left", "left", "right", "right"),
            [
                (
                    text(goal.title),
                    goal.status.value,
                    _progress(goal.milestones_done, goal.milestones_total),
                    str(goal.milestones_done_in_period),
                    str(goal.sessions),
                )
                for goal in review.goals
            ],
        )
    else:
        lines.append("No goals were active in this period.")

    lines += ["", "## Relationships", ""]
    if review.relationships:
        lines += _table(
            ("Mentor", "Kind", "Sessions", "Hours", "Last met", "Health", "Rating"),
            ("left", "left", "right", "right", "left", "left", "right"),
            [
                (
                    text(line.name),
                    line.kind.value,
                    str(line.sessions),
                    f"{line.hours:.1f}",
                    line.last_met.isoformat() if line.last_met else "—",
                    line.health.value,
                    rating_label(line.average_rating),
                )
                for line in review.relationships
            ],
        )
    else:
        lines.append("No relationships in this period.")

    lines += ["", "## Sessions per week", ""]
    largest = max((week.sessions for week in review.weeks), default=0)
    lines += _table(
        ("Week", "From", "Sessions", "Chart"),
        ("left", "left", "right", "left"),
        [
            (
                week.week,
                week.start.isoformat(),
                str(week.sessions),
                FULL * bar_cells(week.sessions, largest, CHART_WIDTH),
            )
            for week in review.weeks
        ],
    )

    lines += ["", "## Mix", ""]
    lines += _mix("Format", review.formats)
    lines += [""]
    lines += _mix("Kind", review.kinds)

    lines += ["", "## Takeaways", ""]
    if review.takeaways:
        lines += [
            f"- {t.date.isoformat()} **{text(t.mentor)}**: {text(t.text)}" for t in review.takeaways
        ]
    else:
        lines.append("No takeaways recorded in this period.")

    lines += _loose_ends(review)

    lines += ["", "## Nudges", ""]
    if not review.to_date:
        lines.append(review.nudges_note)
    elif review.nudges:
        lines += [
            f"- **{nudge.severity}** {text(nudge.message)} → {command(nudge.suggestion)}"
            for nudge in review.nudges
        ]
    else:
        lines.append("Nothing needs attention today.")

    if review.reflected is not None:
        lines += ["", "## Your reflection", "", f"Saved {review.reflected.isoformat()}.", ""]
    else:
        lines += ["", "## Reflection prompts", ""]
    for prompt in review.prompts:
        lines += [f"{prompt.number}. **{prompt.prompt}**  ", f"   {text(prompt.figure)}"]
        answer = [line for line in prompt.answer.splitlines() if line.strip()]
        if answer:
            lines += ["", *(f"   > {text(line)}" for line in answer), ""]
    lines += ["", "---", "", f"Written by mentorlog {__version__}."]
    return "\n".join(lines) + "\n"


def _mix(title: str, mix: Sequence[MixLine]) -> list[str]:
    largest = max((line.sessions for line in mix), default=0)
    return _table(
        (title, "Sessions", "Chart"),
        ("left", "right", "left"),
        [
            (line.name, str(line.sessions), FULL * bar_cells(line.sessions, largest, MIX_WIDTH))
            for line in mix
        ],
    )


def _loose_ends(review: Review) -> list[str]:
    loose = review.loose_ends
    lines = ["", "## Loose ends", ""]
    lines.append(
        f"{plural(len(loose.actions), 'open action')}, "
        f"{plural(len(loose.milestones), 'overdue milestone')}."
    )
    if loose.actions:
        lines += ["", "### Open actions", ""]
        for action in loose.actions:
            extra = f" — {text(action.mentor)}" if action.mentor else ""
            due = f" · due {action.due.isoformat()}" if action.due else ""
            lines.append(f"- `{action.id}` {text(action.text)}{extra}{due}")
    if loose.milestones:
        lines += ["", "### Overdue milestones", ""]
        for milestone in loose.milestones:
            lines.append(
                f"- `{milestone.id}` {text(milestone.title)} — {text(milestone.goal)}"
                f" · due {milestone.due.isoformat()}"
            )
    return lines
