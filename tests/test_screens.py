"""The pictures in docs/ are what the real commands print on the sample journal, and the
committed ones are up to date (scripts/record_screens.py regenerates them)."""

from __future__ import annotations

import html
import re
import shlex
from pathlib import Path

import pytest

from mentorlog.sample import build_sample
from mentorlog.vocab import MentorStatus
from tests._screens import chromium, screens

ROOT = Path(__file__).resolve().parent.parent
TEXT = re.compile(
    r'<text class="[^"]*" x="([0-9.]+)" y="[^"]*" textLength="([0-9.]+)" '
    r'clip-path="url\(#[^)]*-line-(\d+)\)">([^<]*)</text>'
)
TITLE = re.compile(r'<text class="[^"]*-title"[^>]*>([^<]*)</text>')


def terminal(svg: str) -> list[str]:
    """The terminal's lines as Rich drew them into the SVG (blank lines included)."""
    # Rich leaves out runs of plain spaces and places each run of text at its x: put the text
    # back at its column (each run's width / its length is the width of one column).
    cells: dict[int, dict[int, str]] = {}
    for x, length, number, body in TEXT.findall(svg):
        text = html.unescape(body).replace("\xa0", " ")
        column = round(float(x) / (float(length) / len(text)))
        cells.setdefault(int(number), {})[column] = text
    lines = []
    for number in range(max(cells, default=-1) + 1):
        line = ""
        for column, text in sorted(cells.get(number, {}).items()):
            line = line.ljust(column) + text
        lines.append(line.rstrip())
    return lines


def title(svg: str) -> str:
    found = TITLE.search(svg)
    assert found is not None, "the SVG has no window title"
    return html.unescape(found.group(1)).replace("\xa0", " ")


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every picture recorded once, by the function the script runs, plus the HTML review."""
    target = tmp_path_factory.mktemp("screens")
    page = target / "review.html"
    written = screens.record_screens(target, html=page)
    assert sorted(path.name for path in written) == sorted(
        f"{screen.name}.svg" for screen in screens.SCREENS
    )
    pictures = {path.stem: path.read_text(encoding="utf-8") for path in written}
    pictures["html"] = page.read_text(encoding="utf-8")
    return pictures


def test_the_dashboard_shows_the_sample_people_and_nudges(recorded: dict[str, str]) -> None:
    text = "\n".join(terminal(recorded["dashboard"]))
    sample = build_sample(screens.TODAY)
    active = [m.name for m in sample["mentors"] if m.status is MentorStatus.active]
    assert len(active) >= 3
    for name in active:
        assert name in text
    focus = [g.title for g in sample["goals"] if g.status.value == "active"]
    for goal_title in focus:
        assert goal_title in text
    assert "Nudges" in text
    assert screens.TODAY.strftime("%d %B %Y").lstrip("0") in text
    assert title(recorded["dashboard"]) == "$ mentorlog"


def test_the_review_is_of_the_current_quarter(recorded: dict[str, str]) -> None:
    lines = terminal(recorded["review"])
    assert lines[0].startswith("Review of 2026-Q4 (2026-10-01 to 2026-11-24")
    text = "\n".join(lines)
    for section in ("Headline", "Relationships", "Sessions per week", "Takeaways", "Nudges"):
        assert section in text
    assert title(recorded["review"]) == "$ mentorlog review"
    # the HTML page is the same review
    assert "Review of 2026-Q4" in recorded["html"]


def test_the_meet_picture_shows_each_command_and_what_it_did(recorded: dict[str, str]) -> None:
    lines = terminal(recorded["meet"])
    text = "\n".join(lines)
    prompts = [line for line in lines if line.startswith("$ mentorlog")]
    assert [p.split()[:3] for p in prompts] == [
        ["$", "mentorlog", "meet"],
        ["$", "mentorlog", "mentor"],
    ]
    assert "Logged session" in text
    assert "with Ada Okafor" in text
    # the session just logged is the newest in `mentor show`, with its takeaway and action
    after_show = text[text.index("$ mentorlog mentor show ada") :]
    assert "Hire for the gaps in the team" in after_show
    assert "Draft a 30-60-90 day plan" in after_show
    assert title(recorded["meet"]).startswith("$ mentorlog meet ada")


def test_every_picture_is_in_colour_and_fits_80_columns(recorded: dict[str, str]) -> None:
    for name in (screen.name for screen in screens.SCREENS):
        svg = recorded[name]
        lines = terminal(svg)
        assert len(lines) > 5, name
        assert max(len(line) for line in lines) <= 80, name
        colours = set(re.findall(r"fill: (#[0-9a-f]{6})", svg))
        assert len(colours) >= 3, f"{name} was recorded without colours"


@pytest.mark.parametrize("name", [screen.name for screen in screens.SCREENS])
def test_the_committed_picture_is_what_the_commands_print_now(
    recorded: dict[str, str], name: str
) -> None:
    # Text, not bytes: a new Rich release may draw the same terminal with a different template.
    committed = (ROOT / "docs" / f"{name}.svg").read_text(encoding="utf-8")
    assert title(committed) == title(recorded[name])
    assert terminal(committed) == terminal(recorded[name]), (
        f"docs/{name}.svg is out of date: run `python scripts/record_screens.py`"
    )


def test_a_long_command_line_is_broken_where_the_shell_would_join_it() -> None:
    args = screens.MEET
    lines = screens.prompt(args).plain.split("\n")
    assert len(lines) > 1
    assert all(len(line) <= 80 for line in lines)
    assert all(line.endswith(" \\") for line in lines[:-1])
    joined = " ".join(line.removesuffix(" \\") for line in lines)
    assert shlex.split(joined) == ["$", "mentorlog", *args]


def test_a_failing_command_stops_the_recording() -> None:
    with screens.recording_session() as env, pytest.raises(RuntimeError, match="nobody"):
        screens.run(("mentor", "show", "nobody"), env)


@pytest.mark.slow
@pytest.mark.browser
def test_the_html_review_screenshot_is_as_tall_as_the_page(
    recorded: dict[str, str], tmp_path: Path
) -> None:
    browser = chromium()
    page = tmp_path / "review.html"
    page.write_text(recorded["html"], encoding="utf-8")
    height = screens.page_height(page, browser, tmp_path)
    assert height > 1500  # the whole review, not one window of it
    shot = tmp_path / "review.png"
    screens.screenshot(page, shot, browser)
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, tall = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    assert (width, tall) == (screens.HTML_WIDTH, height)
