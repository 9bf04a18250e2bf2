"""Every test runs in its own journal and config, with no colour, 80 columns and a frozen
clock (2026-11-24 10:00 UTC) unless it says otherwise."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
import time_machine
from hypothesis import HealthCheck, settings

from mentorlog.storage import keys
from tests import helpers
from tests._reliability import (
    Seed,
    seed_encrypted_sample,
    seed_sample,
    still_ciphertext,
)
from tests.helpers import Runner

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

FROZEN = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "journal"
    monkeypatch.setenv("MENTORLOG_HOME", str(home))
    monkeypatch.setenv("MENTORLOG_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "50")
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("MENTORLOG_DEBUG", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    # an encrypted journal's key and drafts: never the developer's own
    for name in ("MENTORLOG_IDENTITY", "MENTORLOG_PASSPHRASE", "MENTORLOG_NEW_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    keys.configure(keys.KeySource())
    return home


@pytest.fixture
def home(sandbox: Path) -> Path:
    """The sandboxed journal directory (not created until the first write)."""
    return sandbox


@pytest.fixture(autouse=True)
def frozen_clock(request: pytest.FixtureRequest) -> Iterator[None]:
    if request.node.get_closest_marker("real_clock"):
        yield
        return
    with time_machine.travel(FROZEN, tick=True):
        yield


@pytest.fixture(params=[0o000, 0o022], ids=["umask-000", "umask-022"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


@pytest.fixture
def run() -> Runner:
    """`tests.helpers.run`: mentorlog in-process (each command is built once per process, as
    in cli/_group.py, so suites can run thousands of command lines)."""
    return helpers.run


@pytest.fixture(params=["plaintext", "encrypted"])
def sample(
    request: pytest.FixtureRequest, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Seed]:
    """How a reliability test seeds the demo's journal, so that it runs twice: on the journal as
    it is, and on it encrypted once written (the key in $MENTORLOG_IDENTITY, outside the
    journal). After an encrypted run every file that holds journal content must still be
    ciphertext: the run really was on an encrypted journal, and stayed one."""
    if request.param == "plaintext":
        yield seed_sample
        return
    monkeypatch.setenv("MENTORLOG_IDENTITY", str(tmp_path / "keys" / "identity.txt"))
    yield seed_encrypted_sample
    assert still_ciphertext(home) == []
