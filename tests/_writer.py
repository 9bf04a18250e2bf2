"""A child process for the crash and concurrency tests: it changes a journal through `Store`.

    python tests/_writer.py ROOT commit          # forever: one multi-file change per transaction
    python tests/_writer.py ROOT append N [TAG]  # N transactions, each appending one goal
    python tests/_writer.py ROOT hold SECONDS    # enter a transaction, sleep holding the lock
    python tests/_writer.py ROOT serve           # a fork server for fast crash loops (below)

After each transaction returns it prints the ids it committed and flushes, so the parent knows
exactly what must survive a SIGKILL. `hold` prints "locked" once it holds the lock.

`serve` reads commands on stdin. `go [DIR]` forks a child that runs `commit` on ROOT (or DIR)
(already imported, so it starts committing within milliseconds instead of after a new
interpreter's start-up) and prints "child PID"; `reap PID` waits for that child and prints
"reaped PID SIGNAL" (SIGNAL 0 if it exited by itself). Children share the server's stdout,
and the server reaps a child only after it is dead, so every line a child printed comes
before its "reaped" line.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
import traceback
from datetime import date
from pathlib import Path

from mentorlog.models import ActionItem, Goal, Meeting, Mentor, Milestone, new_id, stamp
from mentorlog.storage.store import Store
from mentorlog.vocab import ActionStatus


def commit_forever(store: Store, start: int = 0) -> None:
    """Each transaction touches five files that refer to each other, like `meet --action`."""
    n = start
    while True:
        n += 1
        ids = commit_once(store, n)
        sys.stdout.write(" ".join(ids) + "\n")
        sys.stdout.flush()


def commit_once(store: Store, n: int) -> tuple[str, ...]:
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
    return (goal.id, mentor.id, meeting.id, milestone.id, action.id)


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


def serve(root: Path) -> None:
    # Build once what a transaction builds lazily (models, validators, the lock library), so
    # that a forked child starts committing at once rather than after ~100 ms of set-up.
    with tempfile.TemporaryDirectory() as scratch:
        warm = Store(Path(scratch), keep_backups=3)
        commit_once(warm, 1)
        commit_once(warm, 2)
        warm.journal().ids("meetings")
    gc.freeze()  # children then do not copy every page of the heap on their first collection
    for line in sys.stdin:
        command, *args = line.split()
        if command == "go":
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:  # the child: commit until killed
                try:
                    where = Path(args[0]) if args else root
                    store = Store(where, keep_backups=3, lock_timeout=60, command="test-writer")
                    commit_forever(store, start=len(store.journal().goals))
                except BaseException:
                    traceback.print_exc()
                os._exit(1)
            sys.stdout.write(f"child {pid}\n")
        elif command == "reap":
            _, status = os.waitpid(int(args[0]), 0)
            killed_by = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
            sys.stdout.write(f"reaped {args[0]} {killed_by}\n")
        sys.stdout.flush()


def main() -> None:
    root, mode, *rest = sys.argv[1:]
    store = Store(Path(root), keep_backups=3, lock_timeout=60, command="mentorlog test-writer")
    if mode == "commit":
        commit_forever(store)
    elif mode == "append":
        append(store, int(rest[0]), rest[1] if len(rest) > 1 else "goal")
    elif mode == "hold":
        hold(store, float(rest[0]))
    elif mode == "serve":
        serve(Path(root))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
