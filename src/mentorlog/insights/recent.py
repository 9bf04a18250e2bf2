"""Reading only the sessions and action items that can change what a command shows.

Sessions are kept one file per year. The dashboard, the nudges and the mentor list depend on
each relationship's latest session, the sessions of the last cadence window, and whether some
sessions exist at all; on a 20-year journal those are found in the newest year or two. Years are
read newest first until every figure is settled; the rest are never read. Action items are kept
open in one file and closed in the file of their year: these views read the open ones, and the
review the years of its period. The result is the same as reading everything (a test compares
them on generated multi-year journals).

The journals returned here are for reading: a save only ever writes collections read in full.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from mentorlog.config import Config
from mentorlog.dates import Quarter
from mentorlog.insights.reads import Reads
from mentorlog.journal.state import Journal
from mentorlog.models import ActionItem, Meeting
from mentorlog.vocab import MentorKind, MentorStatus


@dataclass(eq=False, repr=False)
class Needs:
    """What must be found among the sessions read before the older years can be left unread."""

    until: date  # "latest" means the latest on or before this day (today, or a period's end)
    last_met: set[str] = field(default_factory=set)  # mentors: their latest session
    met: set[str] = field(default_factory=set)  # mentors: whether there is any session at all
    touched: set[str] = field(default_factory=set)  # goals: the latest session touching them
    since: date | None = None  # every session on or after this day
    any_by: date | None = None  # whether any session is on or before this day

    @classmethod
    def of(cls, reads: Reads, until: date) -> Needs:
        """What must be found among the sessions for `reads`."""
        return cls(
            until=until,
            last_met=set(reads.last_met),
            met=set(reads.met),
            touched=set(reads.touched),
            since=reads.sessions_since,
            any_by=reads.any_session_by,
        )

    def settled(self, meetings: Iterable[Meeting], oldest_year: int) -> bool:
        """Narrow the needs by the sessions of one more (older) year; True when none is left."""
        for meeting in meetings:
            self.met.discard(meeting.mentor)
            if meeting.date <= self.until:
                self.last_met.discard(meeting.mentor)
                self.touched.difference_update(meeting.goals)
            if self.any_by is not None and meeting.date <= self.any_by:
                self.any_by = None
        if self.since is not None and oldest_year <= self.since.year:
            self.since = None
        return not (self.last_met or self.met or self.touched) and (
            self.since is None and self.any_by is None
        )


def newest_years(journal: Journal, needs: Needs) -> list[Meeting] | None:
    """The sessions of the newest years that settle `needs` (at least one year); None when
    every year is needed, or all are read already."""
    if journal.is_loaded("meetings"):
        return None
    years = journal.meeting_years()
    chosen: list[list[Meeting]] = []
    for year in reversed(years):
        chosen.append(journal.meetings_of_year(year))
        if needs.settled(chosen[-1], year):
            break
    else:
        return None  # every year is needed: read them as a whole
    return [meeting for part in reversed(chosen) for meeting in part]


def view(
    journal: Journal,
    *,
    meetings: list[Meeting] | None = None,
    actions: list[ActionItem] | None = None,
) -> Journal:
    """`journal` with some collections narrowed to what a command reads (for reading only)."""
    narrowed: dict[str, Any] = {"meetings": meetings, "actions": actions}
    chosen = {name: records for name, records in narrowed.items() if records is not None}
    return Journal(loader=journal.collection, **chosen) if chosen else journal


def nudge_reads(journal: Journal, today: date, config: Config) -> Reads:
    """What the nudge rules read beyond the records read in full (each rule says what it
    reads, beside what it finds: insights/rules/)."""
    # Imported here: the rules are ~4 ms of start-up that `mentor list` and the other
    # commands using this module without nudges would pay for nothing.
    from mentorlog.insights import rules

    return reduce(or_, (rule.reads(journal, today, config) for rule in rules.RULES), Reads())


def dashboard_reads(journal: Journal) -> Reads:
    """What the dashboard reads besides its nudges: each active relationship's latest session."""
    active = (mentor.id for mentor in journal.mentors if mentor.status is MentorStatus.active)
    return Reads(last_met=frozenset(active))


def for_nudges(journal: Journal, today: date, config: Config) -> Journal:
    """The journal as `compute_nudges` and `compute_dashboard` need it."""
    reads = nudge_reads(journal, today, config) | dashboard_reads(journal)
    meetings = newest_years(journal, Needs.of(reads, today)) if journal.mentors else None
    return view(journal, meetings=meetings, actions=closed_since(journal, reads.closed_since))


def closed_since(journal: Journal, day: date | None) -> list[ActionItem]:
    """The open action items, and those closed in the year of `day` or later (when given)."""
    return journal.open_actions() if day is None else journal.actions_closed_since(day.year)


def for_mentor_list(
    journal: Journal,
    today: date,
    *,
    keep: set[MentorStatus] | None,
    kind: MentorKind | None,
) -> Journal:
    """The journal as `mentor_rows` needs it: the last session of each mentor listed."""
    listed = {
        mentor.id
        for mentor in journal.mentors
        if (keep is None or mentor.status in keep) and (kind is None or mentor.kind is kind)
    }
    meetings = newest_years(journal, Needs(until=today, last_met=listed)) if listed else None
    return view(journal, meetings=meetings)


def for_review(journal: Journal, quarter: Quarter, today: date, config: Config) -> Journal:
    """The journal as `compute_review` needs it: the period's sessions, the last session up to
    its end of each relationship it lists, and the nudges when the period runs to today."""
    from mentorlog.insights.review import resolve_period  # the review's models: a review only

    if quarter.start > today:
        return journal  # compute_review says it has not started
    start, end, to_date = resolve_period(quarter, today)
    # the nudges are shown in a review to date only
    reads = nudge_reads(journal, today, config) if to_date else Reads()
    # open at the period's end, or closed in it: open now, or closed in its first year or later
    actions = closed_since(journal, min(start, reads.closed_since or start))
    if not journal.mentors:
        return view(journal, actions=actions)
    needs = Needs.of(reads, end)
    needs.since = min(start, needs.since or start)
    needs.last_met.update(
        mentor.id
        for mentor in journal.mentors
        if mentor.status is MentorStatus.active
        and mentor.started <= end
        and (mentor.ended is None or mentor.ended >= start)
    )
    return view(journal, meetings=newest_years(journal, needs), actions=actions)
