"""The prep sheet in the terminal: headings and hanging bullets, no boxes (it reads the same
piped into a file or a pager)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.text import Text

from mentorlog.insights.naming import days, friendly_day
from mentorlog.insights.prep import PrepSheet
from mentorlog.render.common import fields, hanging, heading, stacked
from mentorlog.render.safe import literal


def title_line(sheet: PrepSheet) -> Text:
    line = Text("Before your session with ", style="bold")
    line.append_text(literal(sheet.name, "bold"))
    where = " · ".join(part for part in (sheet.role, sheet.org) if part)
    line.append(f"  ({sheet.kind}")
    if where:
        line.append(", ")
        line.append_text(literal(where))
    line.append(")")
    return line


def when_line(sheet: PrepSheet) -> str:
    """How long since you met, and what was planned."""
    today = sheet.today
    if sheet.last_met is None or sheet.days_since is None:
        text = f"You have not met yet ({sheet.health})."
    elif sheet.days_since == 0:
        text = "You last met today."
    else:
        text = (
            f"{days(sheet.days_since)} since you last met "
            f"({friendly_day(sheet.last_met, today)}; {sheet.health})."
        )
    if sheet.next_planned is not None:
        text += f" Planned next: {friendly_day(sheet.next_planned, today)}."
    elif sheet.next_due is not None:
        verb = "was due by" if sheet.next_due < today else "due by"
        text += f" Next {verb} {friendly_day(sheet.next_due, today)} ({sheet.agreement.cadence})."
    return text


def agreement_rows(sheet: PrepSheet) -> list[tuple[str, str]]:
    agreement = sheet.agreement
    rows = [
        ("Why them", agreement.why),
        ("Hoping for", agreement.hope),
        ("Purpose", agreement.purpose),
        ("Cadence", agreement.cadence),
        ("Until", agreement.until.isoformat() if agreement.until else ""),
    ]
    return [(label, value) for label, value in rows if value]


def _bullets(items: Sequence[Text | tuple[Text, list[Text]]], empty: str) -> RenderableType:
    """Each item after a dash; an item's own list (a goal's next milestones) under it, each
    after a dim "next:". Lines wrap under their own text."""
    if not items:
        return Text(f"  {empty}", style="dim")
    rows: list[tuple[RenderableType, RenderableType]] = []
    for item in items:
        text, nexts = item if isinstance(item, tuple) else (item, [])
        rows.append(("  -", text))
        rows += [("", hanging((Text("  next:", style="dim"), n) for n in nexts))] if nexts else []
    return hanging(rows)


def _with_note(text: str, note: str) -> Text:
    line = literal(text)
    if note:
        line.append(f"  ({note})", style="dim")
    return line


def prep_view(sheet: PrepSheet) -> RenderableType:
    today = sheet.today
    parts: list[RenderableType] = [title_line(sheet), Text(when_line(sheet)), Text()]
    parts += [heading("Your agreement")]
    rows = agreement_rows(sheet)
    if rows:
        parts.append(fields((f"  {label}", value) for label, value in rows))
    else:
        parts.append(Text("  Nothing agreed yet (mentor edit --why --hope).", style="dim"))
    last = sheet.last_session
    title = "Takeaways from last time"
    if last is not None:
        title += f" ({friendly_day(last.date, today)})"
    parts += [Text(), heading(title)]
    empty = "No session yet." if last is None else "None noted."
    parts.append(_bullets([literal(t) for t in (last.takeaways if last else [])], empty))
    parts += [Text(), heading("What you owe them (open action items)")]
    owed = []
    for action in sheet.open_actions:
        note = f"{action.age_days}d old"
        if action.due is not None:
            note = f"{'overdue, ' if action.overdue else ''}due {friendly_day(action.due, today)}"
        owed.append(_with_note(action.text, note))
    parts.append(_bullets(owed, "Nothing open."))
    since = "you last met" if last is not None else "you started"
    parts += [
        Text(),
        heading(f"Done since {since}, {friendly_day(sheet.since, today)} (tell them)"),
    ]
    done = []
    for item in sheet.done_since:
        line = Text("milestone: " if item.kind == "milestone" else "")
        line.append_text(_with_note(item.text, friendly_day(item.done, today)))
        done.append(line)
    parts.append(_bullets(done, "Nothing yet."))
    parts += [Text(), heading("Goals they help with")]
    goals: list[tuple[Text, list[Text]]] = []
    for goal in sheet.goals:
        line = _with_note(goal.title, "" if goal.status.value == "active" else goal.status.value)
        nexts = []
        for milestone in goal.next_milestones:
            due = f" (due {friendly_day(milestone.due, today)})" if milestone.due else ""
            nexts.append(literal(milestone.title).append(due, style="dim"))
        goals.append((line, nexts))
    parts.append(_bullets(goals, "None linked (mentor edit --goal G)."))
    parts += [Text(), heading("Topics to raise")]
    topics = [literal(t.text) for t in sheet.topics]
    parts.append(_bullets(topics, "None yet (topic add MENTOR TEXT)."))
    return stacked(*parts)
