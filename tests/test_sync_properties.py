"""Random interleavings of commands and syncs on two machines lose nothing (docs/sync.md), and a
sync killed at any instant leaves a journal that loads and a next sync that completes."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests._sync import Machine, git_env, make_remote

# (op, machine, a number choosing the target record or the year)
Step = tuple[str, int, int]
OPS = ("mentor", "role", "goal", "why", "rm", "meet", "sync")
steps = st.lists(
    st.tuples(st.sampled_from(OPS), st.integers(0, 1), st.integers(0, 99)),
    min_size=4,
    max_size=14,
)


@dataclass
class Edit:
    step: int
    collection: str
    record: str
    field: str
    value: str


@dataclass
class World:
    """What each machine has confirmed, and which confirmed steps each machine has seen."""

    machines: list[Machine]
    known: list[set[int]] = field(default_factory=lambda: [set(), set()])
    remote: set[int] = field(default_factory=set)
    created: dict[str, str] = field(default_factory=dict)  # record id -> collection
    edits: list[Edit] = field(default_factory=list)
    removals: dict[str, list[set[int]]] = field(default_factory=dict)  # goal id -> knowledge
    seen: dict[int, set[int]] = field(default_factory=dict)  # step -> steps its machine knew

    def ids(self, m: int, collection: str) -> list[str]:
        path = self.machines[m].root / f"{collection}.json"
        if not path.exists():
            return []
        return [r["id"] for r in json.loads(path.read_bytes())[collection]]

    def apply(self, number: int, step: Step) -> None:
        op, m, pick = step
        machine, known = self.machines[m], self.known[m]
        self.seen[number] = set(known)
        if op == "sync":
            machine.sync()
            known |= self.remote
            self.remote = set(known)
            return
        if op == "mentor":
            record = machine.json("mentor", "add", f"Mentor {number} Zoë")["id"]
            self.created[record] = "mentors"
        elif op == "goal":
            record = machine.json("goal", "add", f"Goal {number}")["id"]
            self.created[record] = "goals"
        elif op in ("role", "why", "rm", "meet"):
            collection = "goals" if op in ("why", "rm") else "mentors"
            ids = self.ids(m, collection)
            if not ids:
                return
            record = ids[pick % len(ids)]
            if op == "role":
                machine.ok("mentor", "edit", record, "--role", f"role {number}")
                self.edits.append(Edit(number, "mentors", record, "role", f"role {number}"))
            elif op == "why":
                machine.ok("goal", "edit", record, "--why", f"why {number}")
                self.edits.append(Edit(number, "goals", record, "why", f"why {number}"))
            elif op == "rm":
                machine.ok("goal", "rm", record, "--yes")
                self.removals.setdefault(record, []).append(set(known))
            else:
                date = f"{2024 + pick % 3}-0{1 + pick % 9}-1{pick % 10}"
                meeting = machine.json("meet", record, "--date", date)["meeting"]["id"]
                self.created[meeting] = f"meetings-{date[:4]}"
        known.add(number)

    def check(self) -> None:
        a, b = self.machines
        for machine in (a, b, a):
            machine.sync()
        assert a.synced_files() == b.synced_files()
        heads = (a.head(), b.head())
        assert heads[0] == heads[1]
        a.sync()
        b.sync()
        assert (a.head(), b.head()) == heads  # a second sync changes nothing
        records = _records(a.root)
        log_path = a.root / "sync-conflicts.json"
        logged = json.loads(log_path.read_bytes())["conflicts"] if log_path.exists() else []
        for record, collection in self.created.items():
            removed = self.removals.get(record)
            if removed is None or self._edited_unseen(record, removed):
                assert record in records, (collection, record)
        for edit in self.edits:
            if edit.record not in records:
                assert edit.record in self.removals
                continue
            final = records[edit.record].get(edit.field)
            superseded = any(
                later.record == edit.record
                and later.field == edit.field
                and later.step > edit.step
                and edit.step in self.seen[later.step]
                for later in self.edits
            )
            in_log = any(
                e["record"] == edit.record and edit.value in (e["kept"], e["lost"]) for e in logged
            )
            assert final == edit.value or superseded or in_log, edit

    def _edited_unseen(self, record: str, removals: list[set[int]]) -> bool:
        """An edit of `record` that some removal of it had not seen: the edit must survive."""
        return any(
            edit.record == record and all(edit.step not in seen for seen in removals)
            for edit in self.edits
        )


def _records(root: Path) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in root.glob("*.json"):
        if path.name.startswith("sync-"):
            continue
        document = json.loads(path.read_bytes())
        for _key, value in document.items():
            if isinstance(value, list):
                found.update({r["id"]: r for r in value})
    return found


def run_script(script: list[Step], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git_env(tmp_path, monkeypatch)
    with tempfile.TemporaryDirectory(dir=tmp_path) as directory:
        here = Path(directory)
        remote = make_remote(here)
        a, b = Machine(here / "a"), Machine(here / "b")
        a.ok("mentor", "add", "Seed")
        a.ok("sync", "init", str(remote))
        b.ok("sync", "init", str(remote))
        world = World([a, b])
        for number, step in enumerate(script, start=1):
            world.apply(number, step)
        world.check()


SLOW_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.mark.parametrize(
    "examples", [4, pytest.param(40, marks=pytest.mark.slow)], ids=["quick", "thorough"]
)
def test_random_interleavings_lose_nothing(
    examples: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    @settings(max_examples=examples, deadline=None, suppress_health_check=SLOW_OK)
    @given(script=steps)
    def interleaving(script: list[Step]) -> None:
        run_script(script, tmp_path, monkeypatch)

    interleaving()


@pytest.mark.slow
def test_a_sync_killed_at_any_instant_leaves_a_journal_that_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_env(tmp_path, monkeypatch)
    remote = make_remote(tmp_path)
    a, b = Machine(tmp_path / "a"), Machine(tmp_path / "b")
    zoe = a.json("mentor", "add", "Zoë")["id"]
    a.ok("sync", "init", str(remote))
    b.ok("sync", "init", str(remote))
    env = {**os.environ, "MENTORLOG_HOME": str(b.root)}
    command = [sys.executable, "-m", "mentorlog", "sync"]
    started = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True)
    duration = time.monotonic() - started
    rng = random.Random(17)
    names: set[str] = set()
    for round_ in range(20):
        a.ok("mentor", "add", f"A {round_}")
        a.ok("mentor", "edit", zoe, "--role", f"A {round_}")
        a.sync()
        b.ok("mentor", "add", f"B {round_}")
        b.ok("mentor", "edit", zoe, "--org", f"B {round_}")
        names |= {f"A {round_}", f"B {round_}"}
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0, duration * 1.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert b.ok("mentor", "list", "--all").exit_code == 0  # loads
        b.sync()  # completes
    for machine in (a, b, a):
        machine.sync()
    assert a.synced_files() == b.synced_files()
    mentors = {m["name"] for m in a.data("mentors.json")["mentors"]}
    assert names <= mentors
    zoë = next(m for m in a.data("mentors.json")["mentors"] if m["id"] == zoe)
    assert (zoë["role"], zoë["org"]) == ("A 19", "B 19")
