"""Messages read as plain English: no library wording, plurals that agree, error lines that
wrap at words in a narrow terminal; CSV imports from European spreadsheets."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from mentorlog.cli._group import fail
from mentorlog.text import plural, wrap_words
from tests.helpers import import_text, run, snapshot

LIBRARY_WORDING = ("Value error", "Input should", "String should", "valid integer", "to parse")


def no_library_wording(text: str) -> None:
    for words in LIBRARY_WORDING:
        assert words not in text, text


def test_a_bad_config_value_is_said_in_plain_words() -> None:
    result = run("config", "set", "focus_limit", "x")
    assert result.exit_code == 2
    assert result.stderr == "mentorlog: Bad value for 'focus_limit': must be a whole number.\n"


def test_a_hand_edited_file_names_the_field_in_plain_words(home: Path) -> None:
    assert run("mentor", "add", "Ada Lovelace").exit_code == 0
    assert run("meet", "ada", "--rating", "4").exit_code == 0
    [sessions] = home.glob("meetings-*.json")
    sessions.write_text(sessions.read_text().replace('"rating": 4', '"rating": "x"'))
    before = snapshot(home)
    result = run("meeting", "list")
    assert result.exit_code == 3
    assert "field 'rating': must be a whole number." in result.stderr
    no_library_wording(result.stderr)
    assert snapshot(home) == before


def test_a_bad_record_in_an_imported_backup_is_said_in_plain_words(tmp_path: Path) -> None:
    assert run("mentor", "add", "Ada Lovelace").exit_code == 0
    backup = tmp_path / "backup.json"
    assert run("export", "--output", str(backup)).exit_code == 0
    data = json.loads(backup.read_text())
    data["mentors"][0]["kind"] = "guru"
    backup.write_text(json.dumps(data))
    result = run("import", str(backup))
    assert result.exit_code == 2
    assert "field 'kind': must be one of 'mentor', 'peer', 'reverse' or 'micro'" in result.stderr
    no_library_wording(result.stderr)


def test_plurals_agree() -> None:
    assert plural(1, "prospect") == "1 prospect"
    assert plural(2, "row") == "2 rows"
    assert plural(1, "match", "matches") == "1 match"
    assert plural(0, "match", "matches") == "0 matches"


def test_one_prospect_and_one_row_are_singular(tmp_path: Path) -> None:
    people = "name,org\nAda Lovelace,Engines\n,Nameless Ltd\n"
    result = import_text(tmp_path / "people.csv", people)
    assert result.exit_code == 0, result.stderr
    assert "Added 1 prospect from people.csv" in result.stdout
    assert "Skipped 1 row without a name." in result.stdout


# -- error lines in a narrow terminal ------------------------------------------------------

LONG = (
    "/home/zoë/Documents/mentoring-journal-with-a-long-name/meetings-2026.json is invalid: "
    "record 12 (id 0a1b2c3d), field 'agreement.until': must be a date (YYYY-MM-DD)."
)


@pytest.mark.parametrize("width", [30, 40, 60, 80])
def test_wrapped_lines_break_only_between_words(width: int) -> None:
    lines = wrap_words(LONG, width)
    assert " ".join(lines) == LONG  # nothing lost, nothing split
    for line in lines:
        assert len(line) <= width or " " not in line  # only an unbreakable word is longer
    assert any(line.startswith("/home/zoë/") for line in lines)  # the path is whole


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_errors_wrap_at_words_in_a_narrow_terminal_and_not_in_a_pipe(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with pytest.raises(SystemExit):
        fail(LONG, 3)
    lines = terminal.getvalue().splitlines()
    assert len(lines) > 3
    assert " ".join(lines) == f"mentorlog: {LONG}"
    assert all(len(line) <= 40 for line in lines if " " in line)
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    with pytest.raises(SystemExit):
        fail(LONG, 3)
    assert piped.getvalue() == f"mentorlog: {LONG}\n"  # one line for logs and scripts


# -- CSV from spreadsheets ------------------------------------------------------------------


def test_a_semicolon_file_from_a_european_spreadsheet_imports(tmp_path: Path) -> None:
    people = (
        "Name;E-Mail;Company;Role\r\nZoë Fernández-García;zoe@example.org;Acme, S.L.;CTO\r\n"
        "Søren Ødegård;;Nordic Ltd;Lead\r\n"
    )
    result = import_text(tmp_path / "kontakte.csv", people, "--json", encoding="utf-8-sig")
    assert result.exit_code == 0, result.stderr
    added = json.loads(result.stdout)["added"]
    assert [(p["name"], p["org"]) for p in added] == [
        ("Zoë Fernández-García", "Acme, S.L."),
        ("Søren Ødegård", "Nordic Ltd"),
    ]
    shown = run("mentor", "show", "fernandez", "--json")
    assert json.loads(shown.stdout)["mentor"]["email"] == "zoe@example.org"


def test_a_linkedin_export_with_its_preamble_still_reads_as_commas(tmp_path: Path) -> None:
    people = (
        "Notes:\n"
        '"When exporting your connection data, you may notice; that some addresses are missing"\n'
        "\n"
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Analyst,12 Mar 2024\n"
    )
    result = import_text(tmp_path / "Connections.csv", people, "--json")
    assert result.exit_code == 0, result.stderr
    assert [p["name"] for p in json.loads(result.stdout)["added"]] == ["Ada Lovelace"]


def test_a_latin1_file_is_refused_in_one_line_that_says_how_to_resave_it(
    home: Path, tmp_path: Path
) -> None:
    assert run("mentor", "add", "Ada Lovelace").exit_code == 0
    people = tmp_path / "people.csv"
    people.write_bytes("name;org\nJosé Muñoz;Café Olé\n".encode("cp1252"))
    before = snapshot(home)
    result = run("import", str(people))
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert "people.csv is not UTF-8 text (it looks like Latin-1/Windows-1252)" in line
    assert "CSV UTF-8" in line
    assert "iconv -f cp1252 -t utf-8 people.csv > utf8-people.csv" in line
    assert snapshot(home) == before


def test_a_bad_choice_is_said_without_library_wording() -> None:
    assert run("mentor", "add", "Zoë").exit_code == 0
    result = run("meet", "zoe", "--format", "zoom")
    assert result.exit_code == 2
    assert "'zoom' is not one of" in result.stderr
    assert "Value error" not in result.stderr
