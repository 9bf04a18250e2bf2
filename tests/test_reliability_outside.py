"""Nothing outside the journal is touched (docs/reliability.md), and the smaller truths of the exit
point.

- Links are never followed to change a mode or delete a file: a symlinked `backups/`, a data
  file that is a link, a link to someone else's file inside the data directory, a symlinked
  config file. `config set` never changes the mode of the config file's folder; `--data-dir ''`
  is bad input. `review -o` and `export -o` never write inside the journal's folder.
- Ctrl-C prints one line saying whether the change was saved, exit 130. MENTORLOG_DEBUG=false,
  0 or no means off. Completion (bash, zsh, fish) never crashes on a name like
  `Ada [/] Okafor` and never emits control characters. `export` keeps top-level unknown keys.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
import typer

from mentorlog.storage import commit
from mentorlog.storage.store import Store
from tests._reliability import FORBIDDEN, POSIX, figure, one_clean_error, seed_sample
from tests.helpers import run, snapshot

pytestmark = POSIX


def modes(directory: Path) -> dict[str, int]:
    return {
        str(p.relative_to(directory)): stat.S_IMODE(p.lstat().st_mode)
        for p in [directory, *directory.rglob("*")]
    }


# -- links -----------------------------------------------------------------------------------


def test_a_symlinked_backups_folder_is_refused_and_its_target_untouched(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_sample(home)
    elsewhere = tmp_path / "elsewhere"
    (home / "backups").rename(elsewhere)
    (elsewhere / "notes.txt").write_text("someone's notes", encoding="utf-8")
    (elsewhere / ".notes.txt.0000aaaa.tmp").write_text("theirs too", encoding="utf-8")
    elsewhere.chmod(0o755)
    (elsewhere / "notes.txt").chmod(0o644)
    (home / "backups").symlink_to(elsewhere)
    before, mode_before = snapshot(tmp_path), modes(elsewhere)
    for args in (("goal", "add", "New goal"), ("undo", "--yes")):
        result = run(*args)
        assert one_clean_error(result, (3,), max_lines=1) == [], result.stderr
        assert "symbolic link" in result.stderr
    assert snapshot(tmp_path) == before
    assert modes(elsewhere) == mode_before
    figure(
        capsys,
        "outside the journal: a symlinked backups/, a data file that is a link, links to "
        "others' files, a symlinked config: refused or left alone, 0 modes changed outside; "
        "config set leaves its folder's mode; --data-dir '' exit 2; -o inside the journal "
        "refused for export and review",
    )


def test_a_data_file_that_is_a_link_is_refused(home: Path, tmp_path: Path) -> None:
    seed_sample(home)
    real = tmp_path / "dotfiles" / "goals.json"
    real.parent.mkdir()
    (home / "goals.json").rename(real)
    real.chmod(0o644)
    (home / "goals.json").symlink_to(real)
    before = snapshot(tmp_path)
    result = run("goal", "add", "New goal")
    assert one_clean_error(result, (3,), max_lines=1) == [], result.stderr
    assert "goals.json is a symbolic link" in result.stderr
    assert snapshot(tmp_path) == before
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    assert (home / "goals.json").is_symlink()


def test_a_link_to_another_file_inside_the_journal_is_left_alone(
    home: Path, tmp_path: Path
) -> None:
    seed_sample(home)
    theirs = tmp_path / "theirs.txt"
    theirs.write_text("public", encoding="utf-8")
    theirs.chmod(0o644)
    (home / "readme.txt").symlink_to(theirs)
    (home / "backups" / "link.json").symlink_to(theirs)
    assert run("goal", "add", "New goal").exit_code == 0
    assert stat.S_IMODE(theirs.stat().st_mode) == 0o644
    assert theirs.read_text(encoding="utf-8") == "public"


def test_a_symlinked_drafts_folder_is_refused(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_sample(home)
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    elsewhere.chmod(0o755)
    (home / "drafts").symlink_to(elsewhere)
    monkeypatch.setenv("VISUAL", "true")
    result = run("meet", "Ada", "--edit")
    assert one_clean_error(result, (3,), max_lines=1) == [], result.stderr
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755
    assert list(elsewhere.iterdir()) == []


def test_config_set_never_changes_the_folder_or_follows_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "home"
    folder.mkdir()
    folder.chmod(0o755)
    monkeypatch.setenv("MENTORLOG_CONFIG", str(folder / "x.toml"))
    assert run("config", "set", "backups", "5").exit_code == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755  # like $HOME with MENTORLOG_CONFIG=~/x
    assert stat.S_IMODE((folder / "x.toml").stat().st_mode) == 0o600
    # a config kept by a dotfiles manager
    dotfiles = tmp_path / "dotfiles" / "mentorlog.toml"
    dotfiles.parent.mkdir()
    dotfiles.write_text("backups = 4\n", encoding="utf-8")
    dotfiles.chmod(0o644)
    (folder / "link.toml").symlink_to(dotfiles)
    monkeypatch.setenv("MENTORLOG_CONFIG", str(folder / "link.toml"))
    before = snapshot(tmp_path)
    result = run("config", "set", "backups", "6")
    assert one_clean_error(result, (3,), max_lines=1) == [], result.stderr
    assert "symbolic link" in result.stderr
    assert snapshot(tmp_path) == before
    assert stat.S_IMODE(dotfiles.stat().st_mode) == 0o644
    assert run("config", "show").exit_code == 0  # reading through it is fine


@pytest.mark.parametrize("args", [("--data-dir", ""), ("--data-dir=",), ("--data-dir", " ")])
def test_an_empty_data_dir_is_bad_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args, "goal", "add", "Here?")
    assert one_clean_error(result, (2,), max_lines=1) == [], result.stderr
    assert "--data-dir" in result.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "journal"] or not list(tmp_path.iterdir())
    assert not (tmp_path / "goals.json").exists()


@pytest.mark.parametrize("command", [("export",), ("export", "--format", "markdown"), ("review",)])
@pytest.mark.parametrize("where", ["goals.json", "backups/r.md", "drafts/r.md"])
def test_exports_and_reviews_are_never_written_inside_the_journal(
    home: Path, command: tuple[str, ...], where: str
) -> None:
    seed_sample(home)
    (home / "drafts").mkdir(exist_ok=True)
    before = snapshot(home)
    target = home / where
    if command == ("review",):
        target = target.with_suffix(".md")
    result = run(*command, "--output", str(target))
    assert one_clean_error(result, (1,), max_lines=1) == [], result.stderr
    assert "journal's own folder" in result.stderr
    assert snapshot(home) == before


# -- Ctrl-C, MENTORLOG_DEBUG -----------------------------------------------------------------


def test_ctrl_c_before_the_commit_point_changes_nothing(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_sample(home)
    before = snapshot(home)
    monkeypatch.setattr(commit, "committed_here", False)

    def interrupt(*args: Any, **kw: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(commit.atomic, "write_temp", interrupt)
    result = run("goal", "add", "New goal")
    assert result.exit_code == 130
    assert result.stderr == "mentorlog: Interrupted; nothing was changed.\n"
    assert {k: v for k, v in snapshot(home).items() if "lock" not in k} == {
        k: v for k, v in before.items() if "lock" not in k
    }


def test_ctrl_c_after_the_commit_point_says_the_change_was_saved(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_sample(home)
    monkeypatch.setattr(commit, "committed_here", False)

    commit_files = commit.commit

    def commit_then_interrupt(*args: Any, **kwargs: Any) -> None:
        commit_files(*args, **kwargs)
        raise KeyboardInterrupt  # Ctrl-C just after the commit point

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(commit, "commit", commit_then_interrupt)
        result = run("goal", "add", "New goal")
    assert result.exit_code == 130
    assert result.stderr == "mentorlog: Interrupted; the change had already been saved.\n"
    assert "New goal" in [g.title for g in Store(home).journal().goals]
    assert run("undo", "--yes").exit_code == 0  # and it is in the history


def test_ctrl_c_at_a_question_exits_130(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed_sample(home)
    monkeypatch.setattr(commit, "committed_here", False)
    monkeypatch.setattr("mentorlog.cli._confirm.interactive", lambda: True)

    def ctrl_c(*args: Any, **kw: Any) -> bool:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise typer.Abort from None  # what a prompt raises on Ctrl-C

    monkeypatch.setattr(typer, "confirm", ctrl_c)
    before = snapshot(home)
    result = run("undo")
    assert result.exit_code == 130
    assert result.stderr.endswith("mentorlog: Interrupted; nothing was changed.\n")
    assert snapshot(home) == before


@pytest.mark.parametrize("value", ["false", "0", "no", "off", "False", ""])
def test_mentorlog_debug_off_means_off(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("MENTORLOG_DEBUG", value)
    result = run("goal", "show", "nothing-here")
    assert one_clean_error(result, (1,), max_lines=1) == [], result.stderr


def test_mentorlog_debug_on_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORLOG_DEBUG", "yes")
    with pytest.raises(Exception, match="No goal"):
        run("goal", "show", "nothing-here")


# -- completion ------------------------------------------------------------------------------

HOSTILE = ["Ada [/] Okafor", "Bo [bold]Lee[/bold]", "Cy :smile: Ng", "Di \\", "Ed [link=x]y"]


def complete(monkeypatch: pytest.MonkeyPatch, shell: str, line: str) -> str:
    with monkeypatch.context() as env:
        env.setenv("_MENTORLOG_COMPLETE", f"complete_{shell}")
        env.setenv("COMP_WORDS", line)
        env.setenv("COMP_CWORD", str(len(line.split(" ")) - 1))
        env.setenv("_TYPER_COMPLETE_ARGS", line)
        env.setenv("_TYPER_COMPLETE_FISH_ACTION", "get-args")
        result = run()
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_never_crashes_on_markup_and_never_emits_controls(
    home: Path, monkeypatch: pytest.MonkeyPatch, shell: str
) -> None:
    for name in HOSTILE:
        assert run("mentor", "add", name).exit_code == 0
    assert run("goal", "add", "Lead [/] teams").exit_code == 0
    mentors = home / "mentors.json"  # and one edited by hand, with control characters
    mentors.write_text(
        mentors.read_text(encoding="utf-8").replace("Di \\\\", "Di \\u001b[2J\\u0007"),
        encoding="utf-8",
    )
    assert any("\x1b[2J" in m.name for m in Store(home).journal().mentors)
    shown = complete(monkeypatch, shell, "mentorlog mentor show ")
    assert not FORBIDDEN.search(shown)
    assert "ada-okafor" in shown
    if shell != "bash":  # the shells that show a help text show the name as typed
        assert "Ada [/] Okafor" in shown
        assert "Bo [bold]Lee[/bold]" in shown
        assert "\N{SMILING FACE WITH OPEN MOUTH AND SMILING EYES}" not in shown
    typed = complete(monkeypatch, shell, "mentorlog mentor show D")
    assert "di-2j" in typed.casefold()
    assert not FORBIDDEN.search(typed)
    goals = complete(monkeypatch, shell, "mentorlog goal show ")
    assert "lead-teams" in goals


# -- export as a backup ----------------------------------------------------------------------


def test_export_keeps_the_top_level_keys_it_does_not_know(home: Path) -> None:
    seed_sample(home)
    for name, value in (("goals.json", {"plan": [1, {"a": None}]}), ("mentors.json", "kept")):
        document = json.loads((home / name).read_bytes())
        document["from_the_future"] = value
        (home / name).write_text(json.dumps(document, indent=2), encoding="utf-8")
    exported = json.loads(run("export").stdout)
    assert exported["unknown"] == {
        "goals.json": {"from_the_future": {"plan": [1, {"a": None}]}},
        "mentors.json": {"from_the_future": "kept"},
    }
