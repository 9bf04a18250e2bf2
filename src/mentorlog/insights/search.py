"""Case-insensitive search across the journal: session notes and takeaways, action items,
goals, milestones and mentors. Returns plain hits; rendering highlights the matched spans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from mentorlog.dates import local_date
from mentorlog.errors import BadInput
from mentorlog.insights._output import Output, Ref
from mentorlog.journal.state import Journal
from mentorlog.models import Meeting
from mentorlog.text import clean

Kind = Literal["session", "action", "goal", "milestone", "mentor"]
SNIPPET = 60
ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")
_ORDER: tuple[Kind, ...] = ("session", "action", "milestone", "goal", "mentor")


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


def snippet(text: str, pattern: re.Pattern[str], width: int = SNIPPET) -> tuple[str, list[Span]]:
    """About `width` characters of `text` (as one line) around the first match, with the
    spans of every match inside it; ellipses mark what was cut."""
    line = _SPACES.sub(" ", clean(text)).strip()
    first = pattern.search(line)
    if first is None:
        return "", []
    if len(line) <= width:
        start, end = 0, len(line)
    else:
        room = max(0, width - (first.end() - first.start()))
        start = max(0, first.start() - room // 2)
        end = min(len(line), max(first.end(), start + width))
        start = max(0, min(start, end - width))
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(line) else ""
    spans = [
        Span(start=m.start() - start + len(prefix), end=m.end() - start + len(prefix))
        for m in pattern.finditer(line, start, end)
    ]
    return prefix + line[start:end] + suffix, spans


@dataclass
class Found:
    hits: list[Hit]  # newest first, at most the limit asked for
    total: int  # every field that matched, shown or not


def search(
    journal: Journal,
    text: str,
    *,
    mentor: str | None = None,
    since: date | None = None,
) -> list[Hit]:
    """Every field that contains `text` (ignoring case), newest first. `mentor` (an id) keeps
    the records that belong to that mentor: their sessions, actions, credited milestones and
    the mentor themself; `since` keeps records dated on or after it."""
    return find(journal, text, mentor=mentor, since=since).hits


def find(
    journal: Journal,
    text: str,
    *,
    mentor: str | None = None,
    since: date | None = None,
    limit: int | None = None,
) -> Found:
    """The newest `limit` hits of `search` (all when None) and how many there are in all.

    A 20-year journal has thousands of matches for a common word: each field is only tested,
    and the snippets (the costly part) are built for the hits shown."""
    query = _Query(text)
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
    hits = [_hit(candidate, name, value, query.pattern) for _, _, candidate, name, value in shown]
    return Found(hits=hits, total=len(matched))


class _Query:
    """The text looked for, and the tests of a field, cheapest first."""

    def __init__(self, text: str) -> None:
        wanted = _SPACES.sub(" ", clean(text)).strip()
        if not wanted:
            raise BadInput("Give some text to search for.")
        self.pattern = re.compile(re.escape(wanted).replace(r"\ ", r"\s+"), re.IGNORECASE)
        # Between ASCII texts, ignoring case is comparing lowercase (Unicode case folding
        # has no say), so a field lacking one of the words cannot match: no regex needed.
        self.words = wanted.lower().split(" ") if wanted.isascii() else None

    def may_match(self, *values: str) -> bool:
        """False when none of `values` can match: one test for all the fields of a record."""
        text = "\n".join(values)
        if self.words is None or not text.isascii():
            return True
        lowered = text.lower()
        return all(word in lowered for word in self.words)

    def matches(self, value: str) -> bool:
        """Whether the snippet of `value` would show a match, mostly without building it."""
        first = self.pattern.search(value)
        if first is None:
            return False
        # A match free of control characters and line breaks is still one in the cleaned line
        # the snippet is cut from; otherwise cleaning may have broken it: build the snippet.
        return clean(first.group()) == first.group() or bool(snippet(value, self.pattern)[1])


def _hit(candidate: Candidate, name: str, value: str, pattern: re.Pattern[str]) -> Hit:
    kind, record_id, day, owner, _, _ = candidate
    shown, spans = snippet(value, pattern)
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


def _session_years(journal: Journal, since: date | None) -> Iterator[list[Meeting]]:
    """Every year of sessions (a 20-year journal need not fit in memory at once); with
    `since`, only the years from its own on are read."""
    if since is None:
        yield from journal.meetings_by_year()
        return
    for year in journal.meeting_years():
        if year >= since.year:
            yield journal.meetings_of_year(year)
