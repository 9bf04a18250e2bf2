"""Start-up time of mentorlog against the bare interpreter and the stack floor.

    python benchmarks/startup.py [--runs N]

Times, as the median of N paired rounds (each round runs every command once, in an order that
rotates from round to round, so drift of the machine affects them all alike):

- `python -c pass`: the bare interpreter start;
- the stack floor S: `benchmarks/floor_app.py show`, a two-command Typer app that validates one
  Pydantic model and prints a Rich table;
- `mentorlog --version`;
- a read command on an empty journal (`mentorlog nudge`, or bare `mentorlog` before it existed),
  in a temporary MENTORLOG_HOME.

It prints each median in ms with its ratio to `python -c pass` and to S, and exits 0 (1 if a
command fails). Run it with the virtualenv's python after `pip install -e '.[test]'`.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def mentorlog_command() -> list[str]:
    """The installed console script next to this interpreter, as a user runs it."""
    scripts = Path(sys.executable).parent
    for name in ("mentorlog", "mentorlog.exe"):
        if (scripts / name).exists():
            return [str(scripts / name)]
    return [sys.executable, "-m", "mentorlog"]


def read_command(mentorlog: list[str], env: dict[str, str]) -> list[str]:
    probe = subprocess.run(
        [*mentorlog, "nudge", "--help"], capture_output=True, env=env, check=False
    )
    return [*mentorlog, "nudge"] if probe.returncode == 0 else mentorlog


def time_once(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        error = done.stderr.decode(errors="replace").strip().splitlines()
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {error[-1:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="paired rounds (default 15)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    with tempfile.TemporaryDirectory(prefix="mentorlog-bench-") as scratch:
        env = {
            **os.environ,
            "MENTORLOG_HOME": str(Path(scratch) / "journal"),
            "MENTORLOG_CONFIG": str(Path(scratch) / "config.toml"),
            "NO_COLOR": "1",
            "COLUMNS": "80",
        }
        env.pop("MENTORLOG_DEBUG", None)
        mentorlog = mentorlog_command()
        read = read_command(mentorlog, env)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "stack floor S (floor_app.py)": [
                sys.executable,
                str(HERE / "floor_app.py"),
                "show",
            ],
            "mentorlog --version": [*mentorlog, "--version"],
            f"mentorlog {' '.join(read[len(mentorlog) :]) or '(dashboard)'} (empty journal)": read,
        }
        names = list(commands)
        for name in names:  # warm the disk cache and bytecode; also checks each one works
            time_once(commands[name], env)
        samples: dict[str, list[float]] = {name: [] for name in names}
        for round_ in range(args.runs):
            shift = round_ % len(names)
            for name in names[shift:] + names[:shift]:
                samples[name].append(time_once(commands[name], env))
        if (Path(scratch) / "journal").exists():
            raise SystemExit("the read command created the journal directory")

    medians = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    bare, floor = medians[names[0]], medians[names[1]]
    print(
        f"mentorlog start-up, median of {args.runs} paired runs; python {platform.python_version()}"
        f" on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
    )
    print(f"{'command':<48} {'ms':>7} {'x python':>9} {'x S':>6}")
    for name in names:
        ms = medians[name]
        print(f"{name:<48} {ms:7.1f} {ms / bare:9.2f} {ms / floor:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
