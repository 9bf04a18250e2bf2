"""Writing notes in $VISUAL / $EDITOR, without ever losing what was typed.

The draft lives in `drafts/` inside the data directory (0700, the file 0600: notes are
private). The journal lock is never held while the editor is open. After the editor closes,
the caller saves; if that fails in any way, the draft is kept and its path printed on stderr.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shlex
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from mentorlog.cli._context import AppContext
from mentorlog.errors import BadInput, Refused, StorageError

DRAFTS = "drafts"
FALLBACK_EDITOR = "vi"


class EmptyDraft(Refused):
    """The draft was saved empty (or unchanged): a deliberate cancel, nothing to keep."""

    def __init__(self) -> None:
        super().__init__("Nothing saved: the draft was empty.")


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, else vi; split like a shell would (`code --wait`)."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                raise BadInput(f"${name} cannot be split into a command: {value!r}.") from None
            if words:
                return words
    return [FALLBACK_EDITOR]


def new_draft(data_dir: Path, text: str) -> Path:
    """A fresh private draft file holding `text`."""
    from mentorlog.storage.atomic import FILE_MODE, ensure_private_dir

    ensure_private_dir(data_dir)
    folder = data_dir / DRAFTS
    if folder.is_symlink():  # never followed to change the mode of a folder elsewhere
        raise StorageError(
            f"{folder} is a symbolic link; mentorlog keeps drafts only inside the journal. "
            "Replace the link with a folder; nothing was changed."
        )
    ensure_private_dir(folder)
    path = folder / f"session-{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}.md"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        if hasattr(os, "fchmod"):  # whatever the umask did to O_CREAT's mode
            os.fchmod(fd, FILE_MODE)
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)
    return path


def run_editor(path: Path) -> None:
    command = editor_command()
    try:
        result = subprocess.run([*command, str(path)], check=False)
    except OSError as error:
        raise BadInput(
            f"Cannot start the editor '{command[0]}' ({error.strerror or error}). "
            "Set $VISUAL or $EDITOR, or give the notes with --notes."
        ) from None
    if result.returncode != 0:
        raise Refused(f"The editor exited with status {result.returncode}; nothing saved.")


@contextlib.contextmanager
def editing(app: AppContext, initial: str) -> Iterator[str]:
    """Open the editor on `initial`; yield what was saved. The `with` body saves it.

    On success the draft is deleted. On failure (in the editor or in the body) the draft is
    kept and its path printed, unless nothing was typed or the body raised EmptyDraft.
    """
    path = new_draft(app.data_dir, initial)
    text = initial
    try:
        run_editor(path)
        text = read_draft(path)
        yield text
    except EmptyDraft:
        _discard(path)
        raise
    except BaseException as error:
        if text == initial and not _changed(path, initial):
            _discard(path)
        else:
            _keep_notice(error, path)
        raise
    _discard(path)


def read_draft(path: Path) -> str:
    """What the editor saved: UTF-8 text, as `--notes -` requires; else one line, exit 2."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadInput("The editor removed the draft; nothing was saved.") from None
    except OSError as error:
        raise BadInput(f"Cannot read the draft {path}: {error.strerror}.") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise BadInput(
            f"The draft is not UTF-8 text (line {line}; saved as Latin-1?); nothing was saved. "
            "Save it as UTF-8 and try again."
        ) from None


def _changed(path: Path, initial: str) -> bool:
    try:
        return path.read_text(encoding="utf-8", errors="replace") != initial
    except OSError:
        return False


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _keep_notice(error: BaseException, path: Path) -> None:
    """Say where the draft is: as the error's hint (the line after its message), or else
    straight on stderr (before the internal-error line)."""
    from mentorlog.errors import MentorlogError

    notice = f"Your draft is kept at {path}"
    if isinstance(error, MentorlogError):
        error.hint = f"{error.hint} {notice}" if error.hint else notice
    else:
        sys.stderr.write(notice + "\n")
