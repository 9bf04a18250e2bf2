"""A cadence keeps its unit (docs/storage.md and docs/nudges.md): `30d` is thirty days, `monthly`
and `2m` calendar months, from the command line through the files, the `--json` shapes and old
journals."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.dates import (
    NAMED_CADENCES,
    Cadence,
    after_cadence,
    format_cadence,
    parse_cadence,
)
from mentorlog.errors import BadInput
from mentorlog.storage import migrations
from mentorlog.storage.store import Store
from tests.helpers import ok, refused, run, snapshot


def next_due(name: str) -> str:
    board = json.loads(ok("status", "--json"))
    [row] = [r for r in board["relationships"] if r["name"] == name]
    return str(row["next_due"])


def on_disk(home: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((home / "mentors.json").read_text(encoding="utf-8"))
    return document


# -- parsed, shown and stored -------------------------------------------------------------------


W, M = "week", "month"


@pytest.mark.parametrize(
    ("text", "cadence"),
    [("weekly", Cadence(1, W)), ("biweekly", Cadence(2, W)), ("fortnightly", Cadence(2, W)),
     ("monthly", Cadence(1, M)), ("Quarterly", Cadence(3, M)), ("none", None), ("ad-hoc", None),
     ("10d", Cadence(10, "day")), ("30d", Cadence(30, "day")), ("3w", Cadence(3, W)),
     ("2m", Cadence(2, M)), ("every 3w", Cadence(3, W)), ("every 2 months", Cadence(2, M)),
     ("every  30 days", Cadence(30, "day")), ("every day", Cadence(1, "day")),
     ("1 month", Cadence(1, M)), ("12m", Cadence(12, M))],
)  # fmt: skip
def test_cadences_keep_their_unit(text: str, cadence: Cadence | None) -> None:
    assert parse_cadence(text) == cadence


def test_thirty_days_is_not_a_month_and_two_months_are_not_sixty_days() -> None:
    assert parse_cadence("30d") != parse_cadence("monthly")
    assert parse_cadence("2m") != parse_cadence("60d")
    assert after_cadence(date(2026, 2, 1), Cadence(30, "day")) == date(2026, 3, 3)
    assert after_cadence(date(2026, 2, 1), Cadence(1, M)) == date(2026, 3, 1)
    assert after_cadence(date(2028, 2, 1), Cadence(30, "day")) == date(2028, 3, 2)  # leap year
    assert after_cadence(date(2026, 1, 31), Cadence(2, M)) == date(2026, 3, 31)
    assert after_cadence(date(2026, 12, 31), Cadence(2, M)) == date(2027, 2, 28)
    assert after_cadence(date(2026, 1, 1), Cadence(60, "day")) == date(2026, 3, 2)


@pytest.mark.parametrize(
    ("cadence", "shown", "stored"),
    [(Cadence(1, W), "weekly", "1w"), (Cadence(2, W), "biweekly", "2w"),
     (Cadence(1, M), "monthly", "1m"), (Cadence(3, M), "quarterly", "3m"),
     (Cadence(2, M), "every 2 months", "2m"), (Cadence(3, W), "every 3 weeks", "3w"),
     (Cadence(30, "day"), "every 30 days", "30d"), (Cadence(1, "day"), "every day", "1d"),
     (None, "ad-hoc", None)],
)  # fmt: skip
def test_cadences_are_shown_in_words_and_stored_short(
    cadence: Cadence | None, shown: str, stored: str | None
) -> None:
    assert format_cadence(cadence) == shown
    if cadence is not None:
        assert str(cadence) == stored


@given(st.sampled_from([*NAMED_CADENCES.values(), None]))
def test_named_cadences_round_trip(cadence: Cadence | None) -> None:
    assert parse_cadence(format_cadence(cadence)) == cadence


cadences = st.one_of(
    st.builds(Cadence, st.integers(1, 1095), st.just("day")),
    st.builds(Cadence, st.integers(1, 156), st.just("week")),
    st.builds(Cadence, st.integers(1, 36), st.just("month")),
)


@given(cadences)
def test_every_cadence_shown_or_stored_can_be_typed_back(cadence: Cadence) -> None:
    assert parse_cadence(format_cadence(cadence)) == cadence
    assert parse_cadence(str(cadence)) == cadence


@given(st.from_regex(r"\A(every )?[0-9]{1,4}[dwm]\Z"))
def test_what_parses_formats_and_parses_the_same(text: str) -> None:
    try:
        cadence = parse_cadence(text)
    except BadInput:
        return
    assert cadence is not None
    assert parse_cadence(format_cadence(cadence)) == cadence == parse_cadence(str(cadence))


# -- exact days, calendar months, through the CLI ------------------------------------------------


def test_thirty_days_is_thirty_days_and_monthly_is_the_same_day_next_month(home: Path) -> None:
    ok("mentor", "add", "Ada Lovelace", "--cadence", "30d", "--started", "2026-01-01")
    ok("mentor", "add", "Grace Hopper", "--cadence", "monthly", "--started", "2026-01-01")
    ada = ok("meet", "ada", "--date", "2026-02-01")
    ok("meet", "grace", "--date", "2026-02-01")
    assert "next was due by 2026-03-03: overdue." in " ".join(ada.split())  # not a leap year
    assert (next_due("Ada Lovelace"), next_due("Grace Hopper")) == ("2026-03-03", "2026-03-01")
    assert [m["cadence"] for m in on_disk(home)["mentors"]] == ["30d", "1m"]
    listed = {row["name"]: row["cadence"] for row in json.loads(ok("mentor", "list", "--json"))}
    assert listed == {"Ada Lovelace": "30d", "Grace Hopper": "1m"}


def test_two_months_are_two_calendar_months(home: Path) -> None:
    ok("mentor", "add", "Ada Lovelace", "--cadence", "2m", "--started", "2026-01-01")
    ok("meet", "ada", "--date", "2026-01-31")
    assert next_due("Ada Lovelace") == "2026-03-31"  # not 1 April (60 days)
    assert on_disk(home)["mentors"][0]["cadence"] == "2m"
    assert "every 2 months" in ok("mentor", "show", "ada")


def test_edit_cadence_keeps_the_unit_typed_and_none_clears_it(home: Path) -> None:
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-01-01")
    assert on_disk(home)["mentors"][0]["cadence"] == "1m"  # the default for a mentor
    ok("mentor", "edit", "ada", "--cadence", "every 3 weeks")
    assert on_disk(home)["mentors"][0]["cadence"] == "3w"
    assert "every 3 weeks" in ok("mentor", "list")
    ok("mentor", "edit", "ada", "--cadence", "none")
    assert on_disk(home)["mentors"][0]["cadence"] is None


def test_a_bad_cadence_changes_nothing(home: Path) -> None:
    ok("mentor", "add", "Ada Lovelace", "--cadence", "2w")
    before = snapshot(home)
    result = run("mentor", "edit", "ada", "--cadence", "37m")
    assert result.exit_code == 2
    assert result.stderr.startswith("mentorlog: Not a cadence: '37m'.")
    assert snapshot(home) == before


def test_the_configured_default_keeps_its_unit(home: Path, tmp_path: Path) -> None:
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir()
    config.write_text('[cadence]\nmentor = "30d"\npeer = "2m"\n', encoding="utf-8")
    ok("mentor", "add", "Ada Lovelace")
    ok("mentor", "add", "Grace Hopper", "--kind", "peer")
    assert [m["cadence"] for m in on_disk(home)["mentors"]] == ["30d", "2m"]


# -- old journals and old backups ----------------------------------------------------------------

STAMPS = {"created": "2025-03-10T18:00:00+01:00", "updated": "2025-03-10T18:00:00+01:00"}
# What the old parser stored for each form -> what it is now.
OLD_FORMS = [
    (7, "1w"),  # weekly
    (14, "2w"),  # biweekly, fortnightly
    (21, "3w"),
    (30, "1m"),  # monthly, 1m
    (60, "2m"),
    (90, "3m"),  # quarterly
    (210, "7m"),  # a multiple of 30 and of 7: the old code counted it in months
    (10, "10d"),
    (1, "1d"),
    (1095, "1095d"),
    (None, None),
]


def old_mentors(version: int) -> dict[str, Any]:
    return {
        "schema_version": version,
        "x_top": "kept",
        "mentors": [
            {
                "id": f"a{n:07d}",
                **STAMPS,
                "name": f"P {n}",
                "cadence": days,
                "started": "2025-03-10",
            }
            | ({} if n else {"x_field": "kept"})
            for n, (days, _) in enumerate(OLD_FORMS)
        ],
    }


@pytest.mark.parametrize("version", [1, 2])
def test_old_cadences_in_days_are_read_in_their_unit_and_written_on_the_next_change(
    home: Path, version: int
) -> None:
    home.mkdir(parents=True)
    (home / "mentors.json").write_text(json.dumps(old_mentors(version), indent=2))
    before = snapshot(home)
    loaded = [m.cadence for m in Store(home).journal().mentors]
    assert [str(c) if c else None for c in loaded] == [new for _, new in OLD_FORMS]
    assert loaded[3] == Cadence(1, "month")
    assert snapshot(home) == before  # read, not written
    ok("mentor", "add", "Someone New", "--cadence", "10d")
    saved = on_disk(home)
    assert saved["schema_version"] == migrations.CURRENT_VERSION == 3
    assert [m["cadence"] for m in saved["mentors"]] == [new for _, new in OLD_FORMS] + ["10d"]
    assert (saved["x_top"], saved["mentors"][0]["x_field"]) == ("kept", "kept")
    [backup] = Store(home).backups_of("mentors.json")
    assert backup.read_bytes() == before["mentors.json"]


@pytest.mark.parametrize(
    ("old", "new"),
    [(30, "1m"), (30.0, "1m"), ("90", "3m"), (14, "2w"), (10, "10d"), (None, None),
     (0, 0), (-7, -7), (True, True), (2.5, 2.5), ("often", "often"), ("1m", "1m")],
)  # fmt: skip
def test_the_migration_converts_what_the_old_field_read_and_leaves_the_rest_to_validation(
    old: object, new: object
) -> None:
    document = {"schema_version": 2, "mentors": [{"id": "a0000001", "cadence": old}, "odd"]}
    migrated = migrations.migrate("mentors", document, 2)
    assert migrated == {"schema_version": 3, "mentors": [{"id": "a0000001", "cadence": new}, "odd"]}
    other = {"schema_version": 2, "goals": [{"id": "g0000001", "cadence": 30}]}
    assert migrations.migrate("goals", other, 2)["goals"] == other["goals"]  # mentors only


def test_a_migrated_cadence_is_judged_in_its_unit(home: Path) -> None:
    home.mkdir(parents=True)
    document = old_mentors(2)
    document["mentors"] = [document["mentors"][3] | {"started": "2026-01-01", "name": "Ada"}]
    (home / "mentors.json").write_text(json.dumps(document))
    ok("meet", "ada", "--date", "2026-02-01")
    assert next_due("Ada") == "2026-03-01"  # monthly, as it was typed: not 30 days


@pytest.mark.parametrize(
    ("version", "first_cadence"),
    [(2, 0), (migrations.CURRENT_VERSION, None)],
    ids=["an old cadence that was never valid", "a bare number in a current file"],
)
def test_a_cadence_that_is_not_one_is_refused_not_guessed(
    home: Path, version: int, first_cadence: int | None
) -> None:
    home.mkdir(parents=True)
    document = old_mentors(version)
    if first_cadence is not None:
        document["mentors"][0]["cadence"] = first_cadence
    (home / "mentors.json").write_text(json.dumps(document))
    refused(home, "mentor", "list", code=3, says="cadence")


def test_a_newer_mentors_file_is_refused(home: Path) -> None:
    home.mkdir(parents=True)
    document = old_mentors(migrations.CURRENT_VERSION + 1)
    (home / "mentors.json").write_text(json.dumps(document))
    before = snapshot(home)
    result = run("mentor", "add", "Someone New")
    assert result.exit_code == 3
    assert "newer mentorlog" in result.stderr
    assert snapshot(home)["mentors.json"] == before["mentors.json"]
    assert not (home / "backups").exists()


@pytest.mark.parametrize("version", [1, 2])
def test_an_old_json_backup_imports_with_cadences_in_their_unit(
    home: Path, tmp_path: Path, version: int
) -> None:
    backup = {"format": "mentorlog-export", **old_mentors(version)}
    file = tmp_path / "backup.json"
    file.write_text(json.dumps(backup), encoding="utf-8")
    report = json.loads(ok("import", str(file), "--json"))
    assert report["schema_version"] == version
    assert [m["cadence"] for m in on_disk(home)["mentors"]] == [new for _, new in OLD_FORMS]
    shown = json.loads(ok("export", "--format", "json"))
    assert shown["schema_version"] == 3
    assert [m["cadence"] for m in shown["mentors"]] == [new for _, new in OLD_FORMS]


def test_the_version_1_fixture_journal_reads_monthly_as_a_calendar_month(home: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "v1-journal"
    home.mkdir(parents=True)
    for path in fixture.glob("*.json"):
        (home / path.name).write_bytes(path.read_bytes())
    cadences = {m.name: m.cadence for m in Store(home).journal().mentors}
    assert cadences["Ada Okafor"] == Cadence(1, "month")
