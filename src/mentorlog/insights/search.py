"""Search across the journal: session notes and takeaways, action items, goals, milestones
and mentors. Returns plain hits; rendering highlights the matched spans.

Text is compared folded (case and accents ignored, any script spelled in Latin letters: `zoe`
finds Zoë, `soren` Søren), from the start of words by default (`demo` finds `demos`, `story`
does not find `history`; `partial` also matches inside words), and as a reader sees it:
Markdown markers are neither searched nor shown (`**`, `# `, `- [ ] `, backticks; a link is
its text). In scripts written without spaces
(Chinese, Japanese) each character counts as a word."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from mentorlog.dates import local_date
from mentorlog.errors import BadInput
from mentorlog.insights._output import Output, Ref
from mentorlog.insights.markdown import plain_markdown
from mentorlog.journal.state import Journal
from mentorlog.models import Meeting
from mentorlog.text import FoldTable, clean, fold_char

Kind = Literal["session", "action", "goal", "milestone", "mentor", "topic", "reflection"]
SNIPPET = 60
ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")
_ORDER: tuple[Kind, ...] = (
    "session",
    "action",
    "topic",
    "milestone",
    "goal",
    "reflection",
    "mentor",
)


class Span(Output):
    start: int
    end: int


class Hit(Output):
    kind: Kind
    id: str
    date: date | None
    owner: Ref  # the mentor a session or action is with, the goal a milestone is under...
    field: str  # which field matched: notes, takeaway, text, title, why, ...
    snippet: str  # one line, about 60 characters around the first match
    matches: list[Span]  # the matched spans within the snippet


# What, once stripped (text.plain_markdown), can join or split words: emphasis, code, links.
# Line-start markers (`# `, `> `, `- [ ] `) are removed whole and never touch a word.
_INLINE_MARKUP = re.compile(r"[*_`\[]")


def snippet(text: str, query: _Query, width: int = SNIPPET) -> tuple[str, list[Span]]:
    """About `width` characters of `text` (as one plain line) around the first match, with the
    spans of every match inside it; ellipses mark what was cut."""
    line = _SPACES.sub(" ", plain_markdown(clean(text, multiline=True))).strip()
    found = query.spans(line)
    if not found:
        return "", []
    first_start, first_end = found[0]
    if len(line) <= width:
        start, end = 0, len(line)
    else:
        room = max(0, width - (first_end - first_start))
        start = max(0, first_start - room // 2)
        end = min(len(line), max(first_end, start + width))
        start = max(0, min(start, end - width))
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(line) else ""
    spans = [
        Span(start=s - start + len(prefix), end=e - start + len(prefix))
        for s, e in found
        if s >= start and e <= end
    ]
    return prefix + line[start:end] + suffix, spans


@dataclass
class Found:
    hits: list[Hit]  # newest first, at most the limit asked for
    total: int  # every field that matched, shown or not


def find(
    journal: Journal,
    text: str,
    *,
    mentor: str | None = None,
    since: date | None = None,
    limit: int | None = None,
    partial: bool = False,
) -> Found:
    """Every field with words that start as `text` does (folded), newest first; with
    `partial`, also inside words. `mentor` (an id) keeps the records that belong to that
    mentor: their sessions, actions, credited milestones and the mentor themself; `since`
    keeps records dated on or after it. The newest `limit` of those hits (all when None),
    and how many there are in all.

    A 20-year journal has thousands of matches for a common word: each field is only tested,
    and the snippets (the costly part) are built for the hits shown."""
    query = _Query(text, partial=partial)
    matched: list[tuple[date, int, Candidate, str, str]] = []
    for candidate in _candidates(journal, since, query):
        kind, _, day, _, belongs_to, fields = candidate
        if mentor is not None and belongs_to != mentor:
            continue
        if since is not None and (day is None or day < since):
            continue
        for name, value in fields:
            if value and query.matches(value):
                # newest first; on the same day, sessions before the records they led to
                matched.append((day or date.min, -_ORDER.index(kind), candidate, name, value))
    matched.sort(key=lambda found: found[:2], reverse=True)  # stable: ties keep their order
    shown = matched if limit is None else matched[:limit]
    hits = [_hit(candidate, name, value, query) for _, _, candidate, name, value in shown]
    return Found(hits=hits, total=len(matched))


class _WordTable(FoldTable):
    """Folds as `fold` does; a character of a script written without spaces (Chinese,
    Japanese) is set apart by spaces, so that each is a word."""

    def fold(self, char: str) -> str:
        folded = fold_char(char)
        if folded and unicodedata.east_asian_width(char) == "W":
            return f" {folded} "
        return folded


_WORDS = _WordTable()


def _fold(text: str) -> str:
    return text.lower() if text.isascii() else text.translate(_WORDS)


def _folded(line: str) -> tuple[str, list[int] | None]:
    """`line` folded, and the index in `line` of each folded character (None: the same)."""
    if line.isascii():
        return line.lower(), None
    parts: list[str] = []
    where: list[int] = []
    for index, char in enumerate(line):
        folded = _WORDS[ord(char)]
        parts.append(folded)
        where.extend([index] * len(folded))
    return "".join(parts), where


class _Query:
    """The text looked for, and the tests of a field, cheapest first."""

    def __init__(self, text: str, *, partial: bool = False) -> None:
        wanted = _SPACES.sub(" ", _fold(clean(text))).strip()
        if not wanted:
            raise BadInput("Give some text to search for.")
        # Words typed apart match words written apart by anything: `fernandez garcia` finds
        # Fernández-García.
        first, *rest = (re.escape(word) for word in wanted.split(" "))
        if not partial:
            # From the start of a word (`demo` finds `demos`): no letter or digit before the
            # first word. Said after that word, `(?<![0-9a-z]demo)`, so that the pattern
            # starts with a literal and the regex engine skips to its candidates (ten times
            # faster on 20 years of notes than a look-behind in front).
            first = rf"{first}(?<![0-9a-z]{first})"
        self.pattern = re.compile("[^0-9a-z]+".join([first, *rest]))  # on folded text
        # Folded ASCII text is lowercase ASCII text, so a field lacking one of the words
        # cannot match: no folding, no regex needed.
        self.words = wanted.split(" ")

    def may_match(self, *values: str) -> bool:
        """False when none of `values` can match: one test for all the fields of a record."""
        folded = _fold("\n".join(values))
        return all(word in folded for word in self.words)

    def spans(self, line: str) -> list[tuple[int, int]]:
        """Where `line` (one plain line) matches, as indexes in `line`."""
        folded, where = _folded(line)
        if where is None:
            return [m.span() for m in self.pattern.finditer(folded)]
        found = []
        for match in self.pattern.finditer(folded):
            start, end = where[match.start()], where[match.end() - 1] + 1
            while end < len(line) and not _WORDS[ord(line[end])]:  # a trailing combining mark
                end += 1
            found.append((start, end))
        return found

    def matches(self, value: str) -> bool:
        """Whether the snippet of `value` would show a match, mostly without building it."""
        # Words are looked for in the text as written (`hi**story**` is not `history`), so a
        # field is mostly ruled out without the cost of reading its Markdown.
        if self.pattern.search(_fold(value)) is None:
            return False
        if not _INLINE_MARKUP.search(value) and value.replace("\n", " ").isprintable():
            return True  # no markup or control character whose removal joins letters
        return bool(snippet(value, self)[1])


def _hit(candidate: Candidate, name: str, value: str, query: _Query) -> Hit:
    kind, record_id, day, owner, _, _ = candidate
    shown, spans = snippet(value, query)
    return Hit(
        kind=kind,
        id=record_id,
        date=day,
        owner=Ref(id=owner[0], name=owner[1]),
        field=name,
        snippet=shown,
        matches=spans,
    )


Owner = tuple[str, str]  # (id, name) of the record a hit belongs to
Candidate = tuple[Kind, str, date | None, Owner, str | None, list[tuple[str, str]]]


def _candidates(journal: Journal, since: date | None, query: _Query) -> Iterator[Candidate]:
    """The records that may match, with the fields to test."""
    mentors = {m.id: m.name for m in journal.mentors}
    goals = {g.id: g.title for g in journal.goals}

    def mentor_ref(mentor_id: str) -> Owner:
        return mentor_id, mentors.get(mentor_id, "?")

    for meetings in _session_years(journal, since):
        for meeting in meetings:  # the most numerous records: most are ruled out at once
            if not query.may_match(meeting.notes, *meeting.takeaways):
                continue
            fields = [("notes", meeting.notes)]
            fields += [("takeaway", t) for t in meeting.takeaways]
            owner = meeting.mentor, mentors.get(meeting.mentor, "?")
            yield "session", meeting.id, meeting.date, owner, meeting.mentor, fields
    for action in journal.actions:
        if not query.may_match(action.text):
            continue
        if action.mentor:
            owner = mentor_ref(action.mentor)
        elif action.goal:
            owner = action.goal, goals.get(action.goal, "?")
        else:
            owner = action.id, ""
        day = action.opened
        yield "action", action.id, day, owner, action.mentor, [("text", action.text)]
    for goal in journal.goals:
        fields = [("title", goal.title), ("why", goal.why), ("area", goal.area)]
        fields.append(("outcome", goal.outcome))
        yield "goal", goal.id, goal.started, (goal.id, goal.title), None, fields
    for milestone in journal.milestones:
        owner = milestone.goal, goals.get(milestone.goal, "?")
        day = milestone.done or local_date(milestone.created)
        fields = [("title", milestone.title), ("note", milestone.note)]
        yield "milestone", milestone.id, day, owner, milestone.mentor, fields
    for person in journal.mentors:
        agreement = person.agreement
        fields = [
            ("name", person.name),
            ("org", person.org),
            ("role", person.role),
            ("expertise", ", ".join(person.expertise)),
            ("notes", person.notes),
            ("agreement.why", agreement.why),
            ("agreement.hope", agreement.hope),
            ("agreement.purpose", agreement.purpose),
        ]
        owner = person.id, person.name
        yield "mentor", person.id, person.started, owner, person.id, fields
    for topic in journal.topics:
        day = topic.closed or local_date(topic.created)
        owner = mentor_ref(topic.mentor)
        yield "topic", topic.id, day, owner, topic.mentor, [("text", topic.text)]
    for reflection in journal.reflections:
        fields = [(f"answer {n}", a.answer) for n, a in enumerate(reflection.answers, 1)]
        day = local_date(reflection.updated)
        owner = reflection.id, reflection.period
        yield "reflection", reflection.id, day, owner, None, fields


def _session_years(journal: Journal, since: date | None) -> Iterator[list[Meeting]]:
    """Every year of sessions (a 20-year journal need not fit in memory at once); with
    `since`, only the years from its own on are read."""
    if since is None:
        yield from journal.meetings_by_year()
        return
    for year in journal.meeting_years():
        if year >= since.year:
            yield journal.meetings_of_year(year)
