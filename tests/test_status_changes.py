"""What would change nothing or needs a yes, the same for every kind of record: an edit with
nothing new (said, nothing written), a change of status that makes no sense and a deletion
without confirmation (refused in one line, exit 1, every file unchanged)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import created_id, nothing_to_change, refused, run, snapshot

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


def _linked_journal() -> dict[str, str]:
    """A goal, a mentor helping with it (a milestone credited to her) and a session with her
    on that goal: two action items and two topics noted at it."""
    ids = {"goal": created_id("goal", "add", "Public speaking")}
    ids["mentor"] = created_id("mentor", "add", "Elena Petrova", "--goal", "public")
    run("milestone", "add", "public", "First talk", "--mentor", "elena")
    session = run(
        "meet", "elena", "--goal", "public", "--action", "Read the Raft paper",
        "--action", "Write a summary", "--topic", "Consensus", "--topic", "Leader election",
        "--notes", "Raft", "--json",
    )  # fmt: skip
    assert session.exit_code == 0, session.stderr
    ids["session"] = json.loads(session.stdout)["meeting"]["id"]
    return ids


@pytest.mark.parametrize(
    ("kind", "ref", "noun", "label", "extra"),
    [
        ("goal", "public", "goal", "Public speaking",
         " (and 1 milestone, 1 mentor, 1 session, 2 action items unlinked or deleted)"),
        ("mentor", "elena", "mentor", "Elena Petrova",
         " (and 1 session, 2 action items, 1 milestone credit, 2 topics deleted or unlinked)"),
        ("meeting", "session", "session", "with Elena Petrova on 2026-11-24",
         " (2 action items deleted)"),
    ],
)  # fmt: skip
def test_rm_cascade_asks_naming_what_goes_with_it(
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    ref: str,
    noun: str,
    label: str,
    extra: str,
) -> None:
    ids = _linked_journal()
    monkeypatch.setattr("mentorlog.cli._confirm.interactive", lambda: True)
    ref = ids.get(ref, ref)
    record_id = ids[noun]
    question = f"Delete {noun} {record_id} '{label}' for good{extra}? [y/N]"
    before = snapshot(home)
    result = run(kind, "rm", ref, "--cascade", input="n\n")
    assert result.exit_code == 1
    assert question in result.stdout
    assert "Nothing was deleted." in result.stderr
    assert snapshot(home) == before
    result = run(kind, "rm", ref, "--cascade", input="y\n")
    assert result.exit_code == 0, result.stderr
    assert question in result.stdout
    # the question gave the same counts as the line saying what was done
    assert f"Deleted {noun} {record_id} {label}{extra}." in " ".join(result.stdout.split())
    assert snapshot(home) != before


def test_rm_of_a_goal_still_referred_to_refuses_before_asking(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _linked_journal()
    monkeypatch.setattr("mentorlog.cli._confirm.interactive", lambda: True)
    result = refused(home, "goal", "rm", "public", code=1, says="goal rm --cascade", input="y\n")
    assert "for good" not in result.stdout  # no question for what will be refused anyway
