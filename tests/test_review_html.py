"""The HTML review in a real browser: headless Chromium loads the page written by
`mentorlog review --output`, and we check the DOM it built and the pixels it drew.

Skipped when Chromium is missing on a developer machine; in CI (CI=true) it must run.
"""

from __future__ import annotations

import html
import json
import re
import struct
import zlib
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import time_machine

from mentorlog.config import Config
from mentorlog.dates import Quarter
from mentorlog.insights.review import Review, compute_review
from mentorlog.storage.store import Store
from mentorlog.vocab import MeetingFormat, MentorKind, MilestoneStatus
from tests._screens import browse, chromium
from tests.conftest import FROZEN
from tests.factories import MARKUP_AND_ESCAPES as HOSTILE
from tests.factories import numbered_goal as goal
from tests.factories import numbered_mentor as mentor
from tests.factories import numbered_milestone as milestone
from tests.factories import numbered_session as session
from tests.factories import seed
from tests.helpers import run

pytestmark = pytest.mark.browser

SECTIONS = (
    "headline",
    "goals",
    "relationships",
    "weeks",
    "mix",
    "takeaways",
    "loose-ends",
    "nudges",
    "prompts",
)


class Dom(HTMLParser):
    """Elements as (tag, attributes, enclosing section id, enclosing chart), and the text of
    each section."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str], str | None, str | None]] = []
        self.text: dict[str, str] = {}
        self._section: str | None = None
        self._chart: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "section":
            self._section = attributes.get("id")
        if tag == "svg" and "data-chart" in attributes:
            self._chart = attributes["data-chart"]
        self.elements.append((tag, attributes, self._section, self._chart))

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self._section = None
        if tag == "svg":
            self._chart = None

    def bars(self, chart: str) -> list[dict[str, str]]:
        return [
            attrs
            for tag, attrs, _, inside in self.elements
            if tag == "g" and inside == chart and "bar" in attrs.get("class", "").split()
        ]

    def handle_data(self, data: str) -> None:
        if self._section is not None:
            self.text[self._section] = self.text.get(self._section, "") + data

    def find(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [
            attrs
            for name, attrs, _, _ in self.elements
            if name == tag and all(attrs.get(k.replace("_", "-")) == v for k, v in wanted.items())
        ]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run once: write a journal, export the page, load it in Chromium twice (DOM, screenshot)."""
    chromium()
    root = tmp_path_factory.mktemp("browser")
    home = root / "journal"
    speak = goal("Speak at a conference")
    ada = mentor("Ada Okafor", goals=[speak.id], started=date(2026, 6, 1))
    bo = mentor(HOSTILE, kind=MentorKind.peer, cadence="2w", started=date(2026, 6, 1))
    seed(
        home,
        goals=[speak],
        mentors=[ada, bo],
        meetings=[
            session(ada, date(2026, 7, 1), duration=60, rating=5, goals=[speak.id]),
            session(ada, date(2026, 7, 2), duration=30, takeaways=[HOSTILE]),
            session(bo, date(2026, 7, 3), format=MeetingFormat.walk),
            session(bo, date(2026, 8, 19), duration=45, format=MeetingFormat.coffee, rating=4),
            session(ada, date(2026, 9, 30), duration=30, format=MeetingFormat.call),
            session(ada, date(2026, 10, 1), duration=30),  # the next quarter
        ],
        milestones=[
            milestone(speak, "Abstract", status=MilestoneStatus.done, done=date(2026, 8, 1)),
            milestone(speak, "Dry run", due=date(2026, 9, 1)),
        ],
    )
    review = compute_review(Store(home).journal(), Quarter(2026, 3), FROZEN.date(), Config())
    page = root / "review.html"
    # A module-scoped fixture runs outside the per-test sandbox: make its own.
    with pytest.MonkeyPatch.context() as env, time_machine.travel(FROZEN, tick=True):
        env.setenv("MENTORLOG_HOME", str(home))
        env.setenv("MENTORLOG_CONFIG", str(root / "config.toml"))
        written = run("review", "--quarter", "2026-Q3", "--output", str(page))
    assert written.exit_code == 0, written.stderr
    dom = browse(page, root / "profile-dom", "--dump-dom")
    shot = root / "review.png"
    browse(page, root / "profile-shot", "--window-size=1000,2400", f"--screenshot={shot}")
    parsed = Dom()
    parsed.feed(dom)
    return {"review": review, "dom": dom, "parsed": parsed, "screenshot": shot}


def test_every_section_is_in_the_page_the_browser_built(rendered: dict[str, Any]) -> None:
    parsed: Dom = rendered["parsed"]
    ids = [attrs.get("id") for attrs in parsed.find("section")]
    assert ids == list(SECTIONS)
    for section in SECTIONS:
        assert parsed.text.get(section, "").strip(), section
    assert "Review of 2026-Q3" in rendered["dom"]


def test_headline_figures_are_the_computed_ones(rendered: dict[str, Any]) -> None:
    review: Review = rendered["review"]
    shown = dict(re.findall(r'<dd data-figure="(\w+)">([^<]*)</dd>', rendered["dom"]))
    assert shown["sessions"] == str(review.headline.sessions) == "5"
    assert shown["hours"] == f"{review.headline.hours:.1f}" == "2.8"  # 165 minutes
    assert shown["mentors_met"] == "2"
    assert shown["milestones_done"] == "1"


def test_the_week_chart_has_one_bar_per_week_with_its_count(rendered: dict[str, Any]) -> None:
    review: Review = rendered["review"]
    parsed: Dom = rendered["parsed"]
    charts = parsed.find("svg", data_chart="weeks")
    assert len(charts) == 1
    bars = parsed.bars("weeks")
    assert [(b["data-week"], int(b["data-count"])) for b in bars] == [
        (w.week, w.sessions) for w in review.weeks
    ]
    assert len(bars) == 14  # 2026-W27 .. 2026-W40, zeros included
    assert [int(b["data-count"]) for b in bars][:2] == [3, 0]  # Jul 1, 2, 3 share a week
    # the drawn heights are proportional to the counts
    rects = [
        attrs
        for tag, attrs, _, chart in parsed.elements
        if tag == "rect" and chart == "weeks" and attrs.get("class") == "fill"
    ]
    heights = [float(r["height"]) for r in rects]
    assert len(heights) == len(bars)
    unit = heights[0] / 3
    for height, week in zip(heights, review.weeks, strict=True):
        assert height == pytest.approx(unit * week.sessions, abs=0.2)


def test_mix_and_progress_bars_carry_their_numbers(rendered: dict[str, Any]) -> None:
    parsed: Dom = rendered["parsed"]
    review: Review = rendered["review"]
    for key, lines in (("formats", review.formats), ("kinds", review.kinds)):
        shown = [(bar["data-name"], int(bar["data-count"])) for bar in parsed.bars(key)]
        assert shown == [(line.name, line.sessions) for line in lines]
    formats = {b["data-name"]: int(b["data-count"]) for b in parsed.bars("formats")}
    assert (formats["video"], formats["walk"], formats["call"], formats["coffee"]) == (2, 1, 1, 1)
    assert {b["data-name"]: int(b["data-count"]) for b in parsed.bars("kinds")}["peer"] == 2
    assert len(parsed.find("svg", data_done="1", data_total="2")) == 1


def test_hostile_text_stays_text_in_the_browser(rendered: dict[str, Any]) -> None:
    parsed: Dom = rendered["parsed"]
    assert parsed.find("script") == []
    assert "<script>alert(1)</script>" in parsed.text["takeaways"]  # shown, as text
    assert "[bold red]Evil[/]" in parsed.text["relationships"]


def test_the_screenshot_is_a_real_picture(rendered: dict[str, Any]) -> None:
    shot: Path = rendered["screenshot"]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1000, 2400)
    pixels = _png_bytes(data)
    assert len(set(pixels)) > 16  # many distinct values: text, bars and colours, not blank


def _png_bytes(data: bytes) -> bytes:
    """The decompressed image data (filtered scanlines) of a PNG: enough to tell it apart from a
    blank page without an imaging library."""
    position, chunks = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        if kind == b"IDAT":
            chunks.append(data[position + 8 : position + 8 + length])
        position += 12 + length
    return zlib.decompress(b"".join(chunks))


# -- on a phone ------------------------------------------------------------------------------

MEASURE = """<script>
const page = document.documentElement;
const cell = document.querySelector('table[data-table] td:nth-child(2)');
const shown = [...document.querySelectorAll('main *')].filter(e => !e.closest('thead'));
const rights = shown.map(e => e.getBoundingClientRect().right);
parent.document.body.setAttribute('data-measured', JSON.stringify({
  scroll: page.scrollWidth, client: page.clientWidth, widest: Math.ceil(Math.max(...rights)),
  cell: cell ? getComputedStyle(cell).display : null,
  label: cell ? getComputedStyle(cell, '::before').content : null,
}));
</script>"""


def _measured(page: Path, profile: Path, width: int) -> dict[str, Any]:
    """The page laid out in a frame `width` CSS pixels wide (headless Chromium's window has a
    minimum width; a frame does not): its scroll and client widths, the right edge of its
    widest element, and how a table cell is displayed."""
    inner = page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>")
    probe = page.with_name(f"probe-{width}.html")
    probe.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe width="{width}" height="2000" style="border:0" '
        f'srcdoc="{html.escape(inner, quote=True)}"></iframe></body></html>',
        encoding="utf-8",
    )
    dom = browse(probe, profile, "--window-size=1400,2100", "--dump-dom")
    found = re.search(r'data-measured="([^"]*)"', dom)
    assert found is not None, dom[-500:]
    measured: dict[str, Any] = json.loads(html.unescape(found[1]))
    return measured


def test_the_page_reads_on_a_phone_without_scrolling_sideways(tmp_path: Path) -> None:
    chromium()
    long_url = "https://example.com/a-very-long-address-that-never-breaks/path/to/the/resource"
    steps = [
        ("goal", "add", "Speak at an international conference about distributed systems"),
        ("milestone", "add", "speak", "Submit the abstract", "--due", "2026-11-01"),
        ("mentor", "add", "Zoë Fernández-García de la Cruz y Montenegro", "--goal", "speak"),
        ("mentor", "add", "Søren Ødegård", "--kind", "peer"),
        ("meet", "zoe", "--date", "2026-10-02", "--duration", "45m", "--rating", "5",
         "--takeaway", f"Rehearse aloud: {long_url}", "--action", "Email_the_committee_chair"),
        ("meet", "soren", "--date", "2026-11-10", "--format", "coffee"),
    ]  # fmt: skip
    for step in steps:
        assert run(*step).exit_code == 0, step
    page = tmp_path / "review.html"
    assert run("review", "--output", str(page)).exit_code == 0
    phone = _measured(page, tmp_path / "profile-phone", 420)
    assert 400 <= phone["client"] <= 420  # 420 less the frame's scroll bar, if any
    assert phone["scroll"] <= phone["client"], phone  # no horizontal scrolling
    assert phone["widest"] <= phone["client"], phone
    assert phone["cell"] == "flex"  # table rows reflowed into cards...
    assert phone["label"] != "none"  # ...each value labelled with its column
    desk = _measured(page, tmp_path / "profile-desk", 1200)
    assert desk["scroll"] <= desk["client"], desk
    assert desk["cell"] == "table-cell"  # a real table where there is room
