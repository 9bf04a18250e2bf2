"""People from a CSV file, added as prospects (docs/backup-and-calendar.md: mentors are found
on LinkedIn, ...).

Two shapes are understood, told apart by their header row:

- LinkedIn's `Connections.csv` (Settings > Data privacy > Get a copy of your data): a few
  "Notes:" lines, then `First Name,Last Name,URL,Email Address,Company,Position,Connected On`;
- a simple `name,email,org,role` file (any order; only `name` is required).

A person whose name (ignoring case) is already in the journal, or earlier in the file, is
skipped and reported: names are unique, because references resolve by name. Every row is
validated before anything is saved.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel, Field, ValidationError

from mentorlog.dates import Cadence
from mentorlog.errors import BadInput
from mentorlog.exchange.importer import decode_text, read_limited
from mentorlog.journal.state import Journal
from mentorlog.models import Mentor, new_id, stamp
from mentorlog.problems import first_problem
from mentorlog.storage.store import Store
from mentorlog.text import clean
from mentorlog.vocab import MentorKind, MentorStatus, Source

HEADER_SEARCH_ROWS = 50  # LinkedIn puts a short preamble before the header
# Comma first; semicolons are what spreadsheets write where the comma is the decimal mark.
DELIMITERS = (",", ";", "\t", "|")
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*[ -](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

# column -> the header names that mean it (case-insensitive)
_LINKEDIN_COLUMNS = {
    "first": ("first name",),
    "last": ("last name",),
    "url": ("url", "profile url"),
    "email": ("email address", "email"),
    "org": ("company",),
    "role": ("position",),
    "connected": ("connected on",),
}
_SIMPLE_COLUMNS = {
    "name": ("name", "full name"),
    "email": ("email", "e-mail", "email address"),
    "org": ("org", "organisation", "organization", "company"),
    "role": ("role", "position", "title"),
    "url": ("url",),
}


class Person(BaseModel):
    name: str
    org: str = ""
    id: str | None = None


class PeopleImportReport(BaseModel):
    """Who a CSV import added as prospects (or would add, with --dry-run) and who it skipped."""

    file: str
    format: Literal["csv"] = "csv"
    dry_run: bool
    source: str
    added: list[Person] = Field(default_factory=list)
    duplicates: list[Person] = Field(default_factory=list)
    unnamed: int = 0  # rows with no name at all, skipped


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]


def read_people(data: bytes, label: str) -> tuple[Source, list[Row]]:
    """The kind of file and its rows (column -> cleaned text), after its header row."""
    text = decode_text(data, label, spreadsheet=True)
    try:
        found = next(filter(None, (_header(text, d, label) for d in DELIMITERS)), None)
        if found is None:
            raise BadInput(
                f"{label} has no header row: expected LinkedIn's 'First Name,Last Name,URL,"
                "Email Address,Company,Position,Connected On' or 'name,email,org,role'."
            )
        reader, columns, source = found
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            values = {
                column: _one_line(cells[index]) if index < len(cells) else ""
                for column, index in columns.items()
            }
            rows.append(Row(reader.line_num, values))
    except csv.Error as error:
        raise BadInput(f"{label} line {reader.line_num}: not valid CSV ({error}).") from None
    return source, rows


class _Reader(Protocol):
    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...
    def __next__(self) -> list[str]: ...


def _header(text: str, delimiter: str, label: str) -> tuple[_Reader, dict[str, int], Source] | None:
    """The reader past the header row, the header's columns and the kind of file, when the
    file read with `delimiter` has a header mentorlog knows. The delimiter is sniffed this
    way, by the header it reveals, because `csv.Sniffer` guesses wrong on LinkedIn's preamble
    (prose with commas) above the header."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for _ in range(HEADER_SEARCH_ROWS):
            header = next(reader, None)
            if header is None:
                return None
            names = [cell.strip().casefold() for cell in header]
            if "first name" in names and "last name" in names:
                return reader, _positions(names, _LINKEDIN_COLUMNS), Source.linkedin
            if "name" in names or "full name" in names:
                return reader, _positions(names, _SIMPLE_COLUMNS), Source.other
    except csv.Error as error:
        if delimiter == DELIMITERS[0]:  # the file is not CSV at all, whatever the delimiter
            line = reader.line_num
            raise BadInput(f"{label} line {line}: not valid CSV ({error}).") from None
    return None


def _positions(names: list[str], wanted: dict[str, tuple[str, ...]]) -> dict[str, int]:
    found = {}
    for column, aliases in wanted.items():
        for alias in aliases:
            if alias in names:
                found[column] = names.index(alias)
                break
    return found


def _one_line(text: str) -> str:
    return " ".join(clean(text).split())


def connected_on(text: str, today: date) -> date | None:
    """LinkedIn's `Connected On` (`12 Mar 2024`; ISO also read); None when missing, odd or in
    the future."""
    value = text.strip()
    match = _DAY_MONTH_YEAR.match(value)
    parts: tuple[int, int, int] | None = None
    if match and match[2].casefold() in _MONTHS:
        parts = (int(match[3]), _MONTHS[match[2].casefold()], int(match[1]))
    elif (match := _ISO_DATE.match(value)) is not None:
        parts = (int(match[1]), int(match[2]), int(match[3]))
    if parts is None:
        return None
    try:
        day = date(*parts)
    except ValueError:
        return None
    return day if day <= today else None


def plan_people(
    source: Source,
    rows: list[Row],
    journal: Journal,
    *,
    today: date,
    cadence: Cadence | None,
    label: str,
) -> tuple[list[Mentor], list[Person], int]:
    """The prospects to add, the duplicates skipped, and how many rows had no name."""
    # Names are unique in a journal (references resolve by name), so a known name is a
    # duplicate whatever the organisation; importing it would make `meet NAME` ambiguous.
    seen = {m.name.casefold() for m in journal.mentors}
    taken = journal.ids("mentors")
    added: list[Mentor] = []
    duplicates: list[Person] = []
    unnamed = 0
    for row in rows:
        values = row.values
        if source is Source.linkedin:
            name = f"{values.get('first', '')} {values.get('last', '')}".strip()
        else:
            name = values.get("name", "")
        if not name:
            unnamed += 1
            continue
        org = values.get("org", "")
        key = name.casefold()
        if key in seen:
            duplicates.append(Person(name=name, org=org))
            continue
        fields = {
            "id": new_id(taken),
            **stamp(),
            "name": name,
            "kind": MentorKind.mentor,
            "status": MentorStatus.prospect,
            "source": source,
            "org": org,
            "role": values.get("role", ""),
            "email": values.get("email") or None,
            "url": values.get("url") or None,
            "cadence": cadence,
            # The prospect clock starts today; when you connected is kept as a fact.
            "started": today,
            "connected": connected_on(values.get("connected", ""), today),
        }
        try:
            mentor = Mentor.model_validate(fields)
        except ValidationError as error:
            problem = first_problem(error)
            raise BadInput(
                f"{label} line {row.line}: field '{problem.field}': {problem.message}; "
                "nothing was imported."
            ) from None
        seen.add(key)
        taken.add(mentor.id)
        added.append(mentor)
    return added, duplicates, unnamed


def import_people(
    store: Store, path: Path, *, today: date, cadence: Cadence | None, dry_run: bool
) -> PeopleImportReport:
    label = path.name
    source, rows = read_people(read_limited(path), label)
    added, duplicates, unnamed = plan_people(
        source, rows, store.journal(), today=today, cadence=cadence, label=label
    )
    if added and not dry_run:
        with store.transaction() as journal:
            added, duplicates, unnamed = plan_people(
                source, rows, journal, today=today, cadence=cadence, label=label
            )
            journal.mentors.extend(added)
    return PeopleImportReport(
        file=str(path),
        dry_run=dry_run,
        source=source.value,
        added=[Person(name=m.name, org=m.org, id=None if dry_run else m.id) for m in added],
        duplicates=duplicates,
        unnamed=unnamed,
    )
