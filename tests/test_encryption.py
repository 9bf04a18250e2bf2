"""Encryption at rest (docs/privacy.md): `mentorlog encrypt` / `decrypt`.

A sentinel typed into every text field through the command line never appears in any byte
under the data directory once the journal is encrypted (data, backups, undo history, drafts),
every command works on an encrypted journal, a wrong or missing key is one line, exit 3 and
nothing changed, and `decrypt` gives back exactly the plaintext files there were.
"""

from __future__ import annotations

import importlib
import json
import os
import shlex
import sys
from pathlib import Path

import pytest

from mentorlog.journal import state as journal_state
from mentorlog.storage import codec, keys
from mentorlog.storage.store import Store
from tests._reliability import one_clean_error, seed_sample
from tests.factories import editor_saw, fake_editor
from tests.helpers import Runner, run, snapshot

S = "SENTINEL-c0ffee"
PLAIN_NAMES = {"mentorlog.lock", codec.MARKER}  # hold no user text, by design


def sentinel_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A journal with the sentinel in every free-text field, typed through the CLI."""
    steps = [
        ("goal", "add", f"{S} goal", "--why", f"{S} why", "--area", f"{S} area"),
        (
            "mentor", "add", f"Zoë {S}", "--org", f"{S} org", "--role", f"{S} role",
            "--expertise", f"{S}x,{S}y", "--location", f"{S} city", "--why", f"{S} why",
            "--hope", f"{S} hope", "--purpose", f"{S} purpose", "--notes", f"{S} notes",
            "--email", "zoe@example.org", "--goal", f"{S} goal", "--status", "active",
        ),
        ("milestone", "add", f"{S} goal", f"{S} milestone", "--mentor", "Zoë"),
        (
            "meet", "Zoë", "--date", "2026-11-20", "--notes", f"{S} notes",
            "--takeaway", f"{S} takeaway", "--action", f"{S} action",
        ),
        ("action", "add", f"{S} second action", "--mentor", "Zoë"),
        ("goal", "add", "Backups of the goal file", "--why", "so goals.json has a backup"),
    ]  # fmt: skip
    for args in steps:
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
    answers = "".join(f"## {n}. prompt\n\n{S} answer {n}\n\n" for n in range(1, 7))
    with monkeypatch.context() as patched:
        patched.setenv("EDITOR", fake_editor(tmp_path, "=" + answers, name="reflect.py"))
        result = run("review", "--quarter", "2026-Q4", "--editor")
    assert result.exit_code == 0, result.stderr


def leaks(directory: Path) -> list[str]:
    """Files under `directory` holding the sentinel (in any encoding JSON may use)."""
    needles = (S.encode(), json.dumps(S).encode()[1:-1])
    return [
        name
        for name, data in snapshot(directory).items()
        if any(needle in data for needle in needles)
    ]


def not_ciphertext(directory: Path) -> list[str]:
    return [
        name
        for name, data in snapshot(directory).items()
        if not codec.is_age(data) and Path(name).name not in PLAIN_NAMES
    ]


def encrypt(*extra: str) -> dict[str, object]:
    result = run("encrypt", "--json", *extra)
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


@pytest.fixture
def encrypted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The sentinel journal, encrypted; returns what `encrypt --json` reported."""
    sentinel_journal(tmp_path, monkeypatch)
    return encrypt()


def test_the_sentinel_is_nowhere_on_disk_once_encrypted(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentinel_journal(tmp_path, monkeypatch)
    assert leaks(home)  # (the check can fail)
    report = encrypt()
    assert report["encrypted"] is True
    assert report["data_files"] == 6
    assert report["backups"] >= 4  # goals, mentors, actions and the undo history
    assert str(report["recovery_key"]).startswith("AGE-SECRET-KEY-1")
    assert report["identity"] == str(tmp_path / "config" / "identity.txt")
    assert leaks(home) == []
    assert not_ciphertext(home) == []
    marker = json.loads((home / codec.MARKER).read_text())
    assert marker["encrypted"] is True
    assert marker["recipients"]
    assert all(r.startswith("age1") for r in marker["recipients"])
    # ... and it stays so as the journal changes, backups and undo history included
    backups = len(list((home / "backups").iterdir()))
    for args in (
        ("meet", "Zoë", "--notes", f"{S} later", "--takeaway", f"{S} t2"),
        ("action", "add", f"{S} third", "--mentor", "Zoë"),
        ("mentor", "edit", "Zoë", "--notes", f"{S} edited"),
        ("undo", "--yes"),
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
    assert len(list((home / "backups").iterdir())) > backups
    assert leaks(home) == []
    assert not_ciphertext(home) == []
    shown = run("mentor", "show", "Zoë")
    assert f"{S} edited" not in shown.stdout  # undone
    assert f"{S} notes" in run("search", S).stdout


def test_decrypt_gives_back_exactly_the_plaintext_files(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentinel_journal(tmp_path, monkeypatch)
    before = snapshot(home)
    encrypt()
    assert snapshot(home) != before
    result = run("decrypt")
    assert result.exit_code == 0, result.stderr
    assert "plaintext on disk now" in result.stdout
    after = snapshot(home)
    assert codec.MARKER not in after
    assert {k: v for k, v in after.items() if k != "mentorlog.lock"} == {
        k: v for k, v in before.items() if k != "mentorlog.lock"
    }
    # asking for the state the journal is in already is no error (as `encrypt` twice)
    again = run("decrypt")
    assert again.exit_code == 0, again.stderr
    said = f"The journal in {home} is not encrypted; nothing to decrypt."
    assert " ".join(again.stdout.split()) == said
    assert again.stderr == ""
    assert snapshot(home) == after


def test_asking_for_the_state_the_journal_is_in_is_no_error_and_writes_nothing(
    home: Path, encrypted_sample: Runner
) -> None:
    cli = encrypted_sample
    before = snapshot(home)
    again = cli("encrypt")
    assert again.exit_code == 0, again.stderr
    identity = keys.identity_path()
    said = f"The journal in {home} is already encrypted (key: {identity}); nothing to re-encrypt."
    assert "".join(again.stdout.split()) == "".join(said.split())  # (a long path is folded)
    assert snapshot(home) == before
    assert cli("decrypt").exit_code == 0
    plaintext = snapshot(home)
    twice = cli("decrypt", "--json")
    assert twice.exit_code == 0, twice.stderr
    document = json.loads(twice.stdout)
    assert (document["encrypted"], document["data_files"], document["backups"]) == (False, 0, 0)
    assert snapshot(home) == plaintext


def test_decrypt_without_a_journal_creates_nothing(home: Path) -> None:
    result = run("decrypt")
    assert (result.exit_code, result.stderr) == (0, "")
    said = f"The journal in {home} is not encrypted; nothing to decrypt."
    assert " ".join(result.stdout.split()) == said
    assert not home.exists()


@pytest.fixture
def encrypted_sample(home: Path, monkeypatch: pytest.MonkeyPatch) -> Runner:
    """The demo's journal at `home`, encrypted; returns the quick CLI to run commands on it."""
    cli: Runner = run
    seed_sample(home)
    assert cli("encrypt").exit_code == 0
    return cli


def test_every_command_works_on_an_encrypted_journal(
    home: Path, tmp_path: Path, encrypted_sample: Runner
) -> None:
    cli = encrypted_sample
    export = tmp_path / "out" / "backup.json"
    export.parent.mkdir()
    open_action = next(a.id for a in Store(home).journal().open_actions())
    commands: list[tuple[str, ...]] = [
        ("status",),
        ("status", "--json"),
        ("nudge",),
        ("nudge", "--json"),
        ("meeting", "list"),
        ("meeting", "list", "--json"),
        ("mentor", "list"),
        ("mentor", "show", "Ada"),
        ("goal", "list"),
        ("milestone", "list"),
        ("action", "list"),
        ("meet", "Ada", "--notes", "encrypted session", "--action", "Write it down"),
        ("action", "add", "Another one", "--mentor", "Ada"),
        ("action", "done", open_action),
        ("review", "--last"),
        ("review", "--last", "--json"),
        ("search", "encrypted session"),
        ("export", "--format", "json", "--output", str(export)),
        ("export", "--format", "markdown", "--output", str(tmp_path / "out" / "j.md")),
        ("import", str(export)),
        ("undo", "--dry-run"),
        ("undo", "--yes"),
        ("reflection", "list"),
    ]
    for args in commands:
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stderr == "", (args, result.stderr)
    assert "encrypted session" in cli("search", "encrypted session").stdout
    assert codec.is_age(export.read_bytes())  # an export of an encrypted journal is too
    assert codec.is_age((tmp_path / "out" / "j.md").read_bytes())
    assert not_ciphertext(home) == []


def test_plaintext_exports_and_reports_say_so(
    home: Path, tmp_path: Path, encrypted_sample: Runner
) -> None:
    cli = encrypted_sample
    plain = cli("export", "--format", "markdown", "--plaintext")
    assert plain.exit_code == 0
    assert "# " in plain.stdout
    assert "plaintext" in plain.stderr
    armored = cli("export", "--format", "json")
    assert armored.stdout.startswith("-----BEGIN AGE ENCRYPTED FILE-----")
    report = tmp_path / "review.md"
    result = cli("review", "--last", "--output", str(report))
    assert result.exit_code == 0
    assert "is plaintext" in " ".join(result.stderr.split())
    assert report.read_text().startswith("#")


def test_without_the_extra_one_line_says_how_to_install_it(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_sample(home)
    installed = importlib.import_module("pyrage")
    monkeypatch.setitem(sys.modules, "pyrage", None)  # as if it were not installed
    result = run("encrypt")
    assert one_clean_error(result, (3,), max_lines=1) == [], result.stderr
    assert "pip install 'mentorlog[encrypt]'" in result.stderr
    monkeypatch.setitem(sys.modules, "pyrage", installed)
    assert run("encrypt").exit_code == 0
    before = snapshot(home)
    monkeypatch.setitem(sys.modules, "pyrage", None)
    for args in (("status",), ("goal", "add", "More")):
        result = run(*args)
        assert one_clean_error(result, (3,), max_lines=1) == [], result.stderr
        assert "This journal is encrypted. Encryption needs the 'encrypt' extra" in result.stderr
    assert snapshot(home) == before


def check_refused(home: Path, tmp_path: Path, words: str, *global_args: str) -> None:
    before = snapshot(tmp_path)
    for args in (("status",), ("meeting", "list"), ("goal", "add", "More"), ("undo", "--yes")):
        result = run(*global_args, *args)
        assert one_clean_error(result, (3,), max_lines=1) == [], (args, result.stderr)
        assert words in result.stderr, result.stderr
        assert S not in result.output
        assert snapshot(tmp_path) == before, args


@pytest.mark.usefixtures("encrypted")
def test_a_missing_or_wrong_key_is_one_line_and_changes_nothing(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    identity = tmp_path / "config" / "identity.txt"
    saved = identity.read_bytes()
    identity.unlink()
    check_refused(home, tmp_path, "there is no identity at")
    other = tmp_path / "other.txt"
    other.write_bytes(keys.identity_text([keys.generate()]))
    check_refused(home, tmp_path, "encrypted for another key", "--identity", str(other))
    monkeypatch.setenv("MENTORLOG_IDENTITY", str(other))
    check_refused(home, tmp_path, "encrypted for another key")
    monkeypatch.delenv("MENTORLOG_IDENTITY")
    identity.write_text("not a key\n")
    check_refused(home, tmp_path, "is not an age identity file")
    identity.write_bytes(saved)
    assert run("status").exit_code == 0


def test_the_recovery_key_opens_the_journal_when_the_key_file_is_lost(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encrypted: dict[str, object]
) -> None:
    recovery = str(encrypted["recovery_key"])
    (tmp_path / "config" / "identity.txt").unlink()
    typed = tmp_path / "recovered.txt"
    typed.write_text(recovery + "\n")
    monkeypatch.setenv("MENTORLOG_IDENTITY", str(typed))
    assert f"{S} notes" in run("search", S).stdout
    again = encrypt()  # an existing identity is used, never replaced, and no new key shown
    assert again["recovery_key"] is None
    assert again["data_files"] == 0


def test_rotate_re_encrypts_everything_to_a_new_key(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encrypted: dict[str, object]
) -> None:
    old = tmp_path / "old.txt"
    old.write_bytes((tmp_path / "config" / "identity.txt").read_bytes())
    before = {k: v for k, v in snapshot(home).items() if k != "mentorlog.lock"}
    second = encrypt("--rotate")
    assert second["recovery_key"] not in (None, encrypted["recovery_key"])
    assert second["recipients"] != encrypted["recipients"]
    after = {k: v for k, v in snapshot(home).items() if k != "mentorlog.lock"}
    assert all(after[name] != before[name] for name in before)  # every file re-encrypted
    assert f"{S} notes" in run("search", S).stdout
    refused = run("--identity", str(old), "status")
    assert refused.exit_code == 3
    assert "another key" in refused.stderr
    assert leaks(home) == []


@pytest.mark.usefixtures("encrypted")
def test_a_protected_key_without_its_passphrase_is_one_line(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Quick: a key file that only looks protected; the real scrypt round trip is slow.)"""
    identity = tmp_path / "config" / "identity.txt"
    identity.write_bytes(codec.AGE_MAGIC + b"-> scrypt c2FsdA 18\nnot really\n")
    check_refused(home, tmp_path, "set MENTORLOG_PASSPHRASE or encryption.passphrase_command")
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "a guess")
    check_refused(home, tmp_path, "Wrong passphrase for the identity")


@pytest.mark.slow
def test_a_passphrase_protects_the_key(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_sample(home)
    monkeypatch.setenv("MENTORLOG_NEW_PASSPHRASE", "correct horse")
    report = encrypt("--passphrase")
    monkeypatch.delenv("MENTORLOG_NEW_PASSPHRASE")
    assert report["identity_protected"] is True
    identity = tmp_path / "config" / "identity.txt"
    assert codec.is_age(identity.read_bytes())  # no secret key in the clear anywhere
    before = snapshot(tmp_path)
    no_terminal = run("status")
    assert one_clean_error(no_terminal, (3,), max_lines=1) == []
    assert "MENTORLOG_PASSPHRASE" in no_terminal.stderr
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "wrong horse")
    wrong = run("goal", "add", "More")
    assert one_clean_error(wrong, (3,), max_lines=1) == []
    assert "Wrong passphrase" in wrong.stderr
    assert snapshot(tmp_path) == before
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    script = tmp_path / "pass.py"
    script.write_text("print('correct horse')\n")
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    (tmp_path / "config" / "config.toml").write_text(
        f"[encryption]\npassphrase_command = {json.dumps(command)}\n"
    )
    assert run("status").exit_code == 0


def test_the_key_must_live_outside_the_journal(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed_sample(home)
    monkeypatch.setenv("MENTORLOG_IDENTITY", str(home / "identity.txt"))
    before = snapshot(home)
    result = run("encrypt")
    assert one_clean_error(result, (2,), max_lines=1) == [], result.stderr
    assert snapshot(home) == before


@pytest.mark.usefixtures("encrypted_sample")
def test_drafts_of_an_encrypted_journal_stay_off_its_disk(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, f"={S} typed in the editor\n"))
    saved = run("meet", "Ada", "--edit")
    assert saved.exit_code == 0, saved.stderr
    seen = editor_saw(tmp_path)
    assert Path(seen["path"]).parent == runtime / "mentorlog-drafts"
    assert seen["dir"] == 0o700
    assert seen["file"] == 0o600
    assert list((runtime / "mentorlog-drafts").iterdir()) == []  # removed once saved
    assert leaks(home) == []
    # A draft kept after a failure is encrypted into the journal's drafts/ folder.
    failing = tmp_path / "failing.py"
    failing.write_text(f"import sys\nopen(sys.argv[-1], 'w').write({S + ' kept'!r})\nsys.exit(1)\n")
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(failing))}")
    failed = run("meet", "Ada", "--edit")
    assert failed.exit_code == 1
    assert "kept, encrypted, at" in failed.stderr
    kept = list((home / "drafts").iterdir())
    assert len(kept) == 1
    assert kept[0].name.endswith(".md.age")
    assert leaks(home) == []
    assert leaks(runtime) == []
    # decrypt brings it back as plaintext, where the user can read it
    assert run("decrypt").exit_code == 0
    (back,) = (home / "drafts").iterdir()
    assert back.name.endswith(".md")
    assert back.read_text() == f"{S} kept"


@pytest.mark.usefixtures("encrypted_sample")
def test_the_codec_encrypts_journal_content_only(home: Path, tmp_path: Path) -> None:
    assert codec.journal_of(home / "goals.json") == home
    assert codec.journal_of(home / "sync-conflicts.json") == home
    assert codec.journal_of(home / "backups" / "history.json") == home
    for plain in (".gitignore", "pending-commit.json", codec.MARKER, "mentorlog.lock"):
        assert codec.journal_of(home / plain) is None, plain
    assert codec.journal_of(tmp_path / "elsewhere.json") is None
    data = b'{"schema_version": 1}\n'
    sealed = codec.encode_for(home / "goals.json", data)
    assert codec.is_age(sealed)
    assert codec.encode_for(home / "goals.json", sealed) == sealed  # never twice
    assert codec.decode(sealed, "goals.json") == data
    assert codec.decode(data, "goals.json") == data  # plaintext reads as it is


@pytest.mark.usefixtures("encrypted_sample")
def test_vim_is_told_to_keep_no_swap_backup_undo_or_viminfo(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    vim = bin_dir / "vim"
    seen = tmp_path / "argv.json"
    vim.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"json.dump(sys.argv[1:], open({str(seen)!r}, 'w'))\n"
        f"open(sys.argv[-1], 'w').write('typed in vim')\n"
    )
    vim.chmod(0o700)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("EDITOR", "vim")
    assert run("meet", "Ada", "--edit").exit_code == 0
    argv = json.loads(seen.read_text())
    assert argv[:4] == ["-n", "-i", "NONE", "--cmd"]
    assert "noundofile" in argv[4]
    assert run("decrypt").exit_code == 0
    assert run("meet", "Ada", "--edit").exit_code == 0
    assert len(json.loads(seen.read_text())) == 1  # a plaintext journal: vim as configured


def test_ids_in_unread_years_are_found_through_the_ciphertext(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = seed_sample(home)
    assert run("encrypt").exit_code == 0
    oldest = min(records["meetings"], key=lambda m: m.date)
    drawn = iter([oldest.id, "zz99zz99"])  # the oldest year's id first: taken
    monkeypatch.setattr(journal_state, "new_id", lambda taken=frozenset(): next(drawn))
    store = Store(home)
    assert store.journal().new_id("meetings") == "zz99zz99"
    assert not any(name.startswith("meetings") for name in store.files_read())  # searched only
