"""A realistic sample journal, relative to `today`: what `mentorlog demo` shows.

Pure: returns records; the caller saves them through the store. Deterministic for a given
`today` and seed, so the demo and the pictures in the README can be regenerated.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from mentorlog.models import ActionItem, Agreement, Goal, Meeting, Mentor, Milestone, Topic
from mentorlog.sample_text import (
    ADVICE,
    NOTE_DETAILS,
    NOTE_OPENERS,
    PEOPLE,
    past_reflections,
    stamp_at,
)
from mentorlog.vocab import ActionStatus, GoalStatus, MeetingFormat, MilestoneStatus, TopicStatus


def _ids(rng: random.Random, taken: set[str]) -> str:
    while True:
        candidate = f"{rng.getrandbits(32):08x}"
        if candidate not in taken and not candidate.isdigit():
            taken.add(candidate)
            return candidate


_AGREEMENT = ("why", "hope", "purpose", "until")
_DAYS_FROM_TODAY = ("started", "until")


def _read_card(card: str, today: date, goals: dict[str, str]) -> dict[str, Any]:
    """A mentor's fields from one of the cards of `PEOPLE`."""
    fields: dict[str, Any] = {}
    agreement: dict[str, Any] = {}
    for line in card.strip().splitlines():
        key, _, text = line.partition(": ")
        value: Any = text
        if key in _DAYS_FROM_TODAY:
            value = today + timedelta(days=int(text))
        elif key == "expertise":
            value = text.split(", ")
        elif key == "goal":
            key, value = "goals", [goals[text]]
        (agreement if key in _AGREEMENT else fields)[key] = value
    return {**fields, "agreement": Agreement(**agreement)}


def build_sample(today: date, seed: int = 7) -> dict[str, list[Any]]:
    """Goals, mentors of every kind, a year of sessions, actions, milestones, a reflection."""
    rng = random.Random(seed)
    taken: set[str] = set()

    def nid() -> str:
        return _ids(rng, taken)

    year_ago = today - timedelta(days=365)

    def new_goal(**fields: Any) -> Goal:
        return Goal(id=nid(), **fields, **stamp_at(fields["started"]))

    speaking = new_goal(
        title="Become a confident conference speaker",
        why="Lead the team's public demos and give one external talk this year",
        area="public speaking",
        started=year_ago + timedelta(days=10),
        target=today + timedelta(days=120),
    )
    managing = new_goal(
        title="Grow into an engineering manager",
        why="Take on the new platform team when it forms",
        area="leadership",
        started=year_ago + timedelta(days=40),
    )
    analytics = new_goal(
        title="Read product analytics without help",
        why="Stop waiting for the data team to answer simple questions",
        area="product",
        status=GoalStatus.achieved,
        started=year_ago,
        closed=today - timedelta(days=150),
        outcome="Built my own funnel dashboard; the data team reviewed it.",
    )
    writing = new_goal(
        title="Write a technical blog post every quarter",
        area="writing",
        status=GoalStatus.paused,
        started=year_ago + timedelta(days=90),
    )
    goals = [speaking, managing, analytics, writing]
    goal_ids = {"speaking": speaking.id, "managing": managing.id}

    def mentor(card: str) -> Mentor:
        fields = _read_card(card, today, goal_ids)
        return Mentor(id=nid(), **fields, **stamp_at(fields["started"]))

    mentors = [mentor(card) for card in PEOPLE.split("\n\n")]
    ada, priya, sam, marcus, elena = mentors[:5]  # and Jordan, a prospect

    meetings: list[Meeting] = []
    actions: list[ActionItem] = []

    pools: dict[str, list[str]] = {}

    def tips(topic: str) -> list[str]:
        """Two tips, cycling through a shuffled list so nearby sessions do not repeat."""
        pool = pools.setdefault(topic, [])
        picked: list[str] = []
        while len(picked) < 2:
            if not pool:
                pool.extend(rng.sample(ADVICE[topic], k=len(ADVICE[topic])))
            tip = pool.pop()
            if tip not in picked:
                picked.append(tip)
        return picked

    def session(
        who: Mentor, day: date, topic: str, goal: Goal | None, *, next_in: int | None = None
    ) -> Meeting:
        advice = tips(topic)
        notes = (
            f"{rng.choice(NOTE_OPENERS)}\n\n{rng.choice(NOTE_DETAILS)}\n\n"
            f"- {advice[0]}\n- {advice[-1]}\n"
        )
        meeting = Meeting(
            id=nid(),
            mentor=who.id,
            date=day,
            duration=rng.choice([30, 45, 45, 60, 60, 90]),
            format=who.format or MeetingFormat.video,
            goals=[goal.id] if goal else [],
            notes=notes,
            takeaways=advice,
            rating=rng.choice([3, 4, 4, 5, 5]),
            next=day + timedelta(days=next_in) if next_in else None,
            **stamp_at(day),
        )
        meetings.append(meeting)
        return meeting

    def action(text: str, meeting: Meeting, goal: Goal | None, *, done_after: int | None) -> None:
        status = ActionStatus.open
        done = None
        if done_after is not None and meeting.date + timedelta(days=done_after) <= today:
            status, done = ActionStatus.done, meeting.date + timedelta(days=done_after)
        actions.append(
            ActionItem(
                id=nid(),
                text=text,
                meeting=meeting.id,
                mentor=meeting.mentor,
                goal=goal.id if goal else None,
                opened=meeting.date,
                due=meeting.date + timedelta(days=21),
                status=status,
                done=done,
                **stamp_at(meeting.date),
            )
        )

    def regularly(
        who: Mentor,
        first: int,
        last: int,
        gap: tuple[int, int],
        topic: str,
        goal: Goal,
        *,
        next_in: int | None = None,
        task: tuple[str, float, int] | None = None,
    ) -> None:
        """Sessions from `first` days after the start until `last` days ago, every `gap` days
        (give or take), some followed by an action item (its text, how often, done after)."""
        day = who.started + timedelta(days=first)
        while day <= today - timedelta(days=last):
            met = session(who, day, topic, goal, next_in=next_in)
            if task is not None and rng.random() < task[1]:
                action(task[0], met, goal, done_after=task[2])
            day += timedelta(days=rng.randint(*gap))

    # Ada: monthly for most of the year, but the last session was 40 days ago (due soon).
    plan = ("Draft a 30-60-90 day plan for the platform team", 0.6, 12)
    regularly(ada, 5, 40, (26, 34), "management", managing, next_in=30, task=plan)
    # Priya: every two weeks, recently met.
    rehearse = ("Rehearse the demo talk in front of Priya", 0.3, 9)
    regularly(priya, 3, 4, (12, 17), "speaking", speaking, next_in=14, task=rehearse)
    # Sam: monthly walks, a reverse mentorship.
    regularly(sam, 7, 12, (27, 36), "tooling", managing)
    # Marcus: the supervisor, occasional.
    for back in (300, 210, 120, 45):
        session(marcus, today - timedelta(days=back), "management", managing)
    # Elena: a micro-mentorship with one focused purpose, three sessions.
    for back in (30, 16, 6):
        met = session(elena, today - timedelta(days=back), "speaking", speaking)
    action("Send Elena the revised proposal abstract", met, speaking, done_after=None)
    first_with_elena = next(m for m in meetings if m.mentor == elena.id)
    action("Write the talk abstract in 100 words", first_with_elena, speaking, done_after=20)
    # The loop of README, "Before and after a session": a thank-you note the day after each session
    # with Elena and Priya
    # (Ada's advice bore fruit since her last one: the report-back nudge shows it).
    for meeting in meetings:
        if meeting.mentor in (elena.id, priya.id) and meeting.date < today:
            meeting.followed_up = meeting.date + timedelta(days=1)
    meetings.sort(key=lambda m: (m.date, m.created))
    asked = Topic(
        id=nid(),
        mentor=elena.id,
        text="How long should a conference abstract be?",
        status=TopicStatus.discussed,
        meeting=met.id,
        closed=met.date,
        **stamp_at(met.date - timedelta(days=3)),
    )
    topics = [asked] + [
        Topic(id=nid(), mentor=who.id, text=text, **stamp_at(today - timedelta(days=back)))
        for who, text, back in (
            (ada, "How did you structure your first 90 days as a director?", 2),
            (elena, "Would you read the final slides before the talk?", 1),
        )
    ]

    def from_today(offset: int | None) -> date | None:
        return None if offset is None else today + timedelta(days=offset)

    # Each goal's milestones: its title, when due and done, with whom (days from today).
    milestones = [
        Milestone(
            id=nid(),
            goal=goal.id,
            title=title,
            due=from_today(due),
            status=MilestoneStatus.open if done is None else MilestoneStatus.done,
            done=from_today(done),
            mentor=who.id if who else None,
            **stamp_at(year_ago + timedelta(days=noted)),
        )
        for goal, title, due, done, who, noted in (
            (speaking, "Give a lightning talk at the company all-hands", -215, -225, priya, 15),
            (speaking, "Submit a proposal to a regional conference", 9, None, None, 160),
            (speaking, "Give the talk", 110, None, None, 160),
            (managing, "Run the team's planning for one quarter", -60, -70, ada, 45),
            (speaking, "Outline the talk and rehearse it with Priya", -3, -8, priya, 160),
            (managing, "Hold a skip-level conversation", -5, None, None, 45),
            (analytics, "Build a funnel dashboard", None, -160, None, 5),
        )
    ]
    reflections = past_reflections(today, meetings, nid)
    return {
        "goals": goals,
        "milestones": milestones,
        "mentors": mentors,
        "meetings": meetings,
        "actions": actions,
        "reflections": reflections,
        "topics": topics,
    }
