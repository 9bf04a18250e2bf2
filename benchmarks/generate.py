"""Build realistic journals of a given size through mentorlog's own store.

    python benchmarks/generate.py DIR --size 20y
    python benchmarks/generate.py DIR --mentors 100 --sessions 20000 --actions 10000
    python benchmarks/generate.py DIR --size 1y --identity KEYFILE   # encrypted (made if new)

The files are exactly what users have: written by `Store.transaction()`, one file per year for
sessions, with notes of realistic length drawn from the sample journal's phrases.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SIZES: dict[str, dict[str, int]] = {
    "1y": {
        "years": 1,
        "mentors": 10,
        "goals": 4,
        "sessions": 300,
        "milestones": 30,
        "actions": 150,
    },
    "10y": {
        "years": 10,
        "mentors": 50,
        "goals": 20,
        "sessions": 6_000,
        "milestones": 600,
        "actions": 3_000,
    },
    "20y": {
        "years": 20,
        "mentors": 100,
        "goals": 40,
        "sessions": 20_000,
        "milestones": 2_000,
        "actions": 10_000,
    },
}

FIRST = ["Ada", "Priya", "Sam", "Marcus", "Elena", "Jordan", "Noor", "Tomás", "Mei", "Kofi"]
LAST = ["Okafor", "Raman", "Lee", "Webb", "Petrova", "Kim", "Haddad", "García", "Chen", "Mensah"]
TOPICS = ["speaking", "management", "analytics", "tooling"]
# Biweekly, monthly (twice as likely) or quarterly, as the stored strings.
CADENCES = ["2w", "1m", "1m", "3m"]


def build(
    today: date,
    *,
    years: int,
    mentors: int,
    goals: int,
    sessions: int,
    milestones: int,
    actions: int,
    seed: int = 1,
) -> dict[str, list[Any]]:
    from mentorlog import sample_text, vocab
    from mentorlog.models import ActionItem, Agreement, Goal, Meeting, Mentor, Milestone

    rng = random.Random(seed)
    taken: set[str] = set()

    def nid() -> str:
        while True:
            candidate = f"{rng.getrandbits(32):08x}"
            if candidate not in taken and not candidate.isdigit():
                taken.add(candidate)
                return candidate

    stamp = sample_text.stamp_at

    start = today - timedelta(days=365 * years)
    span = (today - start).days
    goal_list = []
    for index in range(goals):
        began = start + timedelta(days=index * span // max(goals, 1))
        active = index >= goals - 2
        goal_list.append(
            Goal(
                id=nid(),
                title=f"Goal {index + 1}: {rng.choice(['lead', 'speak', 'write', 'ship'])} better",
                why="Because it matters for the next step of my career.",
                area=rng.choice(TOPICS),
                status=vocab.GoalStatus.active if active else vocab.GoalStatus.achieved,
                started=began,
                closed=None if active else began + timedelta(days=200),
                **stamp(began),
            )
        )
    mentor_list = []
    kinds = list(vocab.MentorKind)
    for index in range(mentors):
        began = start + timedelta(days=rng.randrange(max(span - 30, 1)))
        kind = kinds[index % len(kinds)]
        recent = index >= mentors - max(5, mentors // 5)
        mentor_list.append(
            Mentor(
                id=nid(),
                name=f"{FIRST[index % 10]} {LAST[(index // 10) % 10]} {index}",
                kind=kind,
                status=vocab.MentorStatus.active if recent else vocab.MentorStatus.ended,
                org=f"Company {index % 17}",
                cadence=None if kind is vocab.MentorKind.micro else rng.choice(CADENCES),
                goals=[rng.choice(goal_list).id],
                agreement=Agreement(
                    why="Experience I want to learn from.",
                    until=began + timedelta(days=60) if kind is vocab.MentorKind.micro else None,
                    purpose="One focused question." if kind is vocab.MentorKind.micro else "",
                ),
                started=began,
                **stamp(began),
            )
        )
    meeting_list = []
    for index in range(sessions):
        day = start + timedelta(days=index * span // max(sessions, 1))
        who = mentor_list[rng.randrange(len(mentor_list))]
        topic = rng.choice(list(sample_text.ADVICE))
        advice = rng.sample(sample_text.ADVICE[topic], k=2)
        notes = "\n\n".join(
            [rng.choice(sample_text.NOTE_OPENERS), rng.choice(sample_text.NOTE_DETAILS)]
            + [f"- {line}" for line in advice]
        )
        meeting_list.append(
            Meeting(
                id=nid(),
                mentor=who.id,
                date=day,
                duration=rng.choice([30, 45, 60, 90]),
                format=rng.choice(list(vocab.MeetingFormat)),
                goals=list(who.goals),
                notes=notes,
                takeaways=advice,
                rating=rng.choice([None, 3, 4, 5]),
                **stamp(day),
            )
        )
    milestone_list = []
    for index in range(milestones):
        goal = goal_list[index % len(goal_list)]
        due = goal.started + timedelta(days=rng.randrange(30, 400))
        done = due < today - timedelta(days=30)
        milestone_list.append(
            Milestone(
                id=nid(),
                goal=goal.id,
                title=f"Milestone {index + 1}",
                due=due,
                status=vocab.MilestoneStatus.done if done else vocab.MilestoneStatus.open,
                done=due if done else None,
                **stamp(goal.started),
            )
        )
    action_list = []
    for index in range(actions):
        meeting = meeting_list[(index * 2) % len(meeting_list)]
        old = meeting.date < today - timedelta(days=60)
        action_list.append(
            ActionItem(
                id=nid(),
                text=f"Follow up on: {meeting.takeaways[0]}",
                meeting=meeting.id,
                mentor=meeting.mentor,
                due=meeting.date + timedelta(days=21),
                status=vocab.ActionStatus.done if old else vocab.ActionStatus.open,
                done=meeting.date + timedelta(days=10) if old else None,
                **stamp(meeting.date),
            )
        )
    return {
        "goals": goal_list,
        "mentors": mentor_list,
        "meetings": meeting_list,
        "milestones": milestone_list,
        "actions": action_list,
    }


def write(directory: Path, collections: dict[str, list[Any]]) -> None:
    from mentorlog.storage.store import Store

    with Store(directory, command="benchmarks/generate.py").transaction() as journal:
        for name, records in collections.items():
            journal.collection(name)[:] = records


def encrypt(directory: Path, identity: Path) -> None:
    """Encrypt the journal as `mentorlog encrypt` does, to the key in `identity`."""
    from mentorlog.storage import encryption, keys
    from mentorlog.storage.store import Store

    keys.configure(keys.KeySource(identity=identity))
    encryption.turn_on(Store(directory, command="benchmarks/generate.py"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--size", choices=sorted(SIZES), default="1y")
    for key in ("years", "mentors", "goals", "sessions", "milestones", "actions"):
        parser.add_argument(f"--{key}", type=int)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--identity", type=Path, help="encrypt it to this age key file")
    args = parser.parse_args(argv)
    shape = dict(SIZES[args.size])
    for key in shape:
        if getattr(args, key) is not None:
            shape[key] = getattr(args, key)
    if args.directory.exists() and any(args.directory.iterdir()):
        print(f"{args.directory} is not empty; choose a new directory.", file=sys.stderr)
        return 2
    write(args.directory, build(args.today, seed=args.seed, **shape))
    if args.identity is not None:
        encrypt(args.directory, args.identity)
    print(f"{args.directory}: {shape}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
