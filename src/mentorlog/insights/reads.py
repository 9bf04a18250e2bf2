"""What a nudge rule reads beyond the records always read in full, so that a command loads only
the newest years it needs (`insights.recent`). Apart from the rules themselves, which only the
commands that show nudges import."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class Reads(NamedTuple):
    """What a rule reads beyond the records always read in full (mentors, goals, milestones,
    reflections, open action items): what it must find among the sessions, which are kept one
    file per year, and how far back it reads the closed action items."""

    last_met: frozenset[str] = frozenset()  # mentors: their latest session to date
    met: frozenset[str] = frozenset()  # mentors: whether there is any session at all
    touched: frozenset[str] = frozenset()  # goals: the latest session to date touching them
    sessions_since: date | None = None  # every session on or after this day
    any_session_by: date | None = None  # whether any session is on or before this day
    closed_since: date | None = None  # action items closed on or after this day

    def __or__(self, other: Reads) -> Reads:
        """What both read (finding a session on or before the earlier day answers both)."""
        return Reads(
            last_met=self.last_met | other.last_met,
            met=self.met | other.met,
            touched=self.touched | other.touched,
            sessions_since=_earlier(self.sessions_since, other.sessions_since),
            any_session_by=_earlier(self.any_session_by, other.any_session_by),
            closed_since=_earlier(self.closed_since, other.closed_since),
        )


def _earlier(one: date | None, other: date | None) -> date | None:
    return min(one, other) if one is not None and other is not None else one or other


NOTHING_MORE = Reads()
