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
from collections.abc import Callable, Iterator
from pathlib import Path

from mentorlog.errors import StorageError
from mentorlog.storage import codec

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and parents) 0700, or take group and other access from an existing one.

    Never adds a permission: a directory its owner made read-only stays so (`check_writable`
    refuses it). Nothing but `path` itself changes mode, never a parent that already existed.
    """
    try:
        missing = []
        folder = path
        while not folder.is_dir() and folder != folder.parent:
            missing.append(folder)
            folder = folder.parent
        for new in reversed(missing):
            with contextlib.suppress(FileExistsError):
                new.mkdir(mode=DIR_MODE)
                new.chmod(DIR_MODE)  # whatever the umask
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & ~DIR_MODE:
            path.chmod(mode & DIR_MODE)
    except OSError as error:
        raise StorageError(f"Cannot use the data directory {path}: {_reason(error)}.") from error


def check_writable(path: Path) -> None:
    """One clear line for a directory its owner made read-only, or on a read-only disk."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise StorageError(f"Cannot use the data directory {path}: {_reason(error)}.") from error
    if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise StorageError(
            f"The journal {path} is read-only; nothing was changed. "
            "Make it writable (chmod u+w) to save changes."
        )


def tighten(path: Path) -> None:
    """Take group and other access from an existing file (never adds a permission)."""
    with contextlib.suppress(FileNotFoundError):
        mode = stat.S_IMODE(os.lstat(path).st_mode)
        if mode & ~FILE_MODE and not stat.S_ISLNK(os.lstat(path).st_mode):
            path.chmod(mode & FILE_MODE)


def tighten_all(directory: Path, ours: Callable[[str], bool]) -> None:
    """Tighten the plain files of `directory`; never follow a link (its target is not ours).

    A link or a read-only file where one of `ours` should be is refused: replacing it would
    break the link, or undo the owner's choice to keep it from being changed.
    """
    for entry in os.scandir(directory):
        if ours(entry.name):
            refuse_unwritable(Path(entry.path))
        if entry.is_file(follow_symlinks=False):
            tighten(Path(entry.path))


def refuse_unwritable(path: Path) -> None:
    """Refuse a file mentorlog would replace that is a link or read-only (none: fine)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise StorageError(
            f"{path} is a symbolic link; mentorlog writes only real files inside "
            "the journal, so nothing was changed. Replace the link with what it points to."
        )
    if stat.S_ISREG(mode) and not mode & stat.S_IWUSR:
        raise StorageError(
            f"{path} is read-only; nothing was changed. "
            "Make it writable (chmod u+w) to save changes."
        )


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
    with _or_unchanged(temp, target):
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
    return temp


@contextlib.contextmanager
def _or_unchanged(temp: Path, target: Path) -> Iterator[None]:
    """On an OSError, remove `temp` and say that `target` was left as it was."""
    try:
        yield
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise StorageError(
            f"Could not write {target.name}: {_reason(error)}. The previous version is unchanged."
        ) from error


def atomic_write(target: Path, data: bytes) -> None:
    """Replace `target` with `data` atomically and durably, as a 0600 file."""
    temp = write_temp(target, data)
    with _or_unchanged(temp, target):
        os.replace(temp, target)
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
            if entry.is_file(follow_symlinks=False) and is_temp_name(entry.name):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def writable_config(path: Path, data: bytes) -> None:
    """Write the config file atomically, 0600, touching nothing else.

    Missing folders are made (0700); an existing folder keeps its mode (with
    `MENTORLOG_CONFIG=~/x.toml` it is the home directory). A config file that is a symbolic
    link (a dotfiles manager) is refused: replacing it would break the link, writing through
    it would change the mode of a file elsewhere.
    """
    if path.is_symlink():
        raise StorageError(
            f"The config file {path} is a symbolic link; mentorlog will not replace it or "
            "change what it points to. Edit that file instead; nothing was changed."
        )
    if not path.parent.is_dir():
        ensure_private_dir(path.parent)  # only folders it makes get a mode
    atomic_write(path, data)
