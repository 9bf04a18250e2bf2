"""Whom you owe a report: what came of a mentor's advice since you last followed up with them.

Read by the report-back nudge on every command that shows nudges, so kept apart from
`journal.followup` (the note's models and wording, which only `followup` needs).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from mentorlog.models import ActionItem, Meeting
from mentorlog.vocab import ActionStatus


def last_follow_ups(meetings: Iterable[Meeting]) -> dict[str, date]:
    """Each mentor's latest follow-up date, over every session given."""
    latest: dict[str, date] = {}
    for meeting in meetings:
        if meeting.followed_up is not None:
            known = latest.get(meeting.mentor)
            if known is None or meeting.followed_up > known:
                latest[meeting.mentor] = meeting.followed_up
    return latest


def reports_due(
    actions: Iterable[ActionItem], meetings: Iterable[Meeting], since: date
) -> dict[str, list[ActionItem]]:
    """Mentor -> action items from their sessions done on or after `since` and after you last
    followed up with them (a follow-up on the day an item was done counts as telling them)."""
    meetings = list(meetings)
    told = last_follow_ups(meetings)
    # When a note was drafted on the day an item was done, it told them only if it came after:
    # the session's `updated` is when the note marked it (a later edit only errs on quiet).
    noted: dict[str, datetime] = {}
    for meeting in meetings:
        if meeting.followed_up is not None and meeting.followed_up == told.get(meeting.mentor):
            noted[meeting.mentor] = max(meeting.updated, noted.get(meeting.mentor, meeting.updated))
    due: dict[str, list[ActionItem]] = {}
    for action in actions:
        if action.meeting is None or action.mentor is None or action.done is None:
            continue
        if action.status is not ActionStatus.done or action.done < since:
            continue
        last = told.get(action.mentor)
        later = action.done == last and action.updated > noted[action.mentor]
        if last is None or action.done > last or later:
            due.setdefault(action.mentor, []).append(action)
    return due
