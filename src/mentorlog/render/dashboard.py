"""The dashboard as Rich renderables, readable in an 80-column terminal with or without colour:
focus goals with milestone bars, relationships with their health, what is due soon, nudges."""

from __future__ import annotations

from datetime import date

from rich.console import RenderableType
from rich.text import Text

from mentorlog.dates import format_cadence
from mentorlog.insights.naming import friendly_day
from mentorlog.insights.status import Dashboard, DueItem, GoalProgress, Relationship
from mentorlog.render.bars import progress_bar
from mentorlog.render.common import HEALTH_STYLES, health_text, page
from mentorlog.render.common import heading as _heading
from mentorlog.render.common import hint as _hint
from mentorlog.render.common import indented as _indented
from mentorlog.render.grid import Grid
from mentorlog.render.nudges import render_nudges
from mentorlog.render.safe import literal
from mentorlog.text import shorten

BAR_WIDTH = 12
MAX_NUDGES = 8  # the most severe; `mentorlog nudge` lists them all
SHOWN_AS_DUE = frozenset({"milestone-soon"})
LONGEST = 60  # an action's text before its mentor or goal, in the due list


def render_dashboard(board: Dashboard) -> RenderableType:
    today = board.today
    title = Text(f"mentorlog · {today:%A} {today.day} {today:%B %Y}", style="bold")
    return page(title, _goals(board), _relationships(board), _due(board), _nudges(board))


def _goals(board: Dashboard) -> list[RenderableType]:
    count = len(board.goals)
    detail = f"{count} active" if count else ""
    if count > board.focus_limit:
        detail += f", over your focus limit of {board.focus_limit}"
    heading = _heading("Focus goals", detail)
    if not board.goals:
        return [heading, _hint("No active goals. Add one: mentorlog goal add TITLE --why WHY")]
    table = Grid(gap=2)
    table.add_column(overflow="ellipsis")  # natural width, cut only when needed
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    for goal in board.goals:
        table.add_row(*_goal_row(goal, board.today))
    return [heading, _indented(table)]


def _goal_row(goal: GoalProgress, today: date) -> tuple[Text, Text, Text]:
    target = Text(f"by {friendly_day(goal.target, today)}" if goal.target else "", style="dim")
    bar = progress_bar(goal.milestones_done, goal.milestones_total, width=BAR_WIDTH)
    return literal(goal.title), bar, target


def _relationships(board: Dashboard) -> list[RenderableType]:
    detail = f"{len(board.relationships)} active"
    if board.prospects:
        detail += f" · {board.prospects} prospect{'s' if board.prospects != 1 else ''}"
    heading = _heading("Relationships", detail)
    if not board.relationships:
        return [heading, _hint("No active mentors. Add one: mentorlog mentor add NAME")]
    table = Grid(gap=2, show_header=True, header_style="dim")
    table.add_column("Name", overflow="ellipsis")  # one line a person: cut, not wrapped
    table.add_column("Kind", no_wrap=True)
    table.add_column("Cadence", no_wrap=True)
    table.add_column("Last met", no_wrap=True)
    table.add_column("Health", no_wrap=True)
    table.add_column("Next", no_wrap=True)
    for rel in board.relationships:
        table.add_row(*_relationship_row(rel, board.today))
    return [heading, _indented(table)]


def _relationship_row(rel: Relationship, today: date) -> tuple[Text, ...]:
    last = Text("never", style="dim") if rel.last_met is None else Text(_ago(rel.days_since or 0))
    health = health_text(str(rel.health))
    return (
        literal(rel.name),
        Text(str(rel.kind)),
        Text(format_cadence(rel.cadence)),
        last,
        health,
        _next(rel, today),
    )


def _ago(days: int) -> str:
    return {0: "today", 1: "yesterday"}.get(days, f"{days}d ago")


def _next(rel: Relationship, today: date) -> Text:
    if rel.next_planned is not None:
        if rel.next_planned < today:
            return Text("missed", style="yellow")
        return Text(friendly_day(rel.next_planned, today))
    if rel.next_due is not None:
        if rel.next_due <= today:
            return Text("now", style=HEALTH_STYLES.get(str(rel.health), ""))
        return Text(f"~{friendly_day(rel.next_due, today)}", style="dim")
    return Text("—", style="dim")


def _due(board: Dashboard) -> list[RenderableType]:
    heading = _heading(f"Due in the next {board.horizon_days} days")
    if not board.due:
        return [heading, _hint("Nothing due.")]
    table = Grid(gap=2)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    table.add_column(no_wrap=True)
    table.add_column(overflow="ellipsis")
    for item in board.due:
        table.add_row(*_due_row(item, board.today))
    return [heading, _indented(table)]


def _due_row(item: DueItem, today: date) -> tuple[Text, ...]:
    days = (item.date - today).days
    when = {0: "today", 1: "tomorrow"}.get(days, f"in {days}d")
    what = Text(end="")
    if item.kind == "session":
        what.append_text(literal(item.subject))
        what.append(f" · {item.title}", style="dim")
    else:
        what.append_text(literal(shorten(item.title, LONGEST)))
        if item.subject:
            what.append(" · ", style="dim")
            what.append_text(literal(item.subject, style="dim"))
    return (
        Text(friendly_day(item.date, today)),
        Text(when, style="dim"),
        Text(item.kind),
        what,
    )


def _nudges(board: Dashboard) -> list[RenderableType]:
    # The due list above already shows milestones coming up; saying it twice is noise.
    nudges = [n for n in board.nudges if n.code not in SHOWN_AS_DUE]
    heading = _heading("Nudges", str(len(nudges)) if nudges else "")
    if not nudges:
        return [heading, _hint("Nothing needs your attention. Keep it up.")]
    shown: list[RenderableType] = [heading, _indented(render_nudges(nudges[:MAX_NUDGES]))]
    if len(nudges) > MAX_NUDGES:
        shown.append(_hint(f"… and {len(nudges) - MAX_NUDGES} more: mentorlog nudge"))
    return shown
