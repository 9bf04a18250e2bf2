"""`mentorlog undo`: put back the files the last command changed, from their backups.

Each committed change is an entry in `backups/history.json`: the command, when, and for each
file it wrote the backup of its previous version (none if the command created it) and the
SHA-256 of the bytes it wrote. Undo is exact or refused: every file must still have exactly
those bytes (nobody changed it since) and every backup must still exist (not rotated away).
Only then are the files restored (or deleted, if the command created them) and the entry
removed, so undo can be repeated to go further back.
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

from mentorlog.errors import NewerSchema, Refused, StorageError
from mentorlog.storage import atomic, codec, commit, migrations
from mentorlog.storage.collections import collection_of
from mentorlog.storage.store import Store

_BACKUP_NAME = re.compile(r"^[A-Za-z0-9_-]+\.\d{8}T\d{6}\.\d{6}\.json$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class FileStep:
    file: str
    backup: str | None  # None: the command created the file, so undo deletes it
    sha256: str


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

    def describe(self) -> str:
        return f"{self.title()}: {', '.join(step.file for step in self.files)}"


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
        if backup is not None and not (isinstance(backup, str) and _BACKUP_NAME.match(backup)):
            raise damaged
        if not isinstance(digest, str) or not _SHA256.match(digest):
            raise damaged
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


def last_step(store: Store) -> UndoStep:
    entries = store.read_history()
    if not entries:
        raise Refused("Nothing to undo: no change has been recorded in this journal.")
    return _parse_entry(entries[-1])


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
    except (OSError, ValueError, AttributeError):
        return None  # missing or damaged: the digest check decides
    newer = isinstance(version, int) and version > migrations.CURRENT_VERSION
    return version if newer else None


def check(store: Store, step: UndoStep) -> dict[str, bytes | None]:
    """What each file goes back to (None: delete it), or Refused if undo would not be exact."""
    restores: dict[str, bytes | None] = {}
    for item in step.files:
        newer = _newer_schema(store.root / item.file)
        if newer is not None:  # its change cannot be judged here, and the file is not ours
            raise NewerSchema(
                f"{store.root / item.file} was written by a newer mentorlog (schema {newer}; "
                f"this version reads up to {migrations.CURRENT_VERSION}). Undo it with that "
                "version; nothing was changed."
            )
        if _current_digest(store.root / item.file) != item.sha256:
            raise Refused(
                f"{item.file} has changed since {step.title()}; cannot undo exactly. "
                "Nothing was changed."
            )
        if item.backup is None:
            restores[item.file] = None
            continue
        try:
            restores[item.file] = codec.read(store.backup_dir / item.backup)
        except FileNotFoundError:
            raise Refused(
                f"Cannot undo {step.title()}: the backup of {item.file} has been rotated "
                "away (raise `backups` with `mentorlog config set backups N` to keep more). "
                "Nothing was changed."
            ) from None
        except OSError as error:
            raise StorageError(f"Cannot read the backup {item.backup}: {error.strerror}.") from None
    return restores


def preview(store: Store) -> UndoStep:
    """What `undo` would revert now (read only; refuses exactly as `undo` would)."""
    step = last_step(store)
    check(store, step)
    return step


def _empty(file_name: str) -> bytes:
    collection = collection_of(file_name)
    assert collection is not None, file_name  # checked by _parse_entry
    return collection.encode([])


def undo(store: Store) -> UndoStep:
    """Revert the last recorded change under the journal lock, and forget it."""
    if not store.history_path.exists():
        raise Refused("Nothing to undo: no change has been recorded in this journal.")
    with store.locked():
        step = last_step(store)
        restores = check(store, step)
        # All files together (a crash cannot leave half a command undone): a file the command
        # created is first emptied in the same commit, then removed.
        writes = {name: _empty(name) if data is None else data for name, data in restores.items()}
        commit.commit(store.root, writes)
        for name in (name for name, data in restores.items() if data is None):
            try:
                (store.root / name).unlink()
            except FileNotFoundError:
                pass
            except OSError as error:
                raise StorageError(f"Cannot remove {name}: {error.strerror}.") from None
        atomic.fsync_dir(store.root)
        # Files first, then the history: a crash in between leaves an entry whose hashes no
        # longer match, which a later undo refuses instead of replaying.
        store.write_history(store.read_history()[:-1])
    return step
