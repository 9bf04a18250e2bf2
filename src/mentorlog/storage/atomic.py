"""Crash-safe, private file writes.

A write goes to a temp file in the same directory, is flushed and fsynced, replaces the target
with `os.replace`, and the directory is fsynced: a process killed at any instant leaves the
target either as it was or as it should be. Everything written is 0600, whatever the umask.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from mentorlog.errors import StorageError
from mentorlog.storage import codec

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and parents) and make the directory itself 0700."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        if stat.S_IMODE(path.stat().st_mode) != DIR_MODE:
            path.chmod(DIR_MODE)
    except OSError as error:
        raise StorageError(f"Cannot use the data directory {path}: {error.strerror}.") from error


def tighten(path: Path) -> None:
    """Make an existing file 0600 if it is looser (or otherwise different)."""
    with contextlib.suppress(FileNotFoundError):
        if stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
            path.chmod(FILE_MODE)


def temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def is_temp_name(name: str) -> bool:
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def fsync_dir(directory: Path) -> None:
    if os.name != "posix":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_temp(target: Path, data: bytes) -> Path:
    """`data` in a new, fsynced, 0600 temp file beside `target`; the target is not touched.

    Inside an encrypted journal the file holds `data` encrypted (codec.encode_for): every
    write into a journal's folder passes here, so nothing reaches its disk in plaintext.
    """
    data = codec.encode_for(target, data)
    temp = temp_name(target)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            if hasattr(os, "fchmod"):  # the umask may have narrowed or widened O_CREAT's mode
                os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise StorageError(
            f"Could not write {target.name}: {_reason(error)}. The previous version is unchanged."
        ) from error
    return temp


def atomic_write(target: Path, data: bytes) -> None:
    """Replace `target` with `data` atomically and durably, as a 0600 file."""
    temp = write_temp(target, data)
    try:
        os.replace(temp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise StorageError(
            f"Could not write {target.name}: {_reason(error)}. The previous version is unchanged."
        ) from error
    try:
        fsync_dir(target.parent)
    except OSError as error:
        raise StorageError(
            f"Wrote {target.name} but could not flush its directory: {_reason(error)}."
        ) from error


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def remove_stray_temps(directory: Path) -> int:
    """Delete temp files left by a killed process; call only while holding the lock."""
    removed = 0
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(directory):
            if entry.is_file() and is_temp_name(entry.name):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed += 1
    return removed
