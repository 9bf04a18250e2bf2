"""Calendar occurrences matched to mentors and proposed as sessions (docs/calendar.md).

An occurrence is a session with a mentor when the mentor's e-mail is the organizer's or an
attendee's (case-insensitive); a mentor's name in the title, or an attendee's display name,
only makes a *suggestion*. Skipped: cancelled occurrences, those you declined (or the mentor
did), all-day events, and those that have not ended yet. A proposal either adds a session or,
when a session with that mentor was already logged by hand that day, attaches the event's
time and duration to it. Kept sessions remember the event's UID and recurrence id, so an
occurrence is never proposed again.

You are identified, to tell what you declined, by the `calendar.me` setting (your
addresses), and by the calendar's owner where the file names one (Google writes your address
as X-WR-CALNAME). With neither, an attendee who is not a mentor and declined means you did.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from mentorlog.dates import MAX_DURATION_MINUTES
from mentorlog.errors import BadInput
from mentorlog.exchange.calendar import (
    CalendarFile,
    Occurrence,
    local,
    physical_place,
    read_calendar,
)
from mentorlog.exchange.importer import read_limited
from mentorlog.journal.meetings import MeetingChanges, edit_meeting, log_meeting
from mentorlog.journal.session_effects import default_session_goals, note_logged
from mentorlog.journal.state import Journal
from mentorlog.models import CalendarRef, Meeting, Mentor
from mentorlog.storage.store import Store
from mentorlog.vocab import MeetingFormat

Match = Literal["email", "name"]


class Proposal(BaseModel):
    """One occurrence proposed as a session: `add` a new one, or `attach` its time and
    duration to the session logged by hand that day (`session`)."""

    number: int
    uid: str
    recurrence_id: str | None
    title: str
    mentor: str
    mentor_name: str
    match: Match  # "name" is only a suggestion
    date: date
    time: time
    duration: int | None
    format: MeetingFormat
    action: Literal["add", "attach"]
    session: str | None = None  # the session attached to, or the one added once kept
    notes: str = ""  # only with --with-notes


class Skipped(BaseModel):
    """Occurrences not proposed, by reason."""

    cancelled: int = 0
    declined: int = 0
    all_day: int = 0
    future: int = 0
    outside: int = 0  # before --since or after --until
    imported: int = 0  # already logged from a calendar
    unmatched: int = 0  # nobody in the journal


class CalendarImportReport(BaseModel):
    """What `import FILE.ics` found, and what it logged (its `--json` document)."""

    file: str
    format: Literal["ics"] = "ics"
    dry_run: bool
    written: bool = False
    proposals: list[Proposal] = Field(default_factory=list)
    kept: list[int] = Field(default_factory=list)  # proposal numbers
    added: int = 0
    attached: int = 0
    skipped: Skipped = Field(default_factory=Skipped)
    notices: list[str] = Field(default_factory=list)  # e.g. a prospect now active


@dataclass(frozen=True)
class CalendarOptions:
    now: datetime  # aware
    zone: tzinfo | None  # the user's zone; None: this machine's
    since: date | None = None
    until: date | None = None
    me: frozenset[str] = frozenset()  # your own addresses (lower case)
    with_notes: bool = False


def read_file(path: Path, options: CalendarOptions) -> CalendarFile:
    return read_calendar(read_limited(path), path.name, since=options.since, until=options.now)


def propose(
    calendar: CalendarFile, journal: Journal, options: CalendarOptions, report: CalendarImportReport
) -> None:
    """Fill `report.proposals` and `report.skipped` from the calendar and the journal."""
    mentors = {m.email.casefold(): m for m in journal.mentors if m.email}
    me = set(options.me) | calendar.owners
    imported = {(m.calendar.uid, m.calendar.recurrence_id) for m in journal.meetings if m.calendar}
    by_hand: dict[tuple[str, date], Meeting] = {}
    for meeting in journal.meetings:
        if meeting.calendar is None:
            by_hand.setdefault((meeting.mentor, meeting.date), meeting)
    names = _NameFinder(journal.mentors)
    skipped = report.skipped
    proposals: list[Proposal] = []
    seen: set[tuple[str, str | None, str]] = set()
    for occurrence in sorted(calendar.occurrences, key=lambda o: _sort_key(o, options.zone)):
        if occurrence.cancelled:
            skipped.cancelled += 1
            continue
        if occurrence.all_day:
            skipped.all_day += 1
            continue
        start = local(occurrence.start, options.zone)
        end = local(occurrence.end, options.zone) if occurrence.end is not None else start
        if end > options.now:
            skipped.future += 1
            continue
        day = start.date()
        if (options.since and day < options.since) or (options.until and day > options.until):
            skipped.outside += 1
            continue
        uid = occurrence.uid or _made_up_uid(occurrence)
        if (uid, occurrence.recurrence_id) in imported:
            skipped.imported += 1
            continue
        matched, declined = _by_email(occurrence, mentors, me)
        if declined:
            skipped.declined += 1
            continue
        match: Match = "email"
        if not matched:
            match = "name"
            matched = names.suggest(occurrence, me)
        if not matched:
            skipped.unmatched += 1
            continue
        for mentor in matched:
            if (uid, occurrence.recurrence_id, mentor.id) in seen:
                continue
            seen.add((uid, occurrence.recurrence_id, mentor.id))
            target = by_hand.pop((mentor.id, day), None)
            proposals.append(
                Proposal(
                    number=len(proposals) + 1,
                    uid=uid,
                    recurrence_id=occurrence.recurrence_id,
                    title=occurrence.summary,
                    mentor=mentor.id,
                    mentor_name=mentor.name,
                    match=match,
                    date=day,
                    time=start.time().replace(second=0, microsecond=0, tzinfo=None),
                    duration=_minutes(occurrence),
                    format=_format(occurrence, mentor),
                    action="attach" if target else "add",
                    session=target.id if target else None,
                    notes=_notes(occurrence, me) if options.with_notes else "",
                )
            )
    report.proposals = proposals


def import_calendar(
    store: Store,
    path: Path,
    options: CalendarOptions,
    choose: Callable[[CalendarImportReport], Collection[int] | None],
    *,
    today: date,
    dry_run: bool,
) -> CalendarImportReport:
    """Read, propose, let `choose` pick the proposal numbers to keep (None: refuse to write),
    then log them in one all-or-nothing commit, against the journal as it is under the lock."""
    calendar = read_file(path, options)
    report = CalendarImportReport(file=str(path), dry_run=dry_run)
    propose(calendar, store.journal(), options, report)
    chosen = choose(report)
    if dry_run or not chosen:
        report.kept = sorted(chosen or [])
        return report
    wanted = {_key(p) for p in report.proposals if p.number in chosen}
    with store.transaction() as journal:
        fresh = CalendarImportReport(file=str(path), dry_run=False)
        propose(calendar, journal, options, fresh)
        for proposal in fresh.proposals:
            if _key(proposal) in wanted:
                fresh.notices += _keep(journal, proposal, today)
                fresh.kept.append(proposal.number)
    fresh.written = bool(fresh.kept)
    fresh.added = sum(1 for p in fresh.proposals if p.number in fresh.kept and p.action == "add")
    fresh.attached = len(fresh.kept) - fresh.added
    return fresh


def _keep(journal: Journal, proposal: Proposal, today: date) -> list[str]:
    """Log or attach one proposal, as `meet` would; what it changed about the relationship."""
    ref = CalendarRef(uid=proposal.uid, recurrence_id=proposal.recurrence_id)
    if proposal.action == "attach":
        meeting = next(m for m in journal.meetings if m.id == proposal.session)
        asked = MeetingChanges(
            at=proposal.time if meeting.time is None else None,
            duration=proposal.duration if meeting.duration is None else None,
        )
        edit_meeting(journal, meeting, asked, today=today)
        meeting.calendar = ref
        meeting.touch()
        return []
    mentor = next(m for m in journal.mentors if m.id == proposal.mentor)
    logged = log_meeting(
        journal,
        mentor,
        today=today,
        day=proposal.date,
        at=proposal.time,
        duration=proposal.duration,
        format=proposal.format,
        goals=default_session_goals(mentor, journal.goals, proposal.date),
        notes=proposal.notes,
    )
    logged.meeting.calendar = ref
    proposal.session = logged.meeting.id
    return [f"{mentor.name}: {notice}" for notice in note_logged(journal, mentor, logged)]


def _key(proposal: Proposal) -> tuple[str, str | None, str]:
    return (proposal.uid, proposal.recurrence_id, proposal.mentor)


def _by_email(
    occurrence: Occurrence, mentors: dict[str, Mentor], me: set[str]
) -> tuple[list[Mentor], bool]:
    """The mentors among the people, and whether the occurrence was declined (by you, or by
    every mentor in it)."""
    found: dict[str, Mentor] = {}
    mentor_declined = 0
    declined = False
    for person in occurrence.people:
        mentor = mentors.get(person.email)
        if mentor is not None and person.email not in me:
            if person.status == "DECLINED":
                mentor_declined += 1
            else:
                found.setdefault(mentor.id, mentor)
        elif person.status == "DECLINED" and (person.email in me or not me):
            declined = True
    return list(found.values()), declined or (mentor_declined > 0 and not found)


class _NameFinder:
    """Mentors named in a title or an attendee's display name (accents and case ignored): the
    whole name, or a first name no other mentor shares."""

    def __init__(self, mentors: list[Mentor]) -> None:
        self._whole = [(m, _fold(m.name)) for m in mentors]
        firsts: dict[str, list[Mentor]] = {}
        for mentor in mentors:
            first = _fold(mentor.name).split(" ")[0]
            if len(first) >= 3:
                firsts.setdefault(first, []).append(mentor)
        self._first = {name: found[0] for name, found in firsts.items() if len(found) == 1}

    def suggest(self, occurrence: Occurrence, me: set[str]) -> list[Mentor]:
        texts = [occurrence.summary] + [p.name for p in occurrence.people if p.email not in me]
        words = f" {' '.join(_fold(text) for text in texts)} "
        whole = [m for m, name in self._whole if name and f" {name} " in words]
        if whole:
            return whole[:1] if len(whole) == 1 else []
        first = {m.id: m for name, m in self._first.items() if f" {name} " in words}
        return list(first.values()) if len(first) == 1 else []


def _fold(text: str) -> str:
    """Lower case, accents and punctuation dropped, single spaces: "Zoë F." -> "zoe f"."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def _format(occurrence: Occurrence, mentor: Mentor) -> MeetingFormat:
    if occurrence.video:
        return MeetingFormat.video
    if physical_place(occurrence):
        return MeetingFormat.in_person
    return mentor.format or MeetingFormat.video


def _minutes(occurrence: Occurrence) -> int | None:
    minutes = occurrence.minutes
    return minutes if minutes is not None and 0 < minutes <= MAX_DURATION_MINUTES else None


def _notes(occurrence: Occurrence, me: set[str]) -> str:
    """The event's title, description and the other people in it (not you)."""
    parts = [occurrence.summary, occurrence.description]
    attendees = [p.name or p.email for p in occurrence.people if p.email not in me]
    if attendees:
        parts.append("Attendees: " + ", ".join(dict.fromkeys(attendees)))
    return "\n\n".join(part for part in parts if part.strip())


def _made_up_uid(occurrence: Occurrence) -> str:
    """A stable stand-in for an event without a UID (which RFC 5545 requires)."""
    seed = f"{occurrence.summary}|{occurrence.start.isoformat()}".encode()
    return "no-uid-" + hashlib.sha256(seed).hexdigest()[:16]


def _sort_key(occurrence: Occurrence, zone: tzinfo | None) -> tuple[int, datetime | date]:
    if occurrence.all_day:
        return (1, occurrence.start)
    return (0, local(occurrence.start, zone))


def email_matches(report: CalendarImportReport) -> list[int]:
    """The numbers `--yes` keeps: the proposals matched by e-mail (names are suggestions)."""
    return [p.number for p in report.proposals if p.match == "email"]


def parse_choice(text: str, count: int) -> set[int]:
    """`all`, `none`, or numbers and ranges (`1,3-5`, spaces allowed) among 1..count."""
    value = text.strip().casefold()
    if value in ("all", "a"):
        return set(range(1, count + 1))
    if value in ("none", "n", "0"):
        return set()
    chosen: set[int] = set()
    for part in re.split(r"[,\s]+", value):
        if not part:
            continue
        found = re.fullmatch(r"(\d{1,6})(?:-(\d{1,6}))?", part, re.ASCII)
        if found is None:
            shown = "".join(ch if ch.isprintable() else "?" for ch in part)[:20]
            raise BadInput(f"Not a number or a range: {shown!r}. Answer all, none or e.g. 1,3-5.")
        low = int(found[1])
        high = int(found[2] or found[1])
        if not 1 <= low <= high <= count:
            raise BadInput(f"Choose numbers from 1 to {count} (e.g. 1,3-5), all or none.")
        chosen.update(range(low, high + 1))
    return chosen
