"""Writing notes in $VISUAL / $EDITOR, without ever losing what was typed.

The draft lives in `drafts/` inside the data directory (0700, the file 0600: notes are
private). The journal lock is never held while the editor is open. After the editor closes,
the caller saves; if that fails in any way, the draft is kept and its path printed on stderr.

For an encrypted journal the plaintext draft is written to `$XDG_RUNTIME_DIR` (a private
in-memory folder, emptied at logout) when there is one; vim and neovim are started without a
swap, backup, undo or viminfo file; a draft kept after a failed save is encrypted into
`drafts/` (NAME.age) and its plaintext removed (docs/privacy.md).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from mentorlog.cli._context import AppContext
from mentorlog.errors import BadInput, MentorlogError, Refused, StorageError
from mentorlog.storage import atomic, codec
from mentorlog.storage.atomic import FILE_MODE, ensure_private_dir

DRAFTS = "drafts"
FALLBACK_EDITOR = "vi"


class EmptyDraft(Refused):
    """The draft was saved empty (or unchanged): a deliberate cancel, nothing to keep."""

    def __init__(self, *, unchanged: bool = False) -> None:
        what = "left as it was" if unchanged else "empty"
        super().__init__(f"Nothing saved: the draft was {what}.")


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


def _private_editor_args(command: list[str]) -> list[str]:
    """Options that keep vim or neovim from writing the draft's text anywhere else."""
    found = shutil.which(command[0])
    real = os.path.basename(os.path.realpath(found)) if found else ""
    if not real.startswith(("vim", "nvim", "gvim")):
        return []
    return ["-n", "-i", "NONE", "--cmd", "set nobackup nowritebackup noundofile"]


def _draft_folder(data_dir: Path) -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if codec.is_encrypted_journal(data_dir) and runtime and Path(runtime).is_dir():
        return Path(runtime) / "mentorlog-drafts"
    return data_dir / DRAFTS


def journal_drafts(data_dir: Path) -> Path:
    """The journal's own `drafts/` folder, made private (a symbolic link is refused)."""
    ensure_private_dir(data_dir)
    folder = data_dir / DRAFTS
    if folder.is_symlink():  # never followed to change the mode of a folder elsewhere
        raise StorageError(
            f"{folder} is a symbolic link; mentorlog keeps drafts only inside the journal. "
            "Replace the link with a folder; nothing was changed."
        )
    ensure_private_dir(folder)
    return folder


def new_draft(data_dir: Path, text: str) -> Path:
    """A fresh private draft file holding `text`."""
    folder = _draft_folder(data_dir)
    if folder.parent == data_dir:
        journal_drafts(data_dir)
    else:
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


def run_editor(path: Path, *, private: bool = False) -> None:
    """The editor on `path`; `private` (an encrypted journal): no swap or backup copies."""
    command = editor_command()
    extra = _private_editor_args(command) if private else []
    try:
        result = subprocess.run([*command, *extra, str(path)], check=False)
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
        run_editor(path, private=_encrypted(app.data_dir))
        text = read_draft(path)
        yield text
    except EmptyDraft:
        _discard(path)
        raise
    except BaseException as error:
        if text == initial and not _changed(path, initial):
            _discard(path)
        else:
            _keep_notice(error, keep_draft(app.data_dir, path))
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


def _encrypted(data_dir: Path) -> bool:
    return codec.is_encrypted_journal(data_dir)


def keep_draft(data_dir: Path, path: Path) -> Path:
    """Where a draft holding typed text is kept: where it is, or for an encrypted journal,
    encrypted into its `drafts/` folder (`NAME.age`) with the plaintext removed."""

    if not _encrypted(data_dir):
        return path
    try:
        content = path.read_bytes()
        folder = journal_drafts(data_dir)
        target = folder / f"{path.name}.age"
        atomic.atomic_write(target, codec.private_bytes(data_dir, content, plaintext=False))
        path.unlink()
    except (OSError, MentorlogError):
        return path  # never lose what was typed
    return target


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

    notice = f"Your draft is kept at {path}"
    if path.name.endswith(".age"):
        notice = (
            f"Your draft is kept, encrypted, at {path} (read it with `age -d -i KEYFILE "
            "FILE`, or run `mentorlog decrypt`)"
        )
    if isinstance(error, MentorlogError):
        error.hint = f"{error.hint} {notice}" if error.hint else notice
    else:
        sys.stderr.write(notice + "\n")
