"""The store's guarantees (docs/storage.md), each on real files in a temp directory."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mentorlog.errors import CorruptFile, NewerSchema, Refused, StorageError
from mentorlog.journal.state import Journal
from mentorlog.models import Goal, Meeting, Mentor, Milestone, Reflection, new_id, stamp
from mentorlog.storage import atomic, commit, migrations
from mentorlog.storage.store import Store
from tests.helpers import modes, run, snapshot

# -- building journals -------------------------------------------------------------------


def goal(title: str = "Speak at a conference", **fields: Any) -> Goal:
    return Goal(id=new_id(), title=title, started=date(2026, 1, 5), **stamp(), **fields)


def mentor(name: str = "Ada Lovelace", **fields: Any) -> Mentor:
    return Mentor(id=new_id(), name=name, started=date(2026, 1, 5), **stamp(), **fields)


def meeting(with_: Mentor, day: date, **fields: Any) -> Meeting:
    return Meeting(id=new_id(), mentor=with_.id, date=day, **stamp(), **fields)


def add_goal(store: Store, title: str = "Speak at a conference") -> Goal:
    record = goal(title)
    with store.transaction() as journal:
        journal.goals.append(record)
    return record


def change(store: Store, body: Callable[[Journal], object]) -> None:
    with store.transaction() as journal:
        body(journal)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "journal"


@pytest.fixture
def store(root: Path) -> Store:
    return Store(root, keep_backups=3)


@pytest.fixture
def filled(store: Store) -> Store:
    """A journal with goals, a mentor, a milestone and sessions in two years."""
    target = goal("Lead the team's demos")
    ada = mentor(goals=[target.id])
    with store.transaction() as journal:
        journal.goals.append(target)
        journal.mentors.append(ada)
        journal.milestones.append(
            Milestone(id=new_id(), goal=target.id, title="First demo", **stamp())
        )
        journal.meetings.extend(
            [meeting(ada, date(2025, 12, 2)), meeting(ada, date(2026, 1, 6), notes="hello")]
        )
    return store


def backup_names(root: Path, stem: str) -> list[str]:
    backups = root / "backups"
    if not backups.is_dir():
        return []
    return sorted(p.name for p in backups.iterdir() if p.name.startswith(stem + "."))


# -- atomic and durable writes -----------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="directories cannot be fsynced on Windows")
def test_atomic_write_goes_temp_fsync_replace_fsync_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "goals.json"
    target.write_bytes(b"old")
    calls: list[tuple[str, Any]] = []
    real_fsync, real_replace, real_write = os.fsync, os.replace, os.write

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        calls.append(
            ("fsync", (stat.S_ISDIR(info.st_mode), info.st_ino, stat.S_IMODE(info.st_mode)))
        )
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        calls.append(("replace", (Path(src), Path(dst))))
        real_replace(src, dst)

    def write(fd: int, data: Any) -> int:
        calls.append(("write", len(data)))
        return real_write(fd, data)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "write", write)
    atomic.atomic_write(target, b"new contents")
    monkeypatch.undo()

    assert [name for name, _ in calls] == ["write", "fsync", "replace", "fsync"]
    _, (file_is_dir, file_inode, file_mode) = calls[1]
    _, (source, destination) = calls[2]
    _, (dir_is_dir, dir_inode, _) = calls[3]
    # the fsynced file is the temp that became the target, in the same directory
    assert not file_is_dir
    assert file_inode == target.stat().st_ino
    assert file_mode == 0o600
    assert source.parent == target.parent
    assert source.name.startswith(".goals.json.")
    assert destination == target
    # then the directory holding the new name is fsynced
    assert dir_is_dir
    assert dir_inode == tmp_path.stat().st_ino
    assert target.read_bytes() == b"new contents"
    assert sorted(os.listdir(tmp_path)) == ["goals.json"]


def test_a_change_backs_up_the_old_version_before_replacing_it(
    store: Store, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_goal(store, "first")
    replaced: list[str] = []
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        replaced.append(Path(dst).relative_to(root).as_posix())
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    add_goal(store, "second")
    monkeypatch.undo()
    assert replaced[0].startswith("backups/goals.")
    assert "goals.json" in replaced[1:]
    assert replaced[2] == "backups/history.json"


def test_a_full_disk_leaves_the_original_and_no_temp(
    store: Store, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_goal(store, "kept")
    before = snapshot(root)

    def full(fd: int, data: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(StorageError) as caught:
        atomic.atomic_write(root / "goals.json", b"{}")
    assert "No space left on device" in caught.value.message
    assert "goals.json" in caught.value.message
    assert "unchanged" in caught.value.message
    with pytest.raises(StorageError), store.transaction() as journal:
        journal.goals.append(goal("lost"))
    monkeypatch.undo()
    assert snapshot(root) == before  # no temp file, no new backup, no history entry
    assert caught.value.exit_code == 3


def test_reading_an_empty_journal_creates_nothing(root: Path) -> None:
    store = Store(root)
    journal = store.journal()
    assert journal.is_empty()
    assert (journal.goals, journal.milestones, journal.reflections) == ([], [], [])
    assert not store.exists()
    assert not root.exists()
    root.mkdir()
    assert Store(root).journal().is_empty()
    assert list(root.iterdir()) == []


def test_a_transaction_that_changes_nothing_writes_nothing(filled: Store, root: Path) -> None:
    before = snapshot(root)
    with filled.transaction() as journal:
        assert len(journal.goals) == 1
        assert len(journal.meetings) == 2
    assert snapshot(root) == before


def test_reading_a_collection_that_has_no_file_creates_none(filled: Store, root: Path) -> None:
    before = snapshot(root)
    assert not (root / "reflections.json").exists()
    with filled.transaction() as journal:
        assert journal.reflections == []
        assert journal.actions == []
        journal.goals[0].why = "changed"
    after = snapshot(root)
    assert {name for name in after if after[name] != before.get(name)} >= {"goals.json"}
    assert not {"reflections.json", "actions.json"} & set(after)


def test_only_changed_files_are_written(filled: Store, root: Path) -> None:
    untouched = ["mentors.json", "milestones.json", "meetings-2025.json"]
    before = {name: (root / name).stat() for name in untouched}
    with filled.transaction() as journal:
        assert journal.mentors
        assert journal.milestones
        journal.goals.append(goal("another"))
        later = next(m for m in journal.meetings if m.date.year == 2026)
        later.rating = 4
    for name in untouched:
        after = (root / name).stat()
        assert (after.st_ino, after.st_mtime_ns) == (before[name].st_ino, before[name].st_mtime_ns)
    entry = filled.read_history().entries[-1]
    assert sorted(f["file"] for f in entry["files"]) == ["goals.json", "meetings-2026.json"]


def test_sessions_are_split_by_year(filled: Store, root: Path) -> None:
    for year, count in ((2025, 1), (2026, 1)):
        document = json.loads((root / f"meetings-{year}.json").read_text())
        assert document["schema_version"] == migrations.CURRENT_VERSION
        assert len(document["meetings"]) == count
    assert not (root / "meetings.json").exists()


def test_files_are_pretty_stable_and_in_creation_order(store: Store, root: Path) -> None:
    titles = ["b first", "a second", "c third"]
    for title in titles:
        add_goal(store, title)
    text = (root / "goals.json").read_text()
    document = json.loads(text)
    assert [g["title"] for g in document["goals"]] == titles
    assert list(document["goals"][0])[:4] == ["id", "created", "updated", "title"]
    assert text.startswith(f'{{\n  "schema_version": {migrations.CURRENT_VERSION},\n  "goals": [\n')
    with store.transaction() as journal:
        journal.goals  # noqa: B018 - loaded and re-encoded: identical bytes, so not written
    assert (root / "goals.json").read_text() == text


def test_a_dangling_reference_is_refused_before_anything_is_written(
    filled: Store, root: Path
) -> None:
    before = snapshot(root)
    with pytest.raises(Refused, match="goal"), filled.transaction() as journal:
        journal.milestones.append(Milestone(id=new_id(), goal="deadbeef", title="x", **stamp()))
    assert snapshot(root) == before


def test_removing_a_referenced_record_is_refused_even_unseen(filled: Store, root: Path) -> None:
    before = snapshot(root)
    with pytest.raises(Refused, match="goal that does not exist"), filled.transaction() as journal:
        journal.goals.clear()  # milestones, mentors and sessions still point at it
    assert snapshot(root) == before


def test_a_change_in_memory_is_not_blamed_on_a_file_read_later(filled: Store, root: Path) -> None:
    read: list[int] = []

    def remove_goals_then_read_milestones(journal: Journal) -> None:
        journal.goals.clear()
        read.append(len(journal.milestones))  # read after the change: the file is fine

    with pytest.raises(Refused):
        change(filled, remove_goals_then_read_milestones)
    assert read == [1]


# -- backups -----------------------------------------------------------------------------


def test_each_change_backs_up_the_previous_version(store: Store, root: Path) -> None:
    add_goal(store, "one")
    assert backup_names(root, "goals") == []  # nothing to back up yet
    versions = [(root / "goals.json").read_bytes()]
    for title in ("two", "three"):
        add_goal(store, title)
        newest = backup_names(root, "goals")[-1]
        assert (root / "backups" / newest).read_bytes() == versions[-1]
        versions.append((root / "goals.json").read_bytes())


def test_only_the_last_n_backups_are_kept(store: Store, root: Path) -> None:
    versions = []
    for n in range(7):
        add_goal(store, f"goal {n}")
        versions.append((root / "goals.json").read_bytes())
    names = backup_names(root, "goals")
    assert len(names) == store.keep_backups == 3
    kept = [(root / "backups" / name).read_bytes() for name in names]
    assert kept == versions[-4:-1]  # the three versions before the current one, oldest first


def test_a_failed_load_rotates_no_backup(store: Store, root: Path) -> None:
    for n in range(4):
        add_goal(store, f"goal {n}")
        with store.transaction() as journal:
            journal.mentors.append(mentor(f"mentor {n}"))
    (root / "mentors.json").write_text('{"schema_version": 1, "mentors": [')
    before = snapshot(root)

    def change_goals_then_read_mentors(journal: Journal) -> None:
        journal.goals.append(goal("would rotate a goals backup"))
        journal.mentors  # noqa: B018 - loading this fails

    with pytest.raises(CorruptFile):
        change(store, change_goals_then_read_mentors)
    assert snapshot(root) == before


# -- corrupt files -----------------------------------------------------------------------


def _retype(document: dict[str, Any]) -> None:
    document["goals"][0]["started"] = 20260105


def _duplicate(document: dict[str, Any]) -> None:
    document["goals"].append(dict(document["goals"][0]))


def _unversioned(document: dict[str, Any]) -> None:
    del document["schema_version"]


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document, indent=2))


CORRUPTIONS: dict[str, tuple[Callable[[Path], None], str]] = {
    "empty": (lambda p: p.write_bytes(b""), "is empty"),
    "whitespace": (lambda p: p.write_bytes(b" \n\n"), "is empty"),
    "truncated": (lambda p: p.write_bytes(p.read_bytes()[:-40]), r"line \d+, column \d+"),
    "wrong type": (lambda p: _edit(p, _retype), r"record 1 \(id \w+\), field 'started'"),
    "bom": (lambda p: p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes()), "line 1, column 1.*BOM"),
    "nul bytes": (lambda p: p.write_bytes(b"\x00" * 300), "line 1, column 1"),
    "nul in a string": (
        lambda p: p.write_bytes(p.read_bytes().replace(b'"title": "', b'"title": "\x00')),
        r"line \d+, column \d+: Invalid control character",
    ),
    "not utf-8": (lambda p: p.write_bytes(p.read_bytes().replace(b"Speak", b"\xff")), "UTF-8"),
    "not an object": (lambda p: p.write_text("[]"), "is not a JSON object"),
    "duplicate ids": (lambda p: _edit(p, _duplicate), r"record \w+, field 'id'"),
    "no schema_version": (lambda p: _edit(p, _unversioned), "schema_version"),
}


@pytest.fixture
def corruptible(store: Store, root: Path) -> Iterator[Store]:
    add_goal(store, "Speak at a conference")
    add_goal(store, "Write a book")  # so that there is a backup to point to
    return store


@pytest.mark.parametrize("case", list(CORRUPTIONS))
def test_a_corrupt_file_stops_reads_and_writes_and_changes_nothing(
    corruptible: Store, root: Path, case: str
) -> None:
    damage, where = CORRUPTIONS[case]
    damage(root / "goals.json")
    before = snapshot(root)
    with pytest.raises(CorruptFile) as caught:
        Store(root).journal().goals  # noqa: B018
    message = caught.value.message
    assert str(root / "goals.json") in message
    assert re.search(where, message), message
    assert "newest backup: " + str(root / "backups" / backup_names(root, "goals")[-1]) in message
    with pytest.raises(CorruptFile), Store(root).transaction() as journal:
        journal.goals.append(goal("never saved"))
    assert snapshot(root) == before


def test_a_dangling_reference_in_a_file_is_corruption(filled: Store, root: Path) -> None:
    _edit(root / "goals.json", lambda document: document["goals"].clear())
    _edit(root / "mentors.json", lambda document: document["mentors"][0].update(goals=[]))
    before = snapshot(root)
    journal = Store(root).journal()
    journal.goals  # noqa: B018
    with pytest.raises(CorruptFile) as caught:
        journal.milestones  # noqa: B018
    message = caught.value.message
    assert str(root / "milestones.json") in message
    assert "field 'goal'" in message
    assert "does not exist" in message
    assert snapshot(root) == before


def test_a_change_saved_between_two_reads_is_not_called_corruption(
    filled: Store, root: Path
) -> None:
    reader = Store(root).journal()
    assert len(reader.goals) == 1  # read before the other process saves...
    new_goal = goal("added meanwhile")
    with Store(root).transaction() as journal:
        journal.goals.append(new_goal)
        journal.milestones.append(Milestone(id=new_id(), goal=new_goal.id, title="m", **stamp()))
    with pytest.raises(StorageError) as caught:
        reader.milestones  # noqa: B018 - ...and this after: a milestone of an unseen goal
    assert not isinstance(caught.value, CorruptFile)
    assert "changed while it was being read" in caught.value.message
    assert "run the command again" in caught.value.message
    assert len(Store(root).journal().milestones) == 2  # a fresh read is consistent


def test_a_corrupt_file_stops_the_cli_with_exit_3_and_one_line(home: Path) -> None:
    add_goal(Store(home), "Speak at a conference")
    (home / "goals.json").write_bytes(b'{"schema_version": 1, "goals": [{"id"')
    before = snapshot(home)
    result = run()
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("mentorlog: ")
    assert "goals.json" in lines[0]
    assert "line 1, column" in lines[0]
    assert "Traceback" not in result.output
    assert snapshot(home) == before


def test_error_messages_never_echo_note_contents(filled: Store, root: Path) -> None:
    sentinel = "SECRET-NOTE-7f3a"
    path = root / "meetings-2026.json"
    _edit(path, lambda document: document["meetings"][0].update(notes=sentinel, rating=9))
    with pytest.raises(CorruptFile) as caught:
        Store(root).journal().meetings  # noqa: B018
    assert "field 'rating'" in caught.value.message
    assert sentinel not in caught.value.message
    _edit(path, lambda document: document["meetings"][0].update(rating=None, notes=[sentinel]))
    with pytest.raises(CorruptFile) as caught:
        Store(root).journal().meetings  # noqa: B018
    assert "field 'notes'" in caught.value.message
    assert sentinel not in caught.value.message


# -- schema versions ---------------------------------------------------------------------


def test_a_newer_file_is_refused_and_never_rewritten(corruptible: Store, root: Path) -> None:
    _edit(root / "goals.json", lambda document: document.update(schema_version=99, shape="new"))
    before = snapshot(root)
    with pytest.raises(NewerSchema) as caught:
        Store(root).journal().goals  # noqa: B018
    assert "schema 99" in caught.value.message
    assert str(root / "goals.json") in caught.value.message
    assert caught.value.exit_code == 3
    with pytest.raises(NewerSchema), Store(root).transaction() as journal:
        journal.goals.append(goal("never saved"))
    # a transaction that does not read the newer file leaves it alone too
    with Store(root).transaction() as journal:
        journal.reflections.append(Reflection(id=new_id(), period="2026-Q3", **stamp()))
    after = snapshot(root)
    assert after["goals.json"] == before["goals.json"]
    assert not any(name.startswith("backups/goals.") for name in set(after) - set(before))


V1_GOALS = {
    "schema_version": 1,
    "x_top": "kept",
    "goals": [
        {
            "id": "0a1b2c3d",
            "created": "2025-01-01T09:00:00+01:00",
            "updated": "2025-01-01T09:00:00+01:00",
            "title": "Negotiate well",
            "topic": "negotiation",  # version 2 calls this `area`
            "started": "2025-01-01",
        }
    ],
}


def _v1_to_v2(collection: str, document: dict[str, Any]) -> dict[str, Any]:
    if collection == "goals":
        document["goals"] = [
            {**{k: v for k, v in record.items() if k != "topic"}, "area": record.get("topic", "")}
            for record in document["goals"]
        ]
    return document


@pytest.fixture
def version_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: _v1_to_v2})


def test_an_older_file_is_migrated_in_memory_only(version_2: None, root: Path) -> None:
    root.mkdir()
    (root / "goals.json").write_text(json.dumps(V1_GOALS, indent=2))
    before = snapshot(root)
    store = Store(root)
    [record] = store.journal().goals
    assert record.area == "negotiation"
    assert "topic" not in record.model_dump()
    with store.transaction() as journal:
        assert journal.goals[0].area == "negotiation"  # loaded but unchanged: not written
    assert snapshot(root)["goals.json"] == before["goals.json"]


def test_an_older_file_is_written_on_the_next_change_after_a_backup(
    version_2: None, root: Path
) -> None:
    root.mkdir()
    original = json.dumps(V1_GOALS, indent=2).encode()
    (root / "goals.json").write_bytes(original)
    store = Store(root)
    add_goal(store, "Second goal")
    document = json.loads((root / "goals.json").read_text())
    assert document["schema_version"] == 2
    assert document["x_top"] == "kept"
    assert [g.get("area") for g in document["goals"]] == ["negotiation", ""]
    assert all("topic" not in g for g in document["goals"])
    [backup] = backup_names(root, "goals")
    assert (root / "backups" / backup).read_bytes() == original


def test_migrating_twice_equals_migrating_once(version_2: None, root: Path) -> None:
    once = _v1_to_v2("goals", json.loads(json.dumps(V1_GOALS)))
    once["schema_version"] = 2
    assert migrations.migrate("goals", json.loads(json.dumps(once)), 2) == once
    root.mkdir()
    (root / "goals.json").write_text(json.dumps(V1_GOALS))
    add_goal(Store(root), "Second goal")
    migrated = (root / "goals.json").read_bytes()
    first = [g.model_dump() for g in Store(root).journal().goals]
    add_goal(Store(root), "Third goal")
    again = [g.model_dump() for g in Store(root).journal().goals]
    assert again[:2] == first
    assert (
        json.loads(migrated)["goals"] == json.loads((root / "goals.json").read_bytes())["goals"][:2]
    )


def test_a_file_with_no_migration_path_is_corrupt(
    monkeypatch: pytest.MonkeyPatch, root: Path
) -> None:
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 3)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: _v1_to_v2})
    root.mkdir()
    (root / "goals.json").write_text(json.dumps(V1_GOALS))
    with pytest.raises(CorruptFile, match="cannot be upgraded from schema 1"):
        Store(root).journal().goals  # noqa: B018


def test_unknown_keys_and_fields_survive_a_save(root: Path) -> None:
    root.mkdir()
    document = json.loads(json.dumps(V1_GOALS))
    document["goals"][0]["area"] = document["goals"][0].pop("topic")
    document["goals"][0]["x_field"] = {"nested": [1, 2]}
    (root / "goals.json").write_text(json.dumps(document))
    add_goal(Store(root), "Second goal")
    saved = json.loads((root / "goals.json").read_text())
    assert saved["x_top"] == "kept"
    assert saved["goals"][0]["x_field"] == {"nested": [1, 2]}
    assert [g["title"] for g in saved["goals"]] == ["Negotiate well", "Second goal"]


# -- private by default ------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_everything_written_is_private_whatever_the_umask(
    umask: int, filled: Store, root: Path
) -> None:
    with filled.transaction() as journal:
        journal.goals.append(goal("second"))
    found = modes(root)
    assert {"mentorlog.lock", "goals.json", "backups/history.json"} <= set(found)
    assert any(name.startswith("backups/goals.") for name in found)
    for name, mode in found.items():
        expected = 0o700 if (root / name).is_dir() else 0o600
        assert mode == expected, f"{name}: {oct(mode)}"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_looser_modes_are_tightened_by_the_next_write(filled: Store, root: Path) -> None:
    add_goal(filled, "so there are backups")
    root.chmod(0o755)
    (root / "backups").chmod(0o755)
    for name in ("goals.json", "mentors.json", "mentorlog.lock", "backups/history.json"):
        (root / name).chmod(0o644)
    next(root.glob("backups/goals.*")).chmod(0o666)
    add_goal(filled, "tightens")
    for name, mode in modes(root).items():
        assert mode == (0o700 if (root / name).is_dir() else 0o600), name


def test_stray_temp_files_are_removed_by_the_next_transaction(filled: Store, root: Path) -> None:
    strays = [root / ".goals.json.0badf00d.tmp", root / "backups" / ".history.json.1234abcd.tmp"]
    for stray in strays:
        stray.write_bytes(b"half a fi")
    assert len(Store(root).journal().goals) == 1  # readers ignore them and delete nothing
    assert all(stray.exists() for stray in strays)
    with filled.transaction() as journal:
        journal.goals  # noqa: B018
    assert not any(stray.exists() for stray in strays)


# -- several files change together -------------------------------------------------------


def test_a_commit_interrupted_after_its_commit_point_is_seen_and_finished(
    filled: Store, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(root)
    # The process "dies" right after the manifest is written: nothing is in place yet.
    monkeypatch.setattr(commit, "roll_forward", lambda _root: None)
    new_goal, new_mentor = goal("new goal"), mentor("Grace Hopper")
    with filled.transaction() as journal:
        new_mentor.goals = [new_goal.id]
        journal.goals.append(new_goal)
        journal.mentors.append(new_mentor)
    monkeypatch.undo()
    assert (root / commit.MANIFEST).exists()
    assert snapshot(root)["goals.json"] == before["goals.json"]
    assert snapshot(root)["mentors.json"] == before["mentors.json"]
    # Readers already see the committed change, and write nothing.
    journal = Store(root).journal()
    assert new_goal.id in journal.ids("goals")
    assert new_mentor.id in journal.ids("mentors")
    # The next writer puts it in place and leaves no manifest or temp behind.
    with Store(root).transaction() as journal:
        assert new_goal.id in journal.ids("goals")
    names = set(snapshot(root))
    assert commit.MANIFEST not in names
    assert not [name for name in names if name.split("/")[-1].startswith(".")]
    assert new_mentor.id in Store(root).journal().ids("mentors")


def test_a_commit_interrupted_before_its_commit_point_changes_nothing(
    filled: Store, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {k: v for k, v in snapshot(root).items() if not k.startswith("backups/")}
    real = atomic.atomic_write

    def dies_at_the_manifest(target: Path, data: bytes) -> None:
        if target.name == commit.MANIFEST:
            raise KeyboardInterrupt
        real(target, data)

    monkeypatch.setattr(atomic, "atomic_write", dies_at_the_manifest)
    target = goal("new goal")

    def add_two_files(journal: Journal) -> None:
        journal.goals.append(target)
        journal.mentors.append(mentor("Grace Hopper", goals=[target.id]))

    with pytest.raises(KeyboardInterrupt):
        change(filled, add_two_files)
    monkeypatch.undo()
    after = {k: v for k, v in snapshot(root).items() if not k.startswith("backups/")}
    assert after == before
