"""The prep sheet as a Markdown agenda (`mentorlog prep MENTOR --output FILE.md`), to paste
into an invitation or an e-mail. Every piece of user text is escaped (`text`)."""

from __future__ import annotations

from mentorlog.insights.naming import friendly_day
from mentorlog.insights.prep import PrepSheet
from mentorlog.render.markdown_report import text
from mentorlog.render.prep import agreement_rows


def _section(title: str, items: list[str], empty: str) -> list[str]:
    return [f"## {title}", "", *(f"- {item}" for item in items or [f"*{empty}*"]), ""]


def prep_markdown(sheet: PrepSheet) -> str:
    today = sheet.today
    last = sheet.last_session
    when = (
        f"Our last session: {friendly_day(last.date, today)}."
        if last is not None
        else "Our first session."
    )
    lines = [f"# Agenda: session with {text(sheet.name)}", "", when, ""]
    lines += _section(
        "Our agreement",
        [f"**{label}:** {text(value)}" for label, value in agreement_rows(sheet)],
        "Nothing agreed yet.",
    )
    lines += _section(
        "Takeaways from last time" + (f" ({friendly_day(last.date, today)})" if last else ""),
        [text(t) for t in (last.takeaways if last else [])],
        "No session yet." if last is None else "None noted.",
    )
    lines += _section(
        "Done since we last met",
        [
            ("Milestone: " if item.kind == "milestone" else "")
            + f"{text(item.text)} ({friendly_day(item.done, today)})"
            for item in sheet.done_since
        ],
        "Nothing yet.",
    )
    lines += _section(
        "Still open on my side",
        [
            text(a.text) + (f" (due {friendly_day(a.due, today)})" if a.due else "")
            for a in sheet.open_actions
        ],
        "Nothing open.",
    )
    goals = []
    for goal in sheet.goals:
        item = text(goal.title)
        upcoming = [
            text(m.title) + (f" (due {friendly_day(m.due, today)})" if m.due else "")
            for m in goal.next_milestones
        ]
        if upcoming:
            item += " — next: " + "; ".join(upcoming)
        goals.append(item)
    lines += _section("Goals", goals, "None linked.")
    lines += _section("Topics I would like to raise", [text(t.text) for t in sheet.topics], "None.")
    return "\n".join(lines).rstrip("\n") + "\n"
