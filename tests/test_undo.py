"""`mentorlog undo`: exact, repeatable reverts from the backups, or a clear refusal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mentorlog.storage.store import Store
from tests.factories import add_goal, add_mentor, log_session
from tests.helpers import refused, run, snapshot


def data_files(home: Path) -> dict[str, bytes]:
    """The journal's data files only (not backups, history or the lock)."""
    return {
        name: data
        for name, data in snapshot(home).items()
        if name.endswith(".json") and "/" not in name
    }


def test_undo_reverts_the_last_command_then_the_one_before(home: Path) -> None:
    add_mentor(home)
    after_mentor = data_files(home)
    log_session(home)
    assert "meetings-2026.json" in data_files(home)

    result = run("undo", "--yes")
    assert result.exit_code == 0, result.stderr
    assert " ".join(result.stdout.split()).startswith(
        "Undid `mentorlog meet` from 2026-11-24 10:00: 1 session and 1 action item removed."
    )
    assert data_files(home) == after_mentor  # the session file it created is gone again

    result = run("undo", "--yes")
    assert result.exit_code == 0
    assert "`mentorlog mentor add`" in result.stdout
    assert data_files(home) == {}

    result = run("undo", "--yes")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "mentorlog: Nothing to undo: no change has been recorded in this journal.\n"
    )


def test_undo_after_several_changes_walks_back_exactly(home: Path) -> None:
    states = []
    for title in ("Speaking", "Writing", "Hiring"):
        add_goal(home, title)
        states.append(data_files(home))
    for expected in reversed(states[:-1]):
        assert run("undo", "--yes").exit_code == 0
        assert data_files(home) == expected
    titles = [g["title"] for g in json.loads((home / "goals.json").read_bytes())["goals"]]
    assert titles == ["Speaking"]


def test_a_file_changed_by_hand_is_not_undone(home: Path) -> None:
    add_goal(home, "Speaking")
    add_goal(home, "Writing")
    goals = home / "goals.json"
    goals.write_bytes(goals.read_bytes().replace(b"Writing", b"Writing!"))
    result = refused(
        home, "undo", "--yes", code=1, says="goals.json has changed since `mentorlog goal add`"
    )
    assert "cannot undo exactly" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_rotated_backup_is_not_undone(home: Path) -> None:
    for title in ("Speaking", "Writing", "Hiring"):
        add_goal(home, title, keep_backups=1)
    assert run("undo", "--yes").exit_code == 0  # its backup is the one that was kept
    refused(home, "undo", "--yes", code=1, says="rotated away")


def test_dry_run_says_what_and_changes_nothing(home: Path) -> None:
    add_mentor(home)
    log_session(home)
    before = snapshot(home)
    result = run("undo", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith("Would undo `mentorlog meet`")
    assert snapshot(home) == before
    document = json.loads(run("undo", "--dry-run", "--json").stdout)
    assert document == {
        "dry_run": True,
        "redo": False,
        "command": "mentorlog meet",
        "at": document["at"],
        "files": ["actions.json", "meetings-2026.json"],
    }
    assert document["at"].startswith("2026-11-24T10:00")
    assert snapshot(home) == before


def test_nothing_to_undo_in_a_new_journal_creates_nothing(home: Path) -> None:
    for extra in ((), ("--dry-run",)):
        result = run("undo", *extra)
        assert result.exit_code == 1
        assert "Nothing to undo" in result.stderr
    assert not home.exists()


@pytest.mark.parametrize(
    "damage",
    [
        {"file": "../outside.json", "backup": None},
        {"file": "goals.json", "backup": "../../etc/passwd"},
        {"file": "goals.json", "backup": None, "sha256": "not a hash"},
        "not an entry",
    ],
)
def test_a_damaged_history_entry_is_refused(home: Path, damage: Any) -> None:
    add_goal(home, "Speaking")
    add_goal(home, "Writing")
    history = home / "backups" / "history.json"
    document = json.loads(history.read_bytes())
    last = document["entries"][-1]
    if isinstance(damage, dict):
        last["files"][0].update(damage)
    else:
        document["entries"][-1] = damage
    history.write_text(json.dumps(document), encoding="utf-8")
    refused(home, "undo", "--yes", code=1, says="damaged")


# -- undo keeps what it replaces, asks first, and tells the truth ---------------------------


def test_undo_backs_up_what_it_replaces_and_redo_brings_it_back(home: Path) -> None:
    add_goal(home, "Speaking")
    add_goal(home, "Writing")
    after_writing = data_files(home)
    backups_before = set((home / "backups").iterdir())
    result = run("undo", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "undo --redo" in result.stdout
    assert [g["title"] for g in json.loads((home / "goals.json").read_bytes())["goals"]] == [
        "Speaking"
    ]
    new_backups = set((home / "backups").iterdir()) - backups_before
    assert [p.read_bytes() for p in new_backups] == [after_writing["goals.json"]]
    preview = run("undo", "--redo", "--dry-run")
    assert preview.stdout.startswith("Would redo `mentorlog goal add`"), preview.output
    result = run("undo", "--redo", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Redid `mentorlog goal add`")
    assert data_files(home) == after_writing
    # and the redone change can be undone again, exactly
    assert run("undo", "--yes").exit_code == 0
    assert run("undo", "--redo", "--yes").exit_code == 0
    assert data_files(home) == after_writing


def test_redo_brings_back_a_file_the_undo_removed(home: Path) -> None:
    add_mentor(home)
    log_session(home)
    after_session = data_files(home)
    assert run("undo", "--yes").exit_code == 0
    assert "meetings-2026.json" not in data_files(home)
    assert run("undo", "--redo", "--yes").exit_code == 0
    assert data_files(home) == after_session
    assert len(Store(home).journal().meetings) == 1


def test_a_new_change_forgets_what_was_undone(home: Path) -> None:
    add_goal(home, "Speaking")
    add_goal(home, "Writing")
    assert run("undo", "--yes").exit_code == 0
    add_goal(home, "Hiring")
    before = snapshot(home)
    result = run("undo", "--redo", "--yes")
    assert result.exit_code == 1
    assert result.stderr == "mentorlog: Nothing to redo: no undone change can be brought back.\n"
    assert snapshot(home) == before


def test_undo_without_a_terminal_needs_yes_like_rm(home: Path) -> None:
    add_goal(home, "Speaking")
    before = snapshot(home)
    result = run("undo")
    assert result.exit_code == 1
    assert result.stderr == (
        "mentorlog: Undoing `mentorlog goal add` from 2026-11-24 10:00 needs confirmation: "
        "add --yes.\n"
    )
    assert snapshot(home) == before


def test_undo_says_what_it_will_revert_and_asks(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mentorlog.cli._confirm.interactive", lambda: True)
    add_goal(home, "Speaking")
    before = snapshot(home)
    result = run("undo", input="n\n")
    assert "Undo `mentorlog goal add` from 2026-11-24 10:00: 1 goal removed?" in result.stdout
    assert result.exit_code == 1
    assert snapshot(home) == before
    result = run("undo", input="y\n")
    assert result.exit_code == 0, result.stderr
    assert data_files(home) == {}


@pytest.mark.parametrize("extra", [(), ("--dry-run",), ("--redo", "--dry-run")])
def test_a_damaged_history_file_is_reported_not_taken_for_an_empty_one(
    home: Path, extra: tuple[str, ...]
) -> None:
    add_goal(home, "Speaking")
    history = home / "backups" / "history.json"
    history.write_bytes(history.read_bytes()[:40])
    before = snapshot(home)
    result = run("undo", "--yes", *extra)
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1
    assert "history.json (the record `mentorlog undo` uses) is damaged" in result.stderr
    assert "Nothing to undo" not in result.stderr
    assert snapshot(home) == before
    # a change is refused too, rather than starting a history that forgets the old one
    result = run("goal", "add", "Writing")
    assert result.exit_code == 3
    assert snapshot(home) == before


def test_backups_follow_the_commit_sequence_not_the_clock(home: Path) -> None:
    import time_machine

    add_goal(home, "Speaking", keep_backups=2)
    add_goal(home, "Writing", keep_backups=2)
    with time_machine.travel("2019-01-01 09:00Z", tick=False):  # the clock stepped back
        add_goal(home, "Hiring", keep_backups=2)
    kept = Store(home).backups_of("goals.json")
    titles = [[g["title"] for g in json.loads(p.read_bytes())["goals"]] for p in kept]
    assert titles == [["Speaking"], ["Speaking", "Writing"]]  # the newest was kept
    assert run("undo", "--yes").exit_code == 0
    assert [g["title"] for g in json.loads((home / "goals.json").read_bytes())["goals"]] == [
        "Speaking",
        "Writing",
    ]


def test_a_history_put_back_by_hand_costs_no_real_backup(home: Path) -> None:
    for title in ("Speaking", "Writing", "Hiring"):
        add_goal(home, title)
    history = home / "backups" / "history.json"
    document = json.loads(history.read_bytes())
    document["sequence"] = 1  # as an older copy of the history would say
    history.write_text(json.dumps(document), encoding="utf-8")
    kept = Store(home).backups_of("goals.json")
    assert len(kept) == 2
    add_goal(home, "Mentoring")  # the next writer removes only copies of unchanged files
    assert set(kept) < set(Store(home).backups_of("goals.json"))


def said(*args: str) -> str:
    """What `mentorlog ARGS` printed, its lines joined (the terminal wraps at 80 columns)."""
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return " ".join(result.stdout.split())


def test_undo_and_redo_say_which_records_they_change(home: Path) -> None:
    add_mentor(home)
    log_session(home)
    with Store(home, command="mentorlog mentor edit").transaction() as journal:
        journal.mentors[0].org = "ACME"
        journal.mentors[0].touch()
    edit = "`mentorlog mentor edit` from 2026-11-24 10:00: 1 mentor changed back."
    assert said("undo", "--dry-run") == f"Would undo {edit} Nothing was changed."
    assert said("undo", "--yes").startswith(f"Undid {edit}")
    assert said("undo", "--redo", "--yes") == f"Redid {edit.replace('back', 'again')}"
    assert said("undo", "--yes").startswith(f"Undid {edit}")
    session = "`mentorlog meet` from 2026-11-24 10:00: 1 session"
    assert said("undo", "--yes").startswith(f"Undid {session} and 1 action item removed.")
    back = said("undo", "--redo", "--yes")
    assert back == f"Redid {session} and 1 action item brought back."


@pytest.mark.parametrize("args", [("undo", "--yes"), ("undo", "--dry-run")])
def test_a_backup_that_does_not_read_as_records_is_never_put_back(
    home: Path, args: tuple[str, ...]
) -> None:
    add_mentor(home)
    with Store(home, command="mentorlog mentor edit").transaction() as journal:
        journal.mentors[0].org = "ACME"
        journal.mentors[0].touch()
    history = json.loads((home / "backups" / "history.json").read_bytes())
    (step,) = history["entries"][-1]["files"]
    (home / "backups" / step["backup"]).write_text("{}")  # a backup damaged by hand
    refused(
        home,
        *args,
        code=3,
        says=f"mentors.json (backup {step['backup']}, to be put back) has no valid schema_version",
        one_line=True,
    )
    assert run("mentor", "list").exit_code == 0  # the journal still opens


def test_undo_of_a_session_that_closed_an_item_says_both(home: Path) -> None:
    assert run("mentor", "add", "Ada Lovelace").exit_code == 0
    assert run("meet", "ada", "--date", "2026-11-10", "--action", "Send it").exit_code == 0
    (item,) = json.loads(run("action", "list", "--json").stdout)
    assert run("meet", "ada", "--date", "2026-11-20", "--close", item["id"]).exit_code == 0
    assert said("undo", "--dry-run") == (
        "Would undo `mentorlog meet` from 2026-11-24 10:00: 1 session removed; "
        "1 action item changed back. Nothing was changed."
    )


@pytest.mark.parametrize("args", [("undo", "--yes"), ("undo", "--dry-run")])
@pytest.mark.parametrize("kind", ["link", "read-only"])
def test_a_file_undo_cannot_replace_is_refused_by_the_dry_run_too(
    home: Path, tmp_path: Path, args: tuple[str, ...], kind: str
) -> None:
    add_mentor(home)
    with Store(home, command="mentorlog mentor edit").transaction() as journal:
        journal.mentors[0].org = "ACME"
        journal.mentors[0].touch()
    target = home / "mentors.json"
    if kind == "link":
        elsewhere = tmp_path / "elsewhere.json"
        elsewhere.write_bytes(target.read_bytes())
        target.unlink()
        target.symlink_to(elsewhere)
        says = "is a symbolic link"
    else:
        target.chmod(0o400)
        says = "is read-only"
    refused(home, *args, code=3, says=says, one_line=True)
    if kind == "link":
        assert target.is_symlink()
