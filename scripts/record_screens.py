"""Record the pictures in docs/ by running the real commands on the sample journal.

    .venv/bin/python scripts/record_screens.py          # docs/dashboard.svg, review.svg, meet.svg
    .venv/bin/python scripts/record_screens.py --png    # also docs/review-html.png (Chromium)
    .venv/bin/python scripts/record_screens.py --html out.html   # also keep the HTML review

The sample journal of `mentorlog demo` is built in a temporary directory through the store,
with the clock stopped at noon on 2026-11-24 and new ids drawn from a seeded generator, so the
pictures change only when the commands' output changes (tests/test_screens.py checks that
the committed SVGs are up to date). Each picture is what the command prints in an 80-column
colour terminal: its stdout and stderr, captured from the Typer app and replayed into a
recording Rich console. Run it in the development environment (it needs time-machine, from
the `test` extra).
"""

from __future__ import annotations

import argparse
import io
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from unittest import mock

import time_machine
from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

from mentorlog import models
from mentorlog.cli.app import app
from mentorlog.sample import build_sample
from mentorlog.storage.store import Store

TODAY = date(2026, 11, 24)
# Noon UTC is the 24th in every time zone from UTC-11 to UTC+11, so "today" does not depend
# on the machine that records.
MOMENT = datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=timezone.utc)
ID_SEED = 2026
WIDTH = 80
DOCS = Path(__file__).resolve().parent.parent / "docs"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)
HTML_WIDTH = 1000

MEET = (
    "meet",
    "ada",
    "--duration",
    "45m",
    "--takeaway",
    "Hire for the gaps in the team",
    "--action",
    "Draft a 30-60-90 day plan",
    "--rating",
    "5",
    "--next",
    "+4w",
)


@dataclass(frozen=True)
class Screen:
    """One picture: the commands run one after another, and the title of its window."""

    name: str
    title: str
    commands: tuple[tuple[str, ...], ...]


# In this order: `meet` changes the journal, so it comes after the pictures that only look.
SCREENS = (
    Screen("dashboard", "$ mentorlog", ((),)),
    Screen("review", "$ mentorlog review", (("review",),)),
    Screen(
        "meet",
        "$ mentorlog meet ada … && mentorlog mentor show ada",
        (MEET, ("mentor", "show", "ada")),
    ),
)


class _SeededSecrets:
    """Stands in for `secrets` in mentorlog.models: ids are random by design, and the pictures
    show them, so a seeded generator keeps the pictures stable from one recording to the next."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def token_hex(self, nbytes: int) -> str:
        return self._random.randbytes(nbytes).hex()


def build_journal(directory: Path) -> None:
    """The sample journal of `mentorlog demo`, as of TODAY, saved through the store."""
    store = Store(directory, command="mentorlog demo")
    with store.transaction() as journal:
        for name, records in build_sample(TODAY).items():
            journal.collection(name)[:] = records


def terminal_env(journal: Path, scratch: Path) -> dict[str, str | None]:
    """A colour terminal of WIDTH columns, on this journal, with the default configuration."""
    return {
        "MENTORLOG_HOME": str(journal),
        "MENTORLOG_CONFIG": str(scratch / "no-config.toml"),
        "COLUMNS": str(WIDTH),
        "LINES": "50",
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "FORCE_COLOR": "1",
        "TZ": "UTC",
        "NO_COLOR": None,
        "MENTORLOG_DEBUG": None,
        "VISUAL": None,
        "EDITOR": None,
    }


def run(args: Sequence[str], env: dict[str, str | None]) -> str:
    """What `mentorlog ARGS` prints (stdout, then stderr), with its colours as ANSI codes."""
    result = CliRunner().invoke(app, list(args), env=env, prog_name="mentorlog")
    if result.exit_code != 0 or result.exception is not None:
        command = shlex.join(["mentorlog", *args])
        raise RuntimeError(f"{command} failed ({result.exit_code}): {result.stderr.strip()}")
    return result.stdout + result.stderr


def prompt(args: Sequence[str]) -> Text:
    """`$ mentorlog ARGS`, broken into shell continuation lines that fit the terminal."""
    words = shlex.quote("mentorlog"), *(shlex.quote(arg) for arg in args)
    lines = ["$"]
    for word in words:
        if len(lines[-1]) + 1 + len(word) > WIDTH - 2:
            lines[-1] += " \\"
            lines.append("   ")
        lines[-1] += " " + word
    text = Text("\n".join(lines), style="bold")
    text.highlight_regex(r"^\$", "bold green")
    return text


def record(screen: Screen, env: dict[str, str | None]) -> str:
    """The SVG of `screen`; each command is preceded by its prompt when there are several."""
    console = Console(
        record=True,
        width=WIDTH,
        file=io.StringIO(),
        color_system="truecolor",
        force_terminal=True,
        legacy_windows=False,
    )
    several = len(screen.commands) > 1
    for index, args in enumerate(screen.commands):
        if several:
            if index:
                console.print()
            console.print(prompt(args))
        console.print(Text.from_ansi(run(args, env).rstrip("\n")))
    return console.export_svg(title=screen.title, unique_id=f"mentorlog-{screen.name}")


@contextmanager
def recording_session() -> Iterator[dict[str, str | None]]:
    """A sample journal in a temporary directory, the clock stopped at MOMENT, seeded ids."""
    with (
        tempfile.TemporaryDirectory(prefix="mentorlog-screens-") as scratch,
        time_machine.travel(MOMENT, tick=False),
        mock.patch.object(models, "secrets", _SeededSecrets(ID_SEED)),
    ):
        journal = Path(scratch) / "journal"
        build_journal(journal)
        yield terminal_env(journal, Path(scratch))


def record_screens(target: Path, *, html: Path | None = None) -> list[Path]:
    """Write every screen's SVG into `target` (and the HTML review to `html`); the paths."""
    written = []
    with recording_session() as env:
        for screen in SCREENS:
            if html is not None and screen.name == "meet":  # the review before `meet` changes it
                run(("review", "--output", str(html)), env)
            path = target / f"{screen.name}.svg"
            path.write_text(record(screen, env), encoding="utf-8")
            written.append(path)
    return written


def page_height(page: Path, chromium: str, scratch: Path) -> int:
    """The height of the laid-out page in CSS pixels, measured in the same browser."""
    probe = scratch / "probe.html"
    probe.write_text(
        page.read_text(encoding="utf-8").replace(
            "</body>",
            "<script>document.title = 'height=' + document.documentElement.scrollHeight"
            "</script></body>",
        ),
        encoding="utf-8",
    )
    dom = browse(chromium, probe, scratch / "profile-probe", "--dump-dom")
    found = re.search(r"height=(\d+)", dom)
    if found is None:
        raise RuntimeError("could not measure the HTML review's height")
    return int(found.group(1))


def browse(chromium: str, page: Path, profile: Path, *extra: str, timeout: float = 120) -> str:
    result = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return result.stdout


def screenshot(page: Path, target: Path, chromium: str) -> None:
    """`page` as Chromium shows it in a window HTML_WIDTH wide and as tall as the page."""
    with tempfile.TemporaryDirectory(prefix="mentorlog-chromium-") as scratch:
        height = page_height(page, chromium, Path(scratch))
        browse(
            chromium,
            page,
            Path(scratch) / "profile",
            f"--window-size={HTML_WIDTH},{height}",
            f"--screenshot={target}",
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--png", action="store_true", help="also screenshot the HTML review")
    parser.add_argument("--html", type=Path, help="also keep the HTML review here")
    parser.add_argument("--out", type=Path, default=DOCS, help="where to write (default docs/)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mentorlog-review-") as scratch:
        page = args.html or Path(scratch) / "review.html"
        for path in record_screens(args.out, html=page if args.png or args.html else None):
            print(f"wrote {path}")
        if args.html:
            print(f"wrote {args.html}")
        if args.png:
            chromium = shutil.which("chromium") or shutil.which("chromium-browser")
            if chromium is None:
                print("chromium not found; skipped the screenshot", file=sys.stderr)
                return 1
            screenshot(page, args.out / "review-html.png", chromium)
            print(f"wrote {args.out / 'review-html.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
