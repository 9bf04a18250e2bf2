"""`import FILE.ics`: the sessions found in a calendar, as a numbered table to choose from."""

from __future__ import annotations

from pathlib import Path

from rich.console import RenderableType
from rich.text import Text

from mentorlog.exchange.calendar_plan import CalendarImportReport, Skipped
from mentorlog.render.common import day, stacked, table
from mentorlog.render.safe import literal
from mentorlog.render.sessions import duration_text

_SKIP_WORDS = {
    "cancelled": "cancelled",
    "declined": "declined",
    "all_day": "all-day",
    "future": "not over yet",
    "outside": "outside the dates asked",
    "imported": "already imported",
    "unmatched": "with nobody in the journal",
}


def proposal_table(report: CalendarImportReport) -> RenderableType:
    name = Path(report.file).name
    grid = table("#", "Date", "Time", "Length", "Mentor", "Format", "Event", title=f"In {name}:")
    for column in grid.columns[:6]:
        column.no_wrap = True  # only the event title gives up width on a narrow terminal
    grid.columns[0].justify = "right"
    grid.columns[3].justify = "right"
    grid.columns[4].overflow = "ellipsis"
    grid.columns[6].overflow = "ellipsis"  # the widest gives way first: long titles before names
    for proposal in report.proposals:
        mentor = literal(proposal.mentor_name)
        # The marker goes with the number, which is never cut short (a long name is).
        number = Text(str(proposal.number))
        if proposal.match == "name":
            number.append("?", style="bold yellow")
        title = literal(proposal.title or "(no title)")
        title.no_wrap = True
        title.overflow = "ellipsis"
        if proposal.action == "attach":
            title = Text(f"→ {proposal.session} ", style="cyan").append(title)
            title.no_wrap = True
            title.overflow = "ellipsis"
        grid.add_row(
            number,
            day(proposal.date),
            proposal.time.strftime("%H:%M"),
            duration_text(proposal.duration),
            mentor,
            proposal.format.value,
            title,
        )
    parts: list[RenderableType] = [grid]
    if any(p.match == "name" for p in report.proposals):
        parts.append(
            Text(
                "? only a name in the event matches this mentor (not an e-mail): a suggestion.",
                style="dim",
            )
        )
    if any(p.action == "attach" for p in report.proposals):
        parts.append(
            Text(
                "→ a session with them was logged by hand that day: keeping this adds the "
                "event's time and length to it.",
                style="dim",
            )
        )
    return stacked(*parts)


def skipped_line(skipped: Skipped) -> str:
    """ "Skipped 3 events: 1 cancelled, 2 all-day." or "" when none was."""
    counts = [
        (getattr(skipped, field), words)
        for field, words in _SKIP_WORDS.items()
        if getattr(skipped, field)
    ]
    total = sum(count for count, _ in counts)
    if not total:
        return ""
    noun = "event" if total == 1 else "events"
    listed = ", ".join(f"{count} {words}" for count, words in counts)
    return f"Skipped {total} {noun}: {listed}."
