"""The reference resolver: id, id prefix, name/title prefix, slug prefix, later words,
case-insensitivity, and errors that list the candidates."""

from __future__ import annotations

from datetime import date

import pytest

from mentorlog.errors import BadInput, NotFound
from mentorlog.journal.resolve import (
    resolve_action,
    resolve_goal,
    resolve_mentor,
    resolve_milestone,
)
from mentorlog.journal.state import Journal
from mentorlog.models import ActionItem, Goal, Mentor, Milestone, stamp

STARTED = date(2026, 1, 1)


def mentor(record_id: str, name: str) -> Mentor:
    return Mentor(id=record_id, name=name, started=STARTED, **stamp())


def goal(record_id: str, title: str) -> Goal:
    return Goal(id=record_id, title=title, started=STARTED, **stamp())


@pytest.fixture
def journal() -> Journal:
    return Journal(
        mentors=[
            mentor("a1b2c3d4", "Ada Lovelace"),
            mentor("a1f00000", "Adam Smith"),
            mentor("b7000000", "Grace Hopper"),
            mentor("c9000000", "Jean-Luc O'Neill"),
        ],
        goals=[
            goal("d1000000", "Become a confident public speaker"),
            goal("d2000000", "Grow into a staff engineer role"),
            goal("e3000000", "Public sector network"),
        ],
    )


def test_an_exact_id_wins_even_when_it_is_also_a_name_prefix() -> None:
    journal = Journal(mentors=[mentor("abcd1234", "Zed"), mentor("ffff0000", "abcd1234 fan")])
    assert resolve_mentor(journal, "abcd1234").name == "Zed"


def test_a_unique_id_prefix_resolves(journal: Journal) -> None:
    assert resolve_mentor(journal, "b7").name == "Grace Hopper"
    assert resolve_mentor(journal, "a1b").name == "Ada Lovelace"


def test_a_name_prefix_resolves_case_insensitively(journal: Journal) -> None:
    assert resolve_mentor(journal, "grace").id == "b7000000"
    assert resolve_mentor(journal, "GRACE H").id == "b7000000"
    assert resolve_mentor(journal, "  ada lov ").id == "a1b2c3d4"


def test_a_whole_name_beats_a_longer_name_with_the_same_start() -> None:
    journal = Journal(mentors=[mentor("aaaa0000", "Ada"), mentor("bbbb0000", "Adam")])
    assert resolve_mentor(journal, "ada").id == "aaaa0000"
    assert resolve_mentor(journal, "adam").id == "bbbb0000"


def test_a_slug_prefix_resolves(journal: Journal) -> None:
    assert resolve_mentor(journal, "jean-luc-o-n").id == "c9000000"
    assert resolve_goal(journal, "grow-into-a-staff").id == "d2000000"


def test_a_later_word_of_the_name_resolves_when_nothing_starts_with_it(
    journal: Journal,
) -> None:
    assert resolve_mentor(journal, "hopper").id == "b7000000"
    assert resolve_mentor(journal, "LOVE").id == "a1b2c3d4"
    assert resolve_goal(journal, "staff").id == "d2000000"


def test_a_name_start_is_preferred_over_a_later_word(journal: Journal) -> None:
    # "public" starts one title and is a later word of another: the start wins.
    assert resolve_goal(journal, "public").id == "e3000000"


def test_an_ambiguous_reference_lists_every_candidate_with_its_id(journal: Journal) -> None:
    with pytest.raises(NotFound) as caught:
        resolve_mentor(journal, "ada")
    message = caught.value.message
    assert "matches 2 mentors" in message
    assert "a1b2c3d4 Ada Lovelace" in message
    assert "a1f00000 Adam Smith" in message
    assert "Type more, or use the id" in message


def test_a_name_start_is_preferred_over_an_id_start() -> None:
    journal = Journal(mentors=[mentor("ada00000", "Grace Hopper"), mentor("0f0f0f0f", "Ada Byron")])
    assert resolve_mentor(journal, "ada").name == "Ada Byron"
    assert resolve_mentor(journal, "ada0").name == "Grace Hopper"


def test_an_ambiguous_id_prefix_lists_the_candidates(journal: Journal) -> None:
    with pytest.raises(NotFound, match=r"'a1' matches 2 mentors: a1b2c3d4 Ada Lovelace"):
        resolve_mentor(journal, "a1")


def test_a_long_candidate_list_is_cut_with_a_count() -> None:
    journal = Journal(mentors=[mentor(f"{i:02d}aa0000", f"Sam {i}") for i in range(9)])
    with pytest.raises(NotFound) as caught:
        resolve_mentor(journal, "sam")
    assert "matches 9 mentors" in caught.value.message
    assert "and 3 more" in caught.value.message


def test_an_unknown_reference_says_where_to_look(journal: Journal) -> None:
    with pytest.raises(NotFound) as caught:
        resolve_mentor(journal, "nobody")
    assert caught.value.message == (
        "No mentor matches 'nobody'. See `mentorlog mentor list --all`."
    )
    with pytest.raises(NotFound, match="goal list --all"):
        resolve_goal(journal, "cooking")


def test_an_empty_reference_is_bad_input(journal: Journal) -> None:
    with pytest.raises(BadInput):
        resolve_mentor(journal, "   ")


def test_an_unknown_reference_is_shown_shortened_and_without_controls(
    journal: Journal,
) -> None:
    with pytest.raises(NotFound) as caught:
        resolve_mentor(journal, "\x1b[2J" + "x" * 100)
    assert "\x1b" not in caught.value.message
    assert "x" * 41 not in caught.value.message


def test_milestones_resolve_by_id_or_title_and_actions_by_id_only() -> None:
    journal = Journal(
        milestones=[
            Milestone(id="f1000000", goal="d1000000", title="Give a talk", **stamp()),
            Milestone(id="f2000000", goal="d1000000", title="Write a post", **stamp()),
        ],
        actions=[ActionItem(id="aa110000", text="Send thanks", **stamp())],
    )
    assert resolve_milestone(journal, "give").id == "f1000000"
    assert resolve_milestone(journal, "f2").id == "f2000000"
    assert resolve_action(journal, "aa1").text == "Send thanks"
    with pytest.raises(NotFound):
        resolve_action(journal, "send")
