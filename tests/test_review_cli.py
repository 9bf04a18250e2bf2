"""`mentorlog review` and `mentorlog reflection` through the CLI (the clock reads 2026-11-24)."""

from __future__ import annotations

import html
import json
import re
import stat
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mentorlog.config import Config
from mentorlog.dates import Quarter
from mentorlog.insights.review import compute_review
from mentorlog.journal.reflections import PROMPTS
from mentorlog.render.html_report import HEADLINE_KEYS
from mentorlog.render.review import headline_pairs
from mentorlog.storage.store import Store
from mentorlog.vocab import ActionStatus, MeetingFormat, MentorKind, MilestoneStatus
from tests.factories import MARKUP_AND_ESCAPES as HOSTILE
from tests.factories import numbered_action as action
from tests.factories import numbered_goal as goal
from tests.factories import numbered_mentor as mentor
from tests.factories import numbered_milestone as milestone
from tests.factories import numbered_session as session
from tests.factories import seed
from tests.helpers import run, snapshot

TODAY = date(2026, 11, 24)


@pytest.fixture
def journal_on_disk(home: Path) -> dict[str, Any]:
    speak = goal("Speak at a conference")
    lead = goal("Lead reviews", started=date(2026, 7, 1))
    ada = mentor("Ada Okafor", goals=[speak.id], started=date(2026, 6, 1))
    bo = mentor("Bo Chen", kind=MentorKind.peer, cadence="2w", started=date(2026, 6, 1))
    mo = mentor(HOSTILE, kind=MentorKind.micro, cadence=None, started=date(2026, 9, 1))
    meetings = [
        session(ada, date(2026, 7, 1), duration=60, rating=5, goals=[speak.id]),
        session(bo, date(2026, 9, 30), duration=30, format=MeetingFormat.walk),
        session(ada, date(2026, 10, 1), duration=45, rating=4, goals=[speak.id, lead.id]),
        session(ada, date(2026, 10, 20), rating=5, takeaways=["Rehearse aloud"]),
        session(bo, date(2026, 11, 2), duration=30, format=MeetingFormat.coffee, rating=3),
        session(mo, date(2026, 11, 16), duration=90, takeaways=[HOSTILE]),
        session(mo, date(2026, 11, 23), duration=15, format=MeetingFormat.call),
    ]
    seed(
        home,
        goals=[speak, lead],
        mentors=[ada, bo, mo],
        meetings=meetings,
        milestones=[
            milestone(speak, "Abstract", status=MilestoneStatus.done, done=date(2026, 10, 9)),
            milestone(speak, HOSTILE, due=date(2026, 11, 1)),
            milestone(lead, "Chair one", due=date(2026, 12, 20)),
        ],
        actions=[
            action(
                "Send slides", date(2026, 10, 1), status=ActionStatus.done, done=date(2026, 10, 3)
            ),
            action(HOSTILE, date(2026, 10, 20), mentor=mo.id, due=date(2026, 12, 1)),
        ],
    )
    return {"ada": ada, "bo": bo, "mo": mo}


def computed(home: Path, quarter: Quarter) -> Any:
    return compute_review(Store(home).journal(), quarter, TODAY, Config())


# -- JSON and the period ---------------------------------------------------------------------


def test_json_is_the_computed_review_of_the_current_quarter(
    home: Path, journal_on_disk: dict[str, Any]
) -> None:
    result = run("review", "--json")

    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document == json.loads(computed(home, Quarter(2026, 4)).model_dump_json())
    assert document["period"] == "2026-Q4"
    assert document["end"] == "2026-11-24"
    assert document["headline"]["sessions"] == 5
    assert document["headline"]["hours"] == 3.0  # 45 + 30 + 90 + 15 minutes
    assert document["headline"]["sessions_without_duration"] == 1
    assert [p["prompt"] for p in document["prompts"]] == list(PROMPTS)


def test_last_is_the_previous_quarter_and_equals_quarter_option(
    home: Path, journal_on_disk: dict[str, Any]
) -> None:
    last = run("review", "--last", "--json")
    named = run("review", "--quarter", "2026q3", "--json")

    assert last.exit_code == named.exit_code == 0
    document = json.loads(last.stdout)
    assert document == json.loads(named.stdout)
    assert (document["period"], document["start"], document["end"]) == (
        "2026-Q3",
        "2026-07-01",
        "2026-09-30",
    )
    # Jul 1 and Sep 30, the first and last days, both count; Oct 1 does not
    assert document["headline"]["sessions"] == 2
    assert document["nudges"] == []
    assert document["nudges_note"]


@pytest.mark.parametrize(
    "args",
    [
        ("--quarter", "2026-Q5"),
        ("--quarter", "soon"),
        ("--quarter", "2027-Q1"),  # not started yet
        ("--quarter", "2026-Q3", "--last"),
        ("--output", "review.txt"),
        ("--output", "review"),
        ("--json", "--reflect"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
    home: Path,
    journal_on_disk: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
) -> None:
    monkeypatch.chdir(tmp_path)
    before = snapshot(home)
    outside = {p.name for p in tmp_path.iterdir()}

    result = run("review", *args)

    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert snapshot(home) == before
    assert {p.name for p in tmp_path.iterdir()} == outside


def test_output_into_a_missing_directory_is_bad_input(
    home: Path, journal_on_disk: dict[str, Any], tmp_path: Path
) -> None:
    result = run("review", "--output", str(tmp_path / "nowhere" / "r.md"))

    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert not (tmp_path / "nowhere").exists()


# -- the same numbers in the terminal, Markdown and HTML -------------------------------------


def terminal_figures(text: str, labels: dict[str, str]) -> dict[str, str]:
    return {
        key: re.search(rf"{label}\s+(\d+(?:\.\d)?)\b", text)[1]  # type: ignore[index]
        for key, label in labels.items()
    }


def markdown_figures(text: str, labels: dict[str, str]) -> dict[str, str]:
    return {
        key: re.search(rf"^\| {label} \| (\S+) \|$", text, re.M)[1]  # type: ignore[index]
        for key, label in labels.items()
    }


def html_figures(text: str) -> dict[str, str]:
    return dict(re.findall(r'<dd data-figure="(\w+)">([^<]*)</dd>', text))


def test_terminal_markdown_and_html_show_the_same_numbers(
    home: Path, journal_on_disk: dict[str, Any], tmp_path: Path
) -> None:
    shown = run("review")
    md = run("review", "--output", str(tmp_path / "q4.md"))
    page = run("review", "--output", str(tmp_path / "q4.html"))

    assert shown.exit_code == md.exit_code == page.exit_code == 0
    headline = computed(home, Quarter(2026, 4)).headline
    # each figure's label, as the terminal and Markdown show it; its key, as the page marks it
    pairs = zip(HEADLINE_KEYS, headline_pairs(headline), strict=True)
    labels = {key: label for key, (label, _) in pairs}
    wanted = {
        key: (f"{value:.1f}" if key == "hours" else str(value))
        for key, value in headline.model_dump().items()
        if key in labels
    }
    markdown = (tmp_path / "q4.md").read_text(encoding="utf-8")
    webpage = (tmp_path / "q4.html").read_text(encoding="utf-8")
    assert terminal_figures(shown.stdout, labels) == wanted
    assert markdown_figures(markdown, labels) == wanted
    assert html_figures(webpage) == wanted
    # per-relationship sessions and ratings agree too
    rows = computed(home, Quarter(2026, 4)).relationships
    for line in rows:
        rating = "—" if line.average_rating is None else f"{line.average_rating:.1f}"
        name = re.escape(line.name.split()[0])
        assert re.search(rf"{name}.*\b{line.sessions}\s+{line.hours:.1f}\b.*{rating}", shown.stdout)
        assert re.search(
            rf"{name}.*\| {line.sessions} \| {line.hours:.1f} \|.* {rating} \|", markdown
        )
    # weekly counts: the terminal chart, the Markdown table and the SVG bars
    weeks = computed(home, Quarter(2026, 4)).weeks
    for week in weeks:
        chart_row = rf"{week.week} from {week.start}\s.*?\b{week.sessions}\s*$"
        assert re.search(chart_row, shown.stdout, re.M)
        assert f"| {week.week} | {week.start} | {week.sessions} |" in markdown
        assert (
            f'data-week="{week.week}" data-start="{week.start}" '
            f'data-count="{week.sessions}"' in webpage
        )
    assert "wrote the 2026-q4 review" in md.stdout.lower()


def test_output_files_are_private_and_the_page_is_self_contained(
    home: Path, journal_on_disk: dict[str, Any], tmp_path: Path
) -> None:
    for name in ("r.md", "r.html", "R.HTM", "r.markdown"):
        assert run("review", "-o", str(tmp_path / name)).exit_code == 0
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "@media print" in page
    assert "<script" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page
    assert "url(" not in page
    assert (tmp_path / "R.HTM").read_text(encoding="utf-8") == page
    assert (tmp_path / "r.markdown").read_text(encoding="utf-8").startswith("# Review of 2026-Q4")


def test_output_with_json_writes_the_file_and_prints_only_json(
    home: Path, journal_on_disk: dict[str, Any], tmp_path: Path
) -> None:
    result = run("review", "--last", "--json", "-o", str(tmp_path / "q3.md"))

    assert result.exit_code == 0
    assert json.loads(result.stdout)["period"] == "2026-Q3"
    assert "Review of 2026-Q3" in (tmp_path / "q3.md").read_text(encoding="utf-8")
    assert "q3.md" in result.stderr


# -- user text is literal ---------------------------------------------------------------------


def test_hostile_text_is_literal_in_the_terminal_and_escaped_in_files(
    home: Path, journal_on_disk: dict[str, Any], tmp_path: Path
) -> None:
    shown = run("review")
    run("review", "-o", str(tmp_path / "r.md"))
    run("review", "-o", str(tmp_path / "r.html"))

    assert shown.exit_code == 0
    assert "[bold red]Evil[/]" in shown.stdout
    assert ":smile:" in shown.stdout
    assert "\x1b" not in shown.stdout
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>" not in page
    assert html.escape("[bold red]Evil[/] :smile: [31m<script>alert(1)</script>") in page
    assert "&amp;amp;" in page  # the user's "&amp;" is shown as typed, not as "&"
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "<script>" not in markdown
    assert r"\<script\>alert(1)\</script\>" in markdown
    assert r"\[bold red\]Evil\[/\]" in markdown
    assert r"\| # \*x\* \&amp;" in markdown
    assert "\x1b" not in markdown + page


def test_terminal_review_fits_80_columns(home: Path, journal_on_disk: dict[str, Any]) -> None:
    for args in ((), ("--last",)):
        result = run("review", *args)
        assert result.exit_code == 0
        assert max(len(line) for line in result.stdout.splitlines()) <= 80
        for section in (
            "Headline",
            "Goals",
            "Relationships",
            "Sessions per week",
            "Mix",
            "Takeaways",
            "Loose ends",
            "Nudges",
            "Reflect",
        ):
            assert re.search(rf"^{section}\b", result.stdout, re.M), section


def test_empty_journal_shows_how_to_start(home: Path) -> None:
    result = run("review")

    assert result.exit_code == 0
    assert "mentorlog goal add" in result.stdout
    assert not home.exists()


# -- reflecting -------------------------------------------------------------------------------


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mentorlog.cli.review.interactive", lambda: True)


def saved_reflections(home: Path) -> list[Any]:
    return list(Store(home).journal().reflections)


def test_reflect_asks_the_six_prompts_and_saves_them_with_a_snapshot(
    home: Path, journal_on_disk: dict[str, Any], at_a_terminal: None
) -> None:
    answers = [f"answer {n}" for n in range(1, 7)]

    result = run("review", "--last", "--reflect", input="\n".join(answers) + "\n")

    assert result.exit_code == 0, result.stderr
    flowing = " ".join(result.stderr.split())  # questions go to stderr, like meet's
    for number, prompt in enumerate(PROMPTS, start=1):
        assert f"{number}. {prompt}" in flowing
    assert "Saved your reflection on 2026-Q3" in result.stdout
    [saved] = saved_reflections(home)
    assert saved.period == "2026-Q3"
    assert [(a.prompt, a.answer) for a in saved.answers] == list(zip(PROMPTS, answers, strict=True))
    assert saved.snapshot == computed(home, Quarter(2026, 3)).headline.model_dump(mode="json")


def test_rerunning_reflect_edits_the_same_reflection(
    home: Path, journal_on_disk: dict[str, Any], at_a_terminal: None
) -> None:
    run("review", "--reflect", input="one\ntwo\nthree\nfour\nfive\nsix\n")
    [first] = saved_reflections(home)

    # Enter keeps the previous answer; only the third one changes.
    result = run("review", "--reflect", input="\n\nTHREE\n\n\n\n")

    assert result.exit_code == 0, result.stderr
    assert "Updated your reflection on 2026-Q4" in result.stdout
    assert "Before: three" in result.stderr
    [again] = saved_reflections(home)
    assert again.id == first.id
    assert [a.answer for a in again.answers] == ["one", "two", "THREE", "four", "five", "six"]
    assert again.updated >= first.updated


def test_reflect_without_a_terminal_refuses_and_changes_nothing(
    home: Path, journal_on_disk: dict[str, Any]
) -> None:
    before = snapshot(home)

    result = run("review", "--reflect", input="a\nb\nc\nd\ne\nf\n")

    assert result.exit_code == 2
    assert "needs a terminal; or use --editor" in result.stderr
    assert result.stdout == ""
    assert snapshot(home) == before


def test_reflect_with_every_answer_empty_saves_nothing(
    home: Path, journal_on_disk: dict[str, Any], at_a_terminal: None
) -> None:
    before = snapshot(home)

    result = run("review", "--reflect", input="\n" * 6)

    assert result.exit_code == 1
    assert "nothing was saved" in result.stderr
    assert snapshot(home) == before


def fake_editor(tmp_path: Path, body: str) -> str:
    """An $EDITOR that runs `body` (Python) with `path` bound to the draft."""
    script = tmp_path / "editor.py"
    script.write_text(f"import sys, pathlib\npath = pathlib.Path(sys.argv[1])\n{body}\n")
    return f"{sys.executable} {script}"


ANSWER_ALL = """
text = path.read_text()
for n in range(1, 7):
    text = text.replace(f"## {n}. ", f"## {n}. ", 1)
lines = []
for line in text.splitlines():
    lines.append(line)
    if line.startswith("## "):
        lines.append("written " + line[3])
path.write_text("\\n".join(lines))
"""


def test_editor_reflection_saves_answers_and_removes_the_draft(
    home: Path, journal_on_disk: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, ANSWER_ALL))

    result = run("review", "--editor", "--quarter", "2026-Q3")

    assert result.exit_code == 0, result.stderr
    [saved] = saved_reflections(home)
    assert [a.answer for a in saved.answers] == [f"written {n}" for n in range(1, 7)]
    drafts = home / "drafts"
    assert stat.S_IMODE(drafts.stat().st_mode) == 0o700
    assert list(drafts.iterdir()) == []


def test_editor_template_shows_figures_and_previous_answers(
    home: Path, journal_on_disk: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "seen.md"
    body = f"pathlib.Path({str(copy)!r}).write_text(path.read_text())\n" + ANSWER_ALL
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, body))
    run("review", "--editor")
    run("review", "--editor")

    seen = copy.read_text()
    for number, prompt in enumerate(PROMPTS, start=1):
        assert f"## {number}. {prompt}" in seen
    assert "Sessions by kind: mentor 2, peer 1, reverse 0, micro 2." in seen
    assert "written 1" in seen  # the first run's answer, offered again
    assert len(saved_reflections(home)) == 1


def test_editor_draft_is_kept_with_its_path_when_saving_fails(
    home: Path, journal_on_disk: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, "path.write_text('my precious words')"))
    before = snapshot(home)

    result = run("review", "--editor")

    assert result.exit_code == 2
    kept = re.search(r"Your draft is kept at (\S+)", result.stderr)
    assert kept is not None
    draft = Path(kept[1])
    assert draft.read_text() == "my precious words"
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert draft.parent == home / "drafts"
    assert {k: v for k, v in snapshot(home).items() if not k.startswith("drafts")} == before


def test_editor_closed_without_changes_saves_nothing_and_keeps_no_draft(
    home: Path, journal_on_disk: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, "pass"))

    result = run("review", "--editor")

    assert result.exit_code == 1
    assert "not changed" in result.stderr
    assert saved_reflections(home) == []
    assert list((home / "drafts").iterdir()) == []


# -- reflection list / show -------------------------------------------------------------------


def test_reflection_list_and_show(
    home: Path, journal_on_disk: dict[str, Any], at_a_terminal: None
) -> None:
    run("review", "--last", "--reflect", input="a\n\nc [bold]x[/]\n\n\n\n")
    run("review", "--reflect", input="q4\n\n\n\n\n\n")

    listed = run("reflection", "list")
    as_json = json.loads(run("reflection", "list", "--json").stdout)
    shown = run("reflection", "show", "2026q3")
    one = json.loads(run("reflection", "show", "2026-Q3", "--json").stdout)

    assert listed.exit_code == 0
    assert re.search(r"2026-Q3\s+2/6\s+2\b", listed.stdout)
    assert re.search(r"2026-Q4\s+1/6\s+5\b", listed.stdout)
    assert [(r["period"], r["answered"], r["sessions"]) for r in as_json] == [
        ("2026-Q3", 2, 2),
        ("2026-Q4", 1, 5),
    ]
    assert shown.exit_code == 0
    assert "Reflection on 2026-Q3" in shown.stdout
    assert "c [bold]x[/]" in shown.stdout  # literal
    assert "(no answer)" in shown.stdout
    assert one["period"] == "2026-Q3"
    assert one["answers"][2] == {"prompt": PROMPTS[2], "answer": "c [bold]x[/]"}
    assert one["snapshot"]["sessions"] == 2
    by_id = run("reflection", "show", one["id"][:5])  # the id, as `reflection list --json` has it
    assert by_id.exit_code == 0
    assert "Reflection on 2026-Q3" in by_id.stdout


def test_reflection_show_unknown_or_bad_period(home: Path, journal_on_disk: dict[str, Any]) -> None:
    missing = run("reflection", "show", "2026-Q2")
    bad = run("reflection", "show", "last spring")

    assert missing.exit_code == 1
    assert "No reflection saved for 2026-Q2" in missing.stderr
    assert bad.exit_code == 2
    assert "Not a quarter" in bad.stderr


def test_reflection_list_when_there_are_none(home: Path) -> None:
    result = run("reflection", "list")
    assert result.exit_code == 0
    assert "No reflections saved yet" in result.stdout
    assert json.loads(run("reflection", "list", "--json").stdout) == []


def test_terminal_loose_ends_and_nudges_are_capped_and_the_report_lists_all(
    home: Path, tmp_path: Path
) -> None:
    speak = goal("Speak at a conference")
    ada = mentor("Ada Okafor", goals=[speak.id], started=date(2026, 6, 1))
    overdue = [
        action(f"Overdue thing {n:02d}", date(2026, 10, 1), mentor=ada.id, due=date(2026, 10, n))
        for n in range(1, 16)
    ]
    seed(
        home,
        goals=[speak],
        mentors=[ada],
        meetings=[session(ada, date(2026, 11, 20), goals=[speak.id])],
        actions=overdue,
    )
    terminal = run("review").stdout
    listed = re.findall(r"Overdue thing (\d\d)", terminal.split("Nudges")[0])
    assert listed == [f"{n:02d}" for n in range(1, 11)]  # the most overdue ten
    assert "… and 5 more open actions; all of them: --output FILE.md" in terminal
    nudges = terminal.split("Nudges")[1]
    assert nudges.count("→ mentorlog action done") == 3
    assert "… and 12 more overdue action items: mentorlog action list" in nudges
    report = tmp_path / "review.md"
    assert run("review", "--output", str(report)).exit_code == 0
    assert len(re.findall(r"Overdue thing \d\d", report.read_text())) >= 15


def test_reflect_figures_are_indented_without_padding_after_them(
    home: Path, journal_on_disk: dict[str, Any], at_a_terminal: None
) -> None:
    result = run("review", "--last", "--reflect", input="\n" * 6)
    figures = [line for line in result.stderr.splitlines() if line.startswith("   ")]
    assert figures  # each prompt's figure, three cells in
    assert all(line == line.rstrip() for line in figures)
