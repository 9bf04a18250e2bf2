"""`mentorlog undo`: put back the files the last command changed, from their backups.

Each committed change is an entry in `backups/history.json`: the command, when, and for each
file it wrote the backup of its previous version (none if the command created it) and the
SHA-256 of the bytes it wrote. Undo is exact or refused: every file must still have exactly
those bytes (nobody changed it since) and every backup must still exist (not rotated away).
Only then are the files restored (or deleted, if the command created them), in one commit
with the history, so a kill at any instant leaves either the change or its undo, and a history
that matches the files. What undo replaces is backed up like any change and its entry moves to
the redo list: `undo --redo` brings it back the same way. Undo can be repeated to go further
back; a new change forgets what was undone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from mentorlog.errors import MentorlogError, NewerSchema, Refused, StorageError
from mentorlog.storage import atomic, codec, commit, migrations
from mentorlog.storage.backups import BACKUP_NAME, History
from mentorlog.storage.collections import COLLECTIONS, collection_of
from mentorlog.storage.files import parse_file_bytes
from mentorlog.storage.store import Store
from mentorlog.text import plural

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class FileStep:
    file: str
    backup: str | None  # None: the command created the file, so undo deletes it
    sha256: str | None  # None: the change removed the file


@dataclass(frozen=True)
class UndoStep:
    command: str
    at: datetime | None
    files: tuple[FileStep, ...]

    @property
    def when(self) -> str:
        return f"{self.at.astimezone():%Y-%m-%d %H:%M}" if self.at else "an unknown time"

    def title(self) -> str:
        return f"`{self.command}` from {self.when}"

    def describe(self, effect: str | None = None) -> str:
        """The step and what it does (`effect`), else the files it replaces."""
        return f"{self.title()}: {effect or ', '.join(step.file for step in self.files)}"


def _parse_entry(entry: Any) -> UndoStep:
    """The last history entry, checked so a hand-edited history cannot reach other paths."""
    damaged = Refused("The last entry of backups/history.json is damaged; cannot undo it.")
    if not isinstance(entry, dict) or not isinstance(entry.get("files"), list):
        raise damaged
    files = []
    for item in entry["files"]:
        if not isinstance(item, dict):
            raise damaged
        name, backup, digest = item.get("file"), item.get("backup"), item.get("sha256")
        if not isinstance(name, str) or collection_of(name) is None:
            raise damaged
        if backup is not None and not (isinstance(backup, str) and BACKUP_NAME.match(backup)):
            raise damaged
        if digest is not None and not (isinstance(digest, str) and _SHA256.match(digest)):
            raise damaged  # (None: the file did not exist after the change)
        files.append(FileStep(name, backup, digest))
    if not files:
        raise damaged
    at = None
    stamp = entry.get("at")
    with contextlib.suppress(ValueError):
        if isinstance(stamp, str):
            at = datetime.fromisoformat(stamp.replace("Z", "+00:00"))  # "Z": Python 3.10
            at = at if at.tzinfo is not None else None
    command = entry.get("command")
    command = command if isinstance(command, str) and command.isprintable() else "mentorlog"
    return UndoStep(command=command[:80], at=at, files=tuple(files))


def last_step(store: Store, *, redo: bool = False) -> UndoStep:
    """The change `undo` (or `undo --redo`) would revert; StorageError if history is damaged."""
    history = store.read_history()
    stack = history.redo if redo else history.entries
    if not stack:
        if redo:
            raise Refused("Nothing to redo: no undone change can be brought back.")
        raise Refused("Nothing to undo: no change has been recorded in this journal.")
    return _parse_entry(stack[-1])


def _current_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(codec.read(path)).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror}.") from error


def _newer_schema(path: Path) -> int | None:
    """The schema version of `path` if a newer mentorlog wrote it, else None."""
    try:
        version = json.loads(codec.read(path)).get("schema_version")
    except (OSError, ValueError, AttributeError, RecursionError):
        return None  # missing or damaged: the digest check decides
    newer = isinstance(version, int) and version > migrations.CURRENT_VERSION
    return version if newer else None


def check(store: Store, step: UndoStep) -> dict[str, bytes | None]:
    """What each file goes back to (None: delete it), or Refused if undo would not be exact."""
    restores: dict[str, bytes | None] = {}
    in_flight, gone = commit.pending(store.root), commit.removing(store.root)
    for item in step.files:
        newer = _newer_schema(store.root / item.file)
        if newer is not None:  # its change cannot be judged here, and the file is not ours
            raise NewerSchema(
                f"{store.root / item.file} was written by a newer mentorlog (schema {newer}; "
                f"this version reads up to {migrations.CURRENT_VERSION}). Undo it with that "
                "version; nothing was changed."
            )
        path = in_flight.get(item.file)
        path = path if path is not None and path.exists() else store.root / item.file
        if (None if item.file in gone else _current_digest(path)) != item.sha256:
            raise Refused(
                f"{item.file} has changed since {step.title()}; cannot undo exactly. "
                "Nothing was changed."
            )
        if item.backup is None:
            restores[item.file] = None
            continue
        try:
            restored = codec.read(store.backup_dir / item.backup)
            # A backup that does not read as records is never put back: the journal would
            # not open afterwards (CorruptFile: one line, exit 3, nothing changed).
            parse_file_bytes(item.file, restored, f"backup {item.backup}, to be put back")
            restores[item.file] = restored
        except FileNotFoundError:
            raise Refused(
                f"Cannot undo {step.title()}: the backup of {item.file} has been rotated "
                "away (raise `backups` with `mentorlog config set backups N` to keep more). "
                "Nothing was changed."
            ) from None
        except OSError as error:
            raise StorageError(f"Cannot read the backup {item.backup}: {error.strerror}.") from None
    return restores


def effect(store: Store, step: UndoStep, *, redo: bool = False) -> str | None:
    """What reverting `step` does to the records, as a user names them ("1 session and 2 action
    items removed; 1 goal changed back"), a record moved between files (an action item closed)
    counted once; None when that cannot be told, and the files are named instead."""
    restores = check(store, step)
    now: dict[str, dict[str, Any]] = {}  # collection -> id -> record, over all its files
    then: dict[str, dict[str, Any]] = {}
    try:
        for name, target in restores.items():
            owner = collection_of(name)
            assert owner is not None  # `check` took only data files
            current = _read_if_there(store.root / name)
            now.setdefault(owner.name, {}).update(_records_by_id(name, current))
            then.setdefault(owner.name, {}).update(_records_by_id(name, target))
    except MentorlogError:
        return None
    counts: dict[str, list[int]] = {}  # collection -> [removed, brought back, changed back]
    for name, records in now.items():
        before = then[name]
        removed, back = len(records.keys() - before.keys()), len(before.keys() - records.keys())
        changed = sum(1 for key in records.keys() & before.keys() if records[key] != before[key])
        counts[name] = [removed, back, changed]
    said = []
    for index, what in enumerate(_REDONE if redo else _UNDONE):
        parts = [
            plural(counts[c.name][index], c.record_noun)
            for c in COLLECTIONS.values()
            if counts.get(c.name, [0, 0, 0])[index]
        ]
        if parts:
            listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
            said.append(f"{listed} {what}")
    return "; ".join(said) or None


_UNDONE = ("removed", "brought back", "changed back")
_REDONE = ("removed", "brought back", "changed again")


def _read_if_there(path: Path) -> bytes | None:
    try:
        return codec.read(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror}.") from error


def _records_by_id(name: str, raw: bytes | None) -> dict[str, Any]:
    if raw is None:
        return {}
    return {record.id: record for record in parse_file_bytes(name, raw).records}


def preview(store: Store, *, redo: bool = False) -> UndoStep:
    """What `undo` would revert now (read only; refuses exactly as `undo` would)."""
    if store.root.is_dir():
        commit.verify(store.root)  # a commit record mentorlog did not write: say so first
    step = last_step(store, redo=redo)
    for name in check(store, step):
        atomic.refuse_unwritable(store.root / name)  # as the undo itself would, under its lock
    return step


def undo(store: Store, *, redo: bool = False, expected: UndoStep | None = None) -> UndoStep:
    """Revert the last recorded change (or undone change) under the journal lock.

    The files go back to their backups in one commit with the history, and what they held is
    backed up like any change, so the step moves to the other stack (undo <-> redo). With
    `expected`, refuse if that is no longer the step (the journal changed since it was shown).
    """
    if not store.history_path.exists():
        last_step(store, redo=redo)  # refuses: nothing recorded
    with store.locked():
        step = last_step(store, redo=redo)
        if expected is not None and step != expected:
            raise Refused("The journal changed since undo was asked for; nothing was changed.")
        restores = check(store, step)
        before: dict[str, bytes | None] = {}
        for name in restores:
            try:
                before[name] = codec.read(store.root / name)
            except FileNotFoundError:
                before[name] = None
            except OSError as error:
                raise StorageError(f"Cannot read {name}: {error.strerror}.") from None

        def record(history: History, files: list[dict[str, Any]]) -> None:
            done, other = (
                (history.redo, history.entries) if redo else (history.entries, history.redo)
            )
            done.pop()
            at = step.at.isoformat(timespec="seconds") if step.at else None
            other.append({"at": at, "command": step.command, "files": files})

        store.save_files(restores, before, record)
    return step
