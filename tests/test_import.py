"""`mentorlog import`: backups merged by id (idempotent, all or nothing), people as prospects."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from mentorlog.exchange.importer import MAX_IMPORT_BYTES
from mentorlog.journal.state import COLLECTION_NAMES
from mentorlog.models import Goal, Mentor, stamp
from mentorlog.storage import migrations
from mentorlog.storage.migrations import CURRENT_VERSION
from mentorlog.storage.store import Store
from tests._exchange import build_journal, data_records
from tests.helpers import import_text, run, snapshot


def export_backup(path: Path, *data_dir: str) -> dict[str, Any]:
    result = run(*data_dir, "export", "--output", str(path))
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(path.read_bytes())
    return document


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def import_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def stamp_of(record: dict[str, Any]) -> datetime:
    """A record's `updated` (Python 3.10's fromisoformat does not read a "Z" suffix)."""
    return datetime.fromisoformat(record["updated"].replace("Z", "+00:00"))


def records_only(document: dict[str, Any]) -> dict[str, Any]:
    return {name: document[name] for name in COLLECTION_NAMES}


# -- backups ---------------------------------------------------------------------------------


def test_backup_round_trips_into_a_fresh_journal(home: Path, tmp_path: Path) -> None:
    build_journal(home)
    original = export_backup(tmp_path / "backup.json")
    fresh = tmp_path / "fresh"
    report = import_json("--data-dir", str(fresh), "import", str(tmp_path / "backup.json"))
    assert report["added"] == sum(len(original[name]) for name in COLLECTION_NAMES)
    assert report["updated"] == 0
    again = export_backup(tmp_path / "again.json", "--data-dir", str(fresh))
    assert records_only(again) == records_only(original)
    assert data_records(fresh) == data_records(home)


def test_importing_the_same_backup_twice_changes_nothing(home: Path, tmp_path: Path) -> None:
    build_journal(home)
    backup = tmp_path / "backup.json"
    export_backup(backup)
    fresh = tmp_path / "fresh"
    first = import_json("--data-dir", str(fresh), "import", str(backup))
    assert first["added"] > 0
    before = snapshot(fresh)
    second = import_json("--data-dir", str(fresh), "import", str(backup))
    assert (second["added"], second["updated"]) == (0, 0)
    assert second["unchanged"] == first["added"]
    assert snapshot(fresh) == before  # byte-identical, history included


def test_importing_a_backup_into_its_own_journal_changes_nothing(
    home: Path, tmp_path: Path
) -> None:
    build_journal(home)
    backup = tmp_path / "backup.json"
    export_backup(backup)
    before = snapshot(home)
    result = run("import", str(backup))
    assert result.exit_code == 0
    assert "0 added, 0 updated" in result.stdout
    assert snapshot(home) == before


def test_conflicts_are_won_by_the_newer_updated_stamp(home: Path, tmp_path: Path) -> None:
    build_journal(home)
    document = export_backup(tmp_path / "backup.json")
    goal = next(g for g in document["goals"] if g["id"] == "g0speak")
    goal["title"] = "Speaking, renamed elsewhere"
    goal["updated"] = (stamp_of(goal) + timedelta(hours=1)).isoformat()
    mentor = next(m for m in document["mentors"] if m["id"] == "m0ada")
    mentor["role"] = "an older edit"
    mentor["updated"] = (stamp_of(mentor) - timedelta(days=1)).isoformat()
    backup = write_json(tmp_path / "edited.json", document)
    mentors_before = (home / "mentors.json").read_bytes()

    report = import_json("import", str(backup))

    assert (report["added"], report["updated"]) == (0, 1)
    conflicts = {(c["collection"], c["id"]): c for c in report["conflicts"]}
    assert conflicts[("goals", "g0speak")]["winner"] == "import"
    assert conflicts[("mentors", "m0ada")]["winner"] == "journal"
    assert len(conflicts) == 2
    titles = {g["id"]: g["title"] for g in data_records(home)["goals"]}
    assert titles["g0speak"] == "Speaking, renamed elsewhere"
    assert (home / "mentors.json").read_bytes() == mentors_before


def test_conflicts_are_reported_in_words(home: Path, tmp_path: Path) -> None:
    build_journal(home)
    document = export_backup(tmp_path / "backup.json")
    document["goals"][0]["why"] = "same stamp, other text"
    result = run("import", str(write_json(tmp_path / "tie.json", document)))
    assert result.exit_code == 0
    assert "conflict: goals g0speak: kept this journal's version (same updated time)" in (
        result.stdout
    )


def test_dry_run_reports_and_writes_nothing(home: Path, tmp_path: Path) -> None:
    build_journal(home)
    backup = tmp_path / "backup.json"
    document = export_backup(backup)
    fresh = tmp_path / "fresh"
    report = import_json("--data-dir", str(fresh), "import", str(backup), "--dry-run")
    assert report["dry_run"] is True
    assert report["collections"]["meetings"]["added"] == len(document["meetings"])
    assert not fresh.exists()
    text = run("--data-dir", str(fresh), "import", str(backup), "--dry-run").stdout
    assert "Would import backup.json" in text
    assert "nothing was written" in text
    assert not fresh.exists()


def test_an_older_backup_is_migrated(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_journal(home)
    document = export_backup(tmp_path / "backup.json")
    meeting = document["meetings"][0]
    meeting["id"] = "mt0older"
    meeting["summary"] = meeting.pop("notes") + " (from v1)"
    document["meetings"] = [meeting]

    def rename_summary(collection: str, doc: dict[str, Any]) -> dict[str, Any]:
        if collection == "meetings":
            for record in doc["meetings"]:
                record["notes"] = record.pop("summary", "")
        return doc

    monkeypatch.setattr(migrations, "CURRENT_VERSION", CURRENT_VERSION + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, CURRENT_VERSION, rename_summary)
    report = import_json("import", str(write_json(tmp_path / "old.json", document)))

    assert report["schema_version"] == CURRENT_VERSION
    assert report["added"] == 1
    stored = next(m for m in data_records(home)["meetings"] if m["id"] == "mt0older")
    assert stored["notes"].endswith(" (from v1)")
    assert "summary" not in stored


# -- hostile backups: one line, the right exit code, nothing changed --------------------------


def _valid(home: Path, tmp_path: Path) -> dict[str, Any]:
    """A backup with one record the journal lacks: importing it as it is would write."""
    document = export_backup(tmp_path / "source.json")
    document["goals"].append({**document["goals"][0], "id": "g0extra", "title": "Extra"})
    return document


def _too_big(path: Path, document: dict[str, Any]) -> None:
    with path.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: cheap to make, over the cap


def _nested(path: Path, document: dict[str, Any]) -> None:
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)


def _nested_in_a_record(path: Path, document: dict[str, Any]) -> None:
    deep: Any = 1
    for _ in range(200):  # below the interpreter's recursion limit, above ours
        deep = {"x": deep}
    document["reflections"][0]["snapshot"] = deep
    write_json(path, document)


def _not_json(path: Path, document: dict[str, Any]) -> None:
    path.write_text('{"format": "mentorlog-export", ', encoding="utf-8")


def _not_utf8(path: Path, document: dict[str, Any]) -> None:
    path.write_bytes(b'{"format": "\xff\xfe"}')


def _wrong_marker(path: Path, document: dict[str, Any]) -> None:
    document["format"] = "something-else"
    write_json(path, document)


def _a_list(path: Path, document: dict[str, Any]) -> None:
    write_json(path, [document])


def _newer_schema(path: Path, document: dict[str, Any]) -> None:
    document["schema_version"] = CURRENT_VERSION + 1
    write_json(path, document)


def _invalid_field(path: Path, document: dict[str, Any]) -> None:
    document["meetings"][0]["rating"] = 9
    document["meetings"][0]["notes"] = "SECRET NOTE TEXT"
    write_json(path, document)


def _dangling(path: Path, document: dict[str, Any]) -> None:
    document["actions"].append({**document["actions"][0], "id": "ac0new", "meeting": "mt0gone"})
    write_json(path, document)


def _duplicate_id(path: Path, document: dict[str, Any]) -> None:
    document["goals"].append(document["goals"][0])
    write_json(path, document)


def _not_a_list(path: Path, document: dict[str, Any]) -> None:
    document["mentors"] = {"m0ada": "x"}
    write_json(path, document)


@pytest.mark.parametrize(
    ("make", "code", "words"),
    [
        (_too_big, 2, "larger than 50 MB"),
        (_nested, 2, "too deeply"),
        (_nested_in_a_record, 2, "too deeply"),
        (_not_json, 2, "not valid JSON: line 1"),
        (_not_utf8, 2, "not UTF-8"),
        (_wrong_marker, 2, "not a mentorlog backup"),
        (_a_list, 2, "not a mentorlog backup"),
        (_newer_schema, 3, "newer mentorlog"),
        (_invalid_field, 2, "meetings record 1"),
        (_dangling, 2, "field 'meeting' refers to a meeting that does not exist"),
        (_duplicate_id, 2, "appears twice"),
        (_not_a_list, 2, "'mentors' is not a list"),
    ],
)
def test_hostile_backups_are_refused_cleanly(
    home: Path, tmp_path: Path, make: Any, code: int, words: str
) -> None:
    build_journal(home)
    document = _valid(home, tmp_path)
    before = snapshot(home)
    bad = tmp_path / "bad.json"
    make(bad, document)
    for extra in ((), ("--dry-run",)):
        result = run("import", str(bad), *extra)
        assert result.exit_code == code
        assert result.stderr.startswith("mentorlog: ")
        assert result.stderr.count("\n") == 1
        assert words in result.stderr
        assert "Traceback" not in result.stderr
        assert "SECRET" not in result.stderr
        assert result.stdout == ""
        assert snapshot(home) == before


def test_the_hostile_test_baseline_would_write(home: Path, tmp_path: Path) -> None:
    build_journal(home)
    report = import_json("import", str(write_json(tmp_path / "ok.json", _valid(home, tmp_path))))
    assert report["added"] == 1


def test_an_invalid_record_names_the_field(home: Path, tmp_path: Path) -> None:
    build_journal(home)
    bad = tmp_path / "bad.json"
    _invalid_field(bad, _valid(home, tmp_path))
    result = run("import", str(bad))
    assert "field 'rating'" in result.stderr


def test_a_failed_import_into_a_new_journal_creates_nothing(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    bad = write_json(tmp_path / "bad.json", {"format": "mentorlog-export", "schema_version": 0})
    result = run("--data-dir", str(fresh), "import", str(bad))
    assert result.exit_code == 2
    assert "schema_version" in result.stderr
    assert not fresh.exists()


@pytest.mark.parametrize(
    ("name", "words"),
    [("people.txt", "Cannot tell the format"), ("missing.json", "Cannot read")],
)
def test_unreadable_or_unknown_files_are_bad_input(tmp_path: Path, name: str, words: str) -> None:
    if name.endswith(".txt"):
        (tmp_path / name).write_text("name\nAda\n", encoding="utf-8")
    result = run("import", str(tmp_path / name))
    assert result.exit_code == 2
    assert words in result.stderr


def test_the_format_option_overrides_the_file_name(home: Path, tmp_path: Path) -> None:
    people = tmp_path / "people.txt"
    people.write_text("name,org\nAda Lovelace,Engines\n", encoding="utf-8")
    report = import_json("import", str(people), "--format", "csv")
    assert [p["name"] for p in report["added"]] == ["Ada Lovelace"]


# -- people from CSV -------------------------------------------------------------------------

LINKEDIN = """\
Notes:
"When exporting your connection data, you may notice that some of the email addresses are \
missing. You will only see email addresses for connections who have allowed their connections \
to see or download their email address using this setting \
https://www.linkedin.com/psettings/privacy/email. You can learn more here \
https://www.linkedin.com/help/linkedin/answer/261"

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Grace,Hopper,https://www.linkedin.com/in/grace,,US Navy,Rear Admiral,12 Mar 2024
Ada,Lovelace,https://www.linkedin.com/in/ada,,ANALYTICAL ENGINES,Analyst,01 Feb 2026
Alan,Turing,,alan@example.org,,"Researcher, codebreaker",sometime
GRACE,HOPPER,,,us navy,,01 Jan 2020
,,,,,,
"""


def existing_ada(home: Path) -> None:
    with Store(home, command="test").transaction() as journal:
        journal.mentors.append(
            Mentor(
                id="m0ada",
                **stamp(),
                name="Ada Lovelace",
                org="Analytical Engines",
                started=date(2025, 1, 1),
            )
        )


def mentors_on_disk(home: Path) -> dict[str, dict[str, Any]]:
    return {m["name"]: m for m in data_records(home)["mentors"]}


def test_linkedin_connections_become_prospects(home: Path, tmp_path: Path) -> None:
    existing_ada(home)
    source = tmp_path / "Connections.csv"
    source.write_text("\ufeff" + LINKEDIN, encoding="utf-8")
    report = import_json("import", str(source))
    assert report["source"] == "linkedin"
    assert [p["name"] for p in report["added"]] == ["Grace Hopper", "Alan Turing"]
    assert [p["name"] for p in report["duplicates"]] == ["Ada Lovelace", "GRACE HOPPER"]
    mentors = mentors_on_disk(home)
    grace = mentors["Grace Hopper"]
    assert grace["id"] == report["added"][0]["id"]
    assert grace["status"] == "prospect"
    assert grace["source"] == "linkedin"
    assert grace["kind"] == "mentor"
    assert grace["org"] == "US Navy"
    assert grace["role"] == "Rear Admiral"
    assert grace["url"] == "https://www.linkedin.com/in/grace"
    assert grace["email"] is None
    assert grace["started"] == "2026-11-24"  # the prospect clock starts on import day
    assert grace["connected"] == "2024-03-12"  # when you connected: kept as a fact
    assert grace["cadence"] == "1m"  # the configured default for kind mentor
    alan = mentors["Alan Turing"]
    assert alan["email"] == "alan@example.org"
    assert alan["role"] == "Researcher, codebreaker"
    assert alan["started"] == "2026-11-24"  # "sometime" is not a date: today


def test_a_known_name_is_a_duplicate_whatever_the_organisation(home: Path, tmp_path: Path) -> None:
    existing_ada(home)  # Ada Lovelace at Analytical Engines
    source = tmp_path / "people.csv"
    source.write_text("name,org\nAda Lovelace,Babbage & Co\n", encoding="utf-8")
    report = import_json("import", str(source))
    assert report["added"] == []
    assert [p["name"] for p in report["duplicates"]] == ["Ada Lovelace"]
    assert list(mentors_on_disk(home)) == ["Ada Lovelace"]
    assert run("mentor", "show", "ada").exit_code == 0  # still one Ada to resolve


def test_a_second_linkedin_import_adds_nobody(home: Path, tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text(LINKEDIN, encoding="utf-8")
    assert run("import", str(source)).exit_code == 0
    before = snapshot(home)
    result = run("import", str(source))
    assert result.exit_code == 0
    assert "Added 0 prospects" in result.stdout
    assert "Skipped 4 already in the journal" in result.stdout
    assert snapshot(home) == before


def test_simple_csv_uses_the_configured_cadence(home: Path, tmp_path: Path) -> None:
    config = Path(str(tmp_path / "config" / "config.toml"))
    config.parent.mkdir(parents=True)
    config.write_text('[cadence]\nmentor = "biweekly"\n', encoding="utf-8")
    people = (
        "Name,Email,Org,Role\n"
        "Katherine Johnson,kj@example.org,NASA,Mathematician\n"
        "katherine johnson,,nasa,\n"
        "Mary Jackson,,,\n"
    )
    result = import_text(tmp_path / "people.csv", people)
    assert result.exit_code == 0, result.stderr
    assert "Added 2 prospects from people.csv" in result.stdout
    assert "= katherine johnson (nasa)" in result.stdout
    mentors = mentors_on_disk(home)
    assert set(mentors) == {"Katherine Johnson", "Mary Jackson"}
    katherine = mentors["Katherine Johnson"]
    assert katherine["source"] == "other"
    assert katherine["email"] == "kj@example.org"
    assert katherine["cadence"] == "2w"
    assert katherine["started"] == "2026-11-24"


def test_people_dry_run_writes_nothing(home: Path, tmp_path: Path) -> None:
    existing_ada(home)
    before = snapshot(home)
    source = tmp_path / "Connections.csv"
    source.write_text(LINKEDIN, encoding="utf-8")
    report = import_json("import", str(source), "--dry-run")
    assert report["dry_run"] is True
    assert len(report["added"]) == 2
    assert snapshot(home) == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("name,email\nAda,ada@example.org\nBob,not-an-address\n", "line 3: field 'email'"),
        ("name\n" + "x" * 300 + "\n", "line 2: field 'name'"),
        ("who,what\nAda,coffee\n", "has no header row"),
        ('name\n"' + "x" * 200_000 + '"\n', "line 2: not valid CSV"),
        ("", "has no header row"),
    ],
)
def test_bad_people_files_change_nothing(
    home: Path, tmp_path: Path, content: str, words: str
) -> None:
    existing_ada(home)
    before = snapshot(home)
    result = import_text(tmp_path / "people.csv", content)
    assert result.exit_code == 2
    assert words in result.stderr
    assert result.stderr.count("\n") == 1
    assert snapshot(home) == before


def test_too_big_people_file_is_bad_input(home: Path, tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    with source.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)
    result = run("import", str(source))
    assert result.exit_code == 2
    assert "larger than 50 MB" in result.stderr
    assert not home.exists()


def test_not_utf8_people_file_is_bad_input(home: Path, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_bytes(b"name\n\xff\xfeAda\n")
    result = run("import", str(source))
    assert result.exit_code == 2
    assert "not UTF-8" in result.stderr
    assert not home.exists()


def test_connected_on_dates() -> None:
    from mentorlog.exchange.people import connected_on

    today = date(2026, 11, 24)
    assert connected_on("12 Mar 2024", today) == date(2024, 3, 12)
    assert connected_on("1 sept 2023", today) == date(2023, 9, 1)
    assert connected_on("2025-02-03", today) == date(2025, 2, 3)
    assert connected_on("31 Feb 2024", today) is None
    assert connected_on("", today) is None
    assert connected_on("12 Mar 2030", today) is None  # never in the future


def test_one_undo_takes_back_a_whole_import(home: Path, tmp_path: Path) -> None:
    source = tmp_path / "source"
    build_journal(source)
    backup = tmp_path / "backup.json"
    export_backup(backup, "--data-dir", str(source))
    with Store(home, command="mentorlog goal add").transaction() as journal:
        journal.goals.append(Goal(id="g0mine", **stamp(), title="Mine", started=date(2026, 1, 1)))
    before = snapshot(home)
    assert import_json("import", str(backup))["added"] > 10
    result = run("undo", "--yes")
    assert result.exit_code == 0
    assert "Undid `mentorlog import`" in result.stdout
    after = snapshot(home)
    assert {k: v for k, v in after.items() if "/" not in k} == {
        k: v for k, v in before.items() if "/" not in k
    }
