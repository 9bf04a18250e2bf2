"""`review --reflect` stopped part-way keeps the answers typed so far as a private draft,
offered by the next run; its questions go to stderr. Journals made through the CLI."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from mentorlog.journal.reflections import PROMPTS
from mentorlog.storage import codec
from mentorlog.storage.store import Store
from tests.factories import drafts
from tests.helpers import run, snapshot


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mentorlog.cli.review.interactive", lambda: True)


@pytest.fixture
def journal(home: Path) -> Path:
    assert run("mentor", "add", "Zoë Fernández-García").exit_code == 0
    assert run("meet", "zoe", "--date", "2026-11-02", "--rating", "5").exit_code == 0
    return home


def not_drafts(home: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(home).items() if not k.startswith("drafts")}


def test_stopping_keeps_the_answers_typed_so_far_as_a_private_draft(
    journal: Path, at_a_terminal: None
) -> None:
    before = not_drafts(journal)
    result = run("review", "--reflect", input="Still the right two\nZoë, yes\n")
    assert result.exit_code == 1
    assert "nothing was changed" in result.stderr
    [draft] = drafts(journal)
    assert draft.name.startswith("reflection-2026-Q4-")
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert f"kept in {draft}" in " ".join(result.stderr.split())
    assert "`mentorlog review --quarter 2026-Q4 --reflect` offers them" in result.stderr
    text = draft.read_text(encoding="utf-8")
    assert "Still the right two" in text
    assert "Zoë, yes" in text
    assert not_drafts(journal) == before  # the journal itself is untouched
    assert "Answer:" not in result.stdout  # the questions went to stderr
    assert "Answer:" in result.stderr
    assert "1. " + PROMPTS[0] in " ".join(result.stderr.split())


@pytest.mark.parametrize(
    ("typed_first", "typed_next", "said", "saved_answers"),
    [
        # Enter takes the offer; Enter keeps the two drafted answers; four more are typed.
        (
            "Still the right two\nZoë, yes\n",
            "\n\n\nthree\nfour\nfive\nsix\n",
            ["Continue from your draft of 2026-Q4 (2 of 6 answered)?", "Draft: Zoë, yes"],
            ["Still the right two", "Zoë, yes", "three", "four", "five", "six"],
        ),
        # "n" declines it: the six answers start afresh.
        (
            "old one\n",
            "n\nA\nB\nC\nD\nE\nF\n",
            ["Continue from your draft of 2026-Q4 (1 of 6 answered)?"],
            ["A", "B", "C", "D", "E", "F"],
        ),
    ],
    ids=["taken", "declined"],
)
def test_the_next_run_offers_the_draft_and_the_saved_reflection_deletes_it(
    journal: Path,
    at_a_terminal: None,
    typed_first: str,
    typed_next: str,
    said: list[str],
    saved_answers: list[str],
) -> None:
    run("review", "--reflect", input=typed_first)
    result = run("review", "--reflect", input=typed_next)
    assert result.exit_code == 0, result.stderr
    for words in said:
        assert words in result.stderr
    [saved] = Store(journal).journal().reflections
    assert [a.answer for a in saved.answers] == saved_answers
    assert drafts(journal) == []


def test_stopping_before_typing_anything_keeps_no_draft(journal: Path, at_a_terminal: None) -> None:
    result = run("review", "--reflect", input="")
    assert result.exit_code == 1
    assert drafts(journal) == []


def test_the_editor_opens_on_a_kept_draft(
    journal: Path, at_a_terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("review", "--reflect", input="Drafted first answer\n")
    seen = tmp_path / "seen.md"
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import pathlib, sys\n"
        "path = pathlib.Path(sys.argv[1])\n"
        f"pathlib.Path({str(seen)!r}).write_text(path.read_text())\n"
        "path.write_text(path.read_text() + '\\nmore\\n')\n"
    )
    import sys

    monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")
    result = run("review", "--editor", input="\n")
    assert result.exit_code == 0, result.stderr
    assert "Drafted first answer" in seen.read_text()
    [saved] = Store(journal).journal().reflections
    assert saved.answers[0].answer == "Drafted first answer"
    assert drafts(journal) == []


def test_an_encrypted_journal_keeps_the_answers_encrypted_and_offers_them_again(
    journal: Path, at_a_terminal: None
) -> None:
    assert run("encrypt").exit_code == 0
    result = run("review", "--reflect", input="Secret-answer-7\n")
    assert result.exit_code == 1
    [draft] = drafts(journal)
    assert draft.name.startswith("reflection-2026-Q4-")
    assert draft.name.endswith(".md.age")
    assert codec.is_age(draft.read_bytes())
    assert b"Secret-answer-7" not in draft.read_bytes()
    # Enter takes the offer; Enter keeps the drafted answer; five more are typed.
    result = run("review", "--reflect", input="\n\nB\nC\nD\nE\nF\n")
    assert result.exit_code == 0, result.stderr
    assert "Continue from your draft of 2026-Q4 (1 of 6 answered)?" in result.stderr
    [saved] = Store(journal).journal().reflections
    assert [a.answer for a in saved.answers] == ["Secret-answer-7", "B", "C", "D", "E", "F"]
    assert drafts(journal) == []
