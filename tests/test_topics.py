"""Topics (README, "Before and after a session"): `topic add|list|done|drop`, `meet
--topic/--discussed`, the editor's checklist and the terminal prompt; removal never leaves a topic
pointing nowhere."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mentorlog.journal.notes_template import Reminder, parse_draft, session_template
from mentorlog.storage.migrations import CURRENT_VERSION
from tests.factories import fake_editor
from tests.helpers import ok, refused, run, snapshot

MARKUP = "Ask about [bold]x[/] :smile: \x1b[31mred"


def topics(*args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(ok("topic", "list", "--json", *args))
    return found


@pytest.fixture
def ada(home: Path) -> str:
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-09-01")
    ok("mentor", "add", "Bo Diddley", "--started", "2026-09-01")
    return "ada"


def test_add_and_list_keep_the_text_literally(ada: str) -> None:
    added = json.loads(ok("topic", "add", "ada", MARKUP, "--json"))
    assert added["status"] == "open"
    assert added["meeting"] is None
    ok("topic", "add", "bo", "Ask about gigs")
    listed = ok("topic", "list")
    # no markup, no emoji code, no escape character (the control character is dropped)
    assert "Ask about [bold]x[/] :smile: [31mred" in listed
    assert "\x1b" not in listed
    assert [t["mentor_name"] for t in topics("--mentor", "bo")] == ["Bo Diddley"]
    assert [t["text"] for t in topics()] == [
        "Ask about [bold]x[/] :smile: \x1b[31mred",
        "Ask about gigs",
    ]


def test_list_json_shape_and_the_empty_cases(ada: str) -> None:
    assert "No open topics. Add one: mentorlog topic add MENTOR TEXT" in ok("topic", "list")
    assert topics() == []
    ok("topic", "add", "ada", "First")
    (row,) = topics()
    assert set(row) == {
        "id", "mentor", "mentor_name", "text", "status", "meeting", "closed", "created",
    }  # fmt: skip
    assert row["created"] == "2026-11-24"


def test_golden_list_at_80_columns(ada: str) -> None:
    ok(
        "topic",
        "add",
        "ada",
        "How did you learn to say no to good projects without burning bridges?",
    )
    first = topics()[0]["id"]
    ok("topic", "add", "bo", "Gigs")
    second = topics("--mentor", "bo")[0]["id"]
    ok("topic", "drop", second)
    shown = ok("topic", "list", "--all").replace(first, "aaaa0001").replace(second, "bbbb0002")
    assert [line.rstrip() for line in shown.splitlines()] == [
        "ID        Status   Topic                    Mentor        Noted       Closed",
        "─" * 80,
        "aaaa0001  open     How did you learn to     Ada Lovelace  2026-11-24  —",
        "                   say no to good projects",
        "                   without burning",
        "                   bridges?",
        "bbbb0002  dropped  Gigs                     Bo Diddley    2026-11-24  2026-11-24",
    ]


def test_done_and_drop_close_a_topic_once(ada: str) -> None:
    ok("topic", "add", "ada", "One")
    ok("topic", "add", "ada", "Two")
    one, two = (t["id"] for t in topics())
    assert "is discussed" in ok("topic", "done", one)
    assert "is dropped" in ok("topic", "drop", two)
    again = run("topic", "done", one)
    assert again.exit_code == 1
    assert "already discussed" in again.stderr
    assert topics() == []
    closed = {t["id"]: t for t in topics("--all")}
    assert closed[one]["status"] == "discussed"
    assert closed[one]["closed"] == "2026-11-24"


def test_bad_input_changes_nothing(ada: str, home: Path) -> None:
    before = snapshot(home)
    assert run("topic", "add", "ada", "   ").exit_code == 2
    assert run("topic", "add", "nobody", "Hi").exit_code == 1
    assert run("topic", "done", "ffff").exit_code == 1
    assert snapshot(home) == before


def test_meet_marks_discussed_topics_and_notes_new_ones(ada: str) -> None:
    ok("topic", "add", "ada", "Hiring")
    ok("topic", "add", "ada", "Budget")
    hiring, budget = (t["id"] for t in topics())
    out = ok("meet", "ada", "--date", "2026-11-20", "--discussed", hiring, "--topic", "Offsite")
    assert "Topics: 1 discussed, 1 noted for next time." in out
    assert "Open topics: 1 (if discussed: mentorlog topic done ID --session" in out
    logged = json.loads(ok("meeting", "list", "--json"))
    session = logged[0]["id"] if isinstance(logged, list) else logged["meetings"][0]["id"]
    rows = {t["text"]: t for t in topics("--all")}
    assert rows["Hiring"]["status"] == "discussed"
    assert rows["Hiring"]["meeting"] == session
    assert rows["Hiring"]["closed"] == "2026-11-20"
    assert rows["Offsite"]["status"] == "open"
    assert rows["Budget"]["id"] == budget


def test_meet_refuses_a_topic_of_another_mentor_and_saves_nothing(ada: str, home: Path) -> None:
    ok("topic", "add", "bo", "Gigs")
    refused(home, "meet", "ada", "--discussed", topics()[0]["id"], code=1, says="another mentor")


def test_the_editor_template_lists_open_topics_and_ticks_mark_them(
    ada: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("topic", "add", "ada", "Hiring [b]plan[/b]")
    ok("topic", "add", "ada", "Budget")
    hiring, budget = (t["id"] for t in topics())
    ticks = repr({f"- [ ] {hiring} ": f"- [x] {hiring} ", "- \n": "- Hire slowly\n"})
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, ticks))
    ok("meet", "ada", "--edit")
    seen = json.loads((tmp_path / "editor-seen.txt").read_text())["text"]
    assert "## Topics to raise" in seen
    assert f"- [ ] {hiring} Hiring [b]plan[/b]\n- [ ] {budget} Budget" in seen
    status = {t["id"]: t["status"] for t in topics("--all")}
    assert status == {hiring: "discussed", budget: "open"}
    meeting = json.loads(ok("meeting", "list", "--json"))
    notes = json.dumps(meeting)
    assert "Topics to raise" not in notes
    assert hiring not in notes.replace(f'"{hiring}"', "")


def test_the_terminal_prompt_asks_which_topics_were_discussed(
    ada: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mentorlog.cli.meet.interactive", lambda: True)
    ok("topic", "add", "ada", "Hiring")
    ok("topic", "add", "ada", "Budget")
    # mentor 1 (Ada), then Enter for date, length, format, takeaways, actions, rating and
    # next date; then which topics: 2
    result = run("meet", input="1\n" + "\n" * 7 + "2\n")
    assert result.exit_code == 0, result.output
    assert "Topics you wanted to raise with Ada Lovelace:" in result.stderr
    status = {t["text"]: t["status"] for t in topics("--all")}
    assert status == {"Hiring": "open", "Budget": "discussed"}


def test_removing_a_session_reopens_its_topics(ada: str) -> None:
    ok("topic", "add", "ada", "Hiring")
    hiring = topics()[0]["id"]
    ok("meet", "ada", "--discussed", hiring)
    session = json.loads(ok("topic", "list", "--all", "--json"))[0]["meeting"]
    ok("meeting", "rm", session, "--yes")
    (row,) = topics()
    assert row["status"] == "open"
    assert row["meeting"] is None
    assert row["closed"] is None


def test_mentor_rm_refuses_with_topics_and_cascade_deletes_them(ada: str, home: Path) -> None:
    ok("topic", "add", "ada", "Hiring")
    refused(home, "mentor", "rm", "ada", "--yes", code=1, says="1 topic")
    ok("mentor", "rm", "ada", "--yes", "--cascade")
    assert topics("--all") == []
    ok("undo", "--yes")
    assert [t["text"] for t in topics()] == ["Hiring"]


def test_topics_travel_in_the_backup_and_merge_by_id(ada: str, tmp_path: Path) -> None:
    ok("topic", "add", "ada", "Hiring")
    backup = tmp_path / "backup.json"
    ok("export", "--format", "json", "--output", str(backup))
    assert json.loads(backup.read_text())["topics"][0]["text"] == "Hiring"
    ok("topic", "drop", topics()[0]["id"])
    ok("import", str(backup))  # the journal's newer version wins
    assert topics() == []
    assert len(topics("--all")) == 1


def test_a_topic_pointing_at_a_missing_mentor_stops_the_command(ada: str, home: Path) -> None:
    ok("topic", "add", "ada", "Hiring")
    document = json.loads((home / "topics.json").read_text())
    assert document["schema_version"] == CURRENT_VERSION
    document["topics"][0]["mentor"] = "deadbeef"
    (home / "topics.json").write_text(json.dumps(document))
    result = refused(home, "topic", "list", code=3, says="topics.json")
    assert "refers to a mentor that does not exist" in result.stderr


def test_the_draft_reads_only_ticks_of_the_topics_it_offered() -> None:
    draft = parse_draft(
        "## Topics to raise\n"
        "- [x] ab12cd34 Hiring\n"
        "- [ ] ef56ab78 Budget\n"
        "- [x] call the recruiter\n"  # not an offered id: a line of notes like any other
        "## Key advice\n- Hire slowly\n",
        {"ab12cd34", "ef56ab78"},
    )
    assert draft.discussed == ["ab12cd34"]
    assert draft.takeaways == ["Hire slowly"]
    assert "call the recruiter" in draft.notes
    assert "ab12cd34" not in draft.notes
    assert "ef56ab78" not in draft.notes


def test_a_draft_with_only_a_tick_is_not_empty() -> None:
    text = session_template(
        Reminder(mentor="Ada", day=date(2026, 11, 24), open_topics=[("ab12cd34", "Hiring")])
    )
    assert not parse_draft(text.replace("- [ ] ab12cd34", "- [x] ab12cd34"), {"ab12cd34"}).empty
    assert parse_draft(text, {"ab12cd34"}).empty


def test_the_markdown_export_lists_each_mentors_topics_escaped(ada: str) -> None:
    ok("topic", "add", "ada", "# Ask [x](javascript:1)")
    ok("topic", "add", "ada", "Budget")
    ok("meet", "ada", "--date", "2026-11-20", "--discussed", topics()[1]["id"])
    text = ok("export", "--format", "markdown")
    assert (
        "#### Topics\n\n- [ ] \\# Ask \\[x\\](javascript:1)\n- [x] Budget (discussed 2026-11-20)"
        in text
    )


def test_a_question_takes_no_full_stop_after_it_in_the_confirmation() -> None:
    assert run("mentor", "add", "Zoë Fernández").exit_code == 0
    said = run("topic", "add", "zoe", "Comment as-tu structuré ton équipe ?").stdout
    assert " ".join(said.split()).endswith("structuré ton équipe ?")
    said = run("topic", "add", "zoe", "多久开一次？").stdout
    assert said.rstrip().endswith("多久开一次？")
    said = run("topic", "add", "zoe", "Budget for the offsite").stdout
    assert said.rstrip().endswith("Budget for the offsite.")
