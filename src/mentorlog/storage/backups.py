"""The previous versions of each data file (`backups/`) and the record of every committed
change (`backups/history.json`), which is what `undo` replays.

Every commit has a sequence number, one more than the last; the backups it writes carry it in
their names (`goals.0000000042.json`) and the history records the last committed one. Backups
are ordered by it, never by a clock that may be stepped backwards. A backup whose number is
above the history's was written by a command that stopped before its commit point (a kill, a
full disk): a copy of a file that did not change, removed by the next writer and never counted
as a generation. Backups are rotated only after a successful save. (Names with a timestamp,
from versions before the sequence, sort before every numbered one.)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from mentorlog.errors import StorageError
from mentorlog.storage import atomic, codec, commit

BACKUP_DIR = "backups"
HISTORY_FILE = "history.json"
HISTORY_KEEP = 100
BACKUP_NAME = re.compile(r"^[A-Za-z0-9_-]+\.(\d{8}T\d{6}\.\d{6}|\d{10})\.json$")
_STAMP = re.compile(r"^(?:(\d{8}T\d{6}\.\d{6})|(\d{10}))$")


@dataclass(eq=False, repr=False)
class History:
    """`backups/history.json`: what undo reverts (`entries`) and what `undo --redo` restores."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    redo: list[dict[str, Any]] = field(default_factory=list)
    sequence: int | None = None  # the last committed sequence number (None: not recorded)

    def encode(self) -> bytes:
        document = {
            "schema_version": 1,
            "sequence": self.sequence,
            "entries": self.entries[-HISTORY_KEEP:],
            "redo": self.redo[-HISTORY_KEEP:],
        }
        return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


# file name -> its bytes (None: no such file), as saved or as they were before
Versions = dict[str, bytes | None]
# puts the entry of a change (made of the files it backed up) into the history
Recorder = Callable[[History, list[dict[str, Any]]], None]


def backup_order(name: str, stem: str) -> tuple[int, str] | None:
    """Where a backup of `stem` sorts (timestamped ones first), None if it is not one."""
    if not (name.startswith(stem + ".") and name.endswith(".json")):
        return None
    match = _STAMP.match(name[len(stem) + 1 : -len(".json")])
    if match is None:
        return None
    return (0, match[1]) if match[1] else (1, match[2])


def sequence_of(name: str) -> int | None:
    match = BACKUP_NAME.match(name)
    return int(match[1]) if match and match[1].isdigit() else None


@dataclass(eq=False, repr=False)
class Backups:
    """The backups and the history of the journal in `root`, for the store's commits."""

    root: Path
    keep_backups: int  # the newest versions kept of each file
    command: str  # what the history names as the command that made a change

    # -- backups -------------------------------------------------------------------------

    @property
    def backup_dir(self) -> Path:
        return self.root / BACKUP_DIR

    def backups_of(self, file_name: str) -> list[Path]:
        """Backups of one data file, oldest first."""
        stem = file_name.removesuffix(".json")
        if not self.backup_dir.is_dir():
            return []
        found = []
        for entry in os.scandir(self.backup_dir):
            order = backup_order(entry.name, stem)
            if order is not None:
                found.append((order, self.backup_dir / entry.name))
        return [path for _, path in sorted(found)]

    def _next_sequence(self, history: History) -> int:
        """One more than any number used so far (by a commit, or by a command that stopped)."""
        used = [history.sequence or 0]
        with contextlib.suppress(FileNotFoundError):
            used += [n for e in os.scandir(self.backup_dir) if (n := sequence_of(e.name))]
        return max(used) + 1

    def _write_backup(self, file_name: str, data: bytes, sequence: int) -> str:
        name = f"{file_name.removesuffix('.json')}.{sequence:010d}.json"
        atomic.atomic_write(self.backup_dir / name, data)
        return name

    def _rotate_backups(self, file_name: str) -> None:
        """Keep the newest `keep_backups`; only after a save, so a failed one rotates nothing."""
        for old in self.backups_of(file_name)[: -self.keep_backups]:
            with contextlib.suppress(FileNotFoundError):
                old.unlink()

    def tidy(self) -> None:
        """Under the lock, after a killed writer's commit was rolled forward: no temp files,
        no backups of commits that never happened, nothing readable by others."""
        if self.backup_dir.is_dir():
            atomic.ensure_private_dir(self.backup_dir)
            atomic.remove_stray_temps(self.backup_dir)
            self._remove_orphan_backups()
            atomic.tighten_all(self.backup_dir, lambda name: False)

    def _remove_orphan_backups(self) -> None:
        """Backups of commits that never happened."""
        try:
            committed = self.read_history().sequence
        except StorageError:
            return  # judged (and refused) when a change is saved
        if committed is None:
            return
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(self.backup_dir):
                number = sequence_of(entry.name)
                if number is not None and number > committed and self._copy_of_current(entry.name):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.path)

    def _copy_of_current(self, backup: str) -> bool:
        """Whether a backup is a copy of its file as it is now (so it holds nothing else): a
        history put back by hand with a lower number never costs a real generation."""
        stem = backup.split(".", 1)[0]
        try:
            copy, current = self.backup_dir / backup, self.root / f"{stem}.json"
            if copy.stat().st_size != current.stat().st_size:
                return False
            return codec.read(copy) == codec.read(current)
        except OSError:
            return False

    # -- history (what undo replays) -----------------------------------------------------

    @property
    def history_path(self) -> Path:
        return self.backup_dir / HISTORY_FILE

    def read_history(self) -> History:
        """The history (as a commit in flight leaves it); StorageError if it is damaged."""
        pending = commit.pending(self.root).get(commit.HISTORY)
        for path in [pending, self.history_path] if pending else [self.history_path]:
            try:
                data = codec.read(path)
                break
            except FileNotFoundError:  # (a pending version: put in place since)
                continue
            except OSError as error:
                raise StorageError(f"Cannot read {self.history_path}: {error.strerror}.") from error
        else:
            return History()
        try:
            document = json.loads(data.decode("utf-8"))
            entries, redo = document["entries"], document.get("redo", [])
            sequence = document.get("sequence")
            if not isinstance(entries, list) or not isinstance(redo, list):
                raise TypeError
            if sequence is not None and (type(sequence) is not int or sequence < 0):
                raise TypeError
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            raise StorageError(
                f"{self.history_path} (the record `mentorlog undo` uses) is damaged; nothing "
                "was changed. Move it out of the journal directory to start a new undo "
                "history (your data files are not affected)."
            ) from None
        return History(entries, redo, sequence)

    def save_files(self, changed: Versions, before: Versions, record: Recorder) -> None:
        """Write `changed` (None: remove the file) in one commit with its history entry.

        The version of each file in `before` is backed up first; `record` puts the entry made
        of those backups into the history, which is written in the same commit. A failure
        before the commit point leaves every file as it was (its backups are removed).
        """
        history = self.read_history()  # a damaged history stops the change here
        atomic.ensure_private_dir(self.backup_dir)
        history.sequence = self._next_sequence(history)
        files: list[dict[str, Any]] = []
        written: list[str] = []
        new_history = b""
        try:
            for name, data in sorted(changed.items()):
                old = before.get(name)
                backup = None
                if old is not None:
                    backup = self._write_backup(name, old, history.sequence)
                    written.append(backup)
                content = None if data is None else codec.decode(data, name)  # (sync: as is)
                digest = None if content is None else hashlib.sha256(content).hexdigest()
                files.append({"file": name, "backup": backup, "sha256": digest})
            record(history, files)
            new_history = history.encode()
            writes = {name: data for name, data in changed.items() if data is not None}
            writes[commit.HISTORY] = new_history
            gone = [name for name, data in changed.items() if data is None]
            commit.commit(self.root, writes, remove=gone)  # all or nothing, history included
        except BaseException:
            if not self._committed(new_history):  # failed before the commit point
                for name in written:  # copies of files left as they were: not a change
                    with contextlib.suppress(OSError):
                        (self.backup_dir / name).unlink()
            raise
        for name in changed:
            self._rotate_backups(name)

    def _committed(self, new_history: bytes) -> bool:
        """Whether a save that failed got past its commit point (it is then kept whole)."""
        if (self.root / commit.MANIFEST).exists():
            return True
        try:
            return bool(new_history) and codec.read(self.history_path) == new_history
        except OSError:
            return False

    def history_entry(self, files: list[dict[str, Any]]) -> dict[str, Any]:
        """The undo history's entry for a save that rewrites `files` (as this command)."""
        return {
            "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "command": self.command,
            "files": files,
        }
