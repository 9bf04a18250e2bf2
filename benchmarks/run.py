"""mentorlog's speed and memory at every journal size, against the stack floor and its peers.

    python benchmarks/run.py                       # empty, 1y, 10y and 20y journals, 7 rounds
    python benchmarks/run.py --sizes 20y --runs 11
    python benchmarks/run.py --peers               # also jrnl and Watson at 10,000 entries
    python benchmarks/run.py --sizes 1y,1y+enc,20y,20y+enc   # encrypted journals (SIZE+enc)

It generates the journals (through mentorlog's own store, `benchmarks/generate.py`) in a
temporary directory, then runs paired rounds: each round runs every command once, in an order
that rotates from round to round, so a machine that slows down or speeds up during the run
affects every command alike. For each command it prints the median wall-clock time, the median
of its per-round ratios to `python -c pass` and to the stack floor S (`benchmarks/floor_app.py`,
a two-command Typer + Rich + Pydantic app), the same ratio to S in CPU time (user + system, which
other jobs on a shared machine disturb far less than wall-clock time), and its peak memory.
Then the targets of the performance issue, each met or missed, judged on the CPU-time ratios.

Exit status: 0 when every command ran (1 with --check if a target is missed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/ is not a package)
import peers as peer_tools  # noqa: E402

# A journal of 10,000 sessions, for the comparison with jrnl and Watson at the same entry count.
SIZES = {**generate.SIZES, "10k": {**generate.SIZES["10y"], "sessions": 10_000, "actions": 5_000}}
DEFAULT_SIZES = "empty,1y,10y,20y,1y+enc,20y+enc"
ENCRYPTED = "+enc"  # a size with this suffix: that journal, encrypted (`mentorlog encrypt`)
HOT = ("nudge", "status", "meet (one write)", "mentor list", "meeting list")
LIMIT_HOT = 1.10  # x S, at every size
# x S, on the 1-year encrypted journal (the encryption issue's target, docs/performance.md)
LIMIT_HOT_ENCRYPTED = 1.3
LIMIT_VERSION = 0.5  # x S
LIMIT_REVIEW = 1.3  # x S, at 20,000 sessions
LIMIT_MEMORY_MB = 120.0  # at 20,000 sessions
PEER_PAIRS = (  # (mentorlog command, peer command, how many times faster mentorlog must be)
    ("meeting list -n 10", "jrnl -n 10", 5.0),
    ("meet (one write)", "jrnl (add an entry)", 5.0),
    ("review", "watson report", 1.0),
    ("meet (one write)", "watson add", 1.0),
)


@dataclass
class Case:
    """One command line, run once per round."""

    size: str  # "" for the references and size-independent commands
    name: str
    argv: list[str]
    env: dict[str, str]
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    # Run after each run, untimed, to put the journal back (a write undone): every run then
    # does the same work, not a second session with the same mentor on the same day.
    reset: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.size}|{self.name}"


@dataclass
class Figures:
    ms: float  # median wall-clock time
    cpu_ms: float  # median CPU time (user + system)
    x_python: float  # median of the per-round wall-clock ratios to `python -c pass`
    x_floor: float  # the same, to the stack floor S
    x_floor_cpu: float  # the same in CPU time
    peak_mb: float


MENTORLOG: list[str] = []  # set by --src: another copy of mentorlog to time (e.g. an older one)


def mentorlog_command() -> list[str]:
    """The installed console script next to this interpreter, as a user runs it."""
    if MENTORLOG:
        return MENTORLOG
    scripts = Path(sys.executable).parent
    for name in ("mentorlog", "mentorlog.exe"):
        if (scripts / name).exists():
            return [str(scripts / name)]
    return [sys.executable, "-m", "mentorlog"]


def run_once(case: Case) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run (CPU = wall where the OS cannot tell)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        case.argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=case.env,
    )
    if hasattr(os, "wait4"):
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
    else:  # pragma: no cover - Windows
        process.wait()
        wall = cpu = time.perf_counter() - started
    assert process.stderr is not None
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode != 0:
        last = error.strip().splitlines()[-1:] or ["(no message)"]
        raise SystemExit(f"{case.size} {case.name} failed ({process.returncode}): {last[0]}")
    put_back(case)
    return wall, cpu


def put_back(case: Case) -> None:
    if case.reset:
        subprocess.run(
            case.reset, env=case.env, stdin=subprocess.DEVNULL, capture_output=True, check=True
        )


# Started from this small process, not from the benchmark: a child's peak resident set counts
# the memory of the process it was forked from, which would hide every figure below it.
MEASURE = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
_pid, status, usage = os.wait4(child.pid, 0)
scale = 1024 * 1024 if sys.platform == "darwin" else 1024
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss / scale)
"""


def peak_memory(case: Case) -> float:
    """Peak resident memory of one run, in MB (0 where the OS cannot tell)."""
    if not hasattr(os, "wait4"):  # pragma: no cover - Windows
        return 0.0
    done = subprocess.run(
        [sys.executable, "-S", "-c", MEASURE, *case.argv],
        env=case.env,
        capture_output=True,
        text=True,
        check=True,
    )
    code, megabytes = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{case.size} {case.name} failed ({code}) when measuring memory")
    put_back(case)
    return float(megabytes)


def make_journal(directory: Path, size: str, today: date) -> dict[str, str]:
    """Generate the journal; returns what the commands need (an active mentor's id)."""
    if size == "empty":
        return {}
    collections = generate.build(today, **SIZES[size.removesuffix(ENCRYPTED)])
    generate.write(directory, collections)
    if size.endswith(ENCRYPTED):
        generate.encrypt(directory, identity_of(directory))
    active = [m for m in collections["mentors"] if m.status.value == "active" and m.cadence]
    return {"mentor": active[-1].id}


def identity_of(home: Path) -> Path:
    """The age key of an encrypted journal: beside it, never inside it."""
    return home.with_name(f"{home.name}.identity.txt")


def journal_cases(size: str, home: Path, facts: dict[str, str], base: dict[str, str]) -> list[Case]:
    env = {**base, "MENTORLOG_HOME": str(home)}
    if size.endswith(ENCRYPTED):
        env["MENTORLOG_IDENTITY"] = str(identity_of(home))
    commands: dict[str, list[str]] = {
        "nudge": ["nudge"],
        "status": ["status"],
        "mentor list": ["mentor", "list"],
    }
    if facts:
        commands["meet (one write)"] = [
            *("meet", facts["mentor"], "--date", "today", "--duration", "45m"),
            *("--format", "video", "--takeaway", "Rehearse aloud twice"),
            *("--notes", "Asked for feedback on the demo; agreed on two rehearsals."),
        ]
        commands["meeting list"] = ["meeting", "list"]
        commands["search"] = ["search", "feedback"]
        commands["review"] = ["review"]
    mentorlog = mentorlog_command()
    cases = [Case(size, name, [*mentorlog, *argv], env) for name, argv in commands.items()]
    for case in cases:
        if case.name == "meet (one write)":
            case.reset = [*mentorlog, "undo", "--yes"]
    return cases


def peer_cases(scratch: Path, venv_dir: Path, home: Path, base: dict[str, str]) -> list[Case]:
    """jrnl and Watson on as many entries as the 10k journal has sessions."""
    size = "10k"
    bin_dir = peer_tools.install(venv_dir)
    today = peer_tools.now()
    tools = peer_tools.prepare(scratch / "peers", bin_dir, SIZES[size]["sessions"], today)
    env = tools.env(base)
    listing = Case(
        size,
        "meeting list -n 10",
        [*mentorlog_command(), "meeting", "list", "--limit", "10"],
        {**base, "MENTORLOG_HOME": str(home)},
    )
    return [listing] + [Case(size, n, argv, env) for n, argv in tools.commands(today).items()]


def run_rounds(cases: list[Case], runs: int) -> list[dict[str, tuple[float, float]]]:
    """Every case once per round (rotating order); the first round warms up and is not kept."""
    rounds: list[dict[str, tuple[float, float]]] = []
    for round_ in range(runs + 1):
        shift = round_ % len(cases)
        times: dict[str, tuple[float, float]] = {}
        for case in cases[shift:] + cases[:shift]:
            times[case.key] = run_once(case)
        if round_ == 0:
            for case in cases:  # once, apart from the timed runs
                case.peak_mb = peak_memory(case)
        else:
            rounds.append(times)
            for case in cases:
                case.wall.append(times[case.key][0])
                case.cpu.append(times[case.key][1])
        label = " (warm-up, and peak memory)" if round_ == 0 else ""
        print(f"  round {round_}/{runs}{label}", file=sys.stderr)
    return rounds


def figures(cases: list[Case], rounds: list[dict[str, tuple[float, float]]]) -> dict[str, Figures]:
    bare, floor = cases[0].key, cases[1].key
    found = {}
    for case in cases:
        k = case.key
        found[k] = Figures(
            ms=statistics.median(case.wall) * 1000,
            cpu_ms=statistics.median(case.cpu) * 1000,
            x_python=statistics.median(r[k][0] / r[bare][0] for r in rounds),
            x_floor=statistics.median(r[k][0] / r[floor][0] for r in rounds),
            x_floor_cpu=statistics.median(r[k][1] / r[floor][1] for r in rounds),
            peak_mb=case.peak_mb,
        )
    return found


def targets(cases: list[Case], found: dict[str, Figures]) -> list[tuple[str, str, bool]]:
    """(what, figure, met) for every target that the measured sizes can judge."""
    checks = []
    for case in cases:
        fig = found[case.key]
        shown = f"{fig.x_floor_cpu:.2f} S (wall {fig.x_floor:.2f} S)"
        if case.name == "mentorlog --version":
            checks.append((f"--version <= {LIMIT_VERSION} S", shown, fig.x_floor_cpu <= 0.5))
        elif case.size == "1y" + ENCRYPTED and case.name in HOT:
            what = f"{case.name} ({case.size}) <= {LIMIT_HOT_ENCRYPTED:.2f} S"
            checks.append((what, shown, fig.x_floor_cpu <= LIMIT_HOT_ENCRYPTED))
        elif case.size != "10k" and not case.size.endswith(ENCRYPTED) and case.name in HOT:
            what = f"{case.name} ({case.size}) <= {LIMIT_HOT:.2f} S"
            checks.append((what, shown, fig.x_floor_cpu <= LIMIT_HOT))
        if case.size == "20y" and case.name == "review":
            what = f"review (20y) <= {LIMIT_REVIEW} S"
            checks.append((what, shown, fig.x_floor_cpu <= LIMIT_REVIEW))
    big = [c for c in cases if c.size == "20y"]
    if big and all(c.peak_mb for c in big):
        worst = max(big, key=lambda c: c.peak_mb)
        checks.append(
            (
                f"peak memory (20y) <= {LIMIT_MEMORY_MB:.0f} MB",
                f"{worst.peak_mb:.0f} MB ({worst.name})",
                worst.peak_mb <= LIMIT_MEMORY_MB,
            )
        )
    return checks


def peer_targets(found: dict[str, Figures]) -> list[tuple[str, str, bool]]:
    checks = []
    for mine, theirs, factor in PEER_PAIRS:
        a, b = found[f"10k|{mine}"], found[f"10k|{theirs}"]
        speedup, cpu_speedup = b.ms / a.ms, b.cpu_ms / a.cpu_ms
        checks.append(
            (
                f"{mine} vs {theirs}: >= {factor:g}x faster",
                f"{cpu_speedup:.1f}x (wall {speedup:.1f}x)",
                cpu_speedup >= factor,
            )
        )
    return checks


def print_table(cases: list[Case], found: dict[str, Figures]) -> None:
    print(
        f"{'size':<8} {'command':<24} {'ms':>7} {'cpu ms':>7} {'x python':>9} {'x S':>6}"
        f" {'x S cpu':>8} {'peak MB':>8}"
    )
    last = None
    for case in cases:
        if last is not None and case.size != last:
            print()
        last = case.size
        fig = found[case.key]
        print(
            f"{case.size or '-':<8} {case.name:<24} {fig.ms:7.1f} {fig.cpu_ms:7.1f}"
            f" {fig.x_python:9.2f} {fig.x_floor:6.2f} {fig.x_floor_cpu:8.2f} {fig.peak_mb:8.1f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"default {DEFAULT_SIZES}")
    parser.add_argument("--runs", type=int, default=7, help="paired rounds (default 7)")
    parser.add_argument("--peers", action="store_true", help="also time jrnl and Watson")
    parser.add_argument("--peers-venv", type=Path, help="reuse (or create) the peers' venv here")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument(
        "--src", type=Path, help="time the mentorlog in this src/ directory (python -m mentorlog)"
    )
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s != "empty" and s.removesuffix(ENCRYPTED) not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown} (choose from empty, {', '.join(SIZES)})")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.peers and "10k" not in sizes:
        sizes.append("10k")

    today = date.today()
    with tempfile.TemporaryDirectory(prefix="mentorlog-bench-") as tmp:
        scratch = Path(tmp)
        base = {
            **os.environ,
            "MENTORLOG_CONFIG": str(scratch / "config.toml"),  # none: the defaults
            "NO_COLOR": "1",
            "COLUMNS": "80",
        }
        # PYTHONDONTWRITEBYTECODE would recompile mentorlog's modules on every run, which no
        # installed copy does: the warm-up round writes the bytecode cache.
        for name in (
            *("MENTORLOG_DEBUG", "VISUAL", "EDITOR", "PYTHONDONTWRITEBYTECODE"),
            *("MENTORLOG_IDENTITY", "MENTORLOG_PASSPHRASE"),
        ):
            base.pop(name, None)
        if args.src is not None:
            MENTORLOG[:] = [sys.executable, "-m", "mentorlog"]
            base["PYTHONPATH"] = str(args.src.resolve())
        cases = [
            Case("", "python -c pass", [sys.executable, "-c", "pass"], base),
            Case("", "stack floor S", [sys.executable, str(HERE / "floor_app.py"), "show"], base),
            Case("", "mentorlog --version", [*mentorlog_command(), "--version"], base),
        ]
        for size in sizes:
            print(f"generating the {size} journal ...", file=sys.stderr)
            home = scratch / f"journal-{size}"
            cases += journal_cases(size, home, make_journal(home, size, today), base)
            if size == "10k" and args.peers:
                venv_dir = args.peers_venv or scratch / "peers-venv"
                cases += peer_cases(scratch, venv_dir, home, base)
        print(f"timing {len(cases)} commands, {args.runs} paired rounds ...", file=sys.stderr)
        rounds = run_rounds(cases, args.runs)
        if (scratch / "journal-empty").exists():
            raise SystemExit("a read command created the empty journal's directory")

    found = figures(cases, rounds)
    print(
        f"mentorlog benchmark, {date.today()}: median of {args.runs} paired rounds; "
        f"python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs"
    )
    print_table(cases, found)
    checks = targets(cases, found) + (peer_targets(found) if args.peers else [])
    print("\ntargets (judged on CPU time)")
    for what, figure, met in checks:
        print(f"  {'met   ' if met else 'MISSED'} {what:<44} {figure}")
    if args.json:
        document = {
            "date": str(date.today()),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "runs": args.runs,
            "figures": {k: vars(v) for k, v in found.items()},
            "targets": [{"what": w, "figure": f, "met": m} for w, f, m in checks],
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 1 if args.check and not all(met for _, _, met in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
