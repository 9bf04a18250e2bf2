"""A change to several data files at once: all of it or none of it, even across a SIGKILL.

One command may change several files that refer to each other (`meet --action` adds a session
and the action items that point at it). Replacing them one by one would let a crash leave an
action pointing at a session that was never written, and the next load would refuse the journal.

So every new version is first written and fsynced beside its target as a temp file; then a small
manifest naming each (temp, target) pair is written atomically. That write is the commit point.
Only then are the temps renamed onto their targets, and the manifest removed. A process killed
before the commit point leaves only temps (the next writer deletes them); one killed after it is
rolled forward by the next writer, and readers meanwhile read the temps the manifest names.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from mentorlog.errors import StorageError
from mentorlog.storage import atomic

MANIFEST = "pending-commit.json"


def commit(root: Path, files: dict[str, bytes]) -> None:
    """Replace each `root / name` with its bytes, all together."""
    if len(files) <= 1:  # one rename is already all-or-nothing
        for name, data in files.items():
            atomic.atomic_write(root / name, data)
        return
    staged: dict[str, Path] = {}
    try:
        for name, data in files.items():
            staged[name] = atomic.write_temp(root / name, data)
        entries = [{"target": name, "temp": temp.name} for name, temp in staged.items()]
        manifest = json.dumps({"schema_version": 1, "files": entries}, indent=2) + "\n"
        atomic.atomic_write(root / MANIFEST, manifest.encode("utf-8"))
    except BaseException:
        for temp in staged.values():
            with contextlib.suppress(OSError):
                temp.unlink()
        raise
    roll_forward(root)


def pending(root: Path) -> dict[str, Path]:
    """Target name -> the temp holding its committed new version, for a commit in flight.

    Empty when there is none. Never writes: readers use this to see committed data that a
    killed writer did not finish putting in place.
    """
    try:
        data = (root / MANIFEST).read_bytes()
    except OSError:
        return {}
    found: dict[str, Path] = {}
    try:
        document = json.loads(data)
        for entry in document["files"]:
            target, temp = entry["target"], entry["temp"]
            if _plain(target) and _plain(temp) and atomic.is_temp_name(temp):
                found[target] = root / temp
    except (ValueError, KeyError, TypeError):
        return {}  # never completely written, so never committed
    return found


def roll_forward(root: Path) -> None:
    """Finish a commit whose manifest exists; call only while holding the journal lock."""
    manifest = root / MANIFEST
    if not manifest.exists():
        return
    try:
        for target, temp in pending(root).items():
            if temp.exists():  # else it was already renamed before the process stopped
                os.replace(temp, root / target)
        atomic.fsync_dir(root)
        manifest.unlink()
        atomic.fsync_dir(root)
    except OSError as error:
        raise StorageError(
            f"Could not finish saving the journal in {root}: {error.strerror or error}. "
            "The change is kept; the next command that writes will finish it."
        ) from error


def _plain(name: object) -> bool:
    return isinstance(name, str) and bool(name) and os.sep not in name and "/" not in name
