"""A change to several files at once: all of it or none of it, even across a SIGKILL.

One command may change several files that refer to each other (`meet --action` adds a session
and the action items that point at it), and every change is recorded for `undo` in
`backups/history.json`. Replacing them one by one would let a crash leave an action pointing at
a session that was never written, or a saved change that `undo` does not know about.

So every new version is first written and fsynced beside its target as a temp file; then a small
manifest naming each (temp, target, SHA-256) triple, and the files to remove, is written
atomically. That write is the commit point. Only then are the temps renamed onto their targets,
the removed files deleted, and the manifest removed. A process killed before the commit point
leaves only temps (the next writer deletes them); one killed after it is rolled forward by the
next writer, and readers meanwhile read the temps the manifest names.

The manifest is checked before anything is moved: only mentorlog's own files may be targets
(the data files, the undo history), each temp must be the temp of its target, and must still
have the bytes it was written with. A manifest that fails these checks was not written by
mentorlog: the writer stops with one line and moves nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mentorlog.errors import StorageError
from mentorlog.storage import atomic, codec
from mentorlog.storage.collections import collection_of

MANIFEST = "pending-commit.json"
HISTORY = "backups/history.json"  # the undo history: committed with the change it records
# Targets besides the data files. A feature that commits a file of its own adds it here.
# (`encryption.json` is committed with the data files `encrypt` and `decrypt` rewrite.)
EXTRA_TARGETS: set[str] = {HISTORY, codec.MARKER}
_TEMP = re.compile(r"^\.(?P<target>.+)\.[0-9a-f]{8}" + re.escape(atomic.TEMP_SUFFIX) + "$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# Whether this process has passed a commit point: what a Ctrl-C is reported as (saved or not).
committed_here = False


class DamagedManifest(ValueError):
    """A manifest mentorlog did not write (or that was changed since)."""


@dataclass(eq=False, repr=False)
class Manifest:
    files: dict[str, tuple[Path, str | None]] = field(default_factory=dict)  # target: temp, sha
    remove: list[str] = field(default_factory=list)


def is_target(name: object) -> bool:
    """Whether `name` (relative to the journal) is a file a commit may replace."""
    if not isinstance(name, str):
        return False
    return name in EXTRA_TARGETS or ("/" not in name and collection_of(name) is not None)


def commit(root: Path, files: dict[str, bytes], *, remove: Iterable[str] = ()) -> None:
    """Replace each `root / name` with its bytes and delete each of `remove`, all together.

    Names are relative to `root` and must be mentorlog's own files (`is_target`).
    """
    global committed_here
    removed = sorted(set(remove))
    for name in [*files, *removed]:
        if not is_target(name):
            raise ValueError(f"not a file of the journal: {name!r}")
    if not removed and len(files) <= 1:  # one rename is already all-or-nothing
        for name, data in files.items():
            atomic.atomic_write(root / name, data)
            committed_here = True
        return
    staged: dict[str, Path] = {}
    try:
        entries = []
        for name, data in files.items():
            data = codec.encode_for(root / name, data)  # the bytes on disk (write_temp keeps them)
            staged[name] = atomic.write_temp(root / name, data)
            temp = os.path.relpath(staged[name], root).replace(os.sep, "/")
            digest = hashlib.sha256(data).hexdigest()  # of the ciphertext in an encrypted journal
            entries.append({"target": name, "temp": temp, "sha256": digest})
        document = {"schema_version": 2, "files": entries, "remove": removed}
        manifest = json.dumps(document, indent=2) + "\n"
        atomic.atomic_write(root / MANIFEST, manifest.encode("utf-8"))
        committed_here = True
    except BaseException:
        for temp_path in staged.values():
            with contextlib.suppress(OSError):
                temp_path.unlink()
        raise
    roll_forward(root)


def read_manifest(root: Path) -> Manifest | None:
    """The commit in flight, None when there is none; DamagedManifest if it is not ours."""
    try:
        data = (root / MANIFEST).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DamagedManifest(f"cannot be read ({error.strerror})") from error
    try:
        document = json.loads(data.decode("utf-8"))
        version = document["schema_version"]
        items = document["files"]
        remove = document.get("remove", [])
        if version not in (1, 2) or not isinstance(items, list) or not isinstance(remove, list):
            raise TypeError
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise DamagedManifest("is not a commit record mentorlog wrote") from None
    found = Manifest()
    for item in items:
        if not isinstance(item, dict):
            raise DamagedManifest("has an entry that is not a file")
        target, temp, digest = item.get("target"), item.get("temp"), item.get("sha256")
        if not is_target(target):
            raise DamagedManifest(f"names {str(target)[:60]!r}, which is not a journal file")
        assert isinstance(target, str)
        if not _temp_of(target, temp):
            raise DamagedManifest(f"names a temp file for {target} that is not one of its own")
        if digest is None and version == 1:
            pass  # written before temps carried their hash
        elif not (isinstance(digest, str) and _SHA256.match(digest)):
            raise DamagedManifest(f"has no valid SHA-256 for {target}")
        found.files[target] = (root / str(temp), digest)
    for name in remove:
        if not is_target(name) or name in EXTRA_TARGETS or name in found.files:
            raise DamagedManifest(f"would remove {str(name)[:60]!r}")
        found.remove.append(name)
    return found


def _temp_of(target: str, temp: object) -> bool:
    if not isinstance(temp, str):
        return False
    folder, _, name = target.rpartition("/")
    temp_folder, _, temp_name = temp.rpartition("/")
    match = _TEMP.match(temp_name)
    return folder == temp_folder and match is not None and match["target"] == name


def pending(root: Path) -> dict[str, Path]:
    """Target name -> the temp holding its committed new version, for a commit in flight.

    Empty when there is none, or when its record or a temp is not what mentorlog wrote (then
    the files as they are are the journal; a writer refuses to go on). Never writes: readers
    use this to see committed data that a killed writer did not finish putting in place.
    """
    if not (root / MANIFEST).exists():
        return {}
    try:
        manifest = read_manifest(root)
        verify(root)
    except (DamagedManifest, StorageError):
        return {}
    return {} if manifest is None else {name: temp for name, (temp, _) in manifest.files.items()}


def removing(root: Path) -> set[str]:
    """The data files a commit in flight deletes (readers treat them as gone)."""
    if not pending(root) and not (root / MANIFEST).exists():
        return set()
    try:
        manifest = read_manifest(root)
        verify(root)
    except (DamagedManifest, StorageError):
        return set()
    return set() if manifest is None else set(manifest.remove)


def verify(root: Path) -> list[tuple[Path, Path]]:
    """The (temp, target) renames a commit in flight still needs, each temp checked; never
    writes. StorageError for a record or temp mentorlog did not write: nothing may move."""
    try:
        manifest = read_manifest(root)
    except DamagedManifest as damage:
        raise StorageError(
            f"{root / MANIFEST} {damage}; nothing was changed. It was not written by "
            "mentorlog: move it out of the journal directory to go on."
        ) from None
    ready: list[tuple[Path, Path]] = []
    for target, (temp, digest) in sorted([] if manifest is None else manifest.files.items()):
        try:
            data = temp.read_bytes()
        except FileNotFoundError:  # already renamed before the process stopped
            continue
        except OSError as error:
            raise StorageError(f"Cannot read {temp}: {error.strerror}.") from error
        if digest is not None and hashlib.sha256(data).hexdigest() != digest:
            raise StorageError(
                f"The pending change to {target} is damaged ({temp.name} does not have the "
                "bytes that were committed); nothing was changed. Move "
                f"{root / MANIFEST} out of the journal directory to keep the files as they are."
            )
        ready.append((temp, root / target))
    return ready


def roll_forward(root: Path) -> None:
    """Finish a commit whose manifest exists; call only while holding the journal lock."""
    ready = verify(root)  # all checked first: a damaged temp moves nothing
    removed = removing(root)
    if not ready and not removed and not (root / MANIFEST).exists():
        return
    try:
        for temp, destination in ready:
            os.replace(temp, destination)
        for name in sorted(removed):
            with contextlib.suppress(FileNotFoundError):
                (root / name).unlink()
        for folder in sorted({path.parent for _, path in ready} | {root}):
            atomic.fsync_dir(folder)
        (root / MANIFEST).unlink()
        atomic.fsync_dir(root)
    except OSError as error:
        raise StorageError(
            f"Could not finish saving the journal in {root}: {error.strerror or error}. "
            "The change is kept; the next command that writes will finish it."
        ) from error
