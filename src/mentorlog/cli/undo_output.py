"""What `mentorlog undo --json` prints (apart from cli/undo.py, which `--help` imports: this
one imports pydantic)."""

from __future__ import annotations

from datetime import datetime

from mentorlog.output import Output


class Undone(Output):
    """`mentorlog undo --json`: the change reverted (or that would be, with --dry-run)."""

    dry_run: bool
    redo: bool = False  # brought back a change an undo had reverted (`undo --redo`)
    command: str  # the command that made the change, as recorded in its backup
    at: datetime | None  # when that change was made
    files: list[str]  # the journal's files put back as they were before it
