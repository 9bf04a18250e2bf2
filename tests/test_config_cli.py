"""The CLI foundation: --version, `config`, and the single exit point (one line, right code)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import tomllib

from mentorlog import __version__
from mentorlog.config import Config, keys
from tests.helpers import run, snapshot

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.10
    import tomli as tomllib

HEAVY = ("rich", "pydantic", "typer", "click")


@pytest.fixture
def config_file() -> Path:
    return Path(os.environ["MENTORLOG_CONFIG"])


def python(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
    )


def one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("mentorlog: ")
    assert "Traceback" not in stderr
    return lines[0]


# -- --version ---------------------------------------------------------------------------


def test_version_option_prints_the_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"mentorlog {__version__}\n"


def test_python_dash_m_version() -> None:
    done = python("-m", "mentorlog", "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"mentorlog {__version__}\n"
    assert done.stderr == ""


def test_version_imports_no_rich_console_nor_pydantic() -> None:
    script = textwrap.dedent(
        """
        import json, sys
        sys.argv = ["mentorlog", "--version"]
        from mentorlog.cli import main
        main()
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in HEAVY)
        sys.stderr.write(json.dumps(heavy))
        """
    ).replace("HEAVY", repr(HEAVY))
    done = python("-c", script)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"mentorlog {__version__}\n"
    assert json.loads(done.stderr) == []


def test_version_importtime_shows_no_heavy_module() -> None:
    done = python("-X", "importtime", "-m", "mentorlog", "--version")
    assert done.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "mentorlog" in imported  # the report is real
    assert "rich.console" not in imported
    assert not [name for name in imported if name.split(".")[0] in HEAVY]


# -- config ------------------------------------------------------------------------------


def test_config_path_is_the_environment_override(config_file: Path) -> None:
    result = run("config", "path")
    assert result.exit_code == 0
    assert result.stdout == f"{config_file}\n"
    assert not config_file.exists()


def test_config_keys_lists_every_setting() -> None:
    result = run("config", "keys")
    listed = result.stdout.split()
    assert listed == keys()
    assert {"focus_limit", "cadence.micro", "nudges.stale_prospect_days"} <= set(listed)


def test_config_show_prints_the_defaults_without_creating_a_file(config_file: Path) -> None:
    result = run("config", "show")
    assert result.exit_code == 0
    header, _, body = result.stdout.partition("\n")
    assert header == f"# {config_file}"
    assert tomllib.loads(body) == Config().model_dump(mode="json")
    assert not config_file.exists()
    shown = json.loads(run("config", "show", "--json").stdout)
    assert shown["focus_limit"] == 2
    assert shown["nudges"]["stale_prospect_days"] == 14


def test_config_set_writes_private_toml_atomically(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replaced: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        replaced.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    previous = os.umask(0)
    try:
        result = run("config", "set", "nudges.stale_prospect_days", "21")
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.stderr
    assert "nudges.stale_prospect_days = 21" in result.stdout
    [(source, destination)] = replaced
    assert destination == config_file
    assert source.parent == config_file.parent
    assert source.name.startswith(".config.toml.")
    assert stat.S_IMODE(config_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(config_file.parent.stat().st_mode) == 0o700
    assert tomllib.loads(config_file.read_text())["nudges"]["stale_prospect_days"] == 21
    assert sorted(p.name for p in config_file.parent.iterdir()) == ["config.toml"]
    assert json.loads(run("config", "show", "--json").stdout)["nudges"]["stale_prospect_days"] == 21


def test_config_set_keeps_earlier_settings(config_file: Path) -> None:
    assert run("config", "set", "focus_limit", "3").exit_code == 0
    assert run("config", "set", "cadence.micro", "2w").exit_code == 0
    saved = tomllib.loads(config_file.read_text())
    assert saved["focus_limit"] == 3
    assert saved["cadence"]["micro"] == "2w"


def test_config_set_unknown_key_is_one_line_exit_2(config_file: Path) -> None:
    result = run("config", "set", "focus_limt", "3")
    assert result.exit_code == 2
    line = one_error_line(result.stderr)
    assert "Unknown setting 'focus_limt'" in line
    assert "focus_limit" in line  # it lists the known ones
    assert not config_file.exists()


@pytest.mark.parametrize(
    ("key", "value"),
    [("focus_limit", "abc"), ("focus_limit", "0"), ("cadence.mentor", "sometimes"),
     ("lock_timeout", "601"), ("nudges.overdue_warn", "nan")],
)  # fmt: skip
def test_config_set_bad_value_is_exit_2_and_leaves_the_file(
    config_file: Path, key: str, value: str
) -> None:
    assert run("config", "set", "focus_limit", "4").exit_code == 0
    before = config_file.read_bytes()
    result = run("config", "set", key, value)
    assert result.exit_code == 2
    assert f"Bad value for '{key}'" in one_error_line(result.stderr)
    assert result.stdout == ""
    assert config_file.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [
        b"focus_limit = [",
        b"focus_limit = 99\n",
        b"colour = 'blue'\n",
        b"\xff\xfe",
        b"[nudges]\nx=1",
    ],
)
@pytest.mark.parametrize("command", [("config", "show"), ("config", "set", "backups", "5"), ()])
def test_a_corrupt_config_file_is_one_line_naming_it(
    config_file: Path, content: bytes, command: tuple[str, ...]
) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_bytes(content)
    result = run(*command)
    assert result.exit_code == 2
    assert str(config_file) in one_error_line(result.stderr)
    assert result.stdout == ""
    assert config_file.read_bytes() == content


# -- the exit point ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [("--bogus",), ("config", "show", "--bogus"), ("nonsense-command",), ("config", "set")]
)
def test_usage_errors_are_one_line_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    line = one_error_line(result.stderr)
    assert "--help" in line


def test_unknown_option_in_a_real_process_is_one_line() -> None:
    done = python("-m", "mentorlog", "--bogus")
    assert done.returncode == 2
    assert "No such option" in one_error_line(done.stderr)
    assert done.stdout == ""


BOOM = textwrap.dedent(
    """
    import sys
    import mentorlog.config

    def boom():
        raise RuntimeError("boom: a bug")

    mentorlog.config.keys = boom
    sys.argv = ["mentorlog", *sys.argv[1:]]
    from mentorlog.cli import main
    main()
    """
)


def test_an_unexpected_error_is_one_line_without_traceback() -> None:
    done = python("-c", BOOM, "config", "keys")
    assert done.returncode == 70
    line = one_error_line(done.stderr)
    assert "internal error (RuntimeError)" in line
    assert "--debug" in line
    assert "boom" not in line  # the exception's text may carry user data


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--debug", "config", "keys"), {}), (("config", "keys"), {"MENTORLOG_DEBUG": "1"})],
)
def test_debug_shows_the_traceback(args: tuple[str, ...], env: dict[str, str]) -> None:
    done = python("-c", BOOM, *args, env=env)
    assert done.returncode != 0
    assert "Traceback (most recent call last)" in done.stderr
    assert "RuntimeError: boom: a bug" in done.stderr


def test_debug_as_a_value_is_not_a_request_for_tracebacks() -> None:
    # after `--`, "--debug" is the VALUE of `config set`, as it could be a note's text
    done = python("-c", BOOM, "config", "set", "--", "focus_limit", "--debug")
    assert done.returncode == 70
    assert "internal error (RuntimeError)" in one_error_line(done.stderr)


def test_errors_never_echo_note_contents(home: Path) -> None:
    sentinel = "NOTE-SENTINEL-d41d8c"
    home.mkdir()
    meeting = {
        "id": "0a1b2c3d",
        "created": "2026-11-01T09:00:00+00:00",
        "updated": "2026-11-01T09:00:00+00:00",
        "mentor": "1a2b3c4d",
        "date": "2026-11-01",
        "notes": [sentinel, f"{sentinel} again"],
        "takeaways": [sentinel],
        "rating": sentinel,
    }
    path = home / "meetings-2026.json"
    path.write_text(json.dumps({"schema_version": 1, "meetings": [meeting]}, indent=2))
    before = snapshot(home)
    result = run()
    assert result.exit_code == 3
    line = one_error_line(result.stderr)
    assert "meetings-2026.json" in line
    assert "record 1 (id 0a1b2c3d)" in line
    assert sentinel not in result.output
    # the same with a syntax error right inside the note
    assert snapshot(home) == before
    path.write_text(path.read_text().replace(f'"{sentinel} again"', f'"{sentinel} "again"'))
    before = snapshot(home)
    result = run()
    assert result.exit_code == 3
    assert "line " in one_error_line(result.stderr)
    assert sentinel not in result.output
    assert snapshot(home) == before
