"""Shell completion of mentor, goal and milestone references, through the same protocol the
installed bash and zsh scripts use."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorlog.cli._complete import _matches
from tests.helpers import created_id, run, snapshot


def bash(monkeypatch: pytest.MonkeyPatch, line: str) -> list[str]:
    """What bash would offer for `line` (the last word is the one being completed)."""
    words = line.split(" ")
    with monkeypatch.context() as env:  # only this run completes; later runs are commands
        env.setenv("_MENTORLOG_COMPLETE", "complete_bash")
        env.setenv("COMP_WORDS", line)
        env.setenv("COMP_CWORD", str(len(words) - 1))
        result = run()
    assert result.exit_code == 0
    assert result.stderr == ""
    return [value for value in result.stdout.splitlines() if value]


def zsh(monkeypatch: pytest.MonkeyPatch, line: str) -> str:
    with monkeypatch.context() as env:
        env.setenv("_MENTORLOG_COMPLETE", "complete_zsh")
        env.setenv("_TYPER_COMPLETE_ARGS", line)
        result = run()
    assert result.exit_code == 0
    return result.stdout


@pytest.fixture
def ids() -> dict[str, str]:
    return {
        "speaking": created_id("goal", "add", "Public speaking"),
        "staff": created_id("goal", "add", "Staff engineer"),
        "ada": created_id("mentor", "add", "Ada Lovelace"),
        "adam": created_id("mentor", "add", "Adam Smith", "--kind", "peer"),
        "grace": created_id("mentor", "add", "Grace Hopper"),
    }


def test_a_mentor_name_completes_as_its_slug_keeping_what_was_typed(
    monkeypatch: pytest.MonkeyPatch, ids: dict[str, str]
) -> None:
    assert bash(monkeypatch, "mentorlog mentor show ada") == ["ada-lovelace", "adam-smith"]
    assert bash(monkeypatch, "mentorlog mentor show Gr") == ["Grace-hopper"]
    # what was inserted resolves to the person
    assert "Grace Hopper" in run("mentor", "show", "Grace-hopper").stdout


def test_an_empty_word_offers_everyone_with_ended_relationships_last(
    monkeypatch: pytest.MonkeyPatch, ids: dict[str, str]
) -> None:
    run("mentor", "end", "ada lovelace")
    offered = bash(monkeypatch, "mentorlog mentor show ")
    assert offered == ["adam-smith", "grace-hopper", "ada-lovelace"]


def test_an_id_prefix_completes_to_the_id(
    monkeypatch: pytest.MonkeyPatch, ids: dict[str, str]
) -> None:
    grace = ids["grace"]
    offered = bash(monkeypatch, f"mentorlog mentor edit {grace[:3]}")
    assert grace in offered


def test_zsh_shows_the_full_name_kind_and_status_as_help(
    monkeypatch: pytest.MonkeyPatch, ids: dict[str, str]
) -> None:
    out = zsh(monkeypatch, "mentorlog mentor pause adam")
    assert '"adam-smith":"Adam Smith (peer, active)"' in out


def test_goal_arguments_and_options_complete_titles(
    monkeypatch: pytest.MonkeyPatch, ids: dict[str, str]
) -> None:
    assert bash(monkeypatch, "mentorlog goal show st") == ["staff-engineer"]
    assert bash(monkeypatch, "mentorlog milestone add pub") == ["public-speaking"]
    assert bash(monkeypatch, "mentorlog mentor add Someone --goal pu") == ["public-speaking"]
    assert bash(monkeypatch, "mentorlog milestone list --goal s") == ["staff-engineer"]
    assert bash(monkeypatch, "mentorlog mentor edit ada --remove-goal p") == ["public-speaking"]


def test_mentor_options_complete_names(
    monkeypatch: pytest.MonkeyPatch, ids: dict[str, str]
) -> None:
    assert bash(monkeypatch, "mentorlog milestone add public Talk --mentor g") == ["grace-hopper"]
    milestone = created_id("milestone", "add", "public", "Talk")
    assert bash(monkeypatch, f"mentorlog milestone done {milestone} --mentor gr") == [
        "grace-hopper"
    ]
    assert bash(monkeypatch, f"mentorlog milestone edit {milestone} --mentor ada-l") == [
        "ada-lovelace"
    ]


def test_milestones_complete_by_id_with_open_ones_first(
    monkeypatch: pytest.MonkeyPatch, ids: dict[str, str]
) -> None:
    done = created_id("milestone", "add", "public", "Done already")
    first = created_id("milestone", "add", "public", "First talk")
    run("milestone", "done", done)
    assert bash(monkeypatch, "mentorlog milestone done ") == [first, done]
    assert bash(monkeypatch, f"mentorlog milestone rm {first[:2]}") == [
        m for m in (first, done) if m.startswith(first[:2])
    ]
    out = zsh(monkeypatch, "mentorlog milestone edit ")
    assert f'"{first}":"First talk (open)"' in out


def test_nothing_matches_nothing_is_offered(
    monkeypatch: pytest.MonkeyPatch, ids: dict[str, str]
) -> None:
    assert bash(monkeypatch, "mentorlog mentor show zzz") == []


def test_completion_honours_the_data_dir_option(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    assert run("--data-dir", str(other), "mentor", "add", "Olga Other").exit_code == 0
    assert bash(monkeypatch, f"mentorlog --data-dir {other} mentor show o") == ["olga-other"]
    assert bash(monkeypatch, "mentorlog mentor show o") == []


def test_an_empty_journal_completes_nothing_and_creates_nothing(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    assert bash(monkeypatch, "mentorlog mentor show a") == []
    assert not home.exists()


def test_a_damaged_journal_completes_nothing_and_is_left_alone(
    monkeypatch: pytest.MonkeyPatch, home: Path, ids: dict[str, str]
) -> None:
    (home / "mentors.json").write_text('{"schema_version": 1, "mentors": [')
    before = snapshot(home)
    assert bash(monkeypatch, "mentorlog mentor show a") == []
    assert snapshot(home) == before


def test_completion_never_writes(
    monkeypatch: pytest.MonkeyPatch, home: Path, ids: dict[str, str]
) -> None:
    before = snapshot(home)
    bash(monkeypatch, "mentorlog mentor rm a")
    bash(monkeypatch, "mentorlog goal rm p")
    assert snapshot(home) == before


def test_hostile_names_reach_the_shell_without_control_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    created_id("mentor", "add", "Eve \x1b[2J\x07 [bold]x[/bold]")
    out = zsh(monkeypatch, "mentorlog mentor show ev")  # "e" alone may begin an id
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "eve-2j-bold-x-bold" in out


@pytest.mark.parametrize(
    ("incomplete", "expected"),
    [
        ("", "ada-lovelace"),
        ("ada", "ada-lovelace"),
        ("ADA-L", "ADA-Lovelace"),
        ("ada l", "ada lovelace"),
        ("a1b2", "a1b2c3d4"),
        ("love", None),
        ("x", None),
    ],
)
def test_what_is_inserted_for_a_typed_prefix(incomplete: str, expected: str | None) -> None:
    # What was typed is kept as typed (shells match case-sensitively), the rest follows.
    assert _matches(incomplete, "a1b2c3d4", "Ada Lovelace", insert_id=False) == expected


def test_milestone_insertion_is_always_the_id() -> None:
    assert _matches("", "f1f1f1f1", "Talk", insert_id=True) == "f1f1f1f1"
    assert _matches("f1", "f1f1f1f1", "Talk", insert_id=True) == "f1f1f1f1"
    assert _matches("ta", "f1f1f1f1", "Talk", insert_id=True) is None
