"""Bad input of any kind gets one clear answer and changes nothing (docs/reliability.md).

Hypothesis generates malformed command lines: one argument of an otherwise sensible command is
replaced by a bad date, duration, rating, cadence, choice, time zone, e-mail address, a
100,000-character text where a short one is expected, a value with a control character inside,
a leading dash, or a reference to nothing. Each runs through the CLI (in-process) on a realistic
journal, and must answer with exit 1 or 2, at most 3 lines on stderr, no traceback, and leave
the journal and the config byte-for-byte as they were. A sample also runs as real processes,
and another on a journal that does not exist yet, which must still not exist afterwards.
"""

from __future__ import annotations

import os
import shutil
import string
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.sample import build_sample
from tests._reliability import (
    REPEATABLE,
    TODAY,
    Seed,
    figure,
    one_clean_error,
    seed_sample,
)
from tests.helpers import Result, Runner, run, snapshot

SAMPLE = build_sample(TODAY)
MENTOR = "Ada"  # Ada Okafor: a unique name prefix
GOAL = "Become"  # Become a confident conference speaker
MILESTONE = SAMPLE["milestones"][1].id
MEETING = SAMPLE["meetings"][-1].id
ACTION = next(a.id for a in SAMPLE["actions"] if a.status.value == "open")
TOPIC = next(t.id for t in SAMPLE["topics"] if t.status.value == "open")
ALL_IDS = [r.id for records in SAMPLE.values() for r in records]

# -- bad values, by kind -------------------------------------------------------------------

# "!" is in none of the accepted forms of a date, duration, rating or cadence
garbage = st.builds(lambda a, b: f"{a}!{b}", st.text(max_size=12), st.text(max_size=12))
control_chars = st.sampled_from(
    [chr(c) for c in [*range(0x09), *range(0x0E, 0x1C), 0x7F, *range(0x80, 0xA0)]]
)

bad_dates = st.one_of(
    st.sampled_from(
        [
            "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "0000-01-01", "10000-01-01",
            "2026/01/05", "05.01.2026", "2026-1-5", "20260105", "2026-01-05T10:00", "+99999d",
            "+9999y", "-9999y", "-3", "3d", "+3x", "+1.5d", "1e3", "next week", "mo", "tu",
            "todayy", "yesterday2", "tomorow", "\uff12\uff10\uff12\uff16-01-05",
            "\u0662\u0660\u0662\u0666-01-05", "", " ", "now", "-1s", "+-1d", "Q3",
        ]
    ),
    garbage,
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(1, 9999),
              st.integers(13, 99), st.integers(1, 28)),
    st.builds(lambda y, d: f"{y:04d}-02-{d:02d}", st.integers(1, 9999), st.integers(30, 99)),
    st.builds(lambda n, u: f"+{n}{u}", st.integers(10_000, 10**9), st.sampled_from("dwmy")),
)  # fmt: skip
future_dates = st.one_of(
    st.sampled_from(["tomorrow", "+1d", "+2w", "+1m", "+1y", "9999-12-31"]),
    st.dates(TODAY + timedelta(days=1)).map(date.isoformat),
)
past_dates = st.one_of(  # before today, for dates that must come after today's
    st.sampled_from(["yesterday", "-1d", "-3d", "-1w", "-1m", "-1y", "0001-01-01"]),
    st.dates(max_value=TODAY - timedelta(days=3)).map(date.isoformat),
)
bad_durations = st.one_of(
    st.sampled_from(
        ["0", "0m", "0h", "25h", "24h1m", "1441", "1.5h", "90s", "h", "m", "1hh", "1h 30s",
         "-45", "\u2212" + "45", "\u0967\u0966", "1e2", "0h0m", "", " ", "forever", "99999"]
    ),
    garbage,
    st.integers(1441, 10**9).map(str),
    st.integers(1441, 9999).map(lambda n: f"{n}m"),
    st.integers(25, 99).map(lambda n: f"{n}h"),
)  # fmt: skip
bad_ratings = st.one_of(
    st.sampled_from(["0", "6", "-1", "3.5", "five", "", " ", "\u0663", "10", "33", "4/5", "*"]),
    garbage,
    st.integers().filter(lambda n: not 1 <= n <= 5).map(str),
)
bad_cadences = st.one_of(
    st.sampled_from(
        ["daily", "sometimes", "0d", "0w", "0m", "1096d", "157w", "37m", "every", "2x",
         "-1w", "1.5w", "", " ", "monthly!", "every blue moon", "1y", "weekly weekly"]
    ),
    garbage,
    st.builds(lambda n, u: f"{n}{u}", st.integers(1096, 9999), st.just("d")),
    st.builds(lambda n, u: f"{n}{u}", st.integers(157, 9999), st.just("w")),
    st.builds(lambda n, u: f"{n}{u}", st.integers(37, 9999), st.just("m")),
)  # fmt: skip
CHOICES = {
    "kind": {"mentor", "peer", "reverse", "micro"},
    "status": {"prospect", "active", "paused", "ended", "achieved", "dropped"},
    "source": {"formal-program", "past-company", "alumni", "linkedin", "current-org", "other"},
    "format": {"video", "call", "coffee", "walk", "in-person", "message", "none"},
    "export": {"json", "markdown", "csv", "ics", "md"},
}
any_choice = set().union(*CHOICES.values())
bad_choices = st.one_of(
    st.sampled_from(["boss", "mentors", "micro-mentor", "peer,reverse", "", " ", "video call"]),
    st.text(alphabet=string.ascii_lowercase + "-_ ", min_size=1, max_size=14),
).filter(lambda value: value.strip().casefold() not in any_choice)
bad_zones = st.one_of(
    st.sampled_from(
        ["Mars/Olympus_Mons", "UTC+2", "GMT+25", "../../etc/passwd", "/etc/localtime",
         "Europe/", "Europe/Berlin/", "America/New York", "Europe//Berlin", "a" * 65, "CEST"]
    ),
    st.text(alphabet=string.ascii_letters + "_", min_size=1, max_size=20).map(
        lambda city: f"Nowhere/{city}"
    ),
)  # fmt: skip
bad_emails = st.one_of(
    st.sampled_from(
        ["not-an-email", "a@b", "@example.org", "a@", "a@x.", "a b@example.org",
         "a@@example.org", "a@exa mple.org", "x" * 321 + "@example.org", "mailto:"]
    ),
    st.text(alphabet=string.ascii_letters + string.digits + ".-_", min_size=1, max_size=30)
    .filter(lambda s: s.strip() and s.strip().casefold() != "none"),
)  # fmt: skip
long_text = st.builds(
    lambda unit: (unit * (100_000 // len(unit) + 1))[:100_000],
    st.text(alphabet=string.ascii_letters + string.digits + " .;", min_size=1, max_size=20).filter(
        str.strip
    ),
)
dash_tokens = st.builds(
    lambda dashes, word: dashes + "zz" + word,
    st.sampled_from(["-", "--"]),
    st.text(alphabet=string.ascii_lowercase + "-", max_size=10),
)
unknown_refs = st.one_of(
    st.text(alphabet=string.ascii_lowercase + string.digits + " .'", max_size=20).map(
        lambda rest: "zq" + rest
    ),
    st.text(alphabet="0123456789abcdef", min_size=4, max_size=8).filter(
        lambda ref: not any(i.startswith(ref) for i in ALL_IDS)
    ),
)

# -- where they go: (kind, command line with {} for the bad value) --------------------------

SLOTS: list[tuple[str, tuple[str, ...]]] = [
    *[("date", s) for s in [
        ("goal", "add", "New goal", "--target", "{}"),
        ("goal", "add", "New goal", "--started", "{}"),
        ("goal", "edit", GOAL, "--target", "{}"),
        ("goal", "edit", GOAL, "--started", "{}"),
        ("milestone", "add", GOAL, "Step", "--due", "{}"),
        ("milestone", "edit", MILESTONE, "--due", "{}"),
        ("mentor", "add", "New Person", "--started", "{}"),
        ("mentor", "add", "New Person", "--until", "{}"),
        ("mentor", "edit", MENTOR, "--until", "{}"),
        ("mentor", "edit", MENTOR, "--started", "{}"),
        ("meet", MENTOR, "--date", "{}"),
        ("meet", MENTOR, "--next", "{}"),
        ("meeting", "list", "--since", "{}"),
        ("meeting", "list", "--until", "{}"),
        ("meeting", "edit", MEETING, "--date", "{}"),
        ("meeting", "edit", MEETING, "--next", "{}"),
        ("action", "add", "Do it", "--due", "{}"),
        ("search", "talk", "--since", "{}"),
    ]],
    *[("future date", s) for s in [
        ("meet", MENTOR, "--date", "{}"),
        ("meeting", "edit", MEETING, "--date", "{}"),
        ("mentor", "add", "New Person", "--started", "{}"),
        ("mentor", "edit", MENTOR, "--started", "{}"),
    ]],
    *[("dates out of order", s) for s in [
        ("goal", "add", "New goal", "--target", "{}"),
        ("meet", MENTOR, "--next", "{}"),
        ("mentor", "add", "New Person", "--until", "{}"),
    ]],
    *[("duration", s) for s in [
        ("meet", MENTOR, "--duration", "{}"),
        ("meeting", "edit", MEETING, "--duration", "{}"),
    ]],
    *[("rating", s) for s in [
        ("meet", MENTOR, "--rating", "{}"),
        ("meeting", "edit", MEETING, "--rating", "{}"),
    ]],
    *[("cadence", s) for s in [
        ("mentor", "add", "New Person", "--cadence", "{}"),
        ("mentor", "edit", MENTOR, "--cadence", "{}"),
        ("config", "set", "cadence.mentor", "{}"),
    ]],
    *[("choice", s) for s in [
        ("mentor", "add", "New Person", "--kind", "{}"),
        ("mentor", "add", "New Person", "--status", "{}"),
        ("mentor", "add", "New Person", "--source", "{}"),
        ("mentor", "add", "New Person", "--format", "{}"),
        ("mentor", "edit", MENTOR, "--kind", "{}"),
        ("mentor", "edit", MENTOR, "--format", "{}"),
        ("mentor", "list", "--kind", "{}"),
        ("mentor", "list", "--status", "{}"),
        ("meet", MENTOR, "--format", "{}"),
        ("meeting", "edit", MEETING, "--format", "{}"),
        ("goal", "add", "New goal", "--status", "{}"),
        ("goal", "list", "--status", "{}"),
        ("export", "--format", "{}"),
    ]],
    *[("time zone", s) for s in [
        ("mentor", "add", "New Person", "--timezone", "{}"),
        ("mentor", "edit", MENTOR, "--timezone", "{}"),
    ]],
    *[("e-mail", s) for s in [
        ("mentor", "add", "New Person", "--email", "{}"),
        ("mentor", "edit", MENTOR, "--email", "{}"),
    ]],
    *[("100k text", s) for s in [
        ("goal", "add", "{}"),
        ("goal", "add", "New goal", "--why", "{}"),
        ("goal", "add", "New goal", "--area", "{}"),
        ("goal", "edit", GOAL, "--title", "{}"),
        ("goal", "done", GOAL, "--outcome", "{}"),
        ("milestone", "add", GOAL, "{}"),
        ("milestone", "done", MILESTONE, "--note", "{}"),
        ("mentor", "add", "{}"),
        ("mentor", "add", "New Person", "--org", "{}"),
        ("mentor", "add", "New Person", "--role", "{}"),
        ("mentor", "add", "New Person", "--location", "{}"),
        ("mentor", "add", "New Person", "--expertise", "{}"),
        ("mentor", "add", "New Person", "--url", "{}"),
        ("mentor", "add", "New Person", "--why", "{}"),
        ("mentor", "edit", MENTOR, "--hope", "{}"),
        ("action", "add", "{}"),
        ("meet", MENTOR, "--takeaway", "{}"),
        ("meet", MENTOR, "--action", "{}"),
        ("meeting", "edit", MEETING, "--takeaway", "{}"),
        ("topic", "add", MENTOR, "{}"),
        ("meet", MENTOR, "--topic", "{}"),
    ]],
    *[("leading dash", s) for s in [
        ("goal", "add", "{}"),
        ("goal", "show", "{}"),
        ("goal", "list", "{}"),
        ("mentor", "add", "{}"),
        ("mentor", "show", "{}"),
        ("meet", "{}"),
        ("meet", MENTOR, "{}"),
        ("milestone", "add", "{}", "Step"),
        ("action", "add", "{}"),
        ("search", "{}"),
        ("meeting", "show", "{}"),
        ("status", "{}"),
        ("nudge", "{}"),
        ("review", "{}"),
        ("export", "{}"),
        ("undo", "{}"),
        ("topic", "add", "{}", "x"),
        ("prep", "{}"),
        ("followup", "{}"),
        ("{}",),
        ("{}", "status"),
    ]],
    *[("unknown reference", s) for s in [
        ("goal", "show", "{}"),
        ("goal", "edit", "{}", "--why", "x"),
        ("goal", "done", "{}"),
        ("goal", "pause", "{}"),
        ("goal", "rm", "{}", "--yes"),
        ("milestone", "add", "{}", "Step"),
        ("milestone", "add", GOAL, "Step", "--mentor", "{}"),
        ("milestone", "done", "{}"),
        ("milestone", "edit", "{}", "--title", "x"),
        ("milestone", "rm", "{}", "--yes"),
        ("milestone", "list", "--goal", "{}"),
        ("mentor", "show", "{}"),
        ("mentor", "edit", "{}", "--org", "x"),
        ("mentor", "end", "{}"),
        ("mentor", "rm", "{}", "--yes"),
        ("mentor", "add", "New Person", "--goal", "{}"),
        ("mentor", "edit", MENTOR, "--goal", "{}"),
        ("meet", "{}"),
        ("meet", MENTOR, "--goal", "{}"),
        ("meet", MENTOR, "--close", "{}"),
        ("meeting", "show", "{}"),
        ("meeting", "edit", "{}", "--rating", "3"),
        ("meeting", "rm", "{}", "--yes"),
        ("meeting", "list", "--mentor", "{}"),
        ("meeting", "list", "--goal", "{}"),
        ("action", "add", "x", "--mentor", "{}"),
        ("action", "add", "x", "--goal", "{}"),
        ("action", "done", "{}"),
        ("action", "drop", "{}"),
        ("action", "list", "--mentor", "{}"),
        ("search", "x", "--mentor", "{}"),
        ("topic", "add", "{}", "x"),
        ("topic", "list", "--mentor", "{}"),
        ("topic", "done", "{}"),
        ("topic", "drop", "{}"),
        ("topic", "done", TOPIC, "--session", "{}"),
        ("meet", MENTOR, "--discussed", "{}"),
        ("prep", "{}"),
        ("followup", "{}"),
        ("followup", MENTOR, "--session", "{}"),
    ]],
]  # fmt: skip
# valid values that a control character inside makes invalid, for the control-character cases
CONTROL_SLOTS: list[tuple[tuple[str, ...], str]] = [
    (("goal", "add", "New goal", "--target", "{}"), "2027-01-05"),
    (("meet", MENTOR, "--date", "{}"), "yesterday"),
    (("meet", MENTOR, "--duration", "{}"), "45m"),
    (("meet", MENTOR, "--format", "{}"), "video"),
    (("mentor", "add", "New Person", "--cadence", "{}"), "3w"),
    (("mentor", "add", "New Person", "--kind", "{}"), "peer"),
    (("mentor", "add", "New Person", "--timezone", "{}"), "Europe/Berlin"),
    (("mentor", "add", "New Person", "--email", "{}"), "ada@example.org"),
    (("mentor", "show", "{}"), "Ada"),
    (("goal", "show", "{}"), GOAL),
    (("meeting", "show", "{}"), MEETING),
    (("action", "done", "{}"), ACTION),
    (("review", "--quarter", "{}"), "2026-Q3"),
    (("prep", "{}"), "Ada"),
    (("followup", "{}"), "Ada"),
    (("topic", "done", "{}"), TOPIC),
]

VALUES: dict[str, st.SearchStrategy[str]] = {
    "date": bad_dates,
    "future date": future_dates,
    "dates out of order": past_dates,
    "duration": bad_durations,
    "rating": bad_ratings,
    "cadence": bad_cadences,
    "choice": bad_choices,
    "time zone": bad_zones,
    "e-mail": bad_emails,
    "100k text": long_text,
    "leading dash": dash_tokens,
    "unknown reference": unknown_refs,
}


def _fill(template: tuple[str, ...], value: str) -> tuple[str, ...]:
    return tuple(value if part == "{}" else part for part in template)


def _with_control(template: tuple[str, ...], valid: str, char: str, at: int) -> tuple[str, ...]:
    at = 1 + at % (len(valid) - 1)  # inside, where no strip() can remove it
    return _fill(template, valid[:at] + char + valid[at:])


KINDS = [*VALUES, "control character"]


@st.composite
def bad_command_lines(draw: Callable[..., Any]) -> tuple[str, tuple[str, ...]]:
    """(kind of mistake, argv): every kind equally often, then any command it fits."""
    kind = draw(st.sampled_from(KINDS))
    if kind == "control character":
        template, valid = draw(st.sampled_from(CONTROL_SLOTS))
        args = _with_control(template, valid, draw(control_chars), draw(st.integers(0, 99)))
        return kind, args
    template = draw(st.sampled_from([slot for k, slot in SLOTS if k == kind]))
    return kind, _fill(template, draw(VALUES[kind]))


def show(args: tuple[str, ...]) -> str:
    return " ".join(repr(a) if len(a) < 60 else f"<{len(a)} chars>" for a in args)


def check(
    run: Callable[..., Result], args: tuple[str, ...], before: dict[str, bytes], here: Path
) -> list[str]:
    try:
        result = run(*args)
    except Exception as error:  # what a user would see as a traceback
        return [f"{show(args)}: raised {type(error).__name__}: {error}"]
    problems = one_clean_error(result, (1, 2))
    after = snapshot(here)
    if after != before:
        changed = sorted(
            name for name in set(before) | set(after) if before.get(name) != after.get(name)
        )
        problems.append(f"files changed: {', '.join(changed)}")
        restore(here, before)  # so that the next case (and the shrinking) starts afresh
    return [f"{show(args)}: {p} | {result.stderr[:300]!r}" for p in problems]


def restore(here: Path, files: dict[str, bytes]) -> None:
    for path in sorted(here.rglob("*"), reverse=True):
        name = str(path.relative_to(here))
        if path.is_file() and name not in files:
            path.unlink()
        elif (
            path.is_dir()
            and not any(path.iterdir())
            and not any(n.startswith(name + "/") for n in files)
        ):
            path.rmdir()
    for name, data in files.items():
        (here / name).parent.mkdir(parents=True, exist_ok=True)
        (here / name).write_bytes(data)


def malformed_command_lines(examples: int, seed: Seed, home: Path, tmp_path: Path) -> Counter[str]:
    """Run `examples` generated cases on the sample journal; distinct ones, by kind."""
    seed(home)
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text("lock_timeout = 2\n")
    before = snapshot(tmp_path)
    seen: set[tuple[str, ...]] = set()
    kinds: Counter[str] = Counter()

    @settings(
        max_examples=examples,
        **REPEATABLE,
    )
    @given(bad_command_lines())
    def malformed_command_line(case: tuple[str, tuple[str, ...]]) -> None:
        kind, args = case
        problems = check(run, args, before, tmp_path)
        assert not problems, "\n".join(problems)
        if args not in seen:
            seen.add(args)
            kinds[kind] += 1

    malformed_command_line()
    assert snapshot(tmp_path) == before
    return kinds


def test_malformed_command_lines_change_nothing_quick(
    sample: Seed, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kinds = malformed_command_lines(150, sample, home, tmp_path)
    assert sum(kinds.values()) >= 140


@pytest.mark.slow
def test_1000_malformed_command_lines_change_nothing(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    kinds = malformed_command_lines(1_100, seed_sample, home, tmp_path)
    distinct = sum(kinds.values())
    assert distinct >= 1_000
    assert len(kinds) == len(VALUES) + 1  # every kind of mistake was made
    figure(
        capsys,
        f"bad input: {distinct} distinct malformed command lines through the CLI: all exit "
        "1 or 2 with at most 3 lines on stderr, no traceback, journal and config "
        f"byte-identical ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})",
    )


def test_malformed_command_lines_on_a_journal_not_yet_made_write_nothing(
    home: Path, tmp_path: Path, run: Runner, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing is created by a command that fails before it reads the journal; one that reads
    it first (to resolve a reference, say) has locked it, so at most the directory and its
    empty lock file remain: never a data file, a backup or a history entry."""
    outcomes: Counter[str] = Counter()
    left = {"nothing": {}, "a lock file": {"mentorlog.lock": b""}}

    @settings(
        max_examples=300,
        **REPEATABLE,
    )
    @given(bad_command_lines())
    def malformed_command_line(case: tuple[str, tuple[str, ...]]) -> None:
        result = run(*case[1])
        assert one_clean_error(result, (1, 2)) == [], (show(case[1]), result.stderr[:300])
        found = [name for name, files in left.items() if snapshot(home) == files]
        assert found, f"{show(case[1])}: left {sorted(snapshot(home))}"
        assert not (tmp_path / "config").exists()
        outcomes[found[0]] += 1
        if home.exists():
            shutil.rmtree(home)

    malformed_command_line()
    assert outcomes["nothing"] > outcomes["a lock file"]
    figure(
        capsys,
        f"bad input on a journal not made yet: {sum(outcomes.values())} runs, "
        f"{outcomes['nothing']} created nothing at all, {outcomes['a lock file']} (that read the "
        "empty journal first) only its directory and empty lock file; 0 data files",
    )


# Real processes: the same answers from the installed entry point, with a real terminal-less
# stdin, real argv (no NUL bytes) and the interpreter's own exception handling.
PROCESS_CASES: list[tuple[str, ...]] = [
    ("goal", "add", "New goal", "--target", "2026-02-30"),
    ("meet", MENTOR, "--date", "next week"),
    ("meet", MENTOR, "--date", "tomorrow"),
    ("meet", MENTOR, "--duration", "25h"),
    ("meet", MENTOR, "--rating", "6"),
    ("meet", MENTOR, "--format", "hologram"),
    ("mentor", "add", "New Person", "--cadence", "daily"),
    ("mentor", "add", "New Person", "--kind", "boss"),
    ("mentor", "add", "New Person", "--timezone", "Mars/Olympus_Mons"),
    ("mentor", "add", "New Person", "--email", "not-an-email"),
    ("mentor", "add", "New Person", "--email", "ada\x1b@example.org"),
    ("goal", "add", "x" * 100_000),
    ("meet", MENTOR, "--takeaway", "y" * 100_000),
    ("goal", "add", "--zz"),
    ("meet", "-x"),
    ("mentor", "show", "zq nobody"),
    ("action", "done", "ffffffff"),
    ("meeting", "list", "--since", "\x1b[2J"),
    ("config", "set", "focus_limit", "0"),
    ("review", "--quarter", "2026-Q5"),
]


@pytest.mark.slow
def test_malformed_command_lines_in_real_processes(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_sample(home)
    before = snapshot(tmp_path)
    env = {**os.environ, "MENTORLOG_HOME": str(home), "PYTHONIOENCODING": "utf-8"}

    def one(args: tuple[str, ...]) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-m", "mentorlog", *args],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=60,
            check=False,
        )
        result = Result(done.returncode, done.stdout, done.stderr)
        return [
            f"{show(args)}: {p} | {done.stderr[:300]!r}" for p in one_clean_error(result, (1, 2))
        ]

    with ThreadPoolExecutor(max_workers=4) as pool:
        problems = [p for found in pool.map(one, PROCESS_CASES) for p in found]
    assert problems == []
    assert snapshot(tmp_path) == before
    assert len(set(PROCESS_CASES)) == 20
    figure(
        capsys,
        f"bad input: {len(PROCESS_CASES)} malformed command lines as real processes: all exit "
        "1 or 2, at most 3 lines on stderr, no traceback, journal byte-identical",
    )
