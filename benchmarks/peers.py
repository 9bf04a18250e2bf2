"""The tools people would use instead, on the same amount of data: jrnl and Watson.

`benchmarks/run.py --peers` installs them (from PyPI, with pip) into a throwaway virtual
environment, writes a jrnl journal and a Watson frames file with the same number of entries as
the mentorlog journal it compares them with, and times their equivalent commands in the same
paired rounds as mentorlog's:

| mentorlog                    | jrnl                 | Watson                   |
|------------------------------|----------------------|--------------------------|
| `meeting list --limit 10`    | `jrnl -n 10`         |                          |
| `meet MENTOR ...` (one write)| `jrnl "an entry"`    | `watson add -f .. -t ..` |
| `review` (a period's report) |                      | `watson report`          |
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import venv
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

PACKAGES = ("jrnl", "td-watson")


@dataclass(frozen=True)
class Peers:
    """Where the peers are installed and their data lives, and how to run them."""

    bin_dir: Path
    home: Path
    jrnl_config: Path
    watson_dir: Path

    def env(self, base: dict[str, str]) -> dict[str, str]:
        return {
            **base,
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_DATA_HOME": str(self.home / "data"),
            "WATSON_DIR": str(self.watson_dir),
        }

    def commands(self, today: datetime) -> dict[str, list[str]]:
        jrnl = [str(self.bin_dir / "jrnl"), "--config-file", str(self.jrnl_config)]
        watson = str(self.bin_dir / "watson")
        start = today.replace(hour=10, minute=0, second=0, microsecond=0)
        return {
            "jrnl -n 10": [*jrnl, "-n", "10"],
            "jrnl (add an entry)": [
                *jrnl,
                "Met Ada. Talked about the demo; rehearse aloud twice before Friday.",
            ],
            "watson report": [watson, "report"],
            "watson add": [
                watson,
                "add",
                "-f",
                f"{start:%Y-%m-%d %H:%M}",
                "-t",
                f"{start + timedelta(minutes=45):%Y-%m-%d %H:%M}",
                "mentoring",
                "+ada",
            ],
        }


def install(directory: Path) -> Path:
    """A virtual environment with jrnl and Watson; returns its scripts directory."""
    bin_dir = directory / ("Scripts" if os.name == "nt" else "bin")
    if not (bin_dir / "watson").exists() or not (bin_dir / "jrnl").exists():
        print(f"installing {', '.join(PACKAGES)} into {directory} ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(directory)
        subprocess.run(
            [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", *PACKAGES],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return bin_dir


def prepare(directory: Path, bin_dir: Path, entries: int, today: datetime, seed: int = 1) -> Peers:
    """jrnl and Watson data with `entries` entries each, spread over the years before today."""
    rng = random.Random(seed)
    home = directory / "home"
    (home / "config").mkdir(parents=True, exist_ok=True)
    journal = directory / "journal.txt"
    config = directory / "jrnl.yaml"
    watson_dir = directory / "watson"
    watson_dir.mkdir(parents=True, exist_ok=True)

    span = timedelta(days=365 * max(1, entries // 1000))
    first = today - span
    moments = [first + span * index / entries for index in range(entries)]
    names = ["Ada", "Priya", "Sam", "Marcus", "Elena", "Jordan", "Noor", "Mei", "Kofi"]
    with journal.open("w", encoding="utf-8") as out:
        for moment in moments:
            who = rng.choice(names)
            out.write(
                f"[{moment:%Y-%m-%d %H:%M}] Session with {who} about @speaking.\n"
                "Opened with what I wanted from the session: feedback on the team demo.\n"
                "- Rehearse aloud twice before the real thing\n"
                "- Ask one person for honest feedback afterwards\n\n"
            )
    config.write_text(
        "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {json.dumps(str(journal))}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n",
        encoding="utf-8",
    )
    frames = []
    for moment in moments:
        start = int(moment.timestamp())
        stop = start + rng.choice([30, 45, 60]) * 60
        frames.append(
            [start, stop, "mentoring", f"{rng.getrandbits(128):032x}", [rng.choice(names)], stop]
        )
    (watson_dir / "frames").write_text(json.dumps(frames, indent=1), encoding="utf-8")
    (watson_dir / "state").write_text("{}", encoding="utf-8")
    return Peers(bin_dir=bin_dir, home=home, jrnl_config=config, watson_dir=watson_dir)


def now() -> datetime:
    return datetime.now(timezone.utc).astimezone()
