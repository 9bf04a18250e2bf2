"""Schema versions (docs/storage.md), on a frozen journal written by version 1 (tests/fixtures).

- This version reads the v1 journal, shows it, and leaves it byte-for-byte alone: a command
  that reads everything and changes nothing writes nothing.
- A future version 2 (simulated with a migration of its own) migrates every file in memory,
  writes each one only on its next change, after a byte-identical backup of the v1 file; unknown
  fields survive; migrating twice equals once.
- A journal written by that newer version is never written by this one: every command that
  would write, `undo` included, stops with exit 3 and leaves every file as it was.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from mentorlog.journal.state import COLLECTION_NAMES
from mentorlog.models import ActionItem, Goal, Meeting, Mentor, Milestone, Reflection, stamp
from mentorlog.storage import migrations
from mentorlog.storage.store import Store
from tests._reliability import WRITES, figure, one_clean_error
from tests.helpers import Runner, snapshot

FIXTURE = Path(__file__).parent / "fixtures" / "v1-journal"
V1_FILES = sorted(path.name for path in FIXTURE.glob("*.json"))


def copy_fixture(home: Path) -> dict[str, bytes]:
    shutil.copytree(FIXTURE, home)
    return {name: (home / name).read_bytes() for name in V1_FILES}


def everything(home: Path) -> dict[str, list[dict[str, Any]]]:
    journal = Store(home).journal()
    return {
        name: [record.model_dump(mode="json") for record in journal.collection(name)]
        for name in COLLECTION_NAMES
    }


def test_this_version_reads_the_v1_journal_and_leaves_it_alone(home: Path, run: Runner) -> None:
    original = copy_fixture(home)
    assert len(V1_FILES) == 7
    loaded = everything(home)
    assert {name: len(records) for name, records in loaded.items()} == {
        "goals": 2,
        "milestones": 2,
        "mentors": 2,
        "meetings": 3,
        "actions": 2,
        "reflections": 1,
        "topics": 0,  # a collection added later: a v1 journal has no file for it
    }
    assert loaded["goals"][1]["x_custom"] == {"kept": ["by", "every", "version"]}
    for args in (("status",), ("mentor", "show", "Ada"), ("export", "--format", "json")):
        assert run(*args).exit_code == 0, args
    # a transaction that reads every file and changes nothing writes nothing: the v1 bytes are
    # exactly what this version writes (else every command would rewrite old files)
    with Store(home).transaction() as journal:
        for name in COLLECTION_NAMES:
            journal.collection(name)
    assert {name: (home / name).read_bytes() for name in V1_FILES} == original
    assert not (home / "backups").exists()


# -- a simulated version 2 -----------------------------------------------------------------


def m001_mark_every_record(collection: str, document: dict[str, Any]) -> dict[str, Any]:
    """Version 2 of the test: every record carries `x_v2`, every file a top-level note."""
    document[collection] = [{**record, "x_v2": collection} for record in document[collection]]
    document["x_migrated"] = "from 1"
    return document


# The simulated version comes after every real one (whose migrations run first).
REAL = migrations.CURRENT_VERSION
NEXT = REAL + 1
NEXT_MIGRATIONS = {**migrations.MIGRATIONS, REAL: m001_mark_every_record}


@pytest.fixture
def version_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "CURRENT_VERSION", NEXT)
    monkeypatch.setattr(migrations, "MIGRATIONS", NEXT_MIGRATIONS)


def change_every_file(home: Path) -> None:
    """One new record in every collection (and in each year of sessions)."""
    with Store(home).transaction() as journal:
        goal, mentor = journal.goals[0], journal.mentors[0]
        journal.goals.append(Goal(id="9f00000a", title="New", started=goal.started, **stamp()))
        journal.milestones.append(Milestone(id="9f00000b", goal=goal.id, title="New", **stamp()))
        journal.mentors.append(Mentor(id="9f00000c", name="New", started=goal.started, **stamp()))
        for n, year in enumerate({m.date.year for m in journal.meetings}):
            day = min(m.date for m in journal.meetings if m.date.year == year)
            journal.meetings.append(
                Meeting(id=f"9f0000d{n}", mentor=mentor.id, date=day, **stamp())
            )
        journal.actions.append(ActionItem(id="9f00000e", text="New", **stamp()))
        journal.reflections.append(Reflection(id="9f00000f", period="2026-Q3", **stamp()))


def test_a_newer_version_migrates_every_file_after_a_backup_and_twice_equals_once(
    version_2: None,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    original = copy_fixture(home)
    in_memory = everything(home)  # migrated on reading, written by nothing
    assert {name: (home / name).read_bytes() for name in V1_FILES} == original
    assert all(r["x_v2"] == name for name, records in in_memory.items() for r in records)

    replaced: list[str] = []
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        real_replace(src, dst)
        replaced.append(Path(dst).relative_to(home).as_posix())

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(os, "replace", replace)
        change_every_file(home)

    backups = {name: Store(home).backups_of(name) for name in V1_FILES}
    for name in V1_FILES:
        document = json.loads((home / name).read_bytes())
        assert document["schema_version"] == NEXT, name
        assert document["x_migrated"] == "from 1"
        [backup] = backups[name]
        assert backup.read_bytes() == original[name]  # the v1 file, byte for byte
        # ...and safely on disk before the file it keeps was replaced
        assert replaced.index(f"backups/{backup.name}") < replaced.index(name)
    saved = everything(home)
    assert json.loads((home / "reflections.json").read_bytes())["x_note"] == (
        "an unknown top-level key"
    )
    assert saved["goals"][1]["x_custom"] == {"kept": ["by", "every", "version"]}
    # migrating twice equals once: what was migrated in memory is what was saved, and
    # reading the saved (version 2) files again migrates nothing and writes nothing
    for name, records in in_memory.items():
        old = {record["id"] for record in records}
        assert [record for record in saved[name] if record["id"] in old] == records, name
    for name in V1_FILES:
        document = json.loads((home / name).read_bytes())
        again = migrations.migrate(name.split("-")[0].removesuffix(".json"), dict(document), NEXT)
        assert again == document
    before = snapshot(home)
    with Store(home).transaction() as journal:
        for name in COLLECTION_NAMES:
            journal.collection(name)
    assert snapshot(home) == before
    figure(
        capsys,
        f"migration: v1 journal fixture ({len(V1_FILES)} files, "
        f"{sum(len(r) for r in in_memory.values())} records) upgraded to a simulated v2: every "
        "file backed up byte-identical before being replaced, unknown fields kept; "
        "migrating twice equals once; no write without a change",
    )


def test_a_journal_written_by_a_newer_version_is_never_written(
    home: Path,
    tmp_path: Path,
    run: Runner,
    capsys: pytest.CaptureFixture[str],
) -> None:
    copy_fixture(home)
    with pytest.MonkeyPatch.context() as newer:  # the user ran a newer mentorlog...
        newer.setattr(migrations, "CURRENT_VERSION", NEXT)
        newer.setattr(migrations, "MIGRATIONS", NEXT_MIGRATIONS)
        change_every_file(home)
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps({"format": "mentorlog-export", "schema_version": 1}))
    before = snapshot(tmp_path)  # ...and now this one again
    commands = [
        *WRITES,
        ("meet", "Ada", "--date", "2025-12-30", "--notes", "never saved"),  # an older year
        ("import", str(backup)),
        ("status",),
        ("export", "--format", "json"),
    ]
    problems = []
    for args in commands:
        result = run(*args)
        problems += [f"{args}: {p}: {result.stderr!r}" for p in one_clean_error(result, (3,))]
        if "newer mentorlog" not in result.stderr:
            problems.append(f"{args}: does not say why: {result.stderr!r}")
    assert problems == [], "\n".join(problems)
    assert snapshot(tmp_path) == before
    figure(
        capsys,
        f"migration: a journal written by a newer version: {len(commands)}/{len(commands)} "
        "commands (8 writes, import, undo, 2 reads) stopped with exit 3 naming the newer "
        "schema; 0 files written",
    )
