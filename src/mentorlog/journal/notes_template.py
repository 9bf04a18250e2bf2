"""The session notes template for the editor, and what is read back from it (pure: no I/O).

Comment lines start with `//` (after optional spaces). They carry the instructions and the
things to reread before a session (the agreement, the open action items) and are never saved.
`//` was chosen because it cannot be mistaken for Markdown: `#` starts a heading, and an HTML
comment spans lines, so deleting half of it would swallow notes.

Read back from the draft:
- under "## Topics to raise", each ticked line (`- [x] ID text`) marks that topic discussed;
  these lines are not kept in the notes;
- under "## Key advice", each bullet line (`- text`) is a takeaway;
- under "## Action items", each bullet line (`- [ ] text` or `- text`) is an action item;
- under "## Next steps", a line `next: DATE` plans the next session;
- the notes are the whole text minus comment lines, empty bullets and empty template headings.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from mentorlog.text import clean, shorten

COMMENT = "//"
WANTED = "What I wanted from this session"
ADVICE = "Key advice"
ACTIONS = "Action items"
NEXT = "Next steps"
TOPICS = "Topics to raise"
SECTIONS = (TOPICS, WANTED, ADVICE, ACTIONS, NEXT)
# The trailing spaces after "-", "- [ ]" and "next:" put the cursor where typing starts.
TEMPLATE_BODY = "\n".join(
    (
        *(f"## {WANTED}", "", ""),
        *(f"## {ADVICE}", "", "- ", ""),
        *(f"## {ACTIONS}", "", "- [ ] ", ""),
        *(f"## {NEXT}", "", "next: ", ""),
    )
)

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(?:\[[ xX]?\]\s*)?(.*)$")
_EMPTY_BULLET = re.compile(r"^\s*[-*+](?:\s+\[[ xX]?\])?\s*$")
_TOPIC = re.compile(r"^\s*[-*+]\s+\[([ xX]?)\]\s*([0-9a-z]{4,32})(?:\s|$)")
_NEXT = re.compile(r"^\s*next\s*:\s*(.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Reminder:
    """What to reread before the session, shown as comment lines."""

    mentor: str
    day: date
    agreement: Sequence[tuple[str, str]] = ()  # (label, text), e.g. ("why them", "...")
    open_actions: Sequence[tuple[str, str, int]] = ()  # (id, text, age in days)
    open_topics: Sequence[tuple[str, str]] = ()  # (id, text)


@dataclass
class Draft:
    """What the editor gave back."""

    notes: str
    takeaways: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    next: str | None = None  # the text after `next:`, not yet parsed as a date
    discussed: list[str] = field(default_factory=list)  # ids of the topics ticked
    empty: bool = False


def _comment(text: str = "") -> str:
    return f"{COMMENT} {text}".rstrip()


def header(reminder: Reminder) -> str:
    """The comment lines at the top of a draft."""
    name = shorten(reminder.mentor, 40)
    lines = [
        _comment(f"Session with {name} on {reminder.day.isoformat()}."),
        _comment("Lines starting with // are comments and are not saved."),
        _comment(f'"- " lines under "{ADVICE}" become takeaways; "- [ ] " lines under'),
        _comment(f'"{ACTIONS}" become action items; "next: DATE" under "{NEXT}"'),
        _comment("plans the next session (e.g. next: 2026-12-15, next: +4w, next: friday)."),
        _comment("Save and close the editor to log it; leave it unchanged to cancel."),
    ]
    if reminder.agreement:
        lines += [COMMENT, _comment("Your agreement:")]
        lines += [_comment(f"  {label}: {shorten(text, 60)}") for label, text in reminder.agreement]
    if reminder.open_actions:
        lines += [
            COMMENT,
            _comment("Open action items (close with --close ID, or when asked after saving):"),
        ]
        lines += [
            _comment(f"  {item_id}  {shorten(text, 50)} ({age}d old)")
            for item_id, text, age in reminder.open_actions
        ]
    return "\n".join(lines) + "\n\n"


def topics_section(reminder: Reminder) -> str:
    """The open topics as a checklist: tick (`[x]`) those you discussed."""
    if not reminder.open_topics:
        return ""
    lines = [f"## {TOPICS}", _comment("Tick with [x] the ones you discussed.")]
    lines += [f"- [ ] {topic_id} {clean(text)}" for topic_id, text in reminder.open_topics]
    return "\n".join(lines) + "\n\n"


def session_template(reminder: Reminder, notes: str = "") -> str:
    """A draft: the comment header, the open topics, then `notes` (without its comment lines)
    or the template."""
    body = "\n".join(line for line in notes.splitlines() if not _is_comment(line)).strip("\n")
    return header(reminder) + topics_section(reminder) + (body + "\n" if body else TEMPLATE_BODY)


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith(COMMENT)


def _section(line: str) -> str | None:
    match = _HEADING.match(line)
    return match[2].rstrip(":").strip().casefold() if match else None


def parse_draft(text: str, topic_ids: Collection[str] = ()) -> Draft:
    """Notes, takeaways, action items, the next date and the topics ticked (among
    `topic_ids`, the ones the template offered) from an edited draft."""
    kept: list[str] = []
    takeaways: list[str] = []
    actions: list[str] = []
    next_text: str | None = None
    discussed: list[str] = []
    section: str | None = None
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = clean(raw.rstrip(), multiline=True)
        if _is_comment(line) or _EMPTY_BULLET.match(line):
            continue
        heading = _section(line)
        if heading is not None:
            section = heading
        elif (
            section == TOPICS.casefold()
            and (ticked := _TOPIC.match(line))
            and ticked[2] in topic_ids
        ):
            if ticked[1].strip():
                discussed.append(ticked[2])
            continue  # the topics keep the record of what was discussed, not the notes
        elif section == ADVICE.casefold() and (bullet := _BULLET.match(line)):
            if bullet[1].strip():
                takeaways.append(bullet[1].strip())
        elif section == ACTIONS.casefold() and (bullet := _BULLET.match(line)):
            if bullet[1].strip():
                actions.append(bullet[1].strip())
        elif section == NEXT.casefold() and (found := _NEXT.match(line)):
            if not found[1].strip():
                continue  # the template's empty `next:` line
            next_text = found[1].strip()
        kept.append(line)
    notes = _tidy(kept)
    return Draft(
        notes=notes,
        takeaways=takeaways,
        actions=actions,
        next=next_text,
        discussed=discussed,
        empty=not _has_content(notes) and not discussed,
    )


def _tidy(lines: list[str]) -> str:
    """Drop template headings with nothing under them and runs of blank lines."""
    known = {s.casefold() for s in SECTIONS}
    out: list[str] = []
    for index, line in enumerate(lines):
        if _section(line) in known and _section_is_empty(lines, index):
            continue
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line)
    return "\n".join(out).strip("\n")


def _section_is_empty(lines: list[str], start: int) -> bool:
    for line in lines[start + 1 :]:
        if _section(line) is not None:
            return True
        if line.strip():
            return False
    return True


def _has_content(notes: str) -> bool:
    return any(line.strip() and _section(line) is None for line in notes.splitlines())
