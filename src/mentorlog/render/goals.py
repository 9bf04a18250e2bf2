"""Goal list and goal profile."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from mentorlog.insights.profiles import GoalProfile, GoalRow
from mentorlog.render.bars import progress_bar
from mentorlog.render.common import day, fields, heading, names, nothing, status_text, table
from mentorlog.render.mentors import marked
from mentorlog.render.safe import literal

MILESTONE_MARKS = {"open": "○", "done": "✓", "dropped": "✗"}


def goal_table(rows: list[GoalRow]) -> RenderableType:
    if not rows:
        return nothing("No goals to show. Add one: mentorlog goal add TITLE --why TEXT")
    grid = table("ID", "Goal", "Status", "Milestones", "Target", "Mentors")
    for index in (0, 2, 3, 4):
        grid.columns[index].no_wrap = True
    grid.columns[5].overflow = "ellipsis"  # the title wraps; the mentors give way
    for row in rows:
        grid.add_row(
            row.id,
            literal(row.title),
            status_text(row.status.value),
            progress_bar(row.progress.done, row.progress.total, width=6, empty="—"),
            day(row.target),
            names(row.mentors),
        )
    return grid


def goal_panel(profile: GoalProfile) -> RenderableType:
    goal = profile.goal
    parts: list[RenderableType] = []
    title = literal(goal.title, "bold")
    title.append("  ")
    title.append_text(status_text(goal.status.value))
    parts.append(title)
    parts.append(
        fields(
            [
                ("Why", goal.why),
                ("Area", goal.area),
                ("Started", day(goal.started)),
                ("Target", day(goal.target, "")),
                ("Closed", day(goal.closed, "")),
                ("Outcome", goal.outcome),
                ("Progress", progress_bar(profile.progress.done, profile.progress.total)),
                (
                    "Mentors",
                    names(
                        profile.mentors, f"none yet — mentorlog mentor edit MENTOR --goal {goal.id}"
                    ),
                ),
            ]
        )
    )
    parts.append(heading("Milestones"))
    if profile.milestones:
        lines = []
        for milestone in profile.milestones:
            line = literal(milestone.title)
            if milestone.status.value == "done":
                line.append(f"  done {day(milestone.done)}", style="green")
            elif milestone.due:
                line.append(f"  due {day(milestone.due)}", style="yellow")
            lines.append((MILESTONE_MARKS[milestone.status.value], milestone.id, line))
        parts.append(marked(lines))
    else:
        parts.append(Text(f"  none yet — mentorlog milestone add {goal.id} TITLE", style="dim"))
    parts.append(heading("Sessions that touched it"))
    if profile.sessions:
        for session in profile.sessions[:10]:
            line = Text(f"  {day(session.date)} {session.id} ")
            line.append_text(literal(session.mentor.name))
            parts.append(line)
        if len(profile.sessions) > 10:
            parts.append(Text(f"  … and {len(profile.sessions) - 10} earlier", style="dim"))
    else:
        parts.append(Text("  none yet", style="dim"))
    return Panel(Group(*parts), title=f"Goal {goal.id}", title_align="left", expand=False)
