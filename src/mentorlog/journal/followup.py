"""The follow-up after a session (README, "Before and after a session"): a short thank-you /
report-back note drafted from the session's takeaways, your commitments, and what came of their
earlier advice.

mentorlog never sends it: the note is text to paste, edit or open in a mail program. A session
is marked followed up (its `followed_up` date) when the note is produced.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from urllib.parse import quote

from pydantic import BaseModel

from mentorlog.errors import NotFound, Refused
from mentorlog.journal.reports import last_follow_ups
from mentorlog.journal.state import Journal
from mentorlog.models import ActionItem, Meeting, Mentor
from mentorlog.text import clean
from mentorlog.vocab import ActionStatus

RESULTS_SHOWN = 10  # most recent results of their advice quoted in one note


class NoteItem(BaseModel):
    id: str
    text: str
    done: date | None = None
    session_date: date | None = None  # the session the advice came from


class FollowupNote(BaseModel):
    """What `followup` drafted (and its `--json` document)."""

    mentor_id: str
    mentor_name: str
    email: str | None
    session_id: str
    session_date: date
    takeaways: list[str]
    commitments: list[NoteItem]  # the session's action items still open
    results: list[NoteItem]  # action items from their sessions done since the last follow-up
    subject: str
    body: str
    mailto: str | None = None
    followed_up: date | None = None  # set once the session is marked


def session_to_follow(
    journal: Journal, mentor: Mentor, session: Meeting | None, today: date
) -> Meeting:
    """The session given (it must be with `mentor`), else the mentor's latest one."""
    if session is not None:
        if session.mentor != mentor.id:
            raise Refused(f"Session {session.id} is not with {clean(mentor.name)}.")
        return session
    theirs = [m for m in journal.meetings if m.mentor == mentor.id and m.date <= today]
    if not theirs:
        raise NotFound(
            f"No session with {clean(mentor.name)} yet: log one first with `mentorlog meet`."
        )
    return max(theirs, key=lambda m: (m.date, m.time is not None, m.time, m.created))


def draft_followup(journal: Journal, mentor: Mentor, meeting: Meeting) -> FollowupNote:
    """The note for `meeting`: its takeaways, its open action items, and what came of
    their advice (their sessions' action items done since you last followed up)."""
    theirs = {m.id: m for m in journal.meetings if m.mentor == mentor.id}
    others = [m for m in theirs.values() if m.id != meeting.id]
    since = last_follow_ups(others).get(mentor.id)
    commitments: list[NoteItem] = []
    results: list[NoteItem] = []
    for action in journal.actions:
        source = theirs.get(action.meeting or "")
        if source is None:
            continue
        if action.meeting == meeting.id and action.status is ActionStatus.open:
            commitments.append(NoteItem(id=action.id, text=_line(action.text)))
        elif _done_since(action, since):
            results.append(
                NoteItem(
                    id=action.id,
                    text=_line(action.text),
                    done=action.done,
                    session_date=source.date,
                )
            )
    results = sorted(results, key=lambda r: (r.done or date.min, r.id))[-RESULTS_SHOWN:]
    takeaways = [_line(t) for t in meeting.takeaways]
    subject = f"Thank you for our conversation on {_long_day(meeting.date)}"
    note = FollowupNote(
        mentor_id=mentor.id,
        mentor_name=mentor.name,
        email=mentor.email,
        session_id=meeting.id,
        session_date=meeting.date,
        takeaways=takeaways,
        commitments=commitments,
        results=results,
        subject=subject,
        body="",
    )
    note.body = note_body(note, meeting.date)
    return note


def _done_since(action: ActionItem, since: date | None) -> bool:
    if action.status is not ActionStatus.done or action.done is None:
        return False
    return since is None or action.done > since


def _line(text: str) -> str:
    """User text on one line of the note: no control characters, no stray spaces."""
    return " ".join(clean(text).split())


def _long_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def first_name(name: str) -> str:
    """What to greet someone by: the first word of a name written with Latin letters; the whole
    name otherwise (李 明 puts the family name first, and a one-letter word is no first name)."""
    whole = clean(name).strip()
    words = whole.split()
    if not words or len(words[0]) < 2 or not all(c.isascii() or c.isalpha() for c in words[0]):
        return whole
    if any(unicodedata.east_asian_width(c) in ("W", "F") for c in whole):
        return whole
    return words[0]


def note_body(note: FollowupNote, day: date) -> str:
    lines = [f"Hi {first_name(note.mentor_name)},", ""]
    lines.append(f"Thank you for your time on {_long_day(day)}.")
    if note.takeaways:
        lines += ["", "What I took away:", *(f"- {t}" for t in note.takeaways)]
    if note.commitments:
        lines += ["", "What I will do next:", *(f"- {c.text}" for c in note.commitments)]
    if note.results:
        lines += ["", "What came of your advice:"]
        for item in note.results:
            done = f" (done {item.done.day} {item.done:%B})" if item.done else ""
            lines.append(f"- {item.text}{done}")
    lines += ["", "Thanks again,", ""]
    return "\n".join(lines)


def mailto_url(email: str, subject: str, body: str) -> str:
    """A `mailto:` URL (RFC 6068): subject and body percent-encoded, lines ending CRLF."""
    crlf = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return (
        f"mailto:{quote(email, safe='@')}?subject={quote(subject, safe='')}"
        f"&body={quote(crlf, safe='')}"
    )


def mark_followed_up(meeting: Meeting, today: date) -> None:
    """Record that a note was produced for this session, and when (`updated`: a second note
    the same day reports what was done since the first)."""
    meeting.followed_up = today
    meeting.touch()
