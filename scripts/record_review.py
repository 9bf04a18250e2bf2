"""Record the review pictures of docs/review.md from a realistic sample journal.

    .venv/bin/python scripts/record_review.py          # docs/review.svg (the terminal review)
    .venv/bin/python scripts/record_review.py --png    # also docs/review-html.png (Chromium)
    .venv/bin/python scripts/record_review.py --html out.html   # also keep the HTML page

The journal is built in memory with a fixed "today" (2026-11-24), so the pictures only change
when the review itself changes.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, time, timezone
from pathlib import Path

from rich.console import Console

from mentorlog.config import Config
from mentorlog.dates import quarter_of
from mentorlog.insights.review import Review, compute_review
from mentorlog.journal.state import Journal
from mentorlog.models import ActionItem, Agreement, Goal, Meeting, Mentor, Milestone
from mentorlog.render.html_report import html_report
from mentorlog.render.review import render_review
from mentorlog.vocab import (
    ActionStatus,
    GoalStatus,
    MeetingFormat,
    MentorKind,
    MentorStatus,
    MilestoneStatus,
    Source,
)

TODAY = date(2026, 11, 24)
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


def _stamp(day: date) -> dict[str, datetime]:
    moment = datetime.combine(day, time(9), tzinfo=timezone.utc)
    return {"created": moment, "updated": moment}


def sample_journal() -> Journal:
    """Five months of a realistic mentoring practice, ending on TODAY."""
    speak = Goal(
        id="g1speak0",
        title="Speak at a regional conference",
        why="Share the migration story and get comfortable on stage",
        area="public speaking",
        started=date(2026, 6, 2),
        target=date(2027, 3, 15),
        **_stamp(date(2026, 6, 2)),
    )
    lead = Goal(
        id="g2lead00",
        title="Lead the platform team's architecture reviews",
        why="Move from reviewer to the person who runs the review",
        area="leadership",
        started=date(2026, 7, 1),
        **_stamp(date(2026, 7, 1)),
    )
    rust = Goal(
        id="g3rust00",
        title="Learn Rust for systems work",
        status=GoalStatus.paused,
        started=date(2026, 5, 1),
        **_stamp(date(2026, 5, 1)),
    )
    ada = Mentor(
        id="m1ada000",
        name="Ada Okafor",
        kind=MentorKind.mentor,
        source=Source.past_company,
        org="Northwind",
        role="VP Engineering",
        cadence=30,
        goals=[lead.id, speak.id],
        agreement=Agreement(why="Ran architecture reviews for 10 years", hope="A playbook"),
        started=date(2026, 6, 10),
        **_stamp(date(2026, 6, 10)),
    )
    grace = Mentor(
        id="m2grace0",
        name="Grace Liu",
        kind=MentorKind.peer,
        source=Source.current_org,
        cadence=14,
        goals=[lead.id],
        started=date(2026, 7, 6),
        **_stamp(date(2026, 7, 6)),
    )
    tomas = Mentor(
        id="m3tomas0",
        name="Tomás Reyes",
        kind=MentorKind.reverse,
        source=Source.current_org,
        cadence=30,
        started=date(2026, 8, 3),
        **_stamp(date(2026, 8, 3)),
    )
    priya = Mentor(
        id="m4priya0",
        name="Priya Nair",
        kind=MentorKind.micro,
        source=Source.alumni,
        goals=[speak.id],
        agreement=Agreement(purpose="Rehearse the conference talk", until=date(2026, 12, 15)),
        started=date(2026, 10, 20),
        **_stamp(date(2026, 10, 20)),
    )
    sam = Mentor(
        id="m5sam000",
        name="Sam Whitfield",
        status=MentorStatus.prospect,
        source=Source.linkedin,
        started=date(2026, 11, 2),
        **_stamp(date(2026, 11, 2)),
    )
    sessions: list[tuple[Mentor, date, int | None, MeetingFormat, int | None, list[Goal], str]] = [
        (ada, date(2026, 7, 14), 60, MeetingFormat.video, 5, [lead], "Write the review charter"),
        (grace, date(2026, 7, 20), 30, MeetingFormat.coffee, 4, [lead], ""),
        (ada, date(2026, 8, 12), 45, MeetingFormat.video, 4, [speak], "Pick one story, not three"),
        (tomas, date(2026, 8, 19), 30, MeetingFormat.call, 4, [], ""),
        (grace, date(2026, 9, 1), 30, MeetingFormat.walk, 5, [lead], ""),
        (ada, date(2026, 10, 1), 60, MeetingFormat.in_person, 5, [lead], "Chair, don't judge"),
        (grace, date(2026, 10, 6), 30, MeetingFormat.coffee, 4, [lead], ""),
        (tomas, date(2026, 10, 14), 30, MeetingFormat.video, 3, [], "Try the new CI tool"),
        (grace, date(2026, 10, 20), 45, MeetingFormat.walk, 5, [lead], ""),
        (priya, date(2026, 10, 27), 60, MeetingFormat.video, 5, [speak], "Open with the outage"),
        (ada, date(2026, 11, 3), 60, MeetingFormat.video, 4, [speak], "Rehearse aloud weekly"),
        (priya, date(2026, 11, 10), 45, MeetingFormat.video, 5, [speak], "Cut slides to twelve"),
        (grace, date(2026, 11, 12), None, MeetingFormat.message, None, [], ""),
        (priya, date(2026, 11, 17), 45, MeetingFormat.in_person, 4, [speak], ""),
        (ada, date(2026, 11, 18), 30, MeetingFormat.call, 5, [lead], ""),
    ]
    meetings = [
        Meeting(
            id=f"s{index:02d}00000",
            mentor=mentor.id,
            date=day,
            duration=minutes,
            format=fmt,
            rating=rating,
            goals=[g.id for g in goals],
            takeaways=[takeaway] if takeaway else [],
            **_stamp(day),
        )
        for index, (mentor, day, minutes, fmt, rating, goals, takeaway) in enumerate(sessions)
    ]
    milestones = [
        Milestone(
            id="ms1draft",
            goal=speak.id,
            title="Draft the abstract",
            status=MilestoneStatus.done,
            done=date(2026, 10, 9),
            **_stamp(date(2026, 8, 12)),
        ),
        Milestone(
            id="ms2cfp00",
            goal=speak.id,
            title="Submit to the CFP",
            status=MilestoneStatus.done,
            done=date(2026, 11, 6),
            **_stamp(date(2026, 8, 12)),
        ),
        Milestone(
            id="ms3dry00",
            goal=speak.id,
            title="Dry run with the team",
            due=date(2026, 11, 20),
            **_stamp(date(2026, 10, 27)),
        ),
        Milestone(
            id="ms4chart",
            goal=lead.id,
            title="Publish the review charter",
            status=MilestoneStatus.done,
            done=date(2026, 9, 15),
            **_stamp(date(2026, 7, 14)),
        ),
        Milestone(
            id="ms5chair",
            goal=lead.id,
            title="Chair three reviews",
            due=date(2026, 12, 18),
            **_stamp(date(2026, 10, 1)),
        ),
    ]
    actions = [
        ActionItem(
            id="a1thank0",
            text="Send Ada the charter draft",
            mentor=ada.id,
            status=ActionStatus.done,
            done=date(2026, 10, 8),
            **_stamp(date(2026, 10, 1)),
        ),
        ActionItem(
            id="a2slides",
            text="Cut the slides to twelve",
            mentor=priya.id,
            status=ActionStatus.done,
            done=date(2026, 11, 14),
            **_stamp(date(2026, 11, 10)),
        ),
        ActionItem(
            id="a3ci0000",
            text="Try the CI tool on one repo",
            mentor=tomas.id,
            due=date(2026, 11, 30),
            **_stamp(date(2026, 10, 14)),
        ),
    ]
    return Journal(
        goals=[speak, lead, rust],
        mentors=[ada, grace, tomas, priya, sam],
        meetings=meetings,
        milestones=milestones,
        actions=actions,
        reflections=[],
    )


def record_svg(review: Review, target: Path) -> None:
    console = Console(record=True, width=80, file=io.StringIO(), color_system="truecolor")
    console.print(render_review(review))
    console.save_svg(str(target), title="mentorlog review")


def screenshot(html: str, target: Path, chromium: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "review.html"
        page.write_text(html, encoding="utf-8")
        subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={Path(scratch) / 'profile'}",
                "--window-size=1000,2720",
                f"--screenshot={target}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--png", action="store_true", help="also screenshot the HTML report")
    parser.add_argument("--html", type=Path, help="also write the HTML report here")
    args = parser.parse_args(argv)
    review = compute_review(sample_journal(), quarter_of(TODAY), TODAY, Config())
    record_svg(review, DOCS / "review.svg")
    print(f"wrote {DOCS / 'review.svg'}")
    html = html_report(review)
    if args.html:
        args.html.write_text(html, encoding="utf-8")
        print(f"wrote {args.html}")
    if args.png:
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            print("chromium not found; skipped the screenshot", file=sys.stderr)
            return 1
        screenshot(html, DOCS / "review-html.png", chromium)
        print(f"wrote {DOCS / 'review-html.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
