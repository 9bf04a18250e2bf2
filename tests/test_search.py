"""`mentorlog search`: every kind of record, snippets around the match, filters, literal
output with the match highlighted by style (never by markup)."""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from mentorlog.errors import BadInput
from mentorlog.insights.search import SNIPPET, Hit, _Query, find, snippet
from mentorlog.insights.search import _fold as fold_words
from mentorlog.journal.state import Journal
from mentorlog.models import Meeting, Milestone, new_id, stamp
from mentorlog.output import Ref
from mentorlog.render.sessions import search_results
from mentorlog.storage.store import Store
from mentorlog.text import clean, fold
from tests.factories import ESC, HOSTILE, action, agreement, goal, meeting, mentor, seed
from tests.helpers import run

HIT_KEYS = {"kind", "id", "date", "owner", "field", "snippet", "matches"}


@pytest.fixture
def world() -> dict[str, Any]:
    speaking = goal("Public speaking", why="Lead the team's DEMOS with confidence")
    ada = mentor(org="Analytical Engines", agreement=agreement(hope="Feedback on demos"))
    grace = mentor("Grace Hopper", notes="Knows compilers and demos")
    long_notes = "word " * 40 + "the Demo went well " + "more " * 40
    return {
        "goal": speaking,
        "ada": ada,
        "grace": grace,
        "oct": meeting(ada, date(2026, 10, 1), notes=long_notes, takeaways=["Demo early"]),
        "nov": meeting(grace, date(2026, 11, 20), takeaways=["Nothing related"]),
        "act": action("Record a demo", mentor=ada.id),
        "stone": Milestone(
            id=new_id(), goal=speaking.id, title="First demo day", mentor=grace.id, **stamp()
        ),
    }


def journal_of(world: dict[str, Any]) -> Journal:
    return Journal(
        goals=[world["goal"]],
        mentors=[world["ada"], world["grace"]],
        meetings=[world["oct"], world["nov"]],
        actions=[world["act"]],
        milestones=[world["stone"]],
    )


def test_finds_every_kind_ignoring_case(world: dict[str, Any]) -> None:
    hits = find(journal_of(world), "DeMo").hits
    found = {(h.kind, h.id, h.field) for h in hits}
    assert found == {
        ("session", world["oct"].id, "notes"),
        ("session", world["oct"].id, "takeaway"),
        ("action", world["act"].id, "text"),
        ("goal", world["goal"].id, "why"),
        ("milestone", world["stone"].id, "title"),
        ("mentor", world["ada"].id, "agreement.hope"),
        ("mentor", world["grace"].id, "notes"),
    }


def test_hits_name_what_they_belong_to_and_are_newest_first(world: dict[str, Any]) -> None:
    hits = find(journal_of(world), "demo").hits
    owners = {(h.kind, h.field): h.owner.name for h in hits}
    assert owners[("session", "notes")] == "Ada Lovelace"
    assert owners[("action", "text")] == "Ada Lovelace"
    assert owners[("milestone", "title")] == "Public speaking"
    dates = [h.date for h in hits]
    assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]


def test_snippet_is_about_sixty_characters_around_the_match(world: dict[str, Any]) -> None:
    [hit] = [h for h in find(journal_of(world), "demo went").hits if h.field == "notes"]
    assert hit.snippet.startswith("…")
    assert hit.snippet.endswith("…")
    assert len(hit.snippet) <= SNIPPET + 2
    [span] = hit.matches
    assert hit.snippet[span.start : span.end] == "Demo went"


def test_snippet_is_one_clean_line_with_every_match_spanned() -> None:
    shown, spans = snippet("x\n\nAB\x1b[2J y\tab", _Query("ab"))
    assert shown == "x AB[2J y ab"
    assert [shown[s.start : s.end] for s in spans] == ["AB", "ab"]


def test_spaces_in_the_query_match_any_whitespace() -> None:
    ada = mentor(notes="rehearse\n  the opening")
    assert [h.field for h in find(Journal(mentors=[ada]), "rehearse the").hits] == ["notes"]


def test_mentor_filter_keeps_their_records(world: dict[str, Any]) -> None:
    hits = find(journal_of(world), "demo", mentor=world["grace"].id).hits
    assert {(h.kind, h.id) for h in hits} == {
        ("mentor", world["grace"].id),
        ("milestone", world["stone"].id),  # credited to Grace
    }


def test_since_filter(world: dict[str, Any]) -> None:
    hits = find(journal_of(world), "demo", since=date(2026, 10, 2)).hits
    assert world["oct"].id not in {h.id for h in hits}
    assert all(h.date is not None and h.date >= date(2026, 10, 2) for h in hits)


def test_blank_query_is_bad_input(world: dict[str, Any]) -> None:
    with pytest.raises(BadInput):
        find(journal_of(world), " \n ")


def test_regex_characters_are_plain_text() -> None:
    ada = mentor(notes="costs $5 (maybe)")
    assert len(find(Journal(mentors=[ada]), "$5 (may").hits) == 1
    assert find(Journal(mentors=[ada]), ".*").hits == []


def test_match_is_highlighted_by_style_and_text_stays_literal() -> None:
    ada = mentor(notes=f"before {HOSTILE} after")
    hits = find(Journal(mentors=[ada]), "loud").hits
    console = Console(file=io.StringIO(), width=80, color_system="standard", force_terminal=True)
    console.print(search_results(hits))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert re.search(r"\x1b\[[0-9;]*7[0-9;]*mloud\x1b\[0m", out)  # reverse video on the match
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "[bold]loud[/bold]" in plain
    assert "[link=https://evil.example]x[/link]" in plain
    assert ESC not in plain
    assert "\x07" not in plain


@pytest.mark.parametrize(
    ("width", "title"),
    [
        (80, "session feedbeef  2026-03-03  Zoë Fernández-García de la Cruz…  · notes"),
        (60, "session feedbeef  2026-03-03  Zoë Fernández-García…  · notes"),
        (45, "session feedbeef  2026-03-03  Zoë F…  · notes"),
        (44, "session feedbeef  2026-03-03  · notes"),  # no room for a name: left out
        (30, "session feedbeef  2026-03-03…"),
    ],
)
def test_a_hit_s_owner_gives_way_first_on_a_narrow_terminal(width: int, title: str) -> None:
    hit = Hit(
        kind="session",
        id="feedbeef",
        date=date(2026, 3, 3),
        owner=Ref(id="a1b2c3d4", name="Zoë Fernández-García de la Cruz Montenegro"),
        field="notes",
        snippet="Talked about feedback",
        matches=[],
    )
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(search_results([hit]))
    first = console.file.getvalue().splitlines()[0]  # type: ignore[attr-defined]
    assert first == title


# -- the command ------------------------------------------------------------------------


@pytest.fixture
def seeded(home: Path, world: dict[str, Any]) -> dict[str, Any]:
    seed(
        home,
        goals=[world["goal"]],
        mentors=[world["ada"], world["grace"]],
        meetings=[world["oct"], world["nov"]],
        actions=[world["act"]],
        milestones=[world["stone"]],
    )
    return world


def test_command_lists_hits_in_two_lines_each(seeded: dict[str, Any]) -> None:
    result = run("search", "demo early")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"session {seeded['oct'].id}  2026-10-01  Ada Lovelace  · takeaway"
    assert lines[1] == "  Demo early"
    assert lines[-1] == "1 match."


def test_command_filters_and_json_contract(seeded: dict[str, Any]) -> None:
    result = run("search", "demo", "--mentor", "ada", "--since", "2026-01-01", "--json")
    hits = json.loads(result.stdout)
    assert hits
    assert all(set(hit) == HIT_KEYS for hit in hits)
    assert {hit["owner"]["name"] for hit in hits} == {"Ada Lovelace"}
    assert set(hits[0]["matches"][0]) == {"start", "end"}


def test_no_match_is_quiet_on_stdout(seeded: dict[str, Any]) -> None:
    result = run("search", "zebra")
    assert (result.exit_code, result.stdout, result.stderr.strip()) == (0, "", "No matches.")
    assert run("search", "zebra", "--json").stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("args", "code"),
    [(["  "], 2), (["x", "--mentor", "nobody"], 1), (["x", "--since", "later"], 2)],
)
def test_command_bad_input(seeded: dict[str, Any], args: list[str], code: int) -> None:
    result = run("search", *args)
    assert result.exit_code == code
    assert len(result.stderr.strip().splitlines()) == 1


def test_command_output_is_literal_and_fits(home: Path) -> None:
    seed(home, mentors=[mentor(f"Eve {HOSTILE}", notes=f"{HOSTILE} " * 5)])
    result = run("search", "smile")
    assert ESC not in result.stdout
    assert "[bold]loud[/bold]" in result.stdout
    assert ":smile:" in result.stdout
    assert "😄" not in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_limit_keeps_the_newest_and_says_how_many(home: Path) -> None:
    ada = mentor()
    sessions = [meeting(ada, date(2026, 11, day), takeaways=["demo"]) for day in (1, 2, 3)]
    seed(home, mentors=[ada], meetings=sessions)
    result = run("search", "demo", "--limit", "2")
    assert result.stdout.splitlines()[-1] == "3 matches, the newest 2 shown; --limit N shows more."
    hits = json.loads(run("search", "demo", "--limit", "2", "--json").stdout)
    assert [hit["date"] for hit in hits] == ["2026-11-03", "2026-11-02"]


# -- cheap matching gives the same hits ---------------------------------------------------

# Characters where a shortcut could go wrong: case folding outside ASCII (long s, Kelvin sign,
# dotted I), whitespace the query's spaces match, control characters the snippet removes.
TRICKY = "abAB sSſkKKiIİ\n\r\t\x1c\x1b\x07é"


def _reference(journal: Journal, text: str) -> list[tuple[str, str]]:
    """The fields a search finds by definition: a match in the text as written (folded) that
    is still one in the one-line snippet shown."""
    query = _Query(text)

    def found(value: str) -> bool:
        return bool(query.pattern.search(fold(value)) and snippet(value, query)[1])

    fields = [(m.id, "notes", m.notes) for m in journal.meetings]
    fields += [(m.id, "takeaway", t) for m in journal.meetings for t in m.takeaways]
    fields += [(a.id, "text", a.text) for a in journal.actions]
    return [(record_id, name) for record_id, name, value in fields if value and found(value)]


WORDS = st.text(alphabet=TRICKY, min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(notes=st.lists(WORDS, min_size=1, max_size=6), text=st.text(TRICKY, min_size=1, max_size=4))
def test_the_fields_found_are_those_whose_snippet_shows_a_match(
    notes: list[str], text: str
) -> None:
    ada = mentor("-")
    lines = [note for note in notes if note.strip()]  # what a takeaway or an action may be
    journal = Journal(
        mentors=[ada],
        meetings=[
            meeting(ada, date(2026, 11, 1), notes=notes[0], takeaways=lines[1:]),
            meeting(ada, date(2026, 10, 1), notes=notes[-1], takeaways=lines[:3]),
        ],
        actions=[action(line, mentor=ada.id) for line in lines[::2]],
    )
    if not clean(text).strip():
        with pytest.raises(BadInput):
            find(journal, text)
        return
    found = find(journal, text).hits
    hits = [(h.id, h.field) for h in found if h.kind in ("session", "action")]
    assert sorted(hits) == sorted(_reference(journal, text))


def test_a_match_cleaning_breaks_is_not_a_hit() -> None:
    ada = mentor()
    broken = meeting(ada, date(2026, 11, 1), notes="career\rgrowth")  # \r: a space, removed
    kept = meeting(ada, date(2026, 11, 2), notes="career\n growth")
    folded = meeting(ada, date(2026, 11, 3), notes="ſtrategy by KELVIN")  # long s, Kelvin sign
    journal = Journal(mentors=[ada], meetings=[broken, kept, folded])
    assert {h.id for h in find(journal, "career growth").hits} == {kept.id}
    assert {h.id for h in find(journal, "strategy").hits} == {folded.id}
    assert {h.id for h in find(journal, "kelvin").hits} == {folded.id}


def _busy(days: int) -> Journal:
    """Sessions, actions and milestones on the same days: ties the order must keep."""
    ada, grace = mentor(), mentor("Grace Hopper")
    speaking = goal(why="demo the demo", started=date(2026, 11, 20))
    meetings, actions, stones = [], [], []
    for offset in range(days):
        day = date(2026, 11, 20) - timedelta(days=offset * 3)
        who = ada if offset % 2 else grace
        notes = "a demo" if offset % 3 else "nothing"
        meetings.append(meeting(who, day, notes=notes, takeaways=["Demo early", "no"]))
        moment = datetime.combine(day, time(12), tzinfo=timezone.utc)
        actions.append(action(f"demo {offset}", created=moment, mentor=who.id))
        stones.append(
            Milestone(
                id=new_id(), goal=speaking.id, title="demo day", created=moment, updated=moment
            )
        )
    return Journal(
        goals=[speaking],
        mentors=[ada, grace],
        meetings=meetings,
        actions=actions,
        milestones=stones,
    )


@pytest.mark.parametrize("limit", [1, 2, 7, 50, 10_000])
def test_a_limited_search_shows_the_newest_of_all_and_counts_them(limit: int) -> None:
    journal = _busy(40)
    every = [hit.model_dump() for hit in find(journal, "DEMO").hits]
    found = find(journal, "DEMO", limit=limit)
    assert found.total == len(every) > 50
    assert [hit.model_dump() for hit in found.hits] == every[:limit]
    # on the same day, sessions come before the action items and milestones they led to
    newest = [hit["kind"] for hit in every if hit["date"] == date(2026, 11, 20)]
    assert newest == ["session", "action", "milestone", "goal"]


def test_since_reads_only_the_years_it_needs(tmp_path: Path) -> None:
    ada = mentor(started=date(2020, 1, 1))
    old = [meeting(ada, date(year, 5, 1), notes="demo") for year in range(2020, 2027)]
    root = tmp_path / "journal"
    seed(root, mentors=[ada], meetings=old)
    full = Store(root).journal()
    full.meetings  # noqa: B018 - every year, read at once
    journal = Store(root).journal()
    read: list[int] = []
    real = journal.meetings_of_year

    def meetings_of_year(year: int) -> list[Meeting]:
        read.append(year)
        return real(year)

    journal.meetings_of_year = meetings_of_year  # type: ignore[method-assign]
    since = date(2024, 6, 1)
    hits = [hit.model_dump() for hit in find(journal, "demo", since=since).hits]
    assert hits == [hit.model_dump() for hit in find(full, "demo", since=since).hits]
    assert [hit["date"] for hit in hits] == [date(2026, 5, 1), date(2025, 5, 1)]
    assert read == [2024, 2025, 2026]


def test_topics_and_reflection_answers_are_searched_and_words_typed_apart_match_a_hyphen(
    tmp_path: Path,
) -> None:
    def found(*args: str) -> list[tuple[str, str]]:
        result = run("search", *args, "--json")
        assert result.exit_code == 0, result.output
        return [(hit["kind"], hit["field"]) for hit in json.loads(result.stdout)]

    assert run("mentor", "add", "Zoë Fernández-García").exit_code == 0
    assert run("topic", "add", "zoe", "Ask about the offsite budget").exit_code == 0
    assert found("offsite") == [("topic", "text")]
    assert found("fernandez garcia") == [("mentor", "name")]
    assert found("fernandez  garcia") == [("mentor", "name")]
    assert found("garcia fernandez") == []  # words in the order typed


@pytest.mark.parametrize(
    ("typed", "text", "found"),
    [
        ("demo", "demo day", True),  # at the start of the text
        ("demo", "a demo", True),
        ("demo", "(demo)", True),
        ("demo", "a-demo", True),
        ("demo", "ademo", False),  # inside a word
        ("demo", "2demo", False),
        ("demo", "demos", True),  # the start of a word is enough
        ("asked for", "she asked, for once", True),
        ("asked for", "unasked for", False),
        ("#tag", "a #tag", True),
        ("#tag", "a#tag", False),
    ],
)
def test_a_query_matches_from_the_start_of_a_word(typed: str, text: str, found: bool) -> None:
    assert (_Query(typed).pattern.search(fold(text)) is not None) is found
    assert _Query(typed, partial=True).pattern.search(fold(text)) is not None


QUERY_TEXT = st.text(alphabet="ab1 -._#+(\\éßﬁ李会", min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(typed=QUERY_TEXT, text=QUERY_TEXT)
def test_the_word_start_test_after_the_word_means_what_it_means_before_it(
    typed: str, text: str
) -> None:
    # The pattern tests the start of a word after the first word, so that it starts with a
    # literal (fast); it must find exactly what the look-behind in front finds, in folded text
    # (accents, ß, ligatures and Chinese characters included).
    try:
        query = _Query(typed)
    except BadInput:  # nothing left to look for once folded
        return
    wanted = " ".join(query.words)
    before = re.compile(r"(?<![0-9a-z])" + re.escape(wanted).replace(r"\ ", r"[^0-9a-z]+"))
    folded = fold_words(text)
    assert [m.span() for m in query.pattern.finditer(folded)] == [
        m.span() for m in before.finditer(folded)
    ]
