"""Notes in the editor: the template, what is read back, private drafts, and nothing typed is
ever lost when saving fails."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from mentorlog.cli._editor import editor_command
from mentorlog.errors import BadInput, StorageError
from mentorlog.journal.notes_template import Reminder, parse_draft, session_template
from tests.factories import (
    action,
    agreement,
    drafts,
    editor_saw,
    fake_editor,
    load,
    meeting,
    mentor,
    seed,
)
from tests.helpers import refused, run, snapshot

FILLED = repr(
    {
        "## What I wanted from this session\n\n": (
            "## What I wanted from this session\n\nFeedback on the demo.\n"
        ),
        "- \n": "- Rehearse aloud\n- Cut the intro to a minute\n",
        "- [ ] \n": "- [ ] Draft the outline\n- Book a room\n",
        "next: \n": "next: 2026-12-15\n",
    }
)


@pytest.fixture
def ada(home: Path) -> object:
    person = mentor(
        agreement=agreement(why="She ran the conference", hope="Stage presence"),
    )
    seed(home, mentors=[person], actions=[action("Read the talk notes", mentor=person.id)])
    return person


# -- the template (pure) ---------------------------------------------------------------


def test_template_has_the_four_sections_and_reminders_as_comments() -> None:
    text = session_template(
        Reminder(
            mentor="Ada Lovelace",
            day=date(2026, 11, 24),
            agreement=[("why them", "She ran\nthe conference")],
            open_actions=[("ab12cd34", "Read the notes", 12)],
        )
    )
    for heading in ("What I wanted from this session", "Key advice", "Action items", "Next"):
        assert f"## {heading}" in text
    comments = [line for line in text.splitlines() if line.startswith("//")]
    assert any("why them: She ran the conference" in line for line in comments)  # one line
    assert any("ab12cd34  Read the notes (12d old)" in line for line in comments)
    assert all(len(line) <= 80 for line in text.splitlines())


def test_an_untouched_template_is_empty() -> None:
    text = session_template(Reminder(mentor="Ada", day=date(2026, 11, 24)))
    draft = parse_draft(text)
    assert draft.empty
    assert (draft.notes, draft.takeaways, draft.actions, draft.next) == ("", [], [], None)


def test_parse_reads_takeaways_actions_and_next_from_their_sections() -> None:
    text = (
        "// a comment\n## What I wanted from this session\n\n- not advice\n\n"
        "## Key advice\n\n- Rehearse\n* Record yourself\n-\n\n"
        "## Action items\n\n- [ ] Draft it\n- [x] Book it\n- Call Bob\n- [ ]\n\n"
        "## Next steps\n\nnext: friday\n"
    )
    draft = parse_draft(text)
    assert draft.takeaways == ["Rehearse", "Record yourself"]
    assert draft.actions == ["Draft it", "Book it", "Call Bob"]
    assert draft.next == "friday"
    assert "// a comment" not in draft.notes
    assert "- not advice" in draft.notes
    assert not draft.empty


def test_own_headings_end_a_section_and_urls_are_not_comments() -> None:
    text = "## Key advice\n- Keep this\n## My own heading\n- not a takeaway\nsee https://x.org\n"
    draft = parse_draft(text)
    assert draft.takeaways == ["Keep this"]
    assert "see https://x.org" in draft.notes


def test_empty_template_sections_are_left_out_of_the_notes() -> None:
    text = session_template(Reminder(mentor="Ada", day=date(2026, 11, 24))).replace(
        "- \n", "- Only advice\n", 1
    )
    draft = parse_draft(text)
    assert draft.notes == "## Key advice\n\n- Only advice"


def test_control_characters_do_not_survive_the_draft() -> None:
    draft = parse_draft("## Key advice\n- be \x1b[31mbold\x07\n")
    assert draft.takeaways == ["be [31mbold"]
    assert "\x1b" not in draft.notes


def test_editor_command_prefers_visual_and_splits_like_a_shell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert editor_command() == ["vi"]
    monkeypatch.setenv("EDITOR", "nano -w")
    assert editor_command() == ["nano", "-w"]
    monkeypatch.setenv("VISUAL", "'/opt/my editor/code' --wait")
    assert editor_command() == ["/opt/my editor/code", "--wait"]
    monkeypatch.setenv("VISUAL", "'unclosed")
    with pytest.raises(BadInput):
        editor_command()


# -- meet --edit -------------------------------------------------------------------------


def test_meet_edit_reads_back_everything(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ada: object
) -> None:
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, FILLED))
    result = run("meet", "ada", "--edit", "--takeaway", "From a flag")
    assert result.exit_code == 0, result.output
    [session] = load(home).meetings
    assert session.takeaways == ["From a flag", "Rehearse aloud", "Cut the intro to a minute"]
    assert session.next == date(2026, 12, 15)
    assert session.notes.startswith("## What I wanted from this session\n\nFeedback on the demo.")
    assert "//" not in session.notes
    texts = [a.text for a in load(home).actions if a.meeting == session.id]
    assert texts == ["Draft the outline", "Book a room"]
    assert "Next: 2026-12-15." in result.stdout
    assert drafts(home) == []  # deleted once saved


def test_the_draft_is_private_and_carries_the_reminders(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ada: object
) -> None:
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, FILLED))
    assert run("meet", "ada", "--edit").exit_code == 0
    seen = editor_saw(tmp_path)
    assert seen["file"] == 0o600
    assert seen["dir"] == 0o700
    assert Path(seen["path"]).parent == home / "drafts"
    assert "//   why them: She ran the conference" in seen["text"]
    assert "Read the talk notes" in seen["text"]


def test_visual_wins_over_editor(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ada: object
) -> None:
    monkeypatch.setenv("EDITOR", "false")
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, FILLED))
    assert run("meet", "ada", "--edit").exit_code == 0
    assert len(load(home).meetings) == 1


def test_notes_flag_seeds_the_editor(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ada: object
) -> None:
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, repr({"draft": "final"})))
    assert run("meet", "ada", "--edit", "--notes", "// old comment\nmy draft text").exit_code == 0
    assert "my draft text" in editor_saw(tmp_path)["text"]
    assert load(home).meetings[0].notes == "my final text"


def test_an_untouched_draft_saves_nothing(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ada: object
) -> None:
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, repr({})))
    refused(home, "meet", "ada", "--edit", code=1, says="Nothing saved")
    assert drafts(home) == []


def test_a_failed_save_keeps_the_draft_and_says_where(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ada: object
) -> None:
    typed = repr({"- \n": "- Advice I typed\n", "next: \n": "next: someday\n"})
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, typed))
    before = snapshot(home)
    result = run("meet", "ada", "--edit")
    assert result.exit_code == 2
    assert "Not a date" in result.stderr
    [kept] = drafts(home)
    assert f"Your draft is kept at {kept}" in result.stderr
    assert "Advice I typed" in kept.read_text()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert snapshot(home).keys() - before.keys() == {f"drafts/{kept.name}"}
    assert all(snapshot(home)[name] == data for name, data in before.items())


@pytest.mark.parametrize(
    ("error", "code"), [(StorageError("disk full"), 3), (RuntimeError("bug"), 70)]
)
def test_any_failure_after_the_editor_keeps_the_draft(
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    ada: object,
    error: Exception,
    code: int,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr("mentorlog.journal.meetings.log_meeting", broken)
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, FILLED))
    result = run("meet", "ada", "--edit")
    assert result.exit_code == code
    [kept] = drafts(home)
    assert str(kept) in result.stderr
    assert "Rehearse aloud" in kept.read_text()
    assert load(home).meetings == []


@pytest.mark.parametrize(
    ("editor", "code", "says"),
    [
        ("false", 1, "exited with status 1"),
        ("no-such-editor-anywhere", 2, "Cannot start the editor 'no-such-editor-anywhere'"),
    ],
    ids=["fails", "missing"],
)
def test_an_editor_that_fails_or_is_missing_is_a_clear_error_and_saves_nothing(
    home: Path, monkeypatch: pytest.MonkeyPatch, ada: object, editor: str, code: int, says: str
) -> None:
    monkeypatch.setenv("EDITOR", editor)
    result = run("meet", "ada", "--edit")
    assert result.exit_code == code
    assert says in result.stderr
    assert "Traceback" not in result.output
    assert drafts(home) == []  # nothing was typed
    assert load(home).meetings == []


def test_editor_on_meet_opens_it_in_a_terminal_without_notes(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ada: object
) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text("editor_on_meet = true\n")
    monkeypatch.setattr("mentorlog.cli.meet.interactive", lambda: True)
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, FILLED))
    result = run("meet", "ada", input="1\n")  # then closes the one open item
    assert result.exit_code == 0, result.output
    assert load(home).meetings[0].takeaways == ["Rehearse aloud", "Cut the intro to a minute"]
    assert "Close which?" in result.stderr
    assert [a.status.value for a in load(home).actions if a.meeting is None] == ["done"]
    # with --notes, or without a terminal, the editor stays closed
    # (a second session today: the terminal asks first, and is told yes)
    assert run("meet", "ada", "--notes", "quick", input="y\n").exit_code == 0
    monkeypatch.setattr("mentorlog.cli.meet.interactive", lambda: False)
    monkeypatch.setenv("EDITOR", "false")
    assert run("meet", "ada").exit_code == 0


# -- meeting edit --edit -----------------------------------------------------------------


def test_meeting_edit_in_the_editor_adds_without_duplicating(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = mentor()
    old = meeting(
        ada,
        date(2026, 11, 10),
        notes="## Key advice\n\n- Rehearse\n\n## Action items\n\n- Draft it",
        takeaways=["Rehearse"],
    )
    first = action("Draft it", mentor=ada.id, meeting=old.id)
    seed(home, mentors=[ada], meetings=[old], actions=[first])
    changes = repr({"- Rehearse\n": "- Rehearse\n- Breathe\n", "- Draft it": "- Draft it\n- Mail"})
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, changes))
    result = run("meeting", "edit", old.id, "--edit")
    assert result.exit_code == 0, result.output
    assert "1 action item added" in result.stdout
    [session] = load(home).meetings
    assert session.takeaways == ["Rehearse", "Breathe"]
    assert sorted(a.text for a in load(home).actions) == ["Draft it", "Mail"]
    assert "- Breathe" in session.notes
    assert "// Session with Ada Lovelace on 2026-11-10." in editor_saw(tmp_path)["text"]
