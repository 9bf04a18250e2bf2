"""Every failure a user can see, each kind with its exit code (SPEC §4).

Raised anywhere below the CLI; turned into one line on stderr and an exit code in exactly one
place (`mentorlog.cli._errors`). Messages never contain note contents.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_BAD_INPUT = 2
EXIT_STORAGE = 3


class MentorlogError(Exception):
    """A failure with a message meant for the user and an exit code."""

    exit_code = EXIT_NOT_FOUND

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFound(MentorlogError):
    """A reference that matches nothing, or more than one thing."""

    exit_code = EXIT_NOT_FOUND


class Refused(MentorlogError):
    """A valid request that mentorlog will not carry out (it would lose or orphan data)."""

    exit_code = EXIT_NOT_FOUND


class BadInput(MentorlogError):
    """Arguments, dates, values or config that cannot be understood."""

    exit_code = EXIT_BAD_INPUT


class StorageError(MentorlogError):
    """The journal on disk cannot be read or written safely."""

    exit_code = EXIT_STORAGE


class CorruptFile(StorageError):
    """A data file that does not parse or validate."""


class NewerSchema(StorageError):
    """A data file written by a newer mentorlog; never rewritten."""


class Locked(StorageError):
    """Another process holds the journal's lock for longer than the bounded wait."""
