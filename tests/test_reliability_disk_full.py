"""A full disk (docs/storage.md, exit 3): a write that fails leaves every file as it was.

- Real processes with a file size limit (`RLIMIT_FSIZE`, so writes fail with EFBIG as they
  would on a full or quota-limited disk): a session too large to save, and an export too
  large to write, each stop with exit 3 and one clear line; the journal (data, backups,
  history) and an existing export are byte-identical; no temp file is left behind.
- ENOSPC injected at each step of a multi-file save (a backup, each new data file, the history
  entry, the commit record): all come before the commit point (the history entry is part of
  the commit), so nothing changes at all.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mentorlog.storage import atomic
from mentorlog.storage.store import Store
from tests._reliability import POSIX, Seed, figure, one_clean_error
from tests.helpers import Result, Runner, snapshot

pytestmark = POSIX


def temps(directory: Path) -> list[str]:
    return [p.name for p in directory.rglob("*") if atomic.is_temp_name(p.name)]


def limited(limit: int) -> Any:
    def set_limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return set_limit


def run_limited(args: list[str], limit: int, stdin: str, env: dict[str, str]) -> Result:
    done = subprocess.run(
        [sys.executable, "-m", "mentorlog", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=limited(limit),
        timeout=60,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def test_a_file_size_limit_stops_saving_and_exporting_and_changes_nothing(
    sample: Seed, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample(home)
    limit = 64 * 1024
    assert max(len(data) for data in snapshot(home).values()) < limit
    export = tmp_path / "export.md"
    export.write_text("an earlier export\n")
    before = snapshot(tmp_path)
    env = {**os.environ, "MENTORLOG_HOME": str(home)}

    saved = run_limited(["meet", "Ada", "--notes", "-"], limit, "n" * 200_000, env)
    assert one_clean_error(saved, (3,), max_lines=1) == [], saved.stderr
    assert "File too large" in saved.stderr
    assert "meetings-2026.json" in saved.stderr
    assert saved.stdout == ""

    big = run_limited(["export", "--format", "markdown", "--output", str(export)], 2_000, "", env)
    assert one_clean_error(big, (3,), max_lines=1) == [], big.stderr
    assert "File too large" in big.stderr
    assert "export.md" in big.stderr

    assert snapshot(tmp_path) == before  # data, backups, history and the old export
    assert temps(tmp_path) == []
    # and once there is room again, the same session saves
    assert run_limited(["meet", "Ada", "--notes", "-"], 2**30, "n" * 200_000, env).exit_code == 0
    figure(
        capsys,
        "disk full: with RLIMIT_FSIZE, a 200 kB session and a 2 kB-limited export both stopped "
        f"with exit 3 and one line ({saved.stderr.strip()[:70]}...); journal, backups, history "
        "and the earlier export byte-identical; 0 temp files left",
    )


# The order of a multi-file save, and what must be true when it fails at each step.
STEPS = {
    "a backup": ("backups", ".meetings-2026."),
    "the first new data file": ("", ".actions.json."),
    "the second new data file": ("", ".meetings-2026.json."),
    "the history entry": ("backups", ".history.json."),
    "the commit record": ("", ".pending-commit.json."),
}


def fail_writes_to(monkeypatch: pytest.MonkeyPatch, where: Path, prefix: str) -> list[str]:
    """Every write to a temp file in `where` whose name starts with `prefix` fails: ENOSPC."""
    failed: list[str] = []
    paths: dict[int, Path] = {}
    real_open, real_write = os.open, os.write

    def open_(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        fd = real_open(path, flags, mode, **kw)
        paths[fd] = Path(os.fspath(path))
        return fd

    def write(fd: int, data: Any) -> int:
        path = paths.get(fd)
        if path is not None and path.parent == where and path.name.startswith(prefix):
            failed.append(path.name)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "write", write)
    return failed


@pytest.mark.parametrize("step", list(STEPS))
def test_no_space_at_any_step_of_a_save_leaves_nothing_half_done(
    sample: Seed,
    home: Path,
    tmp_path: Path,
    run: Runner,
    capsys: pytest.CaptureFixture[str],
    step: str,
) -> None:
    sample(home)
    # the last recorded change touches a file the failing save changes too
    assert run("action", "add", "Book a room", "--mentor", "Ada").exit_code == 0
    before = snapshot(tmp_path)
    directory, prefix = STEPS[step]
    with pytest.MonkeyPatch.context() as patched:
        failed = fail_writes_to(patched, home / directory if directory else home, prefix)
        result = run("meet", "Ada", "--notes", "full disk", "--action", "Free some space")
    assert failed, f"{step} was never written"
    assert one_clean_error(result, (3,), max_lines=1) == [], result.stderr
    assert "No space left on device" in result.stderr
    assert temps(tmp_path) == []
    # The history entry is part of the commit: before the commit point nothing changes at
    # all, whichever file the disk fills on (no backup, none rotated, no history entry).
    assert snapshot(tmp_path) == before
    assert not any(m.notes == "full disk" for m in Store(home).journal().meetings)
    figure(capsys, f"disk full: ENOSPC writing {step}: exit 3, every file unchanged, 0 temps")
