"""The record merge on its own (pure: bytes of three versions in, bytes of the result out)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from mentorlog.models import Agreement, Meeting, Mentor
from mentorlog.storage.collections import COLLECTIONS
from mentorlog.storage.files import encode_collection
from mentorlog.sync.git import SyncError
from mentorlog.sync.merge import Parser, Side, _unite, merge
from mentorlog.vocab import MentorKind

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)


def at(minutes: int) -> dict[str, datetime]:
    return {"created": T0, "updated": T0 + timedelta(minutes=minutes)}


def mentor(**changes: Any) -> Mentor:
    fields: dict[str, Any] = {"id": "aaaa1111", "name": "Zoë", "started": date(2026, 1, 1)}
    fields.update(at(0))
    fields.update(changes)
    return Mentor(**fields)


def side(**collections: list[Any]) -> Side:
    files: dict[str, bytes] = {}
    for name, records in collections.items():
        files.update(encode_collection(COLLECTIONS[name], records))
    return Parser().side(files, "test")


def test_lists_keep_both_sides_additions_and_both_sides_removals() -> None:
    assert _unite(["a", "b", "c"], ["a", "c", "x"], ["b", "c", "y"]) == ["c", "x", "y"]
    assert _unite([], ["x"], ["x", "y"]) == ["x", "y"]


def test_parts_that_do_not_make_a_valid_record_give_the_later_record_whole() -> None:
    base = side(mentors=[mentor(agreement=Agreement(until=date(2026, 6, 1)))])
    ours = side(
        mentors=[
            mentor(kind=MentorKind.micro, agreement=Agreement(until=date(2026, 6, 1)), **at(1))
        ]
    )
    theirs = side(mentors=[mentor(role="CTO", **at(2))])  # later
    theirs_no_end = side(mentors=[mentor(**at(2))])  # later: the end date cleared
    result = merge(base, ours, theirs_no_end)  # micro (ours) + no end date (theirs): invalid
    [record] = result.records["mentors"]
    assert record.kind is MentorKind.mentor
    assert record.agreement.until is None
    assert [(c.field, c.lost) for c in result.conflicts] == [("kind", "micro")]
    assert merge(base, ours, theirs).records["mentors"][0].role == "CTO"


def test_an_edit_keeps_what_it_refers_to_alive() -> None:
    meeting = Meeting(id="bbbb2222", mentor="aaaa1111", date=date(2026, 1, 2), **at(0))
    base = side(mentors=[mentor()], meetings=[meeting])
    ours = side()  # both deleted here
    theirs = side(
        mentors=[mentor()], meetings=[meeting.model_copy(update={"notes": "kept", **at(5)})]
    )
    result = merge(base, ours, theirs)
    assert [m.notes for m in result.records["meetings"]] == ["kept"]
    assert [m.id for m in result.records["mentors"]] == ["aaaa1111"]
    assert ("mentors", "aaaa1111") in result.revived


def test_a_tie_is_decided_the_same_way_whichever_machine_merges() -> None:
    base = side(mentors=[mentor()])
    one = side(mentors=[mentor(role="CTO", **at(3))])
    other = side(mentors=[mentor(role="VP", **at(3))])
    here = merge(base, one, other).records["mentors"][0].role
    there = merge(base, other, one).records["mentors"][0].role
    assert here == there


def test_a_merge_that_cannot_be_made_consistent_is_refused() -> None:
    orphan = Meeting(id="bbbb2222", mentor="ffff9999", date=date(2026, 1, 2), **at(0))
    with pytest.raises(SyncError, match="inconsistent"):
        merge(side(), side(meetings=[orphan]), side(mentors=[mentor()]))


def test_one_sided_collections_keep_that_sides_bytes() -> None:
    base = side(mentors=[mentor()])
    theirs = side(mentors=[mentor(role="CTO", **at(1))])
    result = merge(base, base, theirs)
    assert result.files == theirs.files
