"""The whole journal as one readable Markdown document.

Per mentor: profile, agreement, then each session with its notes, takeaways and actions, and
the topics to raise; per
goal: why and milestones; then loose actions and saved reflections. Single-line user text is
escaped so a name like `# Ada` or `[x](javascript:…)` cannot add headings, links or lists;
session notes and reflection answers are Markdown already and are included as they are, each
inside a block quote of its own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time

from mentorlog.dates import format_cadence, format_duration
from mentorlog.journal.state import Journal, by_id
from mentorlog.models import ActionItem, Goal, Meeting, Mentor, Milestone, Reflection, Topic
from mentorlog.text import clean

# Characters that mean something inline anywhere on a line (CommonMark lets any ASCII
# punctuation be backslash-escaped, so escaping them is always safe).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~!@])")
# What makes a line a heading, quote, list item, rule or setext underline (`>` is escaped
# already); the backslash goes before the punctuation, e.g. `1\.` for an ordered list.
_BLOCK_START = re.compile(r"^(\s*)([#\-+=])|^(\s*\d+)([.)])(?=\s|$)")

_DONE_MARK = {"open": " ", "done": "x", "discussed": "x", "dropped": "-"}


def inline(text: str | None) -> str:
    """User text safe inside one Markdown line: one line, no markup it can start."""
    line = clean(text or "").strip()
    line = _INLINE_SPECIAL.sub(r"\\\1", line)
    return _BLOCK_START.sub(_escape_block_start, line)


def _escape_block_start(match: re.Match[str]) -> str:
    if match[2] is not None:
        return f"{match[1]}\\{match[2]}"
    return f"{match[3]}\\{match[4]}"


def block(text: str) -> str:
    """Markdown the user wrote (notes, answers), kept as is inside a block quote.

    The quote keeps it in its section: an unclosed code fence or a stray heading ends with the
    quote instead of swallowing or re-sectioning the rest of the document.
    """
    body = clean(text, multiline=True).strip("\n")
    return "\n".join(f"> {line}" if line.strip() else ">" for line in body.split("\n"))


def export_markdown(journal: Journal, exported: datetime) -> bytes:
    lines: list[str] = ["# Mentoring journal", "", f"Exported {exported:%Y-%m-%d %H:%M %Z}."]
    goals = by_id(journal.goals)
    mentors = journal.mentors
    sessions: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in journal.meetings:
        sessions[meeting.mentor].append(meeting)
    actions_of_meeting: dict[str, list[ActionItem]] = defaultdict(list)
    actions_of_mentor: dict[str, list[ActionItem]] = defaultdict(list)
    loose_actions: list[ActionItem] = []
    for action in journal.actions:
        if action.meeting is not None:
            actions_of_meeting[action.meeting].append(action)
        elif action.mentor is not None:
            actions_of_mentor[action.mentor].append(action)
        else:
            loose_actions.append(action)

    topics_of_mentor: dict[str, list[Topic]] = defaultdict(list)
    for topic in journal.topics:
        topics_of_mentor[topic.mentor].append(topic)

    lines += ["", "## Mentors"]
    if not mentors:
        lines += ["", "No mentors yet."]
    for mentor in mentors:
        lines += _mentor(mentor, goals)
        lines += _sessions(sessions.get(mentor.id, []), goals, actions_of_meeting)
        if actions_of_mentor.get(mentor.id):
            lines += ["", "#### Other actions", ""]
            lines += [_action(a, goals) for a in actions_of_mentor[mentor.id]]
        if topics_of_mentor.get(mentor.id):
            lines += ["", "#### Topics", ""]
            lines += [_topic(t) for t in topics_of_mentor[mentor.id]]

    lines += ["", "## Goals"]
    if not journal.goals:
        lines += ["", "No goals yet."]
    milestones: dict[str, list[Milestone]] = defaultdict(list)
    for milestone in journal.milestones:
        milestones[milestone.goal].append(milestone)
    names = {m.id: m.name for m in mentors}
    for goal in journal.goals:
        lines += _goal(goal, milestones.get(goal.id, []), names)

    if loose_actions:
        lines += ["", "## Other actions", ""]
        lines += [_action(a, goals) for a in loose_actions]
    if journal.reflections:
        lines += ["", "## Reflections"]
        for reflection in sorted(journal.reflections, key=lambda r: r.period):
            lines += _reflection(reflection)
    return ("\n".join(lines) + "\n").encode("utf-8")


def _fields(pairs: Iterable[tuple[str, object]]) -> list[str]:
    """`- Label: value` lines for the values that are set."""
    shown = []
    for label, value in pairs:
        if value is None or value == "" or value == []:
            continue
        text = value.isoformat() if isinstance(value, date) else str(value)
        shown.append(f"- {label}: {inline(text)}")
    return shown


def _mentor(mentor: Mentor, goals: dict[str, Goal]) -> list[str]:
    lines = ["", f"### {inline(mentor.name)}", ""]
    lines += _fields(
        [
            ("Kind", mentor.kind.value),
            ("Status", mentor.status.value),
            ("Source", mentor.source.value),
            ("Organisation", mentor.org),
            ("Role", mentor.role),
            ("Expertise", ", ".join(mentor.expertise)),
            ("E-mail", mentor.email),
            ("Web", mentor.url),
            ("Location", mentor.location),
            ("Time zone", mentor.timezone),
            ("Preferred format", mentor.format.value if mentor.format else None),
            ("Cadence", format_cadence(mentor.cadence)),
            ("Current supervisor", "yes" if mentor.supervisor else None),
            ("Goals", "; ".join(goals[g].title for g in mentor.goals if g in goals)),
            ("Started", mentor.started),
            ("Ended", mentor.ended),
            ("Id", mentor.id),
        ]
    )
    agreement = _fields(
        [
            ("Why them", mentor.agreement.why),
            ("What I hope to get", mentor.agreement.hope),
            ("Purpose", mentor.agreement.purpose),
            ("Until", mentor.agreement.until),
        ]
    )
    if agreement:
        lines += ["", "#### Agreement", "", *agreement]
    if mentor.notes.strip():
        lines += ["", "#### Notes", "", block(mentor.notes)]
    return lines


def _sessions(
    meetings: list[Meeting],
    goals: dict[str, Goal],
    actions_of_meeting: dict[str, list[ActionItem]],
) -> list[str]:
    if not meetings:
        return ["", "No sessions yet."]
    lines = ["", "#### Sessions"]
    for meeting in sorted(meetings, key=lambda m: (m.date, m.time or time.min, m.created)):
        when = meeting.date.isoformat()
        if meeting.time is not None:
            when += f" {meeting.time:%H:%M}"
        heading = [when, meeting.format.value]
        if meeting.duration:
            heading.append(format_duration(meeting.duration))
        lines += ["", f"##### {' · '.join(heading)}", ""]
        lines += _fields(
            [
                ("Goals", "; ".join(goals[g].title for g in meeting.goals if g in goals)),
                ("Rating", f"{meeting.rating}/5" if meeting.rating else None),
                ("Next session", meeting.next),
                ("Followed up", meeting.followed_up),
                ("Id", meeting.id),
            ]
        )
        if meeting.notes.strip():
            lines += ["", block(meeting.notes)]
        if meeting.takeaways:
            lines += ["", "Takeaways:", ""]
            lines += [f"- {inline(t)}" for t in meeting.takeaways]
        actions = actions_of_meeting.get(meeting.id, [])
        if actions:
            lines += ["", "Actions:", ""]
            lines += [_action(a, goals) for a in actions]
    return lines


def _checklist_line(status: str, text: str, extra: list[str], separator: str = ", ") -> str:
    """`- [x] text (extra, ...)`: an action item, a topic or a milestone."""
    suffix = f" ({separator.join(extra)})" if extra else ""
    return f"- [{_DONE_MARK[status]}] {inline(text)}{suffix}"


def _dates(due: date | None, closed: date | None, closed_as: str) -> list[str]:
    """`due 2026-12-01`, `done 2026-11-20` (or dropped, discussed), those that are set."""
    return [
        f"{word} {day.isoformat()}"
        for word, day in (("due", due), (closed_as, closed))
        if day is not None
    ]


def _action(action: ActionItem, goals: dict[str, Goal]) -> str:
    extra = _dates(action.due, action.done, action.status.value)
    if action.goal is not None and action.goal in goals:
        extra.append(f"goal: {inline(goals[action.goal].title)}")
    return _checklist_line(action.status.value, action.text, extra)


def _topic(topic: Topic) -> str:
    extra = _dates(None, topic.closed, topic.status.value)
    return _checklist_line(topic.status.value, topic.text, extra)


def _goal(goal: Goal, milestones: list[Milestone], mentor_names: dict[str, str]) -> list[str]:
    lines = ["", f"### {inline(goal.title)}", ""]
    lines += _fields(
        [
            ("Status", goal.status.value),
            ("Why", goal.why),
            ("Area", goal.area),
            ("Started", goal.started),
            ("Target", goal.target),
            ("Closed", goal.closed),
            ("Outcome", goal.outcome),
            ("Id", goal.id),
        ]
    )
    if milestones:
        lines += ["", "#### Milestones", ""]
        for milestone in milestones:
            extra = _dates(milestone.due, milestone.done, "done")
            if milestone.mentor is not None and milestone.mentor in mentor_names:
                extra.append(f"with {inline(mentor_names[milestone.mentor])}")
            if milestone.note:
                extra.append(inline(milestone.note))
            lines.append(_checklist_line(milestone.status.value, milestone.title, extra, "; "))
    return lines


def _reflection(reflection: Reflection) -> list[str]:
    lines = ["", f"### {reflection.period}"]
    for answer in reflection.answers:
        lines += ["", f"**{inline(answer.prompt)}**", ""]
        lines.append(block(answer.answer) if answer.answer.strip() else "(no answer)")
    return lines
