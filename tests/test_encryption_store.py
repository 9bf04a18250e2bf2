"""The store's all-or-nothing commit on an encrypted journal (docs/privacy.md with the reliability
promises): the commit record holds file names and the SHA-256 of the ciphertext on disk, never
content; the undo history is committed encrypted; undo and redo work through the codec."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from mentorlog.storage import codec, commit
from mentorlog.storage.store import Store
from tests.helpers import run

S = "SENTINEL-ab1de"


@pytest.fixture
def encrypted(home: Path) -> Path:
    for args in (
        ("mentor", "add", f"Zoë {S}", "--notes", f"{S} notes"),
        ("encrypt",),
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
    return home


def test_the_commit_record_holds_names_and_the_digests_of_the_ciphertext(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, bytes] = {}  # the commit record and its temps, at the commit point
    real = commit.roll_forward

    def look(root: Path) -> None:
        if (root / commit.MANIFEST).exists():  # (also called to finish a killed writer's)
            seen[commit.MANIFEST] = (root / commit.MANIFEST).read_bytes()
            for item in json.loads(seen[commit.MANIFEST])["files"]:
                seen[item["temp"]] = (root / item["temp"]).read_bytes()
        real(root)

    monkeypatch.setattr(commit, "roll_forward", look)
    result = run("meet", "Zoë", "--notes", f"{S} meeting", "--action", f"{S} action")
    assert result.exit_code == 0, result.stderr
    record = seen.pop(commit.MANIFEST)
    assert S.encode() not in record
    document = json.loads(record)
    targets = {item["target"] for item in document["files"]}
    assert commit.HISTORY in targets  # the undo history is part of the same commit
    assert {"actions.json", "meetings-2026.json"} <= targets
    for item in document["files"]:
        on_disk = seen[item["temp"]]
        assert codec.is_age(on_disk), item["target"]
        assert hashlib.sha256(on_disk).hexdigest() == item["sha256"]
    assert not (encrypted / commit.MANIFEST).exists()
    history = (encrypted / "backups" / "history.json").read_bytes()
    assert codec.is_age(history)
    assert json.loads(codec.decode(history, "history"))["entries"]
    assert [m.notes for m in Store(encrypted).journal().meetings] == [f"{S} meeting"]


def test_undo_and_redo_on_an_encrypted_journal(encrypted: Path) -> None:
    assert run("meet", "Zoë", "--notes", f"{S} meeting").exit_code == 0
    undone = run("undo", "--yes")
    assert undone.exit_code == 0, undone.stderr
    assert Store(encrypted).journal().meetings == []
    redone = run("undo", "--redo", "--yes")
    assert redone.exit_code == 0, redone.stderr
    assert [m.notes for m in Store(encrypted).journal().meetings] == [f"{S} meeting"]
    for path in encrypted.rglob("*"):
        if path.is_file():
            assert S.encode() not in path.read_bytes(), path
