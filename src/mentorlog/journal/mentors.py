"""Mentors: add, edit, pause/resume/end, remove — with the practice built in.

- A micro-mentorship has one focused purpose and an end date (both required).
- A prospect is someone you mean to ask; it stays a prospect until the first contact.
- Ending a relationship keeps its whole history; removing one is refused while sessions,
  action items or milestone credits refer to it (unless cascading).

Options arrive as the text a person typed (`MentorOptions`); `none` clears a value.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, available_timezones

from pydantic import BaseModel

from mentorlog.dates import Cadence, parse_cadence, parse_date
from mentorlog.errors import BadInput, Refused
from mentorlog.journal.records import Links, checked, noun, unlink
from mentorlog.journal.state import Journal, remove
from mentorlog.models import Goal, Mentor, new_id, stamp
from mentorlog.text import clears, shorten
from mentorlog.vocab import MeetingFormat, MentorKind, MentorStatus, Source

M = TypeVar("M", bound=BaseModel)

_TEXT_KEYS = ("org", "role", "location", "notes")
_OPTIONAL_KEYS = ("email", "url", "timezone")


@dataclass
class MentorOptions:
    """The options of `mentor add` / `mentor edit` as typed; None means: not given."""

    kind: MentorKind | None = None
    status: MentorStatus | None = None
    source: Source | None = None
    org: str | None = None
    role: str | None = None
    expertise: str | None = None
    email: str | None = None
    url: str | None = None
    location: str | None = None
    timezone: str | None = None
    format: str | None = None
    cadence: str | None = None
    supervisor: bool | None = None
    why: str | None = None
    hope: str | None = None
    until: str | None = None
    purpose: str | None = None
    started: str | None = None
    notes: str | None = None


def normalize_timezone(text: str) -> str:
    """An IANA time zone name, forgiving of case (`europe/berlin` -> `Europe/Berlin`)."""

    value = text.strip()
    try:
        ZoneInfo(value)
        if value:
            return value
    except (ValueError, OSError, KeyError):
        pass
    zones = sorted(available_timezones())
    folded = {zone.casefold(): zone for zone in zones}
    if value.casefold() in folded:
        return folded[value.casefold()]
    close = difflib.get_close_matches(value, zones, n=1)
    hint = f" Did you mean {close[0]}?" if close else ""
    raise BadInput(
        f"Not an IANA time zone: '{shorten(value, 40)}'. Use a name like Europe/Berlin or "
        f"America/New_York.{hint}"
    )


def parse_format(text: str) -> MeetingFormat:
    try:
        return MeetingFormat(text.strip().lower())
    except ValueError:
        choices = ", ".join(f.value for f in MeetingFormat)
        raise BadInput(f"Not a format: '{shorten(text, 40)}'. Use {choices}.") from None


def parse_tags(text: str) -> list[str]:
    """`a, b,a` -> ['a', 'b']: trimmed, without empties or repeats (first spelling kept)."""
    tags: list[str] = []
    for part in text.split(","):
        tag = part.strip()
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    return tags


def _changes(options: MentorOptions, today: date) -> tuple[dict[str, Any], dict[str, Any]]:
    """(field changes, agreement changes) from the options that were given."""
    top: dict[str, Any] = {}
    agreement: dict[str, Any] = {}
    for key in ("kind", "status", "source", "supervisor"):
        if getattr(options, key) is not None:
            top[key] = getattr(options, key)
    for key in _TEXT_KEYS:
        value = getattr(options, key)
        if value is not None:
            top[key] = "" if clears(value) else value.strip()
    for key in _OPTIONAL_KEYS:
        value = getattr(options, key)
        if value is not None:
            top[key] = None if clears(value) or not value.strip() else value.strip()
    if top.get("timezone"):
        top["timezone"] = normalize_timezone(top["timezone"])
    if options.expertise is not None:
        top["expertise"] = [] if clears(options.expertise) else parse_tags(options.expertise)
    if options.format is not None:
        top["format"] = None if clears(options.format) else parse_format(options.format)
    if options.cadence is not None:
        top["cadence"] = parse_cadence(options.cadence)
    if options.started is not None:
        top["started"] = parse_date(options.started, today, "past")
    for key in ("why", "hope", "purpose"):
        value = getattr(options, key)
        if value is not None:
            agreement[key] = "" if clears(value) else value.strip()
    if options.until is not None:
        agreement["until"] = None if clears(options.until) else parse_date(options.until, today)
    return top, agreement


def _check_name(journal: Journal, name: str, *, but: Mentor | None = None) -> str:
    cleaned = name.strip()
    if not cleaned:
        raise BadInput("A mentor needs a name.")
    for mentor in journal.mentors:
        if mentor is not but and mentor.name.casefold() == cleaned.casefold():
            raise BadInput(
                f"There is already a mentor with that name ({mentor.id}); "
                "add a detail to tell them apart, e.g. 'Sam Lee (Acme)'."
            )
    return cleaned


def _check_micro(data: dict[str, Any], *, purpose_required: bool) -> None:
    """A micro-mentorship has one focused purpose and an end date: name what is missing."""
    if data.get("kind") is not MentorKind.micro:
        return
    agreement = data["agreement"]
    missing = [
        option
        for option, absent in (
            ("--until DATE", agreement.get("until") is None),
            ("--purpose TEXT", purpose_required and not agreement.get("purpose")),
        )
        if absent
    ]
    if missing:
        raise BadInput(
            f"A micro-mentorship needs {' and '.join(missing)}: one focused purpose, "
            "and the date it ends."
        )


def _check_dates(mentor: Mentor, today: date) -> None:
    if mentor.started > today:
        raise BadInput("The start date is in the future; use the day you noted them or met.")
    until = mentor.agreement.until
    if until is not None and until < mentor.started:
        raise BadInput("The agreement ends (--until) before the relationship started.")
    if mentor.ended is not None and mentor.ended < mentor.started:
        raise BadInput("The relationship would end before it started; check --started.")


def add_mentor(
    journal: Journal,
    *,
    name: str,
    today: date,
    options: MentorOptions,
    goals: list[Goal] | None = None,
    default_cadence: Callable[[MentorKind], Cadence | None] = lambda kind: None,
) -> Mentor:
    """A new mentor; the cadence defaults to `default_cadence(kind)` when not given."""
    top, agreement = _changes(options, today)
    kind = top.setdefault("kind", MentorKind.mentor)
    if top.get("status") is MentorStatus.ended:
        raise BadInput(
            "A new mentor is a prospect, active or paused; end one later with `mentor end`."
        )
    if options.cadence is None:
        top["cadence"] = default_cadence(kind)
    data: dict[str, Any] = {
        "id": new_id(journal.ids("mentors")),
        **stamp(),
        "name": _check_name(journal, name),
        "started": today,
        **top,
        "goals": _unique([goal.id for goal in goals or []]),
        "agreement": agreement,
    }
    _check_micro(data, purpose_required=True)
    mentor = checked(Mentor, data)
    _check_dates(mentor, today)
    journal.mentors.append(mentor)
    return mentor


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def edit_mentor(
    journal: Journal,
    mentor: Mentor,
    *,
    today: date,
    name: str | None = None,
    options: MentorOptions | None = None,
    add_goals: list[Goal] | None = None,
    remove_goals: list[Goal] | None = None,
) -> bool:
    """Apply the given changes; True if anything changed."""
    top, agreement = _changes(options or MentorOptions(), today)
    data = mentor.model_dump()
    if name is not None:
        data["name"] = _check_name(journal, name, but=mentor)
    status = top.pop("status", None)
    data.update(top)
    data["agreement"] = {**data["agreement"], **agreement}
    dropped = {goal.id for goal in remove_goals or []}
    data["goals"] = [
        g
        for g in _unique(data["goals"] + [goal.id for goal in add_goals or []])
        if g not in dropped
    ]
    if status is not None and status is not mentor.status:
        data["status"] = status
        data["ended"] = today if status is MentorStatus.ended else None
    # An existing micro-mentorship without a purpose (hand-written, imported) stays editable.
    was_micro = mentor.kind is MentorKind.micro
    _check_micro(data, purpose_required=not was_micro or "purpose" in agreement)
    merged = checked(Mentor, data)
    _check_dates(merged, today)
    changed = [key for key in Mentor.model_fields if getattr(mentor, key) != getattr(merged, key)]
    for key in changed:
        setattr(mentor, key, getattr(merged, key))
    if changed:
        mentor.touch()
    return bool(changed)


def set_mentor_status(
    mentor: Mentor, status: MentorStatus, *, today: date, on: date | None = None
) -> None:
    """pause (active or prospect), resume (paused or ended), end (anything not ended);
    `on` backdates an end (from the day it started to today)."""
    current = mentor.status
    ended = on or today
    if status is MentorStatus.ended and ended > today:
        raise BadInput(f"--date {ended.isoformat()} is in the future; give the day it ended.")
    if current is status:
        raise Refused(f"That mentor is already {status.value}.")
    if status is MentorStatus.paused and current is MentorStatus.ended:
        raise Refused("That relationship has ended; `mentor resume` it first.")
    if status is MentorStatus.active and current is MentorStatus.prospect:
        raise Refused(
            "A prospect becomes active with the first session (`mentorlog meet`), "
            "or with `mentor edit M --status active`."
        )
    if status is MentorStatus.ended and ended < mentor.started:
        raise BadInput(
            f"That relationship started on {mentor.started.isoformat()}, after "
            f"{ended.isoformat()}; correct --started first."
        )
    mentor.status = status
    mentor.ended = ended if status is MentorStatus.ended else None
    mentor.touch()


def note_first_contact(mentor: Mentor) -> bool:
    """A prospect becomes active at the first session; True if it changed."""
    if mentor.status is not MentorStatus.prospect:
        return False
    mentor.status = MentorStatus.active
    mentor.touch()
    return True


@dataclass
class MentorLinks(Links):
    """What refers to a mentor: what `rm` would orphan."""

    meetings: list[str] = field(default_factory=list, metadata=noun("session"))
    actions: list[str] = field(default_factory=list, metadata=noun("action item"))
    milestones: list[str] = field(default_factory=list, metadata=noun("milestone credit"))
    topics: list[str] = field(default_factory=list, metadata=noun("topic"))


def mentor_links(journal: Journal, mentor: Mentor) -> MentorLinks:
    meetings = [m.id for m in journal.meetings if m.mentor == mentor.id]
    theirs = set(meetings)
    return MentorLinks(
        meetings=meetings,
        actions=[a.id for a in journal.actions if a.mentor == mentor.id or a.meeting in theirs],
        milestones=[m.id for m in journal.milestones if m.mentor == mentor.id],
        topics=[t.id for t in journal.topics if t.mentor == mentor.id],
    )


def refuse_if_linked(journal: Journal, mentor: Mentor) -> MentorLinks:
    links = mentor_links(journal, mentor)
    if links:
        raise Refused(
            f"That mentor has {links.describe()}. Use `mentor end` to close the relationship "
            "and keep its history, or `mentor rm --cascade` to delete its sessions, their "
            "action items and its topics, and uncredit its milestones."
        )
    return links


def remove_mentor(journal: Journal, mentor: Mentor, *, cascade: bool = False) -> MentorLinks:
    """Delete a mentor. With `cascade`: its sessions, their action items and its topics go
    too, its other action items lose the link, and its milestones are uncredited."""
    links = mentor_links(journal, mentor) if cascade else refuse_if_linked(journal, mentor)
    gone = set(links.meetings)
    journal.meetings[:] = [m for m in journal.meetings if m.id not in gone]
    journal.actions[:] = [a for a in journal.actions if a.meeting not in gone]
    unlink(journal.actions, "mentor", mentor.id)
    unlink(journal.milestones, "mentor", mentor.id)
    journal.topics[:] = [t for t in journal.topics if t.mentor != mentor.id]
    remove(journal.mentors, mentor)
    return links
