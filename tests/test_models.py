"""Every record accepts good data, rejects bad data field by field, and keeps unknown fields."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from mentorlog import models
from mentorlog.dates import Cadence
from mentorlog.models import ActionItem, Goal, Meeting, Mentor, Milestone, Reflection, new_id, stamp
from mentorlog.vocab import GoalStatus, MeetingFormat, MentorKind, MentorStatus, Source

CREATED = "2026-11-24T10:00:00+00:00"
BASE = {"id": "a1b2c3d4", "created": CREATED, "updated": CREATED}

GOOD: dict[type[BaseModel], dict[str, Any]] = {
    Goal: {**BASE, "title": "Speak at a conference", "started": "2026-01-05"},
    Milestone: {**BASE, "goal": "g0a1b2c3", "title": "Submit a talk", "due": "2026-03-01"},
    Mentor: {**BASE, "name": "Ada Lovelace", "started": "2026-01-05"},
    Meeting: {**BASE, "mentor": "m0a1b2c3", "date": "2026-02-03", "duration": 45},
    ActionItem: {**BASE, "text": "Draft the abstract", "due": "2026-02-10"},
    Reflection: {**BASE, "period": "2026-Q1"},
}


def rejects(model: type[BaseModel], **changes: Any) -> str:
    """The dotted location of the first error when `changes` are applied to good data."""
    data = {**GOOD[model], **changes}
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return ".".join(str(part) for part in caught.value.errors()[0]["loc"])


@pytest.mark.parametrize("model", list(GOOD))
def test_good_data_validates(model: type[BaseModel]) -> None:
    record = model.model_validate(GOOD[model])
    assert record.id == "a1b2c3d4"  # type: ignore[attr-defined]
    assert record.created == datetime(2026, 11, 24, 10, tzinfo=timezone.utc)  # type: ignore[attr-defined]


def test_defaults_are_the_documented_ones() -> None:
    goal = Goal.model_validate(GOOD[Goal])
    mentor = Mentor.model_validate(GOOD[Mentor])
    meeting = Meeting.model_validate(GOOD[Meeting])
    assert goal.status is GoalStatus.active
    assert (mentor.kind, mentor.status, mentor.source) == (
        MentorKind.mentor,
        MentorStatus.active,
        Source.other,
    )
    assert mentor.cadence is None
    assert mentor.supervisor is False
    assert mentor.goals == []
    assert meeting.format is MeetingFormat.video
    assert meeting.rating is None


@pytest.mark.parametrize(
    ("model", "at", "value"),  # `at`: where the error is, the field (and item of a list)
    [
        # not one of the field's values
        (Goal, "status", "done"),
        (Milestone, "status", "achieved"),
        (Mentor, "kind", "boss"),
        (Mentor, "status", "ACTIVE"),
        (Mentor, "source", "twitter"),
        (Mentor, "format", "telepathy"),
        (Meeting, "format", "in person"),
        (ActionItem, "status", "closed"),
        # not a date
        (Goal, "started", "2026-02-30"),
        (Goal, "target", "next year"),
        (Milestone, "due", "2026-13-01"),
        (Meeting, "date", "yesterday"),
        (Meeting, "next", "2026/03/01"),
        (ActionItem, "due", ""),
        (Mentor, "started", None),
        # not an id, a period, a tag or a list item
        (Goal, "id", "ABCD1234"),
        (Goal, "id", "abc"),
        (Milestone, "goal", "not an id"),
        (Meeting, "mentor", ""),
        (Mentor, "goals.1", ["ok12345", "bad id"]),
        (Reflection, "period", "2026-Q5"),
        (Reflection, "period", "Q1 2026"),
        (Mentor, "expertise", ["   "]),
        (Meeting, "takeaways.0", [""]),
    ],
)
def test_bad_values_are_rejected_where_they_stand(
    model: type[BaseModel], at: str, value: Any
) -> None:
    field = at.split(".")[0]
    assert rejects(model, **{field: value}) == at


@pytest.mark.parametrize(
    ("model", "field"),
    [(Goal, "title"), (Milestone, "title"), (Mentor, "name"), (ActionItem, "text")],
)
@pytest.mark.parametrize("value", ["", "   ", "\t\n"])
def test_empty_titles_and_names_are_rejected(
    model: type[BaseModel], field: str, value: str
) -> None:
    assert rejects(model, **{field: value}) == field


@pytest.mark.parametrize(
    ("model", "field", "limit"),
    [(Goal, "title", 200), (Milestone, "title", 200), (Mentor, "name", 200),
     (ActionItem, "text", 1000), (Goal, "why", 5000), (Mentor, "org", 200)],
)  # fmt: skip
def test_too_long_text_is_rejected_and_the_limit_is_accepted(
    model: type[BaseModel], field: str, limit: int
) -> None:
    model.model_validate({**GOOD[model], field: "x" * limit})
    assert rejects(model, **{field: "x" * (limit + 1)}) == field


def test_timestamps_must_be_time_zone_aware() -> None:
    assert rejects(Goal, created="2026-11-24T10:00:00") == "created"
    assert rejects(Goal, updated="not a time") == "updated"


@pytest.mark.parametrize(
    "value", ["0d", "-1w", "1096d", "157w", "37m", "often", "none", "", 30, True, 1.5, {"every": 1}]
)
def test_cadence_out_of_range_or_without_a_unit_is_rejected(value: Any) -> None:
    # A bare number is refused: in a current file it could mean days, weeks or months.
    assert rejects(Mentor, cadence=value) == "cadence"


@pytest.mark.parametrize(
    ("value", "cadence"),
    [
        ("1d", Cadence(1, "day")),
        ("30d", Cadence(30, "day")),
        ("1095d", Cadence(1095, "day")),
        ("2w", Cadence(2, "week")),
        ("1m", Cadence(1, "month")),
        ("36m", Cadence(36, "month")),
        ("monthly", Cadence(1, "month")),  # a hand-edited file may say it in words
        (None, None),
    ],
)
def test_cadence_in_range_is_accepted(value: str | None, cadence: Cadence | None) -> None:
    assert Mentor.model_validate({**GOOD[Mentor], "cadence": value}).cadence == cadence


@pytest.mark.parametrize(("text", "stored"), [("monthly", "1m"), ("30d", "30d"), ("2w", "2w")])
def test_a_cadence_is_written_as_a_number_and_a_unit(text: str, stored: str) -> None:
    mentor = Mentor.model_validate({**GOOD[Mentor], "cadence": text})
    assert json.loads(mentor.model_dump_json())["cadence"] == stored
    assert mentor.model_dump()["cadence"] == stored  # a copy re-validates from the same form


@pytest.mark.parametrize("value", [0, 24 * 60 + 1, -5])
def test_meeting_duration_out_of_range_is_rejected(value: int) -> None:
    assert rejects(Meeting, duration=value) == "duration"


@pytest.mark.parametrize("value", ["Mars/Olympus_Mons", "Europe", "../../etc/passwd", "", "CEST"])
def test_unknown_time_zones_are_rejected(value: str) -> None:
    assert rejects(Mentor, timezone=value) == "timezone"


@pytest.mark.parametrize("value", ["Europe/Berlin", "America/New_York", "Pacific/Kiritimati"])
def test_iana_time_zones_are_accepted(value: str) -> None:
    assert Mentor.model_validate({**GOOD[Mentor], "timezone": value}).timezone == value


@pytest.mark.parametrize("value", ["ada", "ada@", "@example.org", "ada@example", "a da@x.org"])
def test_bad_email_shapes_are_rejected(value: str) -> None:
    assert rejects(Mentor, email=value) == "email"


def test_good_email_is_accepted() -> None:
    mentor = Mentor.model_validate({**GOOD[Mentor], "email": "ada.l+mentor@example.org"})
    assert mentor.email == "ada.l+mentor@example.org"


@pytest.mark.parametrize("value", [0, 6, -1, 2.5])
def test_rating_outside_1_to_5_is_rejected(value: Any) -> None:
    assert rejects(Meeting, rating=value) == "rating"


@pytest.mark.parametrize("value", [1, 5])
def test_rating_bounds_are_accepted(value: int) -> None:
    assert Meeting.model_validate({**GOOD[Meeting], "rating": value}).rating == value


def test_micro_mentor_needs_an_agreement_end() -> None:
    with pytest.raises(ValidationError, match=r"agreement\.until"):
        Mentor.model_validate({**GOOD[Mentor], "kind": "micro"})
    with pytest.raises(ValidationError, match=r"agreement\.until"):
        Mentor.model_validate({**GOOD[Mentor], "kind": "micro", "agreement": {"why": "x"}})
    micro = Mentor.model_validate(
        {**GOOD[Mentor], "kind": "micro", "agreement": {"until": "2026-03-01", "purpose": "CV"}}
    )
    assert micro.agreement.until == date(2026, 3, 1)


@pytest.mark.parametrize("model", list(GOOD))
def test_unknown_fields_survive_a_dump_and_validate_round_trip(model: type[BaseModel]) -> None:
    extra = {"x_custom": {"nested": [1, "two", None]}, "color": "teal"}
    record = model.model_validate({**GOOD[model], **extra})
    dumped = record.model_dump(mode="json")
    assert dumped["x_custom"] == extra["x_custom"]
    assert dumped["color"] == "teal"
    again = model.model_validate_json(record.model_dump_json())
    assert again.model_dump(mode="json") == dumped


def test_unknown_agreement_fields_survive() -> None:
    data = {**GOOD[Mentor], "agreement": {"why": "she did it", "budget": "coffee"}}
    dumped = Mentor.model_validate(data).model_dump(mode="json")
    assert dumped["agreement"]["budget"] == "coffee"
    assert Mentor.model_validate(dumped).agreement.why == "she did it"


def test_stamp_and_touch_give_aware_times() -> None:
    times = stamp()
    goal = Goal(id=new_id(), title="x", started=date(2026, 1, 1), **times)
    assert goal.created == goal.updated
    assert goal.created.tzinfo is not None
    before = goal.updated
    goal.touch()
    assert goal.updated.tzinfo is not None
    assert goal.updated >= before


def test_new_id_is_a_valid_id() -> None:
    ident = new_id()
    Goal.model_validate({**GOOD[Goal], "id": ident})
    assert len(ident) == models.ID_LENGTH
    assert not ident.isdigit()


def test_new_id_never_returns_a_taken_or_all_digit_id(monkeypatch: pytest.MonkeyPatch) -> None:
    # The random source first offers ids that are taken (or all digits, which would read as a
    # number), then a free one: new_id must skip to the free one.
    offered = iter(["aaaa1111", "bbbb2222", "12345678", "cccc3333"])
    monkeypatch.setattr(models.secrets, "token_hex", lambda _n: next(offered))
    assert new_id({"aaaa1111", "bbbb2222"}) == "cccc3333"


def test_new_ids_are_unique_among_many() -> None:
    taken: set[str] = set()
    for _ in range(5000):
        ident = new_id(taken)
        assert ident not in taken
        taken.add(ident)
