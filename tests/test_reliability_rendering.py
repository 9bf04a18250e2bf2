"""Every view shows user text literally (docs/reliability.md): no markup, emoji codes, escapes.

A journal whose names, titles, notes, takeaways, actions, agreements and reflection answers are
hostile (Rich markup, a `[link=file://...]`, `:emoji:` codes, ESC sequences that clear the
screen or set the clipboard (OSC 52), C1 controls, bidirectional overrides, HTML) is shown by
every view, in plain text and in colour: not one escape byte is emitted but the colour codes
mentorlog itself asks for, no emoji appears, and the markup is there to be read, as typed.
The exports and reports carry no control characters either (JSON escapes them, as it must).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mentorlog.storage.store import Store
from tests._reliability import FORBIDDEN, figure, seed_sample
from tests.helpers import Runner

ESC = "\x1b"
NAME = "[bold]Ada[/bold] :smile:"
EVE = f"Eve {ESC}[2J{ESC}]52;c;ZXZpbA==\x07Mallory"
TITLE = "[link=file:///etc/passwd]Speak[/link]"
TITLE_2 = "Lead \u202egnirts\u202c team \x9b31m<script>alert(1)</script>"
NOTES = (
    f"[/] [red]x :thumbs_up: {ESC}[31mred{ESC}[0m "
    f"{ESC}]8;;http://evil{ESC}\\click{ESC}]8;;{ESC}\\ \u2066iso\u2069 \x9d0;title\x9c"
)
TAKEAWAY = f"[blink]Rehearse[/blink] :fire: {ESC}[2K"
ACTION = f"[u]Draft[/u] :rocket: \x08\x08\x7fit {ESC}P1$q"
# what must be read, literally, somewhere in each view that shows that text
LITERALS = ("[bold]Ada[/bold]", ":smile:", "[link=file:///etc/passwd]", "[/]", ":thumbs_up:")
# what :smile: :thumbs_up: :fire: :rocket: :tada: would have become
EMOJI = re.compile("[\U0001f604\U0001f44d\U0001f525\U0001f680\U0001f389]")
SGR = re.compile(r"\x1b\[[0-9;]*m")


def hostile_journal(home: Path) -> dict[str, str]:
    """The sample journal with hostile text everywhere a person types it."""
    seed_sample(home)
    with Store(home).transaction() as journal:
        ada, eve = journal.mentors[0], journal.mentors[1]
        ada.name, eve.name = NAME, EVE
        ada.org, ada.role, ada.location = NOTES[:60], TAKEAWAY, "[i]Lagos[/i] \x1b[5m"
        ada.expertise = ["[bold]talks", ":tada:"]
        ada.agreement.why, ada.agreement.hope = NOTES, TAKEAWAY
        ada.notes = NOTES
        first, second = journal.goals[0], journal.goals[1]
        first.title, second.title = TITLE, TITLE_2
        first.why = NOTES
        for milestone in journal.milestones:
            milestone.title = f"{ACTION} {milestone.id}"
            milestone.note = NOTES
        for meeting in journal.meetings:
            meeting.notes = NOTES
            meeting.takeaways = [TAKEAWAY]
        for action in journal.actions:
            action.text = ACTION
        for reflection in journal.reflections:
            for answer in reflection.answers:
                answer.answer = NOTES
        latest = max(journal.meetings, key=lambda m: m.date)
        return {
            "mentor": ada.id,
            "goal": first.id,
            "meeting": latest.id,
            "period": journal.reflections[0].period,
        }


def views(ids: dict[str, str]) -> list[tuple[str, ...]]:
    return [
        (),
        ("status",),
        ("nudge",),
        ("goal", "list", "--all"),
        ("goal", "show", ids["goal"]),
        ("mentor", "list", "--all"),
        ("mentor", "show", ids["mentor"]),
        ("milestone", "list", "--all"),
        ("meeting", "list"),
        ("meeting", "show", ids["meeting"]),
        ("action", "list", "--all"),
        ("search", "red"),
        ("search", "Draft"),
        ("review",),
        ("review", "--last"),
        ("reflection", "list"),
        ("reflection", "show", ids["period"]),
        ("export", "--format", "markdown"),
        ("export", "--format", "csv"),
        ("export", "--format", "ics"),
        ("mentor", "show", "zz-nobody"),  # an error line
        ("meet", "e"),  # an error listing candidates by name
    ]


def problems_in(output: str, *, colour: bool) -> list[str]:
    found = []
    text = SGR.sub("", output) if colour else output
    if ESC in text:
        found.append(f"an escape sequence: {text[text.index(ESC) : text.index(ESC) + 12]!r}")
    if FORBIDDEN.search(text):
        found.append(f"a control character {FORBIDDEN.search(text).group()!r}")  # type: ignore[union-attr]
    if EMOJI.search(text):
        found.append("an emoji")
    if "\x1b]8;" in output:
        found.append("a hyperlink")
    return found


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_every_view_shows_hostile_text_literally(
    colour: bool,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    run: Runner,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids = hostile_journal(home)
    if colour:
        monkeypatch.delenv("NO_COLOR")
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("TERM", "xterm-256color")
    problems: list[str] = []
    seen_literal: set[str] = set()
    coloured = 0
    commands = views(ids)
    for args in commands:
        result = run(*args)
        if result.exit_code not in (0, 1):
            problems.append(f"{args}: exit {result.exit_code}: {result.stderr[:200]!r}")
        output = result.stdout + result.stderr
        coloured += bool(SGR.search(output))
        problems += [
            f"{' '.join(args) or '(dashboard)'}: {p}" for p in problems_in(output, colour=colour)
        ]
        seen_literal |= {literal for literal in LITERALS if literal in output}
    assert problems == [], "\n".join(problems)
    assert seen_literal == set(LITERALS)
    assert (coloured > len(commands) // 2) is colour  # colour really was on, or off
    figure(
        capsys,
        f"rendering ({'colour' if colour else 'plain'}): {len(commands)} views of a hostile "
        "journal (markup, link, emoji codes, ESC [2J, OSC 52, OSC 8, C1, bidi): 0 escape bytes "
        "but mentorlog's own colours, 0 emoji, markup shown as typed",
    )


def test_json_views_and_reports_carry_no_control_characters(
    home: Path, tmp_path: Path, run: Runner
) -> None:
    ids = hostile_journal(home)
    for args in (
        ("status", "--json"),
        ("mentor", "show", ids["mentor"], "--json"),
        ("meeting", "show", ids["meeting"], "--json"),
        ("export", "--format", "json"),
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
        # JSON escapes C0 controls (ESC included); it is the data, so the text is kept exactly
        assert not re.search("[\x00-\x09\x0b-\x1f]", result.stdout), args
        assert json.loads(result.stdout)  # and the text is still all there, exactly
    exported = json.loads(run("export", "--format", "json").stdout)
    assert NOTES in [m["notes"] for m in exported["meetings"]]
    for name in ("review.md", "review.html"):
        assert run("review", "--output", str(tmp_path / name)).exit_code == 0
        text = (tmp_path / name).read_text()
        assert not FORBIDDEN.search(text), name
        assert not EMOJI.search(text), name
    html = (tmp_path / "review.html").read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
