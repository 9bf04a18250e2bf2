"""Damaged files (docs/storage.md): one clear error naming the file and the place, nothing written.

- Every data file of a realistic journal, damaged in each way a disk, an editor or a sync tool
  damages files (emptied, NUL bytes, a BOM, cut in half, a wrong type, a duplicate id, a
  dangling reference, a newer `schema_version`), stops a read, a write and an import with exit 3
  and one line naming the file and the place; the damaged file, every other file and every
  backup stay exactly as they were: nothing is rotated.
- A realistic file cut at every byte offset, and 2,000 random single-byte changes, loaded
  through the store: each is either still a valid journal or one `CorruptFile` naming the file
  and the place; never another exception, never a write.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentorlog.errors import CorruptFile, NewerSchema, StorageError
from mentorlog.journal.state import COLLECTION_NAMES
from mentorlog.storage.store import Store
from tests._reliability import figure, one_clean_error, seed_sample
from tests.helpers import Result, Runner, snapshot

# Where in a file the problem is: a line and column, a record and field, or the part named.
PLACE = re.compile(
    r"line \d+, column \d+|record \d+( \(id \w+\))?, field '[^']+'|record \w+, field '\w+'"
    r"|is empty|schema \d+|schema_version|is not a JSON object|has no list of \w+"
)
KEEP = 3  # backups per file, so that a rotation would delete one


def _edit(change: Callable[[dict[str, Any], str], None]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        document = json.loads(path.read_bytes())
        key = next(k for k in document if k != "schema_version")
        change(document, key)
        path.write_text(json.dumps(document, indent=2))

    return damage


def _wrong_type(document: dict[str, Any], key: str) -> None:
    # (not a number: Pydantic reads one as a Unix time, which is a valid if odd timestamp)
    document[key][-1]["created"] = [2026, 11, 24]


def _duplicate_id(document: dict[str, Any], key: str) -> None:
    document[key].append(dict(document[key][0]))


def _dangling(document: dict[str, Any], key: str) -> None:
    record = document[key][0]
    for field in ("mentor", "goal", "meeting", "goals"):
        if field in record:
            record[field] = ["0badc0de"] if isinstance(record[field], list) else "0badc0de"
            return
    raise AssertionError(f"no reference in {key}")


def _newer(document: dict[str, Any], key: str) -> None:
    document["schema_version"] = 99
    document["new_shape"] = True


DAMAGES: dict[str, Callable[[Path], None]] = {
    "empty": lambda p: p.write_bytes(b""),
    "NUL bytes": lambda p: p.write_bytes(b"\x00" * len(p.read_bytes())),
    "BOM": lambda p: p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes()),
    "cut in half": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    "wrong type": _edit(_wrong_type),
    "duplicate id": _edit(_duplicate_id),
    "dangling reference": _edit(_dangling),
    "newer schema_version": _edit(_newer),
}
REFERRING = {
    "mentors.json",
    "milestones.json",
    "meetings-2026.json",
    "actions.json",
    "actions-2026.json",
    "topics.json",
}
# commands that read and that write, and must read the damaged file first
READ_COMMANDS = {  # else the dashboard
    "reflections.json": ("reflection", "list"),
    "actions-2026.json": ("action", "list", "--all"),
    "topics.json": ("topic", "list"),
}
WRITE_COMMANDS = {
    "goals.json": ("goal", "add", "Never saved"),
    "mentors.json": ("mentor", "add", "Never Saved"),
    "milestones.json": ("milestone", "add", "Become", "Never saved"),
    "meetings-2025.json": ("meet", "Ada", "--date", "2025-12-30", "--notes", "never saved"),
    "meetings-2026.json": ("meet", "Ada", "--notes", "never saved"),
    "actions.json": ("action", "add", "Never saved", "--mentor", "Ada"),
    "actions-2026.json": ("action", "done", "{open}"),  # closing moves it into that file
    "reflections.json": ("import", "{backup}"),
    "topics.json": ("topic", "add", "Ada", "Never saved"),
}


def full_backups(home: Path) -> None:
    """Rewrite every file KEEP times, so each has KEEP backups and a new one would rotate."""
    for n in range(KEEP):
        with Store(home, keep_backups=KEEP).transaction() as journal:
            for name in COLLECTION_NAMES:
                for record in journal.collection(name):
                    record.x_revision = n  # type: ignore[attr-defined]


@pytest.fixture
def journal(home: Path, tmp_path: Path) -> Path:
    seed_sample(home)
    full_backups(home)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text(f"backups = {KEEP}\n")
    return home


def check_stopped(result: Result, path: Path, *, others: bool = False) -> list[str]:
    """Stopped with one line naming the damaged file (or, `others`, a file of the journal that
    refers to it: a flipped id leaves the records that referred to it dangling)."""
    problems = one_clean_error(result, (3,), max_lines=1)
    line = result.stderr.strip()
    names = {path} | (set(path.parent.glob("*.json")) if others else set())
    if not any(str(name) in line for name in names):
        problems.append("does not name the file")
    if not PLACE.search(line):
        problems.append("does not say where")
    return problems


def test_every_damaged_file_stops_reads_writes_and_imports_and_nothing_changes(
    journal: Path,
    tmp_path: Path,
    run: Runner,
    capsys: pytest.CaptureFixture[str],
) -> None:
    backup = tmp_path / "backup.json"
    assert run("export", "--format", "json", "--output", str(backup)).exit_code == 0
    open_item = next(a.id for a in Store(journal).journal().open_actions())
    pristine = snapshot(journal)
    backups = {name for name in pristine if name.startswith("backups/") and "history" not in name}
    assert len(backups) == KEEP * len(WRITE_COMMANDS)
    problems: list[str] = []
    cases = runs = 0
    for file_name, write in WRITE_COMMANDS.items():
        for damage_name, damage in DAMAGES.items():
            if damage_name == "dangling reference" and file_name not in REFERRING:
                continue
            path = journal / file_name
            damage(path)
            before = snapshot(tmp_path)
            cases += 1
            for args in (
                ("export", "--format", "json"),
                READ_COMMANDS.get(file_name, ("status",)),
                tuple(
                    a.replace("{backup}", str(backup)).replace("{open}", open_item) for a in write
                ),
                ("import", str(backup)),
            ):
                runs += 1
                result = run(*args)
                found = check_stopped(result, path)
                if snapshot(tmp_path) != before:
                    found.append("files changed")
                problems += [
                    f"{file_name} {damage_name}, {' '.join(args)}: {p}: {result.stderr[:200]!r}"
                    for p in found
                ]
            path.write_bytes(pristine[file_name])
    assert problems == [], "\n".join(problems)
    assert snapshot(journal) == pristine
    figure(
        capsys,
        f"corrupt files: {cases} damaged files ({len(WRITE_COMMANDS)} files x "
        f"{', '.join(DAMAGES)}) x 4 commands (export, a view, a write, import) = {runs} runs: "
        "all exit 3 with one line naming the file and the place; every file unchanged, "
        f"{len(backups)} backups intact and none rotated",
    )


# -- every byte offset, and random byte changes, through the store ---------------------------


def load_around(home: Path, name: str) -> None:
    """Load `name` and what refers to it or it refers to, so references are checked too."""
    journal = Store(home, keep_backups=KEEP).journal()
    for collection in ("goals", "mentors", "milestones", "meetings", name):
        journal.collection(collection)


def classify(error: StorageError) -> str:
    message = error.message
    if isinstance(error, NewerSchema):
        return "newer schema"
    for kind in (
        "is empty",
        "not UTF-8",
        "not valid JSON",
        "not a JSON object",
        "no valid schema_version",
        "has no list",
        "is invalid",
        "is inconsistent",
    ):
        if kind in message:
            return kind
    raise AssertionError(f"an unexpected kind of damage: {message}")


def check_damaged_load(home: Path, allowed: set[str], outcomes: Counter[str]) -> str:
    """Load; a failure must be one CorruptFile (or NewerSchema) naming a file and a place."""
    error: CorruptFile | NewerSchema | None = None
    try:
        load_around(home, "mentors")
    except (CorruptFile, NewerSchema) as caught:
        error = caught
    outcome = "still valid" if error is None else classify(error)
    if error is not None:
        assert [name for name in allowed if str(home / name) in error.message], error.message
        assert PLACE.search(error.message), error.message
        assert "Nothing was changed" in error.message or isinstance(error, NewerSchema)
    outcomes[outcome] += 1
    return outcome


def truncations(path: Path, home: Path, step: int) -> Counter[str]:
    data = path.read_bytes()
    outcomes: Counter[str] = Counter()
    for size in range(len(data) - 1, -1, -step):  # os.truncate only shortens: go down
        os.truncate(path, size)
        outcome = check_damaged_load(home, {path.name}, outcomes)
        assert (outcome == "still valid") == (data[:size].strip() == data.strip()), size
    path.write_bytes(data)
    return outcomes


def byte_flips(path: Path, home: Path, count: int, seed: int) -> Counter[str]:
    data = path.read_bytes()
    rng = random.Random(seed)
    outcomes: Counter[str] = Counter()
    referring = {name for name in os.listdir(home) if name.endswith(".json")}
    with open(path, "r+b") as handle:
        for _ in range(count):
            at = rng.randrange(len(data))
            handle.seek(at)
            handle.write(bytes([data[at] ^ rng.randrange(1, 256)]))
            handle.flush()
            check_damaged_load(home, referring, outcomes)
            handle.seek(at)
            handle.write(data[at : at + 1])
            handle.flush()
    assert path.read_bytes() == data
    return outcomes


def test_cuts_and_byte_flips_are_caught_quick(journal: Path) -> None:
    path = journal / "mentors.json"
    before = snapshot(journal)
    cut = truncations(path, journal, step=97)
    flipped = byte_flips(path, journal, count=100, seed=1)
    assert cut["still valid"] == 1  # the first cut only removes the final newline
    assert sum(cut.values()) == len(range(len(before["mentors.json"]) - 1, -1, -97))
    assert flipped["still valid"] < 100
    assert snapshot(journal) == before


@pytest.mark.slow
def test_every_cut_and_2000_byte_flips_of_a_realistic_file_are_caught(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = journal / "mentors.json"
    before = snapshot(journal)
    size = len(before["mentors.json"])
    cut = truncations(path, journal, step=1)
    assert sum(cut.values()) == size
    # only the cut that removes the final newline leaves the same (valid) document
    assert cut["still valid"] == 1
    flipped = byte_flips(path, journal, count=2000, seed=2026)
    assert sum(flipped.values()) == 2000
    assert snapshot(journal) == before  # loads never write, rotate or create anything
    figure(
        capsys,
        f"corrupt files: mentors.json ({size} bytes) cut at every byte offset: {size} loads, "
        f"{size - cut['still valid']} stopped with the file and the place named "
        f"({', '.join(f'{k} {n}' for k, n in sorted(cut.items()) if k != 'still valid')}), "
        f"{cut['still valid']} still valid (only the final newline cut)",
    )
    figure(
        capsys,
        f"corrupt files: 2000 random byte flips in mentors.json: "
        f"{2000 - flipped['still valid']} stopped with the file and the place named "
        f"({', '.join(f'{k} {n}' for k, n in sorted(flipped.items()) if k != 'still valid')}), "
        f"{flipped['still valid']} still a valid journal (e.g. a changed letter in a note); "
        "no other exception, nothing written",
    )


def test_a_sample_of_cuts_and_byte_flips_through_the_cli(
    journal: Path,
    tmp_path: Path,
    run: Runner,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = journal / "mentors.json"
    data = path.read_bytes()
    rng = random.Random(7)
    damaged = [data[:size] for size in range(0, len(data) - 1, 101)]
    cuts = len(damaged)
    for _ in range(50):
        at = rng.randrange(len(data))
        damaged.append(data[:at] + bytes([data[at] ^ rng.randrange(1, 256)]) + data[at + 1 :])
    before = snapshot(tmp_path)
    outcomes: Counter[str] = Counter()
    for number, bad in enumerate(damaged):
        path.write_bytes(bad)
        before["journal/mentors.json"] = bad
        for args in (("mentor", "list"), ("mentor", "add", "Never Saved")):
            result = run(*args)
            if args == ("mentor", "list") and result.exit_code == 0:
                outcomes["still valid"] += 1  # a flip that left a valid journal (in a note)
                break
            flipped = number >= cuts  # as in byte_flips: any file of the journal may be named
            assert check_stopped(result, path, others=flipped) == [], (args, result.stderr)
            assert snapshot(tmp_path) == before, args
            outcomes["stopped"] += 1
            if flipped and str(path) not in result.stderr:
                # An id flipped into another valid id: mentors.json is valid by itself, the
                # sessions that referred to the old id are named; a write of mentors alone
                # cannot tell it from an id changed by hand.
                outcomes["id changed"] += 1
                break
    path.write_bytes(data)
    assert outcomes["stopped"] >= 2 * (len(damaged) - 50)
    figure(
        capsys,
        f"corrupt files through the CLI: {len(damaged)} damaged versions of mentors.json (every "
        f"101st cut, 50 byte flips) x a read and a write: {outcomes['stopped']} runs stopped "
        "with exit 3 and one line naming the file and the place, files and backups unchanged; "
        f"{outcomes['still valid']} flips left a valid journal, {outcomes['id changed']} an id "
        "changed into another (stopped on reading the sessions that refer to it)",
    )
