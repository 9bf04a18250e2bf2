"""Action items are kept open in `actions.json` and, once closed, in the file of the year they
were closed in (`actions-YYYY.json`): everyday commands read only the open ones, every answer is
the one a whole read gives, and a journal from before the split keeps its files until an action
item changes."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from mentorlog.config import NudgeSettings, defaults
from mentorlog.dates import Quarter, quarter_of
from mentorlog.insights import recent
from mentorlog.insights.nudges import compute_nudges
from mentorlog.insights.profiles import mentor_rows
from mentorlog.insights.review import compute_review
from mentorlog.insights.status import compute_dashboard
from mentorlog.journal.state import COLLECTION_NAMES
from mentorlog.models import ActionItem
from mentorlog.storage.store import Store
from mentorlog.vocab import ActionStatus, MentorStatus
from tests._years import YEARS, build, write
from tests.factories import TODAY, stamped
from tests.helpers import run, snapshot


def with_actions(seed: int) -> dict[str, list[Any]]:
    """The multi-year journal of test_partial_loading with 400 action items over the years:
    open and overdue, done, dropped, closed long after they were written down."""
    collections = build(seed)
    rng = random.Random(seed)
    meetings = collections["meetings"]
    actions = []
    for index in range(400):
        meeting = rng.choice(meetings)
        written = min(meeting.date, TODAY)
        status = rng.choice([ActionStatus.open, ActionStatus.done, ActionStatus.done, "dropped"])
        closed = None
        if status != ActionStatus.open:
            closed = min(written + timedelta(days=rng.choice([3, 40, 400])), TODAY)
        actions.append(
            ActionItem(
                id=f"a{index:07x}",
                text=f"Follow up {index}",
                meeting=meeting.id,
                mentor=meeting.mentor,
                due=written + timedelta(days=14) if rng.random() < 0.6 else None,
                status=ActionStatus(status),
                done=closed,
                **stamped(written),
            )
        )
    collections["actions"] = actions
    return collections


def files(root: Path) -> dict[str, list[dict[str, Any]]]:
    """Each action file's records, read as plain JSON."""
    return {
        path.name: json.loads(path.read_bytes())["actions"]
        for path in sorted(root.glob("actions*.json"))
    }


@pytest.fixture(params=[1, 2])
def journal_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    write(tmp_path / "journal", with_actions(request.param))
    return tmp_path / "journal"


def test_open_items_are_in_the_current_file_and_closed_ones_in_their_year(
    journal_dir: Path,
) -> None:
    found = files(journal_dir)
    assert all(record["status"] == "open" for record in found.pop("actions.json"))
    assert len(found) >= YEARS - 1  # closed items spread over the years
    for name, records in found.items():
        year = int(name.removeprefix("actions-").removesuffix(".json"))
        assert records
        assert {record["status"] for record in records} <= {"done", "dropped"}
        assert {date.fromisoformat(record["done"]).year for record in records} == {year}
    everything = Store(journal_dir).journal().actions
    assert sorted(a.id for a in everything) == [f"a{index:07x}" for index in range(400)]


QUARTERS = [quarter_of(TODAY), quarter_of(TODAY).previous(), Quarter(2022, 3), Quarter(2019, 1)]


@pytest.mark.parametrize("today", [TODAY, date(2026, 1, 5)])
def test_views_reading_only_some_action_files_equal_a_whole_read(
    journal_dir: Path, today: date
) -> None:
    config = defaults()
    full = Store(journal_dir).journal()
    for name in COLLECTION_NAMES:
        full.collection(name)
    store = Store(journal_dir)
    partial = recent.for_nudges(store.journal(), today, config)
    nudges = [n.model_dump() for n in compute_nudges(partial, today, config)]
    assert nudges == [n.model_dump() for n in compute_nudges(full, today, config)]
    assert any(n["code"] == "action-overdue" for n in nudges)
    board = compute_dashboard(partial, today, config).model_dump()
    assert board == compute_dashboard(full, today, config).model_dump()
    # only the closed items of the report-back window's years are read (when it is on)
    start = today - timedelta(days=config.nudges.report_back_days - 1)
    window = {f"actions-{year}.json" for year in range(start.year, today.year + 1)}
    assert {name for name in store.files_read() if name.startswith("actions-")} <= window
    quiet = config.model_copy(update={"nudges": NudgeSettings(report_back=False)})
    store = Store(journal_dir)
    recent.for_nudges(store.journal(), today, quiet)
    assert not any(name.startswith("actions-") for name in store.files_read())

    keep = {MentorStatus.active, MentorStatus.paused}
    listed = recent.for_mentor_list(Store(journal_dir).journal(), today, keep=keep, kind=None)
    rows = mentor_rows(listed, today, keep=keep)
    assert rows == mentor_rows(full, today, keep=keep)


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_a_review_reads_the_action_files_of_its_years_and_equals_a_whole_read(
    journal_dir: Path, quarter: Quarter
) -> None:
    config = defaults()
    full = Store(journal_dir).journal()
    expected = compute_review(full, quarter, TODAY, config).model_dump()
    store = Store(journal_dir)
    partial = recent.for_review(store.journal(), quarter, TODAY, config)
    review = compute_review(partial, quarter, TODAY, config).model_dump()
    assert review == expected
    read = {name for name in store.files_read() if name.startswith("actions-")}
    years = {name: int(name[8:12]) for name in files(journal_dir) if name != "actions.json"}
    assert read == {name for name, year in years.items() if year >= quarter.start.year}


def test_closing_an_item_moves_it_to_its_year_and_rewrites_only_those_two_files(
    journal_dir: Path,
) -> None:
    before = snapshot(journal_dir)
    item = next(a for a in Store(journal_dir).journal().open_actions())
    result = run("--data-dir", str(journal_dir), "action", "done", item.id)
    assert result.exit_code == 0, result.stderr
    after = snapshot(journal_dir)
    changed = {n for n in after if after[n] != before.get(n) and not n.startswith("backups/")}
    assert changed == {"actions.json", f"actions-{TODAY.year}.json"}
    found = files(journal_dir)
    assert item.id not in {r["id"] for r in found["actions.json"]}
    moved = found[f"actions-{TODAY.year}.json"][-1]
    assert (moved["id"], moved["status"], moved["done"]) == (item.id, "done", TODAY.isoformat())
    # the other years and every other record are as they were
    for name in set(before) - changed - {n for n in before if n.startswith("backups/")}:
        assert after[name] == before[name]
    assert len(Store(journal_dir).journal().actions) == 400


def test_undo_puts_a_closed_item_back_in_the_current_file(journal_dir: Path) -> None:
    before = snapshot(journal_dir)
    item = next(a for a in Store(journal_dir).journal().open_actions())
    assert run("--data-dir", str(journal_dir), "action", "drop", item.id).exit_code == 0
    assert run("--data-dir", str(journal_dir), "undo", "--yes").exit_code == 0
    after = snapshot(journal_dir)
    assert {n: b for n, b in after.items() if not n.startswith("backups/")} == {
        n: b for n, b in before.items() if not n.startswith("backups/")
    }


def test_a_session_with_actions_reads_only_the_current_file_and_its_year(
    journal_dir: Path,
) -> None:
    store = Store(journal_dir)
    mentor = next(m for m in store.journal().mentors if m.status is MentorStatus.active)
    result = run(
        "--data-dir", str(journal_dir), "meet", mentor.id, "--date", "2024-05-06",
        "--action", "Send the draft", "--action", "Book the room",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    found = files(journal_dir)
    added = [r for r in found["actions.json"] if r["text"] in {"Send the draft", "Book the room"}]
    assert len(added) == 2
    journal = Store(journal_dir).journal()
    session = next(m for m in journal.meetings_of_year(2024) if m.id == added[0]["meeting"])
    assert session.mentor == mentor.id
    assert len(journal.actions) == 402


def test_a_damaged_closed_year_never_stops_the_everyday_views(journal_dir: Path) -> None:
    oldest = sorted(journal_dir.glob("actions-*.json"))[0]
    oldest.write_bytes(oldest.read_bytes()[:100])
    before = snapshot(journal_dir)
    for args in (("nudge",), ("status",), ("action", "list"), ("mentor", "list")):
        result = run("--data-dir", str(journal_dir), *args)
        assert result.exit_code == 0, (args, result.stderr)
    for args in (("action", "list", "--all"), ("search", "follow")):
        result = run("--data-dir", str(journal_dir), *args)
        assert result.exit_code == 3, args
        assert str(oldest) in result.stderr
    assert snapshot(journal_dir) == before


# -- a journal written before action items were split ---------------------------------------


def as_one_file(root: Path) -> None:
    """Put every action item back in `actions.json`, as versions before the split kept them."""
    records = [record for part in files(root).values() for record in part]
    for path in root.glob("actions-*.json"):
        path.unlink()
    document = {"schema_version": 1, "actions": records}
    (root / "actions.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def test_a_journal_from_before_is_read_alike_and_not_rewritten_until_an_item_changes(
    journal_dir: Path,
) -> None:
    config = defaults()
    expected = compute_nudges(Store(journal_dir).journal(), TODAY, config)
    review = compute_review(Store(journal_dir).journal(), quarter_of(TODAY), TODAY, config)
    as_one_file(journal_dir)
    before = snapshot(journal_dir)
    partial = recent.for_nudges(Store(journal_dir).journal(), TODAY, config)
    assert compute_nudges(partial, TODAY, config) == expected
    partial = recent.for_review(Store(journal_dir).journal(), quarter_of(TODAY), TODAY, config)
    assert compute_review(partial, quarter_of(TODAY), TODAY, config) == review
    with Store(journal_dir).transaction() as journal:  # read everything, change nothing
        for name in COLLECTION_NAMES:
            journal.collection(name)
    with Store(journal_dir).transaction() as journal:  # read the open ones, change nothing
        assert journal.open_actions()
    assert snapshot(journal_dir) == before

    item = next(a for a in Store(journal_dir).journal().open_actions())
    assert run("--data-dir", str(journal_dir), "action", "done", item.id).exit_code == 0
    found = files(journal_dir)
    assert all(record["status"] == "open" for record in found["actions.json"])
    assert len(found) > 2
    kept = Store(journal_dir).journal().actions
    assert len(kept) == 400
    assert next(a for a in kept if a.id == item.id).status is ActionStatus.done


def test_an_item_added_about_a_missing_session_is_refused_and_nothing_written(
    journal_dir: Path,
) -> None:
    from mentorlog.errors import Refused
    from mentorlog.models import stamp

    before = snapshot(journal_dir)
    store = Store(journal_dir)

    def add_about_nothing() -> None:
        with store.transaction() as journal:
            item = ActionItem(
                id=journal.new_id("actions"),
                text="About nothing",
                meeting="0badc0de",
                mentor=journal.mentors[0].id,
                **stamp(),
            )
            journal.add("actions", item)
            assert not journal.is_loaded("actions")

    with pytest.raises(Refused, match="refers to a meeting that does not exist"):
        add_about_nothing()
    assert snapshot(journal_dir) == before
