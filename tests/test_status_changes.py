"""What would change nothing or needs a yes, the same for every kind of record: an edit with
nothing new (said, nothing written), a change of status that makes no sense and a deletion
without confirmation (refused in one line, exit 1, every file unchanged)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import created_id, nothing_to_change, refused, run

# kind, how to add one, how to name it, status changes made first, the one refused, and why
CASES = [
    ("goal", "Public speaking", "public", [], "resume", "already active"),
    ("goal", "Public speaking", "public", ["pause"], "pause", "already paused"),
    ("goal", "Public speaking", "public", ["done"], "pause", "resume it first"),
    ("mentor", "Ada Lovelace", "ada", [], "resume", "already active"),
    ("mentor", "Ada Lovelace", "ada", ["pause"], "pause", "already paused"),
    ("mentor", "Ada Lovelace", "ada", ["end"], "end", "already ended"),
    ("mentor", "Ada Lovelace", "ada", ["end"], "pause", "has ended; `mentor resume` it first"),
]


@pytest.mark.parametrize(("kind", "name", "ref", "setup", "command", "message"), CASES)
def test_status_changes_that_make_no_sense_exit_1_unchanged(
    home: Path, kind: str, name: str, ref: str, setup: list[str], command: str, message: str
) -> None:
    created_id(kind, "add", name)
    for step in setup:
        assert run(kind, step, ref).exit_code == 0
    refused(home, kind, command, ref, code=1, says=message)


@pytest.mark.parametrize(
    ("kind", "name", "ref"),
    [("goal", "Public speaking", "public"), ("mentor", "Ada Lovelace", "ada")],
)
def test_rm_without_yes_and_without_a_terminal_deletes_nothing(
    home: Path, kind: str, name: str, ref: str
) -> None:
    created_id(kind, "add", name)
    refused(home, kind, "rm", ref, code=1, says="needs confirmation: add --yes")


@pytest.mark.parametrize(
    ("kind", "name", "ref", "option", "value"),
    [
        ("goal", "Public speaking", "public", "--why", "same"),
        ("mentor", "Ada Lovelace", "ada", "--org", "Engines"),
    ],
)
def test_an_edit_with_nothing_new_says_so_and_writes_nothing(
    home: Path, kind: str, name: str, ref: str, option: str, value: str
) -> None:
    created_id(kind, "add", name, option, value)
    nothing_to_change(home, kind, "edit", ref, option, value, noun=kind)
