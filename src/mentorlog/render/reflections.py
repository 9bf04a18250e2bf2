"""Saved reflections: the list, and one reflection with its answers and snapshot."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.text import Text

from mentorlog.dates import local_date
from mentorlog.journal.reflections import ReflectionRow
from mentorlog.models import Reflection
from mentorlog.render.common import nothing, stacked, table
from mentorlog.render.grid import Grid, Indented
from mentorlog.render.safe import literal

SNAPSHOT_LABELS = {
    "sessions": "Sessions",
    "hours": "Hours",
    "mentors_met": "Mentors met",
    "milestones_done": "Milestones done",
    "actions_closed": "Actions closed",
    "goals_progressed": "Goals progressed",
    "sessions_without_duration": "Without duration",
}


def reflection_table(rows: list[ReflectionRow]) -> RenderableType:
    if not rows:
        return nothing("No reflections saved yet. Write one: mentorlog review --last --reflect")
    grid = table("Period", "Answered", "Sessions", "Saved", "ID")
    for column in grid.columns[1:3]:
        column.justify = "right"
    for row in rows:
        grid.add_row(
            row.period,
            f"{row.answered}/{row.prompts}",
            "—" if row.sessions is None else str(row.sessions),
            row.saved.isoformat(),
            row.id,
        )
    return grid


def _snapshot(snapshot: dict[str, Any]) -> Grid:
    grid = Grid(gap=2)
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(no_wrap=True, justify="right")
    for key, value in snapshot.items():
        label = SNAPSHOT_LABELS.get(key, key)
        shown = f"{value:.1f}" if isinstance(value, float) else str(value)
        grid.add_row(literal(label), literal(shown))
    return grid


def reflection_view(reflection: Reflection) -> RenderableType:
    saved = local_date(reflection.updated).isoformat()
    parts: list[RenderableType] = [
        Text(f"Reflection on {reflection.period}", style="bold"),
        Text(f"saved {saved} · {reflection.id}", style="dim"),
        Text(""),
    ]
    if reflection.snapshot:
        parts += [
            Text("The period in figures", style="bold underline"),
            Indented(_snapshot(reflection.snapshot), 2),
            Text(""),
        ]
    answers = Grid(gap=1)
    answers.add_column(no_wrap=True)
    answers.add_column()
    for number, answer in enumerate(reflection.answers, start=1):
        body = Text()
        body.append_text(literal(answer.prompt, "bold"))
        body.append("\n")
        if answer.answer.strip():
            body.append_text(literal(answer.answer, multiline=True))
        else:
            body.append("(no answer)", style="dim")
        if number < len(reflection.answers):
            body.append("\n")
        answers.add_row(f"{number}.", body)
    parts.append(answers)
    return stacked(*parts)
