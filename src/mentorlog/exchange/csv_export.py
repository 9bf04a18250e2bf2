"""Sessions as CSV, one row per session, for spreadsheets.

A cell that starts with `=`, `+`, `-`, `@` (or a tab or carriage return) would be run as a
formula by Excel, LibreOffice or Google Sheets, so it gets a leading single quote (the OWASP
advice for CSV injection). Terminal control characters are removed (a CSV is often just
printed). The data files, not this export, are the record of truth.
"""

from __future__ import annotations

import csv
import io
from datetime import time

from mentorlog.journal.state import Journal, by_id
from mentorlog.text import clean

HEADER = (
    "id",
    "date",
    "mentor",
    "duration_minutes",
    "format",
    "goals",
    "rating",
    "takeaways",
    "notes",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(cell: str) -> str:
    """`cell` that a spreadsheet shows as text instead of evaluating it."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def safe_cell(cell: str) -> str:
    """Without terminal control characters (a CSV is often just `cat`), and formula-guarded."""
    return guard_formula(clean(cell, multiline=True))


def export_csv(journal: Journal) -> bytes:
    mentors = by_id(journal.mentors)
    goals = by_id(journal.goals)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # RFC 4180: CRLF rows, quotes doubled, newlines kept quoted
    writer.writerow(HEADER)
    meetings = sorted(journal.meetings, key=lambda m: (m.date, m.time or time.min, m.created))
    for meeting in meetings:
        mentor = mentors.get(meeting.mentor)
        row = [
            meeting.id,
            meeting.date.isoformat(),
            mentor.name if mentor is not None else "",
            "" if meeting.duration is None else str(meeting.duration),
            meeting.format.value,
            "; ".join(goals[g].title for g in meeting.goals if g in goals),
            "" if meeting.rating is None else str(meeting.rating),
            " | ".join(meeting.takeaways),
            meeting.notes,
        ]
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")
