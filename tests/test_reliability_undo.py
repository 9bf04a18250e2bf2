"""Undo never loses and never corrupts (docs/reliability.md), whatever instant a command is killed
at.

A forked child runs a change, an `undo` or an `undo --redo` and is killed (`os._exit`, as
abrupt as SIGKILL: no cleanup, no flush) just before its Nth file-system call that writes
(open for writing, write, fsync, rename, unlink, mkdir), for every N. After each kill:

- every file parses and the journal loads, as a reader sees it (a commit in flight included);
- the data files are exactly as they were before the command, or exactly as it would have
  left them: never half;
- the next `undo` reverts exactly the last change that was saved (the killed one if it got
  past its commit point, else the one before), and its result loads; after a killed undo,
  `undo --redo` brings the undone change back when the undo was saved.

A command killed before its commit point leaves backups of files that did not change; they
are removed by the next writer and never count as generations (they would rotate real ones
away). A tampered commit record (`pending-commit.json`) names only mentorlog's own files, and a
damaged temp is never moved over a good file.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import time_machine

from mentorlog.journal.state import COLLECTION_NAMES
from mentorlog.storage import commit
from mentorlog.storage import undo as undoing
from mentorlog.storage.store import Store
from tests._reliability import POSIX, figure, one_clean_error, seed_sample
from tests.conftest import FROZEN
from tests.factories import add_goal, add_mentor, log_session
from tests.helpers import run, snapshot

pytestmark = POSIX


@pytest.fixture(autouse=True)
def still_clock() -> Iterator[None]:
    """A clock that does not tick: a command run twice writes the same bytes."""
    with time_machine.travel(FROZEN, tick=False):
        yield


Action = Callable[[Path], Any]
Predicate = Callable[[int, str, str], bool]  # (index of the call, call, path) -> die now


# -- the changes -------------------------------------------------------------------------


def undo(root: Path) -> None:
    undoing.undo(Store(root, command="mentorlog undo"))


def redo(root: Path) -> None:
    undoing.undo(Store(root, command="mentorlog undo"), redo=True)


# -- killing a child at a chosen write call ------------------------------------------------

_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT


def _patch_calls(die: Predicate, counted: list[int]) -> None:
    """In the child: count writing calls, and exit at once when `die` says so."""

    def wrap(name: str, real: Callable[..., Any], is_write: Callable[..., bool]) -> None:
        def call(*args: Any, **kw: Any) -> Any:
            if is_write(*args, **kw):
                where = os.fspath(args[0]) if args and not isinstance(args[0], int) else ""
                if die(counted[0], name, where):
                    os._exit(137)
                counted[0] += 1
            return real(*args, **kw)

        setattr(os, name, call)

    always: Callable[..., bool] = lambda *a, **k: True  # noqa: E731
    wrap("open", os.open, lambda path, flags, *a, **k: bool(flags & _WRITING))
    for name in ("write", "fsync", "replace", "rename", "unlink", "mkdir", "ftruncate"):
        wrap(name, getattr(os, name), always)


def in_child(root: Path, action: Action, die: Predicate) -> tuple[int, int]:
    """Run `action(root)` in a forked child; (exit status, writing calls made)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        counted = [0]
        status = 0
        try:
            _patch_calls(die, counted)
            action(root)
        except BaseException:
            status = 1
        os.write(write_end, str(counted[0]).encode())
        os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end) as reader:
        calls = reader.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), int(calls or 0)


def count_calls(template: Path, scratch: Path, action: Action) -> int:
    fresh(template, scratch)
    code, calls = in_child(scratch, action, lambda n, call, path: False)
    assert code == 0
    return calls


def fresh(template: Path, scratch: Path) -> Path:
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(template, scratch, symlinks=True)
    return scratch


# -- what must hold after a kill -----------------------------------------------------------


def data_state(root: Path) -> dict[str, bytes]:
    """The data files as a reader sees them (a committed change in flight included)."""
    in_flight = commit.pending(root)
    gone = commit.removing(root)
    names = {p.name for p in root.glob("*.json") if p.name != commit.MANIFEST} | set(in_flight)
    state = {}
    for name in sorted(names - gone):
        path = in_flight.get(name)
        if "/" not in name:
            state[name] = (path if path and path.exists() else root / name).read_bytes()
    return state


def loads(root: Path) -> None:
    journal = Store(root).journal()
    for name in COLLECTION_NAMES:
        journal.collection(name)
    for path in [*root.glob("*.json"), *root.glob("backups/*.json")]:
        json.loads(path.read_bytes())


@dataclass
class Scenario:
    name: str
    setup: list[Action]  # the changes (and undos) that make the journal before the command
    action: Action  # the command that is killed
    keep: list[Action] = field(default_factory=list)


def build(base: Path, steps: list[Action]) -> list[dict[str, bytes]]:
    """Run `steps` in `base`; the data state after each (the first: before any)."""
    states = [data_state(base) if base.exists() else {}]
    for step in steps:
        step(base)
        states.append(data_state(base))
    return states


SCENARIOS = [
    # S0 -> mentor -> goal -> session (killed): after it, undo reverts the session or the goal
    Scenario("a change", [add_mentor, add_goal], log_session),
    Scenario("undo", [add_mentor, add_goal, log_session], undo),
    Scenario("undo --redo", [add_mentor, add_goal, log_session, undo], redo),
]


@dataclass
class Tally:
    kills: int = 0
    saved: int = 0  # kills after the commit point: the command's result is there
    not_saved: int = 0
    undone: int = 0  # follow-up undos that reverted exactly the last saved change
    redone: int = 0


def kill_everywhere(tmp_path: Path, scenario: Scenario, every: int, tally: Tally) -> None:
    template = tmp_path / "template"
    states = build(template, scenario.setup)
    before = states[-1]
    after_dir = fresh(template, tmp_path / "after")
    scenario.action(after_dir)
    after = data_state(after_dir)
    assert after != before
    scratch = tmp_path / "scratch"
    total = count_calls(template, scratch, scenario.action)
    assert total > 10
    for n in range(0, total, every):
        fresh(template, scratch)
        code, _ = in_child(scratch, scenario.action, lambda i, call, path, n=n: i == n)
        assert code == 137, (scenario.name, n, code)
        tally.kills += 1
        loads(scratch)  # a reader, before any writer finished anything
        now = data_state(scratch)
        assert now in (before, after), (scenario.name, n, sorted(now), sorted(after))
        saved = now == after
        tally.saved += saved
        tally.not_saved += not saved
        # the next undo reverts exactly the last change that was saved, and its result loads
        if scenario.action is redo:
            last_saved = after if saved else before
            expected = states[-3] if saved else states[-4]  # before the session / the goal
        elif scenario.action is undo:
            last_saved = after if saved else before
            expected = states[-3] if saved else states[-2]
        else:
            last_saved = after if saved else before
            expected = before if saved else states[-2]
        assert data_state(scratch) == last_saved
        undo(scratch)
        assert data_state(scratch) == expected, (scenario.name, n, saved)
        loads(scratch)
        tally.undone += 1
        redo(scratch)  # and what the undo took back comes back
        assert data_state(scratch) == last_saved, (scenario.name, n, saved)
        tally.redone += 1


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_kill_at_some_write_calls_of_a_change_undo_and_redo(
    tmp_path: Path, scenario: Scenario
) -> None:
    tally = Tally()
    kill_everywhere(tmp_path, scenario, 3, tally)
    assert tally.saved
    assert tally.not_saved


@pytest.mark.slow
def test_kill_at_every_write_call_of_a_change_undo_and_redo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tallies = {}
    for scenario in SCENARIOS:
        tally = Tally()
        kill_everywhere(tmp_path / scenario.name.replace(" ", "_"), scenario, 1, tally)
        tallies[scenario.name] = tally
    kills = sum(t.kills for t in tallies.values())
    parts = ", ".join(
        f"{name} {t.kills} ({t.saved} after the commit point)" for name, t in tallies.items()
    )
    figure(
        capsys,
        f"undo: killed at every write call: {kills} kills ({parts}): every file parsed and "
        "the journal loaded after each; 0 half changes; the next undo reverted exactly the "
        "last saved change every time and its result loaded; redo brought it back every time",
    )


# -- backups left by a command killed before its commit point -------------------------------


def before_commit_point(root: Path) -> Predicate:
    """Die at the first rename into the journal's own directory (the commit point)."""
    home = str(root)

    def die(index: int, call: str, path: str) -> bool:
        return call == "replace" and os.path.dirname(os.path.abspath(path)) == home

    return die


def test_backups_of_killed_commands_do_not_rotate_real_generations_away(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "journal"
    titles = ["Speaking", "Writing", "Hiring"]
    for title in titles:
        add_goal(root, title, keep_backups=2)
    orphans = 0
    for attempt in range(5):
        code, _ = in_child(
            root,
            lambda r, n=attempt: add_goal(r, f"killed {n}", keep_backups=2),
            before_commit_point(root),
        )
        assert code == 137
        orphans += 1
    assert len(list((root / "backups").glob("goals.*.json"))) > 2  # the killed ones' copies
    add_goal(root, "Mentoring", keep_backups=2)
    kept = [json.loads(p.read_bytes())["goals"] for p in Store(root).backups_of("goals.json")]
    assert [[g["title"] for g in goals] for goals in kept] == [titles[:2], titles]
    for expected in (titles, titles[:2]):
        result = undoing.undo(Store(root, keep_backups=3))
        assert result.command == "mentorlog goal add"
        goals = json.loads((root / "goals.json").read_bytes())["goals"]
        assert [g["title"] for g in goals] == expected
    figure(
        capsys,
        f"undo: {orphans} commands killed before their commit point left backups; the next "
        "writer removed them, 2 real generations kept (keep 2): 2 undos exact",
    )


# -- a commit record that mentorlog did not write --------------------------------------------


def tamper(root: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Leave a (valid) commit in flight, then change its record."""
    add_mentor(root)

    def die(index: int, call: str, path: str) -> bool:  # at the first rename after the commit point
        return call == "replace" and (root / commit.MANIFEST).exists()

    in_child(root, add_goal, die)
    manifest = root / commit.MANIFEST
    document = json.loads(manifest.read_bytes())
    change(document)
    manifest.write_text(json.dumps(document), encoding="utf-8")


def _retarget(name: str) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document["files"][0]["target"] = name

    return change


def _damage_temp_of(root: Path) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        temp = root / document["files"][0]["temp"]
        temp.write_bytes(temp.read_bytes()[:-30] + b"garbage")

    return change


def files_but_the_lock(directory: Path) -> dict[str, bytes]:
    """(The lock file names its holder while a command runs: not a change to the journal.)"""
    return {k: v for k, v in snapshot(directory).items() if not k.endswith("mentorlog.lock")}


TAMPERING: dict[str, Callable[[Path], Callable[[dict[str, Any]], None]]] = {
    "target outside the journal": lambda root: _retarget("../outside.json"),
    "target the lock file": lambda root: _retarget("mentorlog.lock"),
    "target the config": lambda root: _retarget("config.toml"),
    "not JSON": lambda root: lambda document: document.clear(),
    "a damaged temp": _damage_temp_of,
}


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_a_tampered_commit_record_moves_nothing(
    home: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(home, TAMPERING[kind](home))
    (home.parent / "outside.json").write_text("{}", encoding="utf-8")
    before = files_but_the_lock(home.parent)
    for args in (("goal", "add", "Writing"), ("undo", "--yes")):
        result = run(*args)
        assert one_clean_error(result, (3,), max_lines=1) == [], result.stderr
        assert "pending-commit.json" in result.stderr
        assert files_but_the_lock(home.parent) == before
    assert run("goal", "list", "--json").exit_code == 0  # readers read the files as they are


# -- Ctrl-C at every write call ---------------------------------------------------------------


def interrupt_at(monkeypatch: pytest.MonkeyPatch, n: int) -> list[int]:
    """Raise KeyboardInterrupt (as Ctrl-C does) at the Nth writing call; count them all."""
    counted = [0]

    def wrap(name: str, real: Callable[..., Any], is_write: Callable[..., bool]) -> None:
        def call(*args: Any, **kw: Any) -> Any:
            if is_write(*args, **kw):
                counted[0] += 1
                if counted[0] - 1 == n:
                    raise KeyboardInterrupt
            return real(*args, **kw)

        monkeypatch.setattr(os, name, call)

    wrap("open", os.open, lambda path, flags, *a, **k: bool(flags & _WRITING))
    for name in ("write", "fsync", "replace", "unlink", "mkdir"):
        wrap(name, getattr(os, name), lambda *a, **k: True)
    return counted


def normalized(state: dict[str, bytes]) -> dict[str, list[str]]:
    """The records of each file without their random ids (a command run twice makes new ones)."""
    shapes = {}
    for name, data in state.items():
        document = json.loads(data)
        records = next(v for k, v in document.items() if isinstance(v, list))
        shapes[name] = [
            json.dumps({k: v for k, v in r.items() if k not in ("id", "meeting")}, sort_keys=True)
            for r in records
        ]
    return shapes


def interrupt_everywhere(
    home: Path,
    tmp_path: Path,
    args: tuple[str, ...],
    every: int,
    undone: tuple[dict[str, list[str]], dict[str, list[str]]],
) -> dict[str, int]:
    """Ctrl-C at every `every`th write call of `mentorlog ARGS`; what each left, checked.

    `undone`: what the next undo must leave when the command was saved, and when it was not.
    """
    template = tmp_path / "template"
    shutil.copytree(home, template)
    before = normalized(data_state(home))
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(commit, "committed_here", False)
        calls = interrupt_at(patched, -1)
        assert run(*args).exit_code == 0
    after = normalized(data_state(home))
    tally = {"interrupts": 0, "saved": 0, "not saved": 0}
    for n in range(0, calls[0], every):
        shutil.rmtree(home)
        shutil.copytree(template, home)
        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(commit, "committed_here", False)
            interrupt_at(patched, n)
            result = run(*args)
        tally["interrupts"] += 1
        assert result.exit_code == 130, (args, n, result.stderr)
        assert len(result.stderr.splitlines()) == 1, result.stderr
        loads(home)
        now = normalized(data_state(home))
        assert now in (before, after), (args, n)
        if now == after:
            tally["saved"] += 1
            assert result.stderr == "mentorlog: Interrupted; the change had already been saved.\n"
        else:
            tally["not saved"] += 1
            assert result.stderr == "mentorlog: Interrupted; nothing was changed.\n"
        # the next command finishes or clears what was left, and undo is exact
        result = run("undo", "--yes")
        assert result.exit_code == 0, result.stderr
        assert normalized(data_state(home)) == undone[0 if now == after else 1], (args, n)
    return tally


def journal_to_interrupt(
    home: Path, args: tuple[str, ...]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """A sample journal, then a goal added; what undo leaves after `args` saved, or not."""
    shutil.rmtree(home, ignore_errors=True)
    seed_sample(home)
    seeded = normalized(data_state(home))
    assert run("goal", "add", "Speak up").exit_code == 0
    with_goal = normalized(data_state(home))
    if args[0] == "undo":  # saved: the goal was undone, so undo takes back the seeding
        return {}, seeded
    return with_goal, seeded


INTERRUPTED = [("meet", "Ada", "--notes", "n", "--action", "Send it"), ("undo", "--yes")]


@pytest.mark.parametrize("args", INTERRUPTED, ids=["meet --action", "undo"])
def test_ctrl_c_at_some_write_calls_says_the_truth(
    home: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    tally = interrupt_everywhere(home, tmp_path, args, 4, journal_to_interrupt(home, args))
    assert tally["saved"]
    assert tally["not saved"]


@pytest.mark.slow
def test_ctrl_c_at_every_write_call_says_the_truth(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parts = []
    total = 0
    for index, args in enumerate(INTERRUPTED):
        undone = journal_to_interrupt(home, args)
        tally = interrupt_everywhere(home, tmp_path / str(index), args, 1, undone)
        total += tally["interrupts"]
        parts.append(f"{args[0]} {tally['interrupts']} ({tally['saved']} after the commit point)")
    figure(
        capsys,
        f"interrupts: Ctrl-C at every write call: {total} ({', '.join(parts)}): each exit 130 "
        "with one line that said truly whether the change was saved; the journal loaded and "
        "the next undo was exact every time",
    )
