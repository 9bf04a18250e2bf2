"""The closed vocabularies of the records (docs/people.md, docs/sessions.md), as plain enums.

Kept apart from the Pydantic models so the CLI can offer them as choices without paying for
building any model at start-up.
"""

from __future__ import annotations

from enum import Enum


class _Choice(str, Enum):
    def __str__(self) -> str:
        return str(self.value)


class GoalStatus(_Choice):
    active = "active"
    paused = "paused"
    achieved = "achieved"
    dropped = "dropped"


class MilestoneStatus(_Choice):
    open = "open"
    done = "done"
    dropped = "dropped"


class MentorKind(_Choice):
    mentor = "mentor"
    peer = "peer"
    reverse = "reverse"
    micro = "micro"


class MentorStatus(_Choice):
    prospect = "prospect"
    active = "active"
    paused = "paused"
    ended = "ended"


class Source(_Choice):
    formal_program = "formal-program"
    past_company = "past-company"
    alumni = "alumni"
    linkedin = "linkedin"
    current_org = "current-org"
    other = "other"


class MeetingFormat(_Choice):
    video = "video"
    call = "call"
    coffee = "coffee"
    walk = "walk"
    in_person = "in-person"
    message = "message"


class ActionStatus(_Choice):
    open = "open"
    done = "done"
    dropped = "dropped"


class TopicStatus(_Choice):
    open = "open"
    discussed = "discussed"
    dropped = "dropped"
