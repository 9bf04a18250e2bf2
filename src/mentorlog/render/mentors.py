"""The mentor list and the mentor profile (reread before every session)."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.text import Text

from mentorlog.dates import format_cadence
from mentorlog.insights.profiles import MentorProfile, MentorRow, SessionRef
from mentorlog.render.common import day, fields, heading, health_text, names, stacked, table
from mentorlog.render.grid import Grid
from mentorlog.render.safe import literal
from mentorlog.text import plural
from mentorlog.vocab import MentorStatus

TIMELINE_SHOWN = 10
LABEL_WIDTH = 9
SUPERVISOR_NOTE = "your current supervisor: look outside your line for an objective view"
MAX_TABLE_WIDTH = 110


class Fitted:
    """A table built at render time, at most MAX_TABLE_WIDTH wide on a wide terminal."""

    def __init__(self, build: Callable[[], Grid]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        grid = self.build()
        grid.width = min(options.max_width, MAX_TABLE_WIDTH)
        yield grid


def _rows_table(rows: list[MentorRow]) -> Grid:
    # A name wraps at its spaces and never inside a word; the goals, one comma-separated line,
    # are what gives way (`mentor show` has them in full).
    grid = table("ID", "Name", "Kind", "Cadence", "Last met", "Health", "Goals")
    for column in grid.columns:
        column.no_wrap = True
    grid.columns[1].no_wrap = False
    grid.columns[6].overflow = "ellipsis"
    for row in rows:
        name = literal(row.name)
        if row.supervisor:
            name.append(" *", style="yellow")
        grid.add_row(
            row.id,
            name,
            row.kind.value,
            format_cadence(row.cadence),
            day(row.last_met, "never"),
            health_text(row.health),
            names(row.goals),
        )
    return grid


def mentor_table(rows: list[MentorRow], *, hidden: int = 0) -> RenderableType:
    """ID, name, kind, cadence, last met, health, goals.

    Status has no column of its own: health already reads `prospect`, `paused` or `ended` for
    anyone not active, and eight columns do not fit 80 with readable names.
    """
    if rows:
        parts: list[RenderableType] = [Fitted(lambda: _rows_table(rows))]
    else:
        parts = [
            Text(
                "No mentors to show. Add one: mentorlog mentor add NAME --why TEXT --hope TEXT",
                style="dim",
            )
        ]
    if any(row.supervisor for row in rows):
        parts.append(Text(f"* {SUPERVISOR_NOTE}.", style="yellow"))
    if hidden:
        ended = plural(hidden, "ended relationship")
        parts.append(Text(f"{ended} not shown (--all shows them).", style="dim"))
    return stacked(*parts)


def _stars(rating: int | None) -> str:
    return "★" * rating + "☆" * (5 - rating) if rating else ""


def _days(count: int) -> str:
    return plural(count, "day")


def health_line(profile: MentorProfile) -> Text:
    """`overdue — 47 days since the last session (2026-10-08); monthly, next was due …`."""
    verdict = profile.assessment
    line = health_text(verdict.health.value)
    days = verdict.days_since or 0
    if verdict.last_met is not None and days == 0:
        line.append(" — met today")
    elif verdict.last_met is not None:
        line.append(f" — {_days(days)} since the last session ({day(verdict.last_met)})")
    else:
        line.append(" — never met; noted " + ("today" if days <= 0 else f"{_days(days)} ago"))
    line.append(f"; {format_cadence(verdict.cadence)}")
    if profile.next_planned is not None and profile.mentor.status.value == "active":
        line.append(f", next planned {day(profile.next_planned)}")
    elif verdict.next_due is not None:
        late = verdict.health.value in ("due", "overdue", "neglected")  # past the cadence
        line.append(f", next {'was due' if late else 'due'} {day(verdict.next_due)}")
    if profile.mentor.ended is not None:
        line.append(f"; ended {day(profile.mentor.ended)}")
    return line


def _fields(rows: list[tuple[str, RenderableType | str | None]]) -> Grid:
    grid = fields(rows)
    grid.columns[0].min_width = LABEL_WIDTH  # the same indent in every section
    return grid


def _section(parts: list[RenderableType], title: str) -> None:
    parts.append(Text(""))
    parts.append(heading(title))


def _timeline(sessions: list[SessionRef]) -> Grid:
    # The takeaway gets what the date, format and rating leave, cut with an ellipsis.
    grid = Grid(gap=2)
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="ellipsis")
    for session in sessions[:TIMELINE_SHOWN]:
        grid.add_row(
            f"  {day(session.date)}",
            session.format,
            _stars(session.rating),
            literal(session.takeaways[0] if session.takeaways else ""),
        )
    return grid


def marked(lines: list[tuple[str, str, Text]]) -> Grid:
    """`  ○ 1a2b3c4d  text`: a mark, an id, and text that wraps under itself."""
    grid = Grid(gap=1)
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column()
    for mark, record_id, text in lines:
        grid.add_row(f"  {mark}", record_id, text)
    return grid


def mentor_panel(profile: MentorProfile) -> RenderableType:
    mentor = profile.mentor
    agreement = mentor.agreement
    title = literal(mentor.name, "bold")
    title.append(f"  {mentor.kind.value} · {mentor.status.value}", style="dim")
    parts: list[RenderableType] = [title]
    if mentor.supervisor:
        parts.append(Text(f"Note: {SUPERVISOR_NOTE}.", style="yellow"))
    parts.append(
        _fields(
            [
                ("Health", health_line(profile)),
                (
                    "Goals",
                    names(
                        profile.goals, f"none yet — mentorlog mentor edit {mentor.id} --goal GOAL"
                    ),
                ),
                ("Started", day(mentor.started)),
                ("Connected", day(mentor.connected) if mentor.connected else None),
                ("Source", mentor.source.value),
                ("Expertise", ", ".join(mentor.expertise)),
            ]
        )
    )
    contact: list[tuple[str, RenderableType | str | None]] = [
        ("Org", mentor.org),
        ("Role", mentor.role),
        ("Email", mentor.email),
        ("URL", mentor.url),
        ("Location", mentor.location),
        ("Timezone", mentor.timezone),
    ]
    if any(value for _, value in contact):
        _section(parts, "Contact")
        parts.append(_fields(contact))
    _section(parts, "Agreement — reread it before every session")
    parts.append(
        _fields(
            [
                ("Why them", agreement.why or Text("not written yet (--why)", style="dim")),
                ("Hope", agreement.hope or Text("not written yet (--hope)", style="dim")),
                ("Cadence", format_cadence(mentor.cadence)),
                ("Format", mentor.format.value if mentor.format else ""),
                ("Until", day(agreement.until, "")),
                ("Purpose", agreement.purpose),
            ]
        )
    )
    count = len(profile.sessions)
    _section(parts, f"Sessions ({count}; {profile.sessions_this_quarter} this quarter)")
    if profile.sessions:
        parts.append(_timeline(profile.sessions))
        if count > TIMELINE_SHOWN:
            parts.append(Text(f"  … and {count - TIMELINE_SHOWN} earlier", style="dim"))
    elif mentor.status is MentorStatus.prospect:
        parts.append(Text("  none yet: a prospect until the first contact (mentorlog meet)"))
    else:
        parts.append(Text(f"  none yet — mentorlog meet {mentor.id}", style="dim"))
    if profile.open_actions:
        _section(parts, "Open action items")
        actions = []
        for action in profile.open_actions:
            line = literal(action.text)
            if action.due:
                line.append(f"  due {day(action.due)}", style="yellow")
            actions.append(("○", action.id, line))
        parts.append(marked(actions))
    if profile.milestones_credited:
        _section(parts, "Milestones credited")
        parts.append(
            marked([("•", ref.id, literal(ref.name)) for ref in profile.milestones_credited])
        )
    if mentor.notes:
        _section(parts, "Notes")
        parts.append(literal(mentor.notes, multiline=True))
    return Panel(Group(*parts), title=f"Mentor {mentor.id}", title_align="left", expand=False)
