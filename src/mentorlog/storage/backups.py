"""The previous versions of each data file (`backups/`) and the record of every committed
change (`backups/history.json`), which is what `undo` replays.

Backups are written before the file they protect is replaced, and rotated only after a
successful save, so a failed save rotates nothing away.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from mentorlog.storage import atomic, codec

BACKUP_DIR = "backups"
HISTORY_FILE = "history.json"
HISTORY_KEEP = 100
_STAMP = re.compile(r"^\d{8}T\d{6}\.\d{6}$")


class BackupsAndHistory:
    """The backup and history half of `Store` (which provides these attributes)."""

    root: Path
    keep_backups: int
    command: str

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
            name = entry.name
            if name.startswith(stem + ".") and name.endswith(".json"):
                stamp = name[len(stem) + 1 : -len(".json")]
                if _STAMP.match(stamp):
                    found.append(self.backup_dir / name)
        return sorted(found)

    def _write_backup(self, file_name: str, data: bytes) -> str:
        stem = file_name.removesuffix(".json")
        moment = datetime.now(timezone.utc)
        while True:
            name = f"{stem}.{moment:%Y%m%dT%H%M%S.%f}.json"
            if not (self.backup_dir / name).exists():
                break
            moment += timedelta(microseconds=1)
        atomic.atomic_write(self.backup_dir / name, data)
        return name

    def _rotate_backups(self, file_name: str) -> None:
        """Keep the newest `keep_backups`; only after a save, so a failed one rotates nothing."""
        for old in self.backups_of(file_name)[: -self.keep_backups]:
            with contextlib.suppress(FileNotFoundError):
                old.unlink()

    # -- history (what undo replays) -----------------------------------------------------

    @property
    def history_path(self) -> Path:
        return self.backup_dir / HISTORY_FILE

    def read_history(self) -> list[dict[str, Any]]:
        try:
            document = json.loads(codec.read(self.history_path))
            entries = document["entries"]
            if not isinstance(entries, list):
                return []
            return entries
        except (OSError, ValueError, KeyError, TypeError):
            return []  # a lost history only means fewer steps can be undone

    def write_history(self, entries: list[dict[str, Any]]) -> None:
        document = {"schema_version": 1, "entries": entries[-HISTORY_KEEP:]}
        data = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
        atomic.atomic_write(self.history_path, data)

    def _append_history(self, files: list[dict[str, Any]]) -> None:
        entries = self.read_history()
        entries.append(
            {
                "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "command": self.command,
                "files": files,
            }
        )
        self.write_history(entries)
