"""Time `mentorlog sync` next to the same fetch/merge/push done with plain git.

    python benchmarks/sync.py --size 20y --changes 50 --runs 3

Per run: a journal of the given size (generated through mentorlog's own store) is published to
a bare remote on local disk and brought in on a second machine; each machine then makes
`--changes` changes (half new sessions, half edited ones, in the newest year: the everyday case,
and the file both sides touch). Timed, on identical copies of that state:

- mentorlog: `mentorlog sync` on A (commit + push), then on B (commit, fetch, record merge, push);
- git: `git add -A && git commit && git push` on A, then on B `git add -A && git commit &&
  git pull --no-edit -X ours && git push` (git's own merge, which keeps one side's file whole
  where both changed it: faster, and exactly the data loss mentorlog's merge exists to avoid).

The figure that matters is B's: fetch + merge + push, mentorlog over git.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/ is not a package)


def environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    (home / ".gitconfig").write_text("[user]\n\tname = Bench\n\temail = bench@example.org\n")
    env.update({"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "TZ": "UTC"})
    return env


def mentorlog(env: dict[str, str], root: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mentorlog", "--data-dir", str(root), *args],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def git(env: dict[str, str], root: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(["git", "-C", str(root), *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def change(root: Path, side: str, count: int, today: date) -> None:
    """`count` changes through the store: new sessions and edited notes, in the newest year."""
    from mentorlog.models import Meeting, new_id, stamp
    from mentorlog.storage.store import Store

    with Store(root, command=f"benchmarks/sync.py {side}").transaction() as journal:
        meetings = journal.collection("meetings")
        newest = [m for m in meetings if m.date.year == today.year]
        for index in range(count // 2):
            target = newest[(index * 7 + (0 if side == "A" else 3)) % len(newest)]
            target.notes += f"\n\nAdded on {side} ({index})."
            target.touch()
        mentor = journal.collection("mentors")[-1].id
        for index in range(count - count // 2):
            meetings.append(
                Meeting(
                    id=new_id(journal.ids("meetings")),
                    mentor=mentor,
                    date=today - timedelta(days=index % 20),
                    notes=f"A session logged on {side}.",
                    **stamp(),
                )
            )


def prepare(scratch: Path, env: dict[str, str], size: str, changes: int, today: date) -> Path:
    state = scratch / "state"
    remote, a, b = state / "remote.git", state / "a", state / "b"
    state.mkdir()
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], env=env, check=True)
    generate.write(a, generate.build(today, **generate.SIZES[size]))
    mentorlog(env, a, "sync", "init", str(remote))
    mentorlog(env, b, "sync", "init", str(remote))
    change(a, "A", changes, today)
    change(b, "B", changes, today)
    return state


def copy_of(state: Path, where: Path) -> tuple[Path, Path]:
    shutil.copytree(state, where, symlinks=True)
    for machine in ("a", "b"):  # the copy's remote is the copy's own bare repository
        subprocess.run(
            [
                "git",
                "-C",
                str(where / machine),
                "remote",
                "set-url",
                "origin",
                str(where / "remote.git"),
            ],
            check=True,
        )
    return where / "a", where / "b"


def time_mentorlog(env: dict[str, str], a: Path, b: Path) -> tuple[float, float]:
    return mentorlog(env, a, "sync"), mentorlog(env, b, "sync")


def time_git(env: dict[str, str], a: Path, b: Path) -> tuple[float, float]:
    first = git(env, a, "add", "-A") + git(env, a, "commit", "-qm", "A")
    first += git(env, a, "push", "-q", "origin", "main")
    second = git(env, b, "add", "-A") + git(env, b, "commit", "-qm", "B")
    second += git(env, b, "pull", "-q", "--no-edit", "--no-rebase", "-X", "ours", "origin", "main")
    second += git(env, b, "push", "-q", "origin", "main")
    return first, second


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(generate.SIZES), default="20y")
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    today = date.today()
    ours: list[tuple[float, float]] = []
    plain: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory(prefix="mentorlog-sync-bench-") as directory:
        scratch = Path(directory)
        home = scratch / "home"
        home.mkdir()
        env = environment(home)
        state = prepare(scratch, env, args.size, args.changes, today)
        for run in range(args.runs):
            ours.append(time_mentorlog(env, *copy_of(state, scratch / f"m{run}")))
            plain.append(time_git(env, *copy_of(state, scratch / f"g{run}")))
    print(
        f"sync, {args.size} journal, {args.changes} changes on each side ({args.runs} runs, median)"
    )
    print(f"{'':28}{'mentorlog':>12}{'plain git':>12}{'ratio':>8}")
    for label, index in (("A: commit + push", 0), ("B: fetch + merge + push", 1)):
        mine = statistics.median(t[index] for t in ours)
        theirs = statistics.median(t[index] for t in plain)
        print(f"{label:28}{mine:>11.2f}s{theirs:>11.2f}s{mine / theirs:>7.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
