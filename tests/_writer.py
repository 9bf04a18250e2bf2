"""A child process for the crash and concurrency tests: it changes a journal through `Store`.

    python tests/_writer.py ROOT commit          # forever: one multi-file change per transaction
    python tests/_writer.py ROOT append N [TAG]  # N transactions, each appending one goal
    python tests/_writer.py ROOT hold SECONDS    # enter a transaction, sleep holding the lock

After each transaction returns it prints the ids it committed and flushes, so the parent knows
exactly what must survive a SIGKILL. `hold` prints "locked" once it holds the lock.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from mentorlog.models import ActionItem, Goal, Meeting, Mentor, Milestone, new_id, stamp
from mentorlog.storage.store import Store
from mentorlog.vocab import ActionStatus


def commit_forever(store: Store) -> None:
    """Each transaction touches five files that refer to each other, like `meet --action`."""
    n = 0
    while True:
        n += 1
        with store.transaction() as journal:
            taken = journal.ids("goals") | journal.ids("mentors") | journal.ids("meetings")
            goal = Goal(id=new_id(taken), title=f"goal {n}", started=date(2026, 1, 1), **stamp())
            mentor = Mentor(
                id=new_id(taken | {goal.id}),
                name=f"mentor {n}",
                goals=[goal.id],
                started=date(2026, 1, 1),
                **stamp(),
            )
            meeting = Meeting(
                id=new_id(taken | {goal.id, mentor.id}),
                mentor=mentor.id,
                date=date(2020 + n % 7, 1 + n % 12, 1),  # spread over several year files
                goals=[goal.id],
                notes="x" * (n % 5000),
                **stamp(),
            )
            milestone = Milestone(
                id=new_id(journal.ids("milestones")), goal=goal.id, title="m", **stamp()
            )
            action = ActionItem(
                id=new_id(journal.ids("actions")),
                text="do it",
                meeting=meeting.id,
                mentor=mentor.id,
                goal=goal.id,
                **stamp(),
            )
            journal.goals.append(goal)
            journal.mentors.append(mentor)
            journal.meetings.append(meeting)
            journal.milestones.append(milestone)
            journal.actions.append(action)
            if n % 3 == 0 and len(journal.actions) > 1:
                journal.actions[0].status = ActionStatus.done
                journal.actions[0].touch()
        ids = (goal.id, mentor.id, meeting.id, milestone.id, action.id)
        sys.stdout.write(" ".join(ids) + "\n")
        sys.stdout.flush()


def append(store: Store, count: int, tag: str) -> None:
    for n in range(count):
        with store.transaction() as journal:
            goal = Goal(
                id=new_id(journal.ids("goals")),
                title=f"{tag} {n}",
                started=date(2026, 1, 1),
                **stamp(),
            )
            journal.goals.append(goal)
        sys.stdout.write(goal.id + "\n")
        sys.stdout.flush()


def hold(store: Store, seconds: float) -> None:
    with store.transaction() as journal:
        journal.goals.append(
            Goal(id=new_id(journal.ids("goals")), title="held", started=date(2026, 1, 1), **stamp())
        )
        sys.stdout.write("locked\n")
        sys.stdout.flush()
        time.sleep(seconds)


def main() -> None:
    root, mode, *rest = sys.argv[1:]
    store = Store(Path(root), keep_backups=3, lock_timeout=60, command="mentorlog test-writer")
    if mode == "commit":
        commit_forever(store)
    elif mode == "append":
        append(store, int(rest[0]), rest[1] if len(rest) > 1 else "goal")
    elif mode == "hold":
        hold(store, float(rest[0]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
