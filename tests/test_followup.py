"""`mentorlog followup MENTOR` (README, "Before and after a session"): the note, its forms, the
session marked followed up, and the report-back nudge it clears."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from mentorlog.journal.followup import first_name, mailto_url
from tests.factories import fake_editor
from tests.helpers import ok, run, snapshot


def sessions() -> list[dict[str, Any]]:
    """The sessions as exported; `followed_up` is only written once set (None: not yet)."""
    document = json.loads(ok("export", "--format", "json"))
    found: list[dict[str, Any]] = document["meetings"]
    for session in found:
        session.setdefault("followed_up", None)
    return found


@pytest.fixture
def ada(home: Path) -> str:
    ok("mentor", "add", "Ada Lovelace", "--started", "2026-09-01", "--email", "ada@example.org")
    ok(
        "meet", "ada", "--date", "2026-10-20", "--takeaway", "Say no to most projects",
        "--action", "List what I would drop",
    )  # fmt: skip
    ok(
        "meet", "ada", "--date", "2026-11-17", "--takeaway", "Hire slow",
        "--takeaway", "[bold]Write[/] it down :smile: \x07", "--action", "Draft a hiring plan",
        "--action", "Read High Output Management",
    )  # fmt: skip
    done = [a["id"] for a in json.loads(ok("action", "list", "--json"))]
    ok("action", "done", done[0])  # the older session's advice, done since
    return "ada"


NOTE = """\
Subject: Thank you for our conversation on Tuesday 17 November

Hi Ada,

Thank you for your time on Tuesday 17 November.

What I took away:
- Hire slow
- [bold]Write[/] it down :smile:

What I will do next:
- Draft a hiring plan
- Read High Output Management

What came of your advice:
- List what I would drop (done 24 November)

Thanks again,
"""


def test_the_note_is_plain_literal_text_and_marks_the_latest_session(ada: str) -> None:
    assert ok("followup", "ada") == NOTE
    marked = {s["date"]: s["followed_up"] for s in sessions()}
    assert marked == {"2026-10-20": None, "2026-11-17": "2026-11-24"}
    ok("undo", "--yes")
    assert all(s["followed_up"] is None for s in sessions())


def test_an_older_session_by_id(ada: str) -> None:
    older = next(s["id"] for s in sessions() if s["date"] == "2026-10-20")
    note = ok("followup", "ada", "--session", older)
    assert "Tuesday 20 October" in note
    assert "- Say no to most projects" in note
    assert "What I will do next" not in note  # its only item is done: it is a result now
    assert "- List what I would drop (done 24 November)" in note


def test_results_are_only_what_was_done_since_the_last_follow_up(ada: str) -> None:
    older = next(s["id"] for s in sessions() if s["date"] == "2026-10-20")
    ok("followup", "ada", "--session", older)  # told them today
    assert "What came of your advice" not in ok("followup", "ada")


def test_json_shape(ada: str) -> None:
    note = json.loads(ok("followup", "ada", "--json"))
    assert set(note) == {
        "mentor_id", "mentor_name", "email", "session_id", "session_date", "takeaways",
        "commitments", "results", "subject", "body", "mailto", "followed_up",
    }  # fmt: skip
    assert note["followed_up"] == "2026-11-24"
    assert note["mailto"] is None
    assert [r["text"] for r in note["results"]] == ["List what I would drop"]
    assert note["results"][0]["session_date"] == "2026-10-20"


def test_mailto_is_percent_encoded(ada: str) -> None:
    url = ok("followup", "ada", "--mailto").strip()
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert parts.path == "ada@example.org"
    assert " " not in url
    assert "\n" not in url
    query = parse_qs(parts.query)
    assert query["subject"] == ["Thank you for our conversation on Tuesday 17 November"]
    assert query["body"][0].replace("\r\n", "\n") == NOTE.split("\n\n", 1)[1]


def test_mailto_without_an_email_is_refused_and_marks_nothing(home: Path) -> None:
    ok("mentor", "add", "Bo Diddley")
    ok("meet", "bo")
    before = snapshot(home)
    result = run("followup", "bo", "--mailto")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "no e-mail address" in result.stderr
    assert snapshot(home) == before


def test_output_writes_a_private_file(ada: str, tmp_path: Path) -> None:
    target = tmp_path / "note.txt"
    ok("followup", "ada", "--output", str(target))
    assert target.read_text(encoding="utf-8") == NOTE
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_edit_opens_the_editor_on_the_draft(
    ada: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, repr({"Thanks again,": "Warmly, Kim"})))
    note = ok("followup", "ada", "--edit")
    assert note.endswith("Warmly, Kim\n")
    seen = json.loads((tmp_path / "editor-seen.txt").read_text())
    assert seen["file"] == 0o600
    assert "Hi Ada," in seen["text"]
    assert sessions()[1]["followed_up"] == "2026-11-24"


def test_an_emptied_draft_cancels_and_marks_nothing(
    ada: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, "=  \n"))
    result = run("followup", "ada", "--edit")
    assert result.exit_code == 1
    assert all(s["followed_up"] is None for s in sessions())


def test_never_met_and_a_session_of_someone_else(ada: str, home: Path) -> None:
    ok("mentor", "add", "Bo Diddley")
    before = snapshot(home)
    never = run("followup", "bo")
    assert never.exit_code == 1
    assert "No session with Bo Diddley yet" in never.stderr
    theirs = sessions()[0]["id"]
    other = run("followup", "bo", "--session", theirs)
    assert other.exit_code == 1
    assert "is not with Bo Diddley" in other.stderr
    assert snapshot(home) == before


def test_a_session_without_takeaways_or_actions(home: Path) -> None:
    ok("mentor", "add", "Bo Diddley")
    ok("meet", "bo", "--date", "2026-11-23")
    assert ok("followup", "bo") == (
        "Subject: Thank you for our conversation on Monday 23 November\n\n"
        "Hi Bo,\n\nThank you for your time on Monday 23 November.\n\nThanks again,\n"
    )


def test_the_report_back_nudge_goes_once_you_follow_up(ada: str) -> None:
    nudges = json.loads(ok("nudge", "--json"))
    (found,) = [n for n in nudges if n["code"] == "report-back"]
    assert found["suggestion"] == "mentorlog followup ada"
    ok("followup", "ada")
    assert not [n for n in json.loads(ok("nudge", "--json")) if n["code"] == "report-back"]
    ok("config", "set", "nudges.report_back", "false")
    ok("undo", "--yes")  # not followed up again, but the rule is off
    assert not [n for n in json.loads(ok("nudge", "--json")) if n["code"] == "report-back"]


def test_mailto_url_encodes_every_reserved_character_and_line_break() -> None:
    url = mailto_url("zoë@example.org", "Q&A? 100%", "Hi Zoë,\n\na=b&c #1\n")
    assert url.startswith("mailto:zo%C3%AB@example.org?subject=Q%26A%3F%20100%25&body=")
    query = parse_qs(urlsplit(url).query)
    assert query["body"] == ["Hi Zoë,\r\n\r\na=b&c #1\r\n"]
    assert "#" not in url


@pytest.mark.parametrize(
    ("name", "greeted"),
    [
        ("Zoë Fernández", "Zoë"),
        ("李 明", "李 明"),
        ("田中 太郎", "田中 太郎"),
        ("A Okafor", "A Okafor"),
    ],
)
def test_the_greeting_uses_a_first_name_only_where_there_is_one(name: str, greeted: str) -> None:
    assert first_name(name) == greeted


def test_an_item_done_after_a_note_drafted_the_same_day_still_calls_for_a_report(
    home: Path,
) -> None:
    ok("mentor", "add", "Zoë")
    ok("meet", "zoe", "--date", "-3d", "--action", "Do X")
    ok("followup", "zoe")  # today: thanks, and "what I will do next: Do X"
    [item] = json.loads(ok("action", "list", "--json"))
    ok("action", "done", item["id"])  # later the same day: the note did not say so
    codes = [n["code"] for n in json.loads(ok("nudge", "--json"))]
    assert "report-back" in codes
    ok("followup", "zoe")
    codes = [n["code"] for n in json.loads(ok("nudge", "--json"))]
    assert "report-back" not in codes
