"""One exclusive lock per journal, held across load -> change -> save.

The lock is a separate file that is never deleted. Whoever holds it writes a short line into it
(pid, host, command, since) so that a process that gives up waiting can name the holder. That
line never contains arguments, which may hold note text.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path
from types import TracebackType

from mentorlog.errors import Locked, StorageError
from mentorlog.storage.atomic import FILE_MODE, tighten

LOCK_NAME = "mentorlog.lock"


class JournalLock:
    def __init__(self, directory: Path, *, timeout: float, command: str) -> None:
        from filelock import FileLock  # imported only by commands that write

        self.path = directory / LOCK_NAME
        self.timeout = timeout
        self.command = command
        self._lock = FileLock(self.path, timeout=timeout, mode=FILE_MODE, thread_local=False)

    def __enter__(self) -> JournalLock:
        from filelock import Timeout

        self._check_file()
        # Read before our own attempts: filelock releases before the fix of its issue #591
        # opened the file with O_TRUNC on every attempt, erasing the holder's line.
        seen = self._holder_line()
        try:
            self._lock.acquire()
        except Timeout:
            raise Locked(
                f"The journal is locked by {self.holder(seen)}; gave up after {self.timeout:g}s. "
                "Try again when it has finished.",
            ) from None
        except OSError as error:
            raise StorageError(
                f"Cannot take the journal's lock {self.path}: {error.strerror or error}. "
                "Nothing was changed."
            ) from None
        try:
            tighten(self.path)
            self._write_holder()
        except BaseException:  # Ctrl-C just after taking it: never leave it taken
            self._lock.release()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        with contextlib.suppress(OSError):
            os.truncate(self.path, 0)
        self._lock.release()

    def _check_file(self) -> None:
        """The lock must be a plain file of ours: never a link followed, a directory or a file
        someone else owns (whose mode mentorlog would change)."""
        try:
            found = os.lstat(self.path)
        except FileNotFoundError:
            return
        except OSError as error:
            raise StorageError(f"Cannot use {self.path}: {error.strerror}.") from None
        what = None
        if stat.S_ISLNK(found.st_mode):
            what = "is a symbolic link"
        elif not stat.S_ISREG(found.st_mode):
            what = "is not a plain file"
        elif hasattr(os, "getuid") and found.st_uid != os.getuid():
            what = "belongs to another user"
        if what is not None:
            raise StorageError(
                f"The lock file {self.path} {what}; nothing was changed. Remove it (mentorlog "
                "makes a new one) if no mentorlog command is running."
            )

    def _write_holder(self) -> None:
        since = time.strftime("%H:%M:%S")
        import socket  # only a writer that got the lock needs it

        line = f"pid {os.getpid()} on {socket.gethostname()} ({self.command}) since {since}\n"
        with contextlib.suppress(OSError):
            fd = os.open(self.path, os.O_WRONLY)
            try:
                os.ftruncate(fd, 0)
                os.write(fd, line.encode("utf-8", "replace"))
            finally:
                os.close(fd)

    def _holder_line(self) -> str:
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return ""
        return "".join(ch for ch in text if ch.isprintable())[:200]

    def holder(self, seen: str = "") -> str:
        """Who holds the lock, from the line it wrote (or the one `seen` before waiting)."""
        text = self._holder_line() or seen
        return f"another mentorlog process: {text}" if text else "another mentorlog process"
