"""Private by default, and nothing leaks (docs/storage.md).

- Under umask 000 and 022, through the CLI: the journal, its backups, history and lock, every
  export format, both review reports, the config and editor drafts are 0600, and the journal's
  directories 0700. Loose modes left by other tools are tightened by the next command that
  writes.
- A sentinel string in every free-text field of a journal never appears in any error output
  (damaged files of every kind, bad input, refusals, a held lock, a failed import), in the lock
  file while a command holds it, or in the history of changes.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mentorlog.storage import commit
from mentorlog.storage.store import Store
from tests._reliability import POSIX, figure, seed_sample
from tests.factories import editor_saw, fake_editor
from tests.helpers import WRITER, Runner, modes

pytestmark = POSIX
SENTINEL = "SENTINEL-7f3a9c"


def loose(root: Path) -> list[str]:
    return [
        f"{name} {oct(mode)}"
        for name, mode in modes(root).items()
        if mode != (0o700 if (root / name).is_dir() else 0o600)
    ]


FILLED = repr({"## What I wanted from this session\n\n": "## Notes\n\nPrivate words.\n"})


def test_everything_mentorlog_writes_is_private_whatever_the_umask(
    umask: int,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run: Runner,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    out.mkdir(mode=0o777)
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, FILLED))
    commands: list[tuple[str, ...]] = [
        ("goal", "add", "Speak at a conference"),  # creates the journal
        ("mentor", "add", "Ada Okafor", "--goal", "Speak"),
        ("meet", "Ada", "--notes", "n", "--action", "Draft it"),  # several files at once
        ("meet", "Ada", "--edit"),  # an editor draft
        ("undo", "--yes"),
        ("config", "set", "focus_limit", "3"),
        *[
            ("export", "--format", kind, "--output", str(out / f"journal.{ext}"))
            for kind, ext in (("json", "json"), ("markdown", "md"), ("csv", "csv"), ("ics", "ics"))
        ],
        ("review", "--output", str(out / "review.md")),
        ("review", "--output", str(out / "review.html")),
    ]
    for args in commands:
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
    draft = editor_saw(tmp_path)
    assert (draft["file"], draft["dir"]) == (0o600, 0o700)
    assert loose(home) == []
    assert {"mentorlog.lock", "goals.json", "backups/history.json", "drafts"} <= set(modes(home))
    assert any(name.startswith("backups/meetings-") for name in modes(home))
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 6
    assert [oct(stat.S_IMODE((out / name).stat().st_mode)) for name in written] == ["0o600"] * 6
    config = Path(os.environ["MENTORLOG_CONFIG"])
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    figure(
        capsys,
        f"privacy (umask {umask:03o}): {len(modes(home))} journal paths (data, backups, history, "
        "lock, drafts) 0600/0700; 4 exports, 2 reviews, the config and the editor draft 0600",
    )


def test_loose_modes_are_tightened_by_the_next_write(
    home: Path, tmp_path: Path, run: Runner
) -> None:
    seed_sample(home)
    assert run("goal", "add", "So there are backups").exit_code == 0
    export = tmp_path / "journal.json"
    export.write_text("old")
    for path in [home, *home.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    export.chmod(0o644)
    assert run("action", "add", "Tighten up", "--mentor", "Ada").exit_code == 0
    assert loose(home) == []
    assert run("export", "--format", "json", "--output", str(export)).exit_code == 0
    assert stat.S_IMODE(export.stat().st_mode) == 0o600


# -- nothing leaks ------------------------------------------------------------------------


def sentinel_journal(home: Path) -> dict[str, list[Any]]:
    """The sample journal with the sentinel in every free-text field."""
    records = seed_sample(home)
    fields = {
        "goals": ("why", "outcome"),
        "milestones": ("note",),
        "mentors": ("notes",),
        "meetings": ("notes",),
        "actions": ("text",),
        "topics": ("text",),
    }
    with Store(home).transaction() as journal:
        for name, names in fields.items():
            for record in journal.collection(name):
                for field in names:
                    setattr(record, field, f"{SENTINEL} {field}")
        for mentor in journal.mentors:
            mentor.agreement.why = mentor.agreement.hope = SENTINEL
        for meeting in journal.meetings:
            meeting.takeaways = [f"{SENTINEL} takeaway"]
        for reflection in journal.reflections:
            for answer in reflection.answers:
                answer.answer = SENTINEL
    return records


def damaged(home: Path) -> Iterator[str]:
    """Damage the journal, a file at a time, right where the sentinel is; restore after."""
    files = sorted(p for p in home.glob("*.json"))
    for path in files:
        original = path.read_bytes()
        text = original.decode()
        quote = text.index('"', text.index(SENTINEL))  # the end of the string holding it
        key = next(k for k in json.loads(original) if k != "schema_version")
        damages = {
            "cut inside the sentinel": original[: original.index(SENTINEL.encode()) + 5],
            "a raw control character in it": text.replace(SENTINEL, SENTINEL + "\x07", 1).encode(),
            "not UTF-8 inside it": original.replace(SENTINEL.encode(), b"SENT\xffINEL", 1),
            "its closing quote missing": (text[:quote] + text[quote + 1 :]).encode(),
        }
        document = json.loads(original)
        record = document[key][0]
        field = next(f for f, value in record.items() if SENTINEL in json.dumps(value))
        record[field] = [record[field]]  # the sentinel's own field, of a wrong type
        damages["the sentinel's field of a wrong type"] = json.dumps(document).encode()
        document = json.loads(original)
        document[key][0]["created"] = SENTINEL  # a bad value next to it: is it echoed?
        damages["a bad value that is the sentinel"] = json.dumps(document).encode()
        for name, data in damages.items():
            path.write_bytes(data)
            yield f"{path.name}: {name}"
        path.write_bytes(original)


def test_the_sentinel_never_appears_in_errors_or_logs(
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run: Runner,
    capsys: pytest.CaptureFixture[str],
) -> None:
    records = sentinel_journal(home)
    meeting = records["meetings"][-1].id
    backup = tmp_path / "backup.json"
    assert run("export", "--format", "json", "--output", str(backup)).exit_code == 0
    errors: list[tuple[str, str]] = []  # (what, everything the user saw)

    def failing(what: str, *args: str) -> None:
        result = run(*args)
        assert result.exit_code != 0, (what, args, result.stdout[:200])
        errors.append((f"{what}: {' '.join(args)}", result.stdout + result.stderr))

    # damaged files of every kind, seen by a command that reads all and one that writes all
    for what in damaged(home):
        failing(what, "export", "--format", "json")
        failing(what, "import", str(backup))
    # bad input and refusals about the records that hold it
    failing("bad rating", "meeting", "edit", meeting, "--rating", "9")
    failing("too long", "meeting", "edit", meeting, "--takeaway", "x" * 2000)
    failing("not confirmed", "meeting", "rm", meeting)
    shared = Counter(m.id[0] for m in records["meetings"]).most_common(1)[0][0]
    failing("ambiguous", "meeting", "show", shared)
    failing(
        "ambiguous action",
        "action",
        "done",
        Counter(a.id[0] for a in records["actions"]).most_common(1)[0][0],
    )
    # an import of a damaged backup that carries it
    document = json.loads(backup.read_bytes())
    document["meetings"][0]["rating"] = SENTINEL
    document["meetings"][1]["notes"] = [SENTINEL]
    bad_backup = tmp_path / "bad-backup.json"
    bad_backup.write_text(json.dumps(document))
    failing("damaged import", "import", str(bad_backup))
    bad_backup.write_text(json.dumps(document)[:-200])
    failing("truncated import", "import", str(bad_backup))
    # a lock held by another process
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text("lock_timeout = 0.1\n")
    holder = subprocess.Popen(
        [sys.executable, str(WRITER), str(home), "hold", "60"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        failing("locked", "meet", "Ada", "--notes", "more")
    finally:
        holder.kill()
        holder.communicate()
    assert len(errors) >= 80
    leaks = [what for what, seen in errors if SENTINEL in seen or "SENT\ufffdINEL" in seen]
    assert leaks == []

    # while a command holds the lock, the lock file names the command, never its arguments
    seen_in_lock: list[str] = []
    real_commit = commit.commit

    def watching(root: Path, files: dict[str, bytes], **options: Any) -> None:
        seen_in_lock.append((root / "mentorlog.lock").read_text())
        real_commit(root, files, **options)

    monkeypatch.setattr(commit, "commit", watching)
    result = run("meet", "Ada", "--notes", SENTINEL, "--takeaway", SENTINEL, "--action", SENTINEL)
    assert result.exit_code == 0, result.stderr
    assert seen_in_lock
    assert all("mentorlog meet" in line and SENTINEL not in line for line in seen_in_lock)
    history = (home / "backups" / "history.json").read_text()
    assert '"command": "mentorlog meet"' in history
    assert SENTINEL not in history
    figure(
        capsys,
        f"privacy: sentinel in every free-text field; {len(errors)} failing commands (damaged "
        "files of 6 kinds in every file, bad input, refusals, damaged imports, a held lock): "
        f"0 echoed it; lock file and history name commands only: 0 leaks",
    )


def test_pydantic_plugins_never_see_the_records(tmp_path: Path) -> None:
    """A Pydantic plugin installed beside mentorlog (tracing, telemetry) would be handed every
    record validated, notes included: the command turns plugins off before validating any."""
    script = (
        "import os, sys\n"
        "from mentorlog.cli import main\n"
        "sys.argv = ['mentorlog', 'nudge', '--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "print(os.environ.get('PYDANTIC_DISABLE_PLUGINS'), list(get_plugins()))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["MENTORLOG_HOME"] = str(tmp_path / "journal")
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "__all__ []"
