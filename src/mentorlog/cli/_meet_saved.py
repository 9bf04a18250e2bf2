"""What `meet` says after saving: the confirmation line, and what is still open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from mentorlog.cli._context import AppContext
from mentorlog.cli._output import print_text, say
from mentorlog.render.safe import literal
from mentorlog.text import shorten

if TYPE_CHECKING:
    from mentorlog.journal.meetings import Logged


def confirm(app: AppContext, logged: Logged) -> None:
    days = logged.days_since_previous
    if days is None:
        since = "first session"
    elif days == 0:
        since = "same day as the last one"
    else:
        since = f"{days} day{'' if days == 1 else 's'} since the last one"
    if logged.meeting.next is not None:
        upcoming = f" Next: {logged.meeting.next.isoformat()}."
    elif logged.next_due is not None and logged.next_due < app.today():  # a backfilled session
        upcoming = f" The next was due by {logged.next_due.isoformat()}: overdue."
    elif logged.next_due is not None:
        upcoming = f" Next due by {logged.next_due.isoformat()}."
    else:
        upcoming = ""
    line = Text(f"Logged session {logged.meeting.id} with ")
    line.append_text(literal(shorten(logged.mentor_name, 40)))
    line.append(f" ({since}).{upcoming}")
    print_text(app.console, line)
    for notice in logged.notices:
        say(app, literal(shorten(logged.mentor_name, 40)), f": {notice}.")
    added, closed = len(logged.actions_added), len(logged.actions_closed)
    if added or closed:
        parts = [f"{added} added"] if added else []
        parts += [f"{closed} closed"] if closed else []
        say(app, f"Action items: {', '.join(parts)}.")
    discussed, noted = len(logged.topics_discussed), len(logged.topics_added)
    if discussed or noted:
        parts = [f"{discussed} discussed"] if discussed else []
        parts += [f"{noted} noted for next time"] if noted else []
        say(app, f"Topics: {', '.join(parts)}.")


def remind_open(app: AppContext, logged: Logged) -> None:
    from mentorlog.journal.actions import open_actions
    from mentorlog.journal.topics import open_topics

    journal = app.store().journal()
    created = {a.id for a in logged.actions_added}
    still = [a for a in open_actions(journal, logged.meeting.mentor) if a.id not in created]
    if still:
        count = len(still)
        noun = "action item" if count == 1 else "action items"
        say(
            app,
            f"Still open: {count} older {noun} (`mentorlog action list`; close with --close ID).",
        )
    noted = {t.id for t in logged.topics_added}
    topics = [t for t in open_topics(journal, logged.meeting.mentor) if t.id not in noted]
    if topics:
        say(
            app,
            f"Open topics: {len(topics)} (if discussed: "
            f"mentorlog topic done ID --session {logged.meeting.id}).",
        )
