"""The conflict log: what a merge had to choose between, with both values (docs/sync.md).

`sync-conflicts.json` is part of the journal and synced (every machine sees every choice made);
which entries a person has dismissed is kept on each machine (`sync-dismissed.json`, ignored by
git), so the nudge stays until it is dismissed where it is read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import AwareDatetime, BaseModel, Field, ValidationError

from mentorlog.errors import CorruptFile, NotFound
from mentorlog.storage import atomic, codec
from mentorlog.sync import LOG_FILE as LOG_FILE  # re-exported: sync code says log.LOG_FILE

DISMISSED_FILE = "sync-dismissed.json"
LOG_VERSION = 1


class ConflictEntry(BaseModel):
    id: str
    at: AwareDatetime  # when the merge chose
    collection: str
    record: str  # the record's id
    label: str = ""  # its name or title then, to recognise it
    field: str  # dotted: `role`, `agreement.hope`
    kept: Any = None  # the value the journal has now (JSON)
    lost: Any = None  # the value the other side had (JSON), kept here only
    kept_from: str = ""  # the machine whose value was kept (host name), or "the remote"
    merged_on: str = ""  # the machine that merged (host name)


class ConflictLog(BaseModel):
    schema_version: int = LOG_VERSION
    conflicts: list[ConflictEntry] = Field(default_factory=list)


def parse_log(raw: bytes | None, where: str = LOG_FILE) -> list[ConflictEntry]:
    if raw is None:
        return []
    raw = codec.decode(raw, where)  # an encrypted journal's log (from git too)
    try:
        log = ConflictLog.model_validate_json(raw)
    except ValidationError:
        raise CorruptFile(f"{where} is not a valid conflict log. Nothing was changed.") from None
    if log.schema_version > LOG_VERSION:
        raise CorruptFile(f"{where} was written by a newer mentorlog. Nothing was changed.")
    return log.conflicts


def encode_log(entries: list[ConflictEntry]) -> bytes:
    ordered = sorted({e.id: e for e in entries}.values(), key=lambda e: (e.at, e.id))
    return ConflictLog(conflicts=ordered).model_dump_json(indent=2).encode("utf-8") + b"\n"


def unite(*logs: list[ConflictEntry]) -> list[ConflictEntry]:
    """Every entry of every side, once (entries are never edited, only added)."""
    found: dict[str, ConflictEntry] = {}
    for log in logs:
        for entry in log:
            found.setdefault(entry.id, entry)
    return sorted(found.values(), key=lambda e: (e.at, e.id))


def read_log(root: Path) -> list[ConflictEntry]:
    try:
        raw = codec.read(root / LOG_FILE)
    except FileNotFoundError:
        return []
    except OSError as error:
        raise CorruptFile(f"Cannot read {root / LOG_FILE}: {error.strerror}.") from None
    return parse_log(raw, str(root / LOG_FILE))


def read_dismissed(root: Path) -> set[str]:
    try:
        document = json.loads(codec.read(root / DISMISSED_FILE))
        return {str(item) for item in document.get("dismissed", [])}
    except (OSError, ValueError, AttributeError, TypeError):
        return set()  # a lost list only shows dismissed conflicts again


def open_entries(root: Path) -> list[ConflictEntry]:
    """The conflicts not dismissed on this machine (nothing is read when there is no log)."""
    if not (root / LOG_FILE).exists():
        return []
    dismissed = read_dismissed(root)
    return [entry for entry in read_log(root) if entry.id not in dismissed]


def dismiss(root: Path, which: list[str]) -> list[ConflictEntry]:
    """Dismiss entries by id prefix (or `all`); the caller holds the journal lock."""
    entries = open_entries(root)
    if which == ["all"]:
        chosen = entries
    else:
        chosen = []
        for prefix in which:
            matches = [e for e in entries if e.id.startswith(prefix.lower())]
            if len(matches) != 1:
                what = "no open conflict" if not matches else f"{len(matches)} open conflicts"
                raise NotFound(f"'{prefix}' matches {what}; see `mentorlog sync conflicts`.")
            chosen.append(matches[0])
    dismissed = sorted(read_dismissed(root) | {e.id for e in chosen})
    data = json.dumps({"schema_version": 1, "dismissed": dismissed}, indent=2) + "\n"
    atomic.atomic_write(root / DISMISSED_FILE, data.encode("utf-8"))
    return chosen
