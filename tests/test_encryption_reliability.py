"""Part of the reliability suite again, on an encrypted journal (SPEC §9).

The tests below are the reliability suite's own, collected here a second time with its
`seed_sample` replaced by one that encrypts the sample journal once it is written (the key in
$MENTORLOG_IDENTITY, outside the journal). After each, every file that holds journal content
must still be ciphertext: the run really was on an encrypted journal, and stayed one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mentorlog.storage import codec, encryption
from mentorlog.storage.store import Store
from tests import _reliability
from tests import test_reliability_bad_input as bad_input
from tests import test_reliability_concurrency as concurrency
from tests import test_reliability_disk_full as disk_full

MODULES = (bad_input, concurrency, disk_full)


def encrypted_sample(home: Path) -> dict[str, list[Any]]:
    records = _reliability.seed_sample(home)
    encryption.turn_on(Store(home))
    return records


@pytest.fixture(autouse=True)
def encrypted(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("MENTORLOG_IDENTITY", str(tmp_path / "keys" / "identity.txt"))
    for module in MODULES:
        monkeypatch.setattr(module, "seed_sample", encrypted_sample)
    yield
    assert codec.is_encrypted_journal(home)
    files = [*encryption.content_files(home), *encryption.backup_files(home)]
    assert len(files) > 6
    assert [p.name for p in files if not codec.is_age(p.read_bytes())] == []


test_malformed_command_lines_change_nothing_quick = (
    bad_input.test_malformed_command_lines_change_nothing_quick
)
test_a_held_lock_stops_every_write_naming_the_holder_and_changes_nothing = (
    concurrency.test_a_held_lock_stops_every_write_naming_the_holder_and_changes_nothing
)
test_a_file_size_limit_stops_saving_and_exporting_and_changes_nothing = (
    disk_full.test_a_file_size_limit_stops_saving_and_exporting_and_changes_nothing
)
test_no_space_at_any_step_of_a_save_leaves_nothing_half_done = (
    disk_full.test_no_space_at_any_step_of_a_save_leaves_nothing_half_done
)
