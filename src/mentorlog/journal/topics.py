"""Topics (README, "Before and after a session"): what you want to ask or tell a mentor next time,
and when it was raised.

A topic is open until it is discussed (in a session, or outside one) or dropped. Removing a
session reopens the topics discussed in it; removing a mentor is refused while topics refer to
them, unless the removal cascades (then their topics go too, like their sessions).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel

from mentorlog.dates import local_date
from mentorlog.errors import BadInput, Refused
from mentorlog.journal.records import one_line
from mentorlog.journal.state import Journal
from mentorlog.models import Meeting, Mentor, Topic, stamp
from mentorlog.vocab import TopicStatus


def topic_text(text: str) -> str:
    """The text of a topic: one trimmed line of 1 to 1000 characters."""
    return one_line(text, "A topic")


def add_topic(journal: Journal, mentor: Mentor, text: str) -> Topic:
    topic = Topic(id=journal.new_id("topics"), mentor=mentor.id, text=topic_text(text), **stamp())
    journal.topics.append(topic)
    return topic


def open_topics(journal: Journal, mentor_id: str | None = None) -> list[Topic]:
    """Open topics (of one mentor, when given), in the order they were noted."""
    return [
        t
        for t in journal.topics
        if t.status is TopicStatus.open and (mentor_id is None or t.mentor == mentor_id)
    ]


def _refuse_if_closed(topic: Topic) -> None:
    if topic.status is not TopicStatus.open:
        raise Refused(f"Topic {topic.id} is already {topic.status.value}.")


def close_topic(
    topic: Topic, status: TopicStatus, *, on: date, meeting: Meeting | None = None
) -> None:
    """Mark an open topic discussed (in `meeting`, when given) or dropped, on the day `on`."""
    if status is TopicStatus.open:
        raise BadInput("Closing a topic means discussed or dropped.")
    _refuse_if_closed(topic)
    if meeting is not None and meeting.mentor != topic.mentor:
        raise Refused(f"Topic {topic.id} is for another mentor than that session.")
    topic.status = status
    topic.meeting = meeting.id if meeting is not None else None
    topic.closed = meeting.date if meeting is not None else on
    topic.touch()


def discuss_in(meeting: Meeting, topics: Sequence[Topic]) -> list[Topic]:
    """Mark `topics` discussed in `meeting` (each must be an open topic of its mentor)."""
    for topic in topics:
        if topic.mentor != meeting.mentor:
            raise Refused(
                f"Topic {topic.id} is for another mentor; mark it with "
                f"`mentorlog topic done {topic.id}`."
            )
        _refuse_if_closed(topic)
    for topic in topics:
        close_topic(topic, TopicStatus.discussed, on=meeting.date, meeting=meeting)
    return list(topics)


def reopen_topics_of(journal: Journal, meeting: Meeting) -> list[str]:
    """A removed session's topics are open again (they were not discussed after all)."""
    reopened = []
    for topic in journal.topics:
        if topic.meeting == meeting.id:
            topic.status = TopicStatus.open
            topic.meeting = None
            topic.closed = None
            topic.touch()
            reopened.append(topic.id)
    return reopened


class TopicRow(BaseModel):
    """One line of `topic list` (and its `--json` document)."""

    id: str
    mentor: str  # the mentor's id
    mentor_name: str
    text: str
    status: TopicStatus
    meeting: str | None
    closed: date | None
    created: date


def topic_rows(
    journal: Journal, *, mentor_id: str | None = None, include_closed: bool = False
) -> list[TopicRow]:
    """Topics, open ones first (in the order noted), then closed ones, newest closed first."""
    names = {m.id: m.name for m in journal.mentors}
    chosen = [
        t
        for t in journal.topics
        if (mentor_id is None or t.mentor == mentor_id)
        and (include_closed or t.status is TopicStatus.open)
    ]
    opened = [t for t in chosen if t.status is TopicStatus.open]
    closed = sorted(
        (t for t in chosen if t.status is not TopicStatus.open),
        key=lambda t: (t.closed or local_date(t.updated), t.updated),
        reverse=True,
    )
    return [
        TopicRow(
            id=t.id,
            mentor=t.mentor,
            mentor_name=names.get(t.mentor, "?"),
            text=t.text,
            status=t.status,
            meeting=t.meeting,
            closed=t.closed,
            created=local_date(t.created),
        )
        for t in [*opened, *closed]
    ]
