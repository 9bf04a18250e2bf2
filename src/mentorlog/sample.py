"""A realistic sample journal, relative to `today`: what `mentorlog demo` shows.

Pure: returns records; the caller saves them through the store. Deterministic for a given
`today` and seed, so the demo and the pictures in the README can be regenerated.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from mentorlog.dates import NAMED_CADENCES
from mentorlog.models import (
    ActionItem,
    Agreement,
    Goal,
    Meeting,
    Mentor,
    Milestone,
    Topic,
)
from mentorlog.sample_text import ADVICE, NOTE_DETAILS, NOTE_OPENERS, past_reflections, stamp_at
from mentorlog.vocab import (
    ActionStatus,
    GoalStatus,
    MeetingFormat,
    MentorKind,
    MentorStatus,
    MilestoneStatus,
    Source,
    TopicStatus,
)


def _ids(rng: random.Random, taken: set[str]) -> str:
    while True:
        candidate = f"{rng.getrandbits(32):08x}"
        if candidate not in taken and not candidate.isdigit():
            taken.add(candidate)
            return candidate


def build_sample(today: date, seed: int = 7) -> dict[str, list[Any]]:
    """Goals, mentors of every kind, a year of sessions, actions, milestones, a reflection."""
    rng = random.Random(seed)
    taken: set[str] = set()

    def nid() -> str:
        return _ids(rng, taken)

    year_ago = today - timedelta(days=365)
    speaking = Goal(
        id=nid(),
        title="Become a confident conference speaker",
        why="Lead the team's public demos and give one external talk this year",
        area="public speaking",
        started=year_ago + timedelta(days=10),
        target=today + timedelta(days=120),
        **stamp_at(year_ago + timedelta(days=10)),
    )
    managing = Goal(
        id=nid(),
        title="Grow into an engineering manager",
        why="Take on the new platform team when it forms",
        area="leadership",
        started=year_ago + timedelta(days=40),
        **stamp_at(year_ago + timedelta(days=40)),
    )
    analytics = Goal(
        id=nid(),
        title="Read product analytics without help",
        why="Stop waiting for the data team to answer simple questions",
        area="product",
        status=GoalStatus.achieved,
        started=year_ago,
        closed=today - timedelta(days=150),
        outcome="Built my own funnel dashboard; the data team reviewed it.",
        **stamp_at(year_ago),
    )
    writing = Goal(
        id=nid(),
        title="Write a technical blog post every quarter",
        area="writing",
        status=GoalStatus.paused,
        started=year_ago + timedelta(days=90),
        **stamp_at(year_ago + timedelta(days=90)),
    )
    goals = [speaking, managing, analytics, writing]

    def mentor(**fields: Any) -> Mentor:
        started = fields.setdefault("started", year_ago)
        return Mentor(id=nid(), **fields, **stamp_at(started))

    ada = mentor(
        name="Ada Okafor",
        kind=MentorKind.mentor,
        source=Source.formal_program,
        org="Northwind Labs",
        role="Director of Engineering",
        expertise=["leadership", "hiring", "org design"],
        email="ada.okafor@example.org",
        location="London",
        timezone="Europe/London",
        format=MeetingFormat.video,
        cadence=NAMED_CADENCES["monthly"],
        goals=[managing.id],
        agreement=Agreement(
            why="She built two platform teams from scratch",
            hope="An honest view of whether I am ready to manage, and what to practise first",
        ),
        started=year_ago + timedelta(days=40),
    )
    priya = mentor(
        name="Priya Raman",
        kind=MentorKind.peer,
        source=Source.alumni,
        org="Fernwood",
        role="Staff Engineer",
        expertise=["public speaking", "developer relations"],
        location="Berlin",
        timezone="Europe/Berlin",
        format=MeetingFormat.coffee,
        cadence=NAMED_CADENCES["biweekly"],
        goals=[speaking.id],
        agreement=Agreement(
            why="She gives a talk every quarter and remembers what was hard at first",
            hope="Rehearse together; swap feedback on talks",
        ),
        started=year_ago + timedelta(days=20),
    )
    sam = mentor(
        name="Sam Lee",
        kind=MentorKind.reverse,
        source=Source.current_org,
        org="Our team",
        role="Software Engineer (2nd year)",
        expertise=["new tooling", "how juniors experience our process"],
        format=MeetingFormat.walk,
        cadence=NAMED_CADENCES["monthly"],
        goals=[managing.id],
        agreement=Agreement(
            why="Sees our team from where I no longer stand",
            hope="Learn what our process feels like to newer engineers",
        ),
        started=year_ago + timedelta(days=120),
    )
    marcus = mentor(
        name="Marcus Webb",
        kind=MentorKind.mentor,
        source=Source.current_org,
        org="Our company",
        role="Head of Engineering (my manager)",
        supervisor=True,
        format=MeetingFormat.in_person,
        cadence=NAMED_CADENCES["monthly"],
        goals=[managing.id],
        agreement=Agreement(why="Knows the opening on the platform team"),
        started=year_ago + timedelta(days=60),
    )
    elena = mentor(
        name="Elena Petrova",
        kind=MentorKind.micro,
        source=Source.linkedin,
        org="Conference programme committee",
        role="Speaker coach",
        format=MeetingFormat.video,
        timezone="America/Toronto",
        cadence=None,
        goals=[speaking.id],
        agreement=Agreement(
            purpose="Turn my talk idea into an accepted conference proposal",
            until=today + timedelta(days=20),
            hope="Three reviews of the proposal before the deadline",
        ),
        started=today - timedelta(days=35),
    )
    jordan = mentor(
        name="Jordan Kim",
        kind=MentorKind.mentor,
        status=MentorStatus.prospect,
        source=Source.linkedin,
        org="Brightline",
        role="VP Engineering",
        url="https://www.linkedin.com/in/example-jordan-kim",
        cadence=NAMED_CADENCES["monthly"],
        agreement=Agreement(why="Manages managers; wrote about the first year as a manager"),
        started=today - timedelta(days=24),
    )
    mentors = [ada, priya, sam, marcus, elena, jordan]

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

    # Ada: monthly for most of the year, but the last session was 40 days ago (due soon).
    day = ada.started + timedelta(days=5)
    while day <= today - timedelta(days=40):
        met = session(ada, day, "management", managing, next_in=30)
        if rng.random() < 0.6:
            action("Draft a 30-60-90 day plan for the platform team", met, managing, done_after=12)
        day += timedelta(days=rng.randint(26, 34))
    # Priya: every two weeks, recently met.
    day = priya.started + timedelta(days=3)
    while day <= today - timedelta(days=4):
        met = session(priya, day, "speaking", speaking, next_in=14)
        if rng.random() < 0.3:
            action("Rehearse the demo talk in front of Priya", met, speaking, done_after=9)
        day += timedelta(days=rng.randint(12, 17))
    # Sam: monthly walks, a reverse mentorship.
    day = sam.started + timedelta(days=7)
    while day <= today - timedelta(days=12):
        session(sam, day, "tooling", managing)
        day += timedelta(days=rng.randint(27, 36))
    # Marcus: the supervisor, occasional.
    for back in (300, 210, 120, 45):
        session(marcus, today - timedelta(days=back), "management", managing)
    # Elena: a micro-mentorship with one focused purpose, three sessions.
    for back in (30, 16, 6):
        met = session(elena, today - timedelta(days=back), "speaking", speaking)
    action("Send Elena the revised proposal abstract", met, speaking, done_after=None)
    first_with_elena = next(m for m in meetings if m.mentor == elena.id)
    action("Write the talk abstract in 100 words", first_with_elena, speaking, done_after=20)
    # The loop of SPEC §10: a thank-you note the day after each session with Elena and Priya
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
    topics = [
        asked,
        Topic(
            id=nid(),
            mentor=ada.id,
            text="How did you structure your first 90 days as a director?",
            **stamp_at(today - timedelta(days=2)),
        ),
        Topic(
            id=nid(),
            mentor=elena.id,
            text="Would you read the final slides before the talk?",
            **stamp_at(today - timedelta(days=1)),
        ),
    ]

    milestones = [
        Milestone(
            id=nid(),
            goal=speaking.id,
            title="Give a lightning talk at the company all-hands",
            due=year_ago + timedelta(days=150),
            status=MilestoneStatus.done,
            done=year_ago + timedelta(days=140),
            mentor=priya.id,
            **stamp_at(year_ago + timedelta(days=15)),
        ),
        Milestone(
            id=nid(),
            goal=speaking.id,
            title="Submit a proposal to a regional conference",
            due=today + timedelta(days=9),
            **stamp_at(year_ago + timedelta(days=160)),
        ),
        Milestone(
            id=nid(),
            goal=speaking.id,
            title="Give the talk",
            due=today + timedelta(days=110),
            **stamp_at(year_ago + timedelta(days=160)),
        ),
        Milestone(
            id=nid(),
            goal=managing.id,
            title="Run the team's planning for one quarter",
            due=today - timedelta(days=60),
            status=MilestoneStatus.done,
            done=today - timedelta(days=70),
            mentor=ada.id,
            **stamp_at(year_ago + timedelta(days=45)),
        ),
        Milestone(
            id=nid(),
            goal=speaking.id,
            title="Outline the talk and rehearse it with Priya",
            due=today - timedelta(days=3),
            status=MilestoneStatus.done,
            done=today - timedelta(days=8),
            mentor=priya.id,
            **stamp_at(year_ago + timedelta(days=160)),
        ),
        Milestone(
            id=nid(),
            goal=managing.id,
            title="Hold a skip-level conversation",
            due=today - timedelta(days=5),
            **stamp_at(year_ago + timedelta(days=45)),
        ),
        Milestone(
            id=nid(),
            goal=analytics.id,
            title="Build a funnel dashboard",
            status=MilestoneStatus.done,
            done=today - timedelta(days=160),
            **stamp_at(year_ago + timedelta(days=5)),
        ),
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
