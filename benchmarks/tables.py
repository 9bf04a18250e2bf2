"""Time drawing tables: the 200-row meeting list and the review, at 80 columns, no colour.

    python benchmarks/tables.py            # best and median of 30 draws each

A benchmark, not a test: timings mean something only on a quiet machine.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from datetime import date

from rich.console import Console, RenderableType

from mentorlog.config import Config
from mentorlog.dates import quarter_of
from mentorlog.insights.review import compute_review
from mentorlog.insights.sessions import meeting_list
from mentorlog.journal.state import Journal
from mentorlog.render.review import render_review
from mentorlog.render.sessions import meeting_table
from mentorlog.sample import build_sample

TODAY = date(2026, 11, 24)
ROWS = 200
RUNS = 30


def journal_of(rows: int) -> Journal:
    """The sample journal with its sessions repeated up to `rows` (new ids)."""
    records = build_sample(TODAY)
    sample = records["meetings"]
    records["meetings"] = [
        sample[index % len(sample)].model_copy(update={"id": f"{index:08x}"})
        for index in range(rows)
    ]
    return Journal(**records)


def draw(renderable: RenderableType) -> str:
    console = Console(file=io.StringIO(), width=80, color_system=None, highlight=False)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]


def timed(make: Callable[[], RenderableType]) -> tuple[float, float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        draw(make())
        times.append(time.perf_counter() - start)
    times.sort()
    return times[0] * 1000, times[len(times) // 2] * 1000


def main() -> None:
    journal = journal_of(ROWS)
    listing = meeting_list(journal, limit=ROWS)
    review = compute_review(journal, quarter_of(TODAY), TODAY, Config())
    cases: list[tuple[str, Callable[[], RenderableType]]] = [
        (f"meeting list, {ROWS} rows", lambda: meeting_table(listing)),
        ("review", lambda: render_review(review)),
    ]
    for name, make in cases:
        best, median = timed(make)
        print(f"{name:24} best {best:6.1f} ms  median {median:6.1f} ms")


if __name__ == "__main__":
    main()
