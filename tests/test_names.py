"""Names from every language: references and search fold case and accents, slugs are
transliterated and unique, and names in any script complete. Journals made through the CLI."""

from __future__ import annotations

import json

import pytest

from mentorlog.cli._complete import _matches
from mentorlog.insights.naming import mentor_refs
from mentorlog.storage.paths import data_dir
from mentorlog.storage.store import Store
from mentorlog.text import fold, slug, unique_slugs
from tests.helpers import created_id, run


def shown_name(*args: str) -> str:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    name: str = json.loads(result.stdout)["mentor"]["name"]
    return name


def complete(monkeypatch: pytest.MonkeyPatch, line: str) -> list[str]:
    words = line.split(" ")
    with monkeypatch.context() as env:
        env.setenv("_MENTORLOG_COMPLETE", "complete_bash")
        env.setenv("COMP_WORDS", line)
        env.setenv("COMP_CWORD", str(len(words) - 1))
        result = run()
    assert result.exit_code == 0
    return [value for value in result.stdout.splitlines() if value]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Zoë Fernández-García", "zoe-fernandez-garcia"),
        ("Søren Ødegård", "soren-odegard"),
        ("李 明", "li-ming"),
        ("Ольга Петрова", "olga-petrova"),
        ("Jean-Luc O'Neill", "jean-luc-o-neill"),
        ("Ada 🚀 Lovelace", "ada-lovelace"),
        ("Straße", "strasse"),
    ],
)
def test_slugs_are_transliterated_never_with_letters_dropped(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_folding_ignores_case_and_accents_and_spells_any_script_in_latin() -> None:
    assert fold("Zoë FERNÁNDEZ") == "zoe fernandez"
    assert fold("Søren") == "soren"
    assert fold("李 明") == "li ming"


def test_namesakes_get_distinct_slugs_in_creation_order() -> None:
    slugs = unique_slugs([("a", "Søren Ødegård"), ("b", "Sören Ødegård"), ("c", "Soren Odegard")])
    assert slugs == {"a": "soren-odegard", "b": "soren-odegard-2", "c": "soren-odegard-3"}
    # a later name that is itself `x-2` never takes an earlier record's slug
    later = unique_slugs([("a", "X"), ("b", "X"), ("c", "X 2")])
    assert later == {"a": "x", "b": "x-2", "c": "x-2-2"}


def test_meet_show_and_search_find_a_name_typed_without_accents() -> None:
    zoe = created_id("mentor", "add", "Zoë Fernández-García")
    created_id("mentor", "add", "Søren Ødegård")
    assert shown_name("mentor", "show", "fernandez") == "Zoë Fernández-García"
    assert shown_name("mentor", "show", "garcia") == "Zoë Fernández-García"
    assert shown_name("mentor", "show", "ZOE") == "Zoë Fernández-García"
    assert shown_name("mentor", "show", "soren") == "Søren Ødegård"
    logged = run("meet", "zoe", "--notes", "Met Zoë about the talk", "--json")
    assert logged.exit_code == 0, logged.stderr
    assert json.loads(logged.stdout)["meeting"]["mentor"] == zoe
    found = run("search", "zoe", "--json")
    assert found.exit_code == 0, found.stderr
    assert {(hit["kind"], hit["field"]) for hit in json.loads(found.stdout)} == {
        ("session", "notes"),
        ("mentor", "name"),
    }


def test_namesakes_differing_by_an_accent_are_both_reachable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = created_id("mentor", "add", "Søren Ødegård")
    second = created_id("mentor", "add", "Sören Ødegård")
    offered = complete(monkeypatch, "mentorlog mentor show sor")
    assert offered == ["soren-odegard", "soren-odegard-2"]
    for value, wanted in zip(offered, [first, second], strict=True):
        result = run("mentor", "show", value, "--json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["mentor"]["id"] == wanted
    # Typed exactly, each name designates its own person; folded, both are candidates.
    exact = run("mentor", "show", "Sören Ødegård", "--json")
    assert json.loads(exact.stdout)["mentor"]["id"] == second
    ambiguous = run("mentor", "show", "soren odegard")
    assert ambiguous.exit_code == 1
    assert f"{first} Søren Ødegård (soren-odegard)" in ambiguous.stderr
    assert f"{second} Sören Ødegård (soren-odegard-2)" in ambiguous.stderr


def test_names_in_any_script_complete_and_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    li = created_id("mentor", "add", "李 明")
    created_id("mentor", "add", "Zoë Fernández-García")
    assert complete(monkeypatch, "mentorlog mentor show li") == ["li-ming"]
    assert complete(monkeypatch, "mentorlog mentor show 李") == ["李-ming"]
    assert complete(monkeypatch, "mentorlog mentor show Zoë") == ["Zoë-fernandez-garcia"]
    for typed in ("李-ming", "li-ming", "李 明", "李"):
        result = run("mentor", "show", typed, "--json")
        assert result.exit_code == 0, (typed, result.stderr)
        assert json.loads(result.stdout)["mentor"]["id"] == li


def test_completion_of_accented_text_keeps_what_was_typed() -> None:
    name = "Zoë Fernández-García"
    assert _matches("zo", "a1", name, insert_id=False) == "zoe-fernandez-garcia"
    assert _matches("Zoë F", "a1", name, insert_id=False) == "Zoë Fernández-García"
    assert _matches("zoë-f", "a1", name, insert_id=False) == "zoë-fernandez-garcia"
    assert _matches("x", "a1", name, insert_id=False) is None


def test_suggested_commands_name_namesakes_by_their_own_slug() -> None:
    created_id("mentor", "add", "Søren Ødegård")
    created_id("mentor", "add", "Sören Ødegård")
    journal = Store(data_dir(None)).journal()
    refs = mentor_refs(journal)
    assert [refs(m) for m in journal.mentors] == ["soren-odegard", "soren-odegard-2"]


# -- search: words, folded, shown as a reader sees them -------------------------------------


def search_json(*args: str) -> list[dict[str, object]]:
    result = run("search", *args, "--json")
    assert result.exit_code == 0, result.stderr
    hits: list[dict[str, object]] = json.loads(result.stdout)
    return hits


def test_search_matches_from_the_start_of_words_unless_partial() -> None:
    created_id("mentor", "add", "Ada Lovelace")
    assert run("meet", "ada", "--notes", "Her history of the team").exit_code == 0
    assert search_json("story") == []
    assert run("search", "story").stderr == "No matches.\n"
    [hit] = search_json("story", "--partial")
    assert hit["snippet"] == "Her history of the team"
    assert hit["matches"] == [{"start": 6, "end": 11}]
    assert [h["snippet"] for h in search_json("hist")] == ["Her history of the team"]


def test_search_folds_accents_both_ways_and_spans_the_text_as_written() -> None:
    created_id("mentor", "add", "Ada Lovelace")
    assert run("meet", "ada", "--notes", "Intro to Zoë Fernández; café after").exit_code == 0
    for typed, shown in [("zoe", "Zoë"), ("FERNANDEZ", "Fernández"), ("cafe", "café")]:
        [hit] = search_json(typed)
        [span] = hit["matches"]  # type: ignore[misc]
        assert str(hit["snippet"])[span["start"] : span["end"]] == shown
    assert len(search_json("café")) == 1


def test_search_in_a_script_written_without_spaces() -> None:
    created_id("mentor", "add", "Ada Lovelace")
    assert run("meet", "ada", "--notes", "我们谈了李明的项目").exit_code == 0
    [hit] = search_json("李明")
    [span] = hit["matches"]  # type: ignore[misc]
    assert str(hit["snippet"])[span["start"] : span["end"]] == "李明"


def test_snippets_show_markdown_as_a_reader_sees_it() -> None:
    created_id("mentor", "add", "Ada Lovelace")
    notes = (
        "# Takeaways\n- [ ] Draft the **keynote** outline\n"
        "- [x] Read `keynote.md` and [the keynote guide](https://example.com/guide)\n"
    )
    assert run("meet", "ada", "--notes", notes).exit_code == 0
    [hit] = search_json("keynote")
    snippet = str(hit["snippet"])
    for marker in ("**", "#", "[ ]", "[x]", "`", "](", "https://"):
        assert marker not in snippet, marker
    assert snippet.startswith("Takeaways Draft the keynote outline Read keynote.md")
    assert len(hit["matches"]) >= 2  # type: ignore[arg-type]
    assert search_json("example") == []  # a link's address is not its text


def test_a_mistyped_name_gets_a_suggestion_that_resolves() -> None:
    for name in ("Zoë Fernández", "Ada Lovelace", "Sam Lee"):
        assert run("mentor", "add", name).exit_code == 0
    result = run("meet", "zeo")
    assert result.exit_code == 1
    assert "No mentor matches 'zeo'. Did you mean 'zoe'?" in result.stderr
    assert "Did you mean 'zoe-fernandez'?" in run("mentor", "show", "fernadez").stderr
    assert "Did you mean" not in run("meet", "xyz").stderr  # nothing close: no guess
    assert run("mentor", "show", "zoe").exit_code == 0  # what it suggests does resolve
