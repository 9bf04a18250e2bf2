"""The quarterly review in the terminal: figures, tables, text charts, then the prompts.

Everything fits 80 columns; every piece of user text goes through `literal`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.text import Text

from mentorlog.insights.review import Headline, Review, WeekCount
from mentorlog.insights.review_lines import MixLine
from mentorlog.insights.review_prompts import decimal
from mentorlog.render.bars import FULL, progress_bar
from mentorlog.render.common import day, health_text, page, status_text
from mentorlog.render.common import heading as _heading
from mentorlog.render.common import hint as _hint
from mentorlog.render.common import indented as _indented
from mentorlog.render.grid import Grid
from mentorlog.render.nudges import render_nudges
from mentorlog.render.safe import literal
from mentorlog.text import plural

CHART_WIDTH = 40  # the longest bar of the weekly chart, in cells
MIX_WIDTH = 16

TERMINAL_TAKEAWAYS = 12  # a screenful; the Markdown and HTML reports list every one
TERMINAL_LOOSE_ENDS = 10  # of each: open actions, overdue milestones (the reports list all)
NUDGES_PER_KIND = 3  # as `mentorlog nudge` shows them


def period_title(review: Review) -> str:
    span = f"{review.start.isoformat()} to {review.end.isoformat()}"
    return f"Review of {review.period} ({span}{', to date' if review.to_date else ''})"


def headline_pairs(headline: Headline) -> list[tuple[str, str]]:
    """The headline figures as (label, value) pairs, in the order every format shows them."""
    return [
        ("Sessions", str(headline.sessions)),
        ("Hours", f"{headline.hours:.1f}"),
        ("Mentors met", str(headline.mentors_met)),
        ("Milestones done", str(headline.milestones_done)),
        ("Actions closed", str(headline.actions_closed)),
        ("Goals progressed", str(headline.goals_progressed)),
    ]


def rating_label(value: float | None) -> str:
    return "—" if value is None else decimal(value)


def bar_cells(count: int, largest: int, width: int, most_per_unit: int = 4) -> int:
    """Cells of a bar for `count` when `largest` gets at most `width`: a whole number of cells
    per unit while that fits (so small counts stay countable), else scaled down."""
    if count <= 0 or largest <= 0:
        return 0
    if largest <= width:
        return count * min(most_per_unit, width // largest)
    return max(1, round(count * width / largest))


def render_review(review: Review) -> RenderableType:
    return page(
        Text(period_title(review), style="bold"),
        _headline(review),
        _goals(review),
        _relationships(review),
        _weeks(review.weeks),
        _mixes(review.formats, review.kinds),
        _takeaways(review),
        _loose_ends(review),
        _nudges(review),
        _prompts(review),
    )


def _headline(review: Review) -> list[RenderableType]:
    grid = Grid(gap=2)
    for _ in range(3):
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, justify="right")
    pairs = headline_pairs(review.headline)
    for row in (pairs[:3], pairs[3:]):
        cells: list[RenderableType] = []
        for label, value in row:
            cells += [Text(label, style="dim"), Text(value, style="bold")]
        grid.add_row(*cells)
    parts: list[RenderableType] = [_heading("Headline"), _indented(grid)]
    missing = review.headline.sessions_without_duration
    if missing:
        noun = "session has" if missing == 1 else "sessions have"
        parts.append(_hint(f"{missing} {noun} no duration (counted as 0 hours)."))
    return parts


def _table(*columns: str) -> Grid:
    table = Grid(*columns, gap=2, header_style="dim")
    for column in table.columns:
        column.no_wrap = True
    return table


def _goals(review: Review) -> list[RenderableType]:
    heading = _heading("Goals", "active at any time in the period")
    if not review.goals:
        return [heading, _hint("No goals were active in this period.")]
    table = _table("Goal", "Status", "Milestones", "Done here", "Sessions")
    table.columns[0].no_wrap = False  # the title wraps under itself
    for column in table.columns[3:]:
        column.justify = "right"
    for goal in review.goals:
        table.add_row(
            literal(goal.title),
            status_text(goal.status.value),
            progress_bar(goal.milestones_done, goal.milestones_total, width=10, empty="—"),
            str(goal.milestones_done_in_period),
            str(goal.sessions),
        )
    return [heading, _indented(table)]


def _relationships(review: Review) -> list[RenderableType]:
    heading = _heading("Relationships", "met in the period, or active")
    if not review.relationships:
        return [heading, _hint("No relationships in this period.")]
    table = _table("Mentor", "Kind", "Sessions", "Hours", "Last met", "Health", "Rating")
    table.columns[0].no_wrap = False  # a name wraps at its spaces
    for index in (2, 3, 6):
        table.columns[index].justify = "right"
    for line in review.relationships:
        table.add_row(
            literal(line.name),
            line.kind.value,
            str(line.sessions),
            f"{line.hours:.1f}",
            day(line.last_met),
            health_text(line.health.value),
            rating_label(line.average_rating),
        )
    return [heading, _indented(table)]


def _weeks(weeks: Sequence[WeekCount]) -> list[RenderableType]:
    heading = _heading("Sessions per week")
    largest = max((week.sessions for week in weeks), default=0)
    table = Grid(gap=1)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(no_wrap=True)
    for week in weeks:
        # Styled spans on an unstyled Text: the count and the padding stay plain.
        bar = Text(end="")
        bar.append(FULL * bar_cells(week.sessions, largest, CHART_WIDTH), style="cyan")
        if week.sessions:
            bar.append(" ")
        bar.append(str(week.sessions))
        table.add_row(week.week, f"from {week.start.isoformat()}", bar)
    return [heading, _indented(table)]


def _mix_table(title: str, lines: Sequence[MixLine]) -> Grid:
    largest = max((line.sessions for line in lines), default=0)
    table = Grid(gap=1)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, width=MIX_WIDTH)
    table.add_column(no_wrap=True, justify="right")
    table.add_row(Text(title, style="dim"), "", "")
    for line in lines:
        cells = bar_cells(line.sessions, largest, MIX_WIDTH)
        bar = Text()
        bar.append(FULL * cells, style="magenta")
        table.add_row(line.name, bar, str(line.sessions))
    return table


def _mixes(formats: Sequence[MixLine], kinds: Sequence[MixLine]) -> list[RenderableType]:
    side_by_side = Grid(gap=4)
    side_by_side.add_column(no_wrap=True)
    side_by_side.add_column(no_wrap=True)
    side_by_side.add_row(_mix_table("Format", formats), _mix_table("Kind", kinds))
    return [
        _heading("Mix", "sessions by format and by kind of mentorship"),
        _indented(side_by_side),
    ]


def _takeaways(review: Review) -> list[RenderableType]:
    heading = _heading("Takeaways")
    if not review.takeaways:
        return [heading, _hint("No takeaways recorded in this period.")]
    table = Grid(gap=1)
    table.add_column(no_wrap=True, style="dim")
    table.add_column()
    shown = review.takeaways[-TERMINAL_TAKEAWAYS:]  # the newest; reports keep them all
    for line in shown:
        text = Text()  # the name bold, not the whole line
        text.append_text(literal(line.mentor, "bold"))
        text.append(": ")
        text.append_text(literal(line.text))
        table.add_row(line.date.isoformat(), text)
    parts: list[RenderableType] = [heading]
    hidden = len(review.takeaways) - len(shown)
    if hidden:
        parts.append(
            _hint(
                f"The newest {len(shown)} of {len(review.takeaways)}; all of them: --output FILE.md"
            )
        )
    parts.append(_indented(table))
    return parts


def _loose_ends(review: Review) -> list[RenderableType]:
    loose = review.loose_ends
    heading = _heading(
        "Loose ends",
        f"{plural(len(loose.actions), 'open action')} · "
        f"{plural(len(loose.milestones), 'overdue milestone')}",
    )
    if not loose.actions and not loose.milestones:
        return [heading, _hint("None: every action closed, no milestone overdue.")]
    table = Grid(gap=1)
    table.add_column(no_wrap=True)
    table.add_column()
    for action in loose.actions[:TERMINAL_LOOSE_ENDS]:  # the most overdue first
        text = literal(action.text)
        if action.mentor:
            text.append(" · ", style="dim")
            text.append_text(literal(action.mentor, "dim"))
        if action.due:
            text.append(f" · due {action.due.isoformat()}", style="yellow")
        table.add_row(Text(f"action {action.id}", style="dim"), text)
    for milestone in loose.milestones[:TERMINAL_LOOSE_ENDS]:
        text = literal(milestone.title)
        text.append(" · ", style="dim")
        text.append_text(literal(milestone.goal, "dim"))
        text.append(f" · due {milestone.due.isoformat()}", style="yellow")
        table.add_row(Text(f"milestone {milestone.id}", style="dim"), text)
    parts: list[RenderableType] = [heading, _indented(table)]
    hidden = [
        plural(count - TERMINAL_LOOSE_ENDS, f"more {noun}")
        for count, noun in (
            (len(loose.actions), "open action"),
            (len(loose.milestones), "overdue milestone"),
        )
        if count > TERMINAL_LOOSE_ENDS
    ]
    if hidden:
        more = " and ".join(hidden)
        parts.append(_hint(f"… and {more}; all of them: --output FILE.md"))
    return parts


def _nudges(review: Review) -> list[RenderableType]:
    heading = _heading("Nudges")
    if not review.to_date:
        return [heading, _hint(review.nudges_note)]
    if not review.nudges:
        return [heading, _hint("Nothing needs attention today.")]
    return [heading, _indented(render_nudges(review.nudges, per_code=NUDGES_PER_KIND))]


def _prompts(review: Review) -> list[RenderableType]:
    command = f"mentorlog review --quarter {review.period} --reflect"
    if review.reflected is not None:
        saved = f"saved {review.reflected.isoformat()} (--reflect revises it)"
        parts: list[RenderableType] = [_heading("Your reflection", saved)]
    else:
        parts = [_heading("Reflect", command)]
    table = Grid(gap=1)
    table.add_column(no_wrap=True)
    table.add_column()
    for line in review.prompts:
        body = Text()
        body.append(line.prompt, style="bold")
        body.append("\n")
        body.append_text(literal(line.figure, "dim"))
        if line.answer:
            body.append("\n» ")
            body.append_text(literal(line.answer, multiline=True))
        table.add_row(f"{line.number}.", body)
    parts.append(_indented(table))
    return parts
