"""An encrypted journal synced between two machines (docs/sync.md and docs/privacy.md).

The remote, and every revision in its history, holds only ciphertext; both machines end with
byte-identical files; a conflict's log is encrypted too; a journal encrypted after it was first
synced reaches the other machine encrypted; a merge interrupted before its commit is finished.
Both machines share the key (the test config's `identity.txt`), as a user who copied it would.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from mentorlog.storage import codec
from tests import _sync

S = "SENTINEL-5ync"


@pytest.fixture
def remote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _sync.git_env(tmp_path, monkeypatch)
    made: Path = _sync.make_remote(tmp_path)
    return made


def every_blob(repository: Path) -> list[bytes]:
    """The content of every file of every revision in a git repository."""
    listed = subprocess.run(
        ["git", "-C", str(repository), "rev-list", "--objects", "--all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = [line.split()[0] for line in listed.splitlines()]
    kinds = subprocess.run(
        ["git", "-C", str(repository), "cat-file", "--batch-check=%(objecttype) %(objectname)"],
        input="\n".join(names) + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    blobs = [line.split()[1] for line in kinds if line.startswith("blob ")]
    return [
        subprocess.run(
            ["git", "-C", str(repository), "cat-file", "blob", sha],
            capture_output=True,
            check=True,
        ).stdout
        for sha in blobs
    ]


def plaintext_files(machine: Any) -> list[str]:
    return [
        name
        for name, data in machine.synced_files().items()
        if codec.holds_content(name) and not codec.is_age(data)
    ]


def test_the_remote_only_ever_holds_ciphertext_and_both_sides_agree(
    tmp_path: Path, remote: Path
) -> None:
    a, b = _sync.Machine(tmp_path / "a"), _sync.Machine(tmp_path / "b")
    a.ok("mentor", "add", f"Zoë {S}", "--org", "Acme", "--notes", S)
    a.ok("goal", "add", "Public speaking", "--why", S)
    a.ok("encrypt")
    a.ok("sync", "init", str(remote))
    b.ok("sync", "init", str(remote))
    assert a.synced_files() == b.synced_files()
    a.ok("action", "add", f"{S} a-side", "--mentor", "Zoë")
    a.ok("mentor", "edit", "Zoë", "--notes", f"{S} a-edit")
    b.ok("mentor", "edit", "Zoë", "--notes", f"{S} b-edit")  # a conflict, logged
    b.ok("meet", "Zoë", "--notes", f"{S} b-side")
    _sync.settle(a, b)
    assert f"{S} a-side" in b.ok("action", "list").stdout
    assert "a-edit" in b.ok("sync", "conflicts").stdout
    blobs = every_blob(remote)
    assert len(blobs) > 5
    assert [blob[:30] for blob in blobs if S.encode() in blob] == []
    assert plaintext_files(a) == []
    assert plaintext_files(b) == []


def test_encrypting_a_synced_journal_reaches_the_other_machine(
    tmp_path: Path, remote: Path
) -> None:
    a, b = _sync.Machine(tmp_path / "a"), _sync.Machine(tmp_path / "b")
    a.ok("mentor", "add", f"Zoë {S}", "--notes", S)
    a.ok("sync", "init", str(remote))
    b.ok("sync", "init", str(remote))
    a.ok("encrypt")
    b.ok("goal", "add", "LATE-b goal")  # written in plaintext: b does not know yet
    _sync.settle(a, b)
    assert codec.is_encrypted_journal(b.root)
    assert plaintext_files(b) == []
    # b encrypted its journal before committing what it wrote meanwhile: never sent in clear
    assert [blob[:30] for blob in every_blob(remote) if b"LATE-b" in blob] == []
    assert "LATE-b goal" in a.ok("goal", "list").stdout
    b.ok("goal", "add", f"{S} later")
    assert codec.is_age((b.root / "goals.json").read_bytes())


def test_an_encrypted_merge_written_but_not_committed_is_finished_by_the_next_sync(
    tmp_path: Path, remote: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorlog.sync import engine

    a, b = _sync.Machine(tmp_path / "a"), _sync.Machine(tmp_path / "b")
    a.ok("mentor", "add", f"Zoë {S}")
    a.ok("encrypt")
    a.ok("sync", "init", str(remote))
    b.ok("sync", "init", str(remote))
    a.ok("mentor", "edit", "Zoë", "--role", f"{S} CTO")
    a.sync()
    b.ok("goal", "add", f"{S} goal on b")
    with monkeypatch.context() as crashing:

        def killed(git: object, marker: object) -> None:
            raise MemoryError  # the process stops between writing and committing

        crashing.setattr(engine, "_commit_marked", killed)
        assert b("sync").exit_code != 0
    assert (b.root / ".git" / engine.MARKER).exists()
    assert S.encode() not in (b.root / ".git" / engine.MARKER).read_bytes()
    before = b.head()  # the local commit the merge was made on
    b.sync()  # the marker's digests (of the content) match the files: the merge is committed
    assert not (b.root / ".git" / engine.MARKER).exists()
    parents = subprocess.run(
        ["git", "-C", str(b.root), "rev-list", "--parents", "-n", "1", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert len(parents) == 3
    assert parents[1] == before  # that merge, committed as written (not redone on a new commit)
    _sync.settle(a, b)
    assert b.json("mentor", "show", "Zoë")["mentor"]["role"] == f"{S} CTO"
    assert [blob[:30] for blob in every_blob(remote) if S.encode() in blob] == []
