"""Saving reflections, one per period, and the editor template's round trip."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.errors import BadInput, NotFound, Refused
from mentorlog.journal.reflections import (
    PROMPTS,
    find_reflection,
    get_reflection,
    parse_template,
    previous_answers,
    reflection_rows,
    save_reflection,
    template,
)
from mentorlog.journal.state import Journal
from mentorlog.models import Reflection

SNAPSHOT = {"sessions": 4, "hours": 3.5}
FIGURES = [f"figure {n}" for n in range(1, 7)]


def answers(*texts: str) -> list[tuple[str, str]]:
    return list(zip(PROMPTS, texts, strict=True))


def test_saving_adds_one_reflection_with_answers_and_snapshot() -> None:
    journal = Journal(reflections=[])

    saved, new = save_reflection(
        journal, "2026-Q3", answers("a", " b ", "", "d", "e", "f"), SNAPSHOT
    )

    assert new is True
    assert journal.reflections == [saved]
    assert saved.period == "2026-Q3"
    assert [(a.prompt, a.answer) for a in saved.answers] == answers("a", "b", "", "d", "e", "f")
    assert saved.snapshot == SNAPSHOT
    assert find_reflection(journal, "2026-Q3") is saved
    assert find_reflection(journal, "2026-Q2") is None


def test_saving_again_for_a_period_edits_that_reflection() -> None:
    journal = Journal(reflections=[])
    first, _ = save_reflection(journal, "2026-Q3", answers("a", "b", "c", "d", "e", "f"), SNAPSHOT)
    created, updated = first.created, first.updated
    other, _ = save_reflection(journal, "2026-Q4", answers("x", "", "", "", "", ""), {})

    again, new = save_reflection(
        journal, "2026-Q3", answers("A", "b", "c", "d", "e", "f"), {"sessions": 5}
    )

    assert new is False
    assert again.id == first.id
    assert [r.period for r in journal.reflections] == ["2026-Q3", "2026-Q4"]
    assert again.answers[0].answer == "A"
    assert again.snapshot == {"sessions": 5}
    assert again.created == created
    assert again.updated >= updated
    assert other.answers[0].answer == "x"


def test_nothing_is_saved_when_every_answer_is_empty() -> None:
    journal = Journal(reflections=[])
    with pytest.raises(Refused, match="empty"):
        save_reflection(journal, "2026-Q3", answers("", " ", "\n", "", "", ""), SNAPSHOT)
    assert journal.reflections == []


def test_previous_answers_by_prompt() -> None:
    journal = Journal(reflections=[])
    saved, _ = save_reflection(journal, "2026-Q3", answers("a", "", "c", "", "", "f"), {})

    assert previous_answers(saved)[PROMPTS[2]] == "c"
    assert previous_answers(None) == {}


def test_get_reflection_accepts_any_spelling_of_the_period() -> None:
    journal = Journal(reflections=[])
    saved, _ = save_reflection(journal, "2026-Q3", answers("a", "", "", "", "", ""), {})

    assert get_reflection(journal, "2026q3") is saved
    assert get_reflection(journal, " 2026-Q3 ") is saved
    with pytest.raises(NotFound, match="2026-Q1"):
        get_reflection(journal, "2026-Q1")
    with pytest.raises(BadInput, match="Not a quarter"):
        get_reflection(journal, "spring")


def test_the_template_has_a_heading_per_prompt_its_figure_and_the_previous_answer() -> None:
    text = template("2026-Q3", PROMPTS, FIGURES, {PROMPTS[1]: "told them"})

    assert text.startswith("# Reflection on 2026-Q3\n")
    for number, prompt in enumerate(PROMPTS, start=1):
        assert f"\n## {number}. {prompt}\n" in text
        assert f"<!-- figure {number} -->" in text
    assert parse_template(text, PROMPTS) == answers("", "told them", "", "", "", "")


def test_parsing_reads_multi_line_answers_and_ignores_comments() -> None:
    text = template("2026-Q3", PROMPTS, FIGURES, {})
    text = text.replace(
        "<!-- figure 4 -->",
        "<!-- figure 4 -->\nYes, mostly.\n\n- one extra session\n<!-- a note\nover lines -->",
    )

    parsed = dict(parse_template(text, PROMPTS))

    assert parsed[PROMPTS[3]] == "Yes, mostly.\n\n- one extra session"
    assert parsed[PROMPTS[0]] == ""


def test_a_figure_with_comment_syntax_cannot_leak_into_an_answer() -> None:
    figures = ["Most sessions: Eve --> <!-- (3)", *FIGURES[1:]]
    text = template("2026-Q3", PROMPTS, figures, {})

    assert parse_template(text, PROMPTS) == answers("", "", "", "", "", "")


def test_a_draft_without_the_headings_is_bad_input() -> None:
    with pytest.raises(BadInput, match="numbered prompt headings"):
        parse_template("I rewrote everything.", PROMPTS)


def test_a_deleted_heading_gives_an_empty_answer() -> None:
    text = template("2026-Q3", PROMPTS, FIGURES, dict.fromkeys(PROMPTS, "kept"))
    lines = text.splitlines()
    cut = lines.index(f"## 2. {PROMPTS[1]}")
    del lines[cut]

    parsed = parse_template("\n".join(lines), PROMPTS)

    assert parsed[1] == (PROMPTS[1], "")
    # the orphaned answer joins the one above rather than being lost
    assert parsed[0][1].split() == ["kept", "kept"]


_LINE_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")) | st.just("\n")


@given(
    st.lists(
        st.text(_LINE_CHARS, max_size=80).filter(
            lambda t: "<!--" not in t and not any(line.startswith("#") for line in t.split("\n"))
        ),
        min_size=6,
        max_size=6,
    )
)
def test_answers_round_trip_through_the_template(texts: list[str]) -> None:
    text = template("2026-Q3", PROMPTS, FIGURES, dict(zip(PROMPTS, texts, strict=True)))

    assert parse_template(text, PROMPTS) == [
        (prompt, answer.strip()) for prompt, answer in zip(PROMPTS, texts, strict=True)
    ]


def test_reflection_rows_oldest_period_first() -> None:
    moment = datetime(2026, 10, 3, 12, tzinfo=timezone.utc)
    later = Reflection(
        id="r2r2",
        period="2026-Q3",
        answers=[],
        snapshot={"sessions": 7},
        created=moment,
        updated=moment,
    )
    journal = Journal(reflections=[later])
    save_reflection(journal, "2026-Q2", answers("a", "b", "", "", "", ""), {"sessions": True})

    rows = reflection_rows(journal)

    assert [r.period for r in rows] == ["2026-Q2", "2026-Q3"]
    assert (rows[0].answered, rows[0].prompts, rows[0].sessions) == (2, 6, None)
    assert (rows[1].answered, rows[1].sessions, rows[1].saved) == (0, 7, date(2026, 10, 3))
