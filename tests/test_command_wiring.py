"""The root command finds its commands through Click's public `list_commands` /
`get_command`: each command module is imported when that command runs, and a command added
the ordinary way (`@app.command`) works beside them."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer

from mentorlog.cli.app import COMMANDS, app
from tests.helpers import run


def test_a_command_registered_with_app_command_runs_and_is_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(app, "registered_commands", list(app.registered_commands))

    @app.command("hello")
    def hello(name: str = "you") -> None:
        """Say hello."""
        typer.echo(f"hello {name}")

    result = run("hello", "--name", "Zoë")
    assert (result.exit_code, result.stdout) == (0, "hello Zoë\n")
    listing = run("--help").stdout
    assert "hello" in listing
    assert listing.index("config") < listing.index("hello")  # after the built-in ones


def test_a_sub_app_added_with_add_typer_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app, "registered_groups", list(app.registered_groups))
    extra = typer.Typer()

    @extra.command("ping")
    def ping() -> None:
        typer.echo("pong")

    @extra.command("pong")
    def pong() -> None:
        typer.echo("ping")

    app.add_typer(extra, name="extra")
    assert run("extra", "ping").stdout == "pong\n"


def test_every_lazy_command_loads_and_has_help() -> None:
    for name in COMMANDS:
        result = run(name, "--help")
        assert result.exit_code == 0, (name, result.output)
        assert f"mentorlog {name}" in result.stdout


def test_a_mistyped_command_gets_a_suggestion() -> None:
    result = run("mentr", "list")
    assert result.exit_code == 2
    assert "No such command 'mentr'. Did you mean 'mentor'" in result.stderr


def test_a_command_imports_only_its_own_module() -> None:
    code = (
        "import sys\n"
        "from mentorlog.cli.app import app\n"
        "try:\n"
        "    app(['config', 'path'], prog_name='mentorlog')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('mentorlog.cli.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    loaded = done.stdout.strip().splitlines()[-1]
    assert "mentorlog.cli.config_cmd" in loaded
    for module in ("mentorlog.cli.meet", "mentorlog.cli.review", "mentorlog.cli.goal"):
        assert module not in loaded


def test_help_paragraphs_have_no_line_break_inside_them() -> None:
    """Typer's Rich help keeps a docstring's line breaks: a paragraph must be one line, or a
    sentence would break mid-line in `--help` (the terminal wraps it instead)."""
    root = typer.main.get_command(app)
    context = root.make_context("mentorlog", [])
    found = []

    def walk(command: object, path: str) -> None:
        for paragraph in (getattr(command, "help", None) or "").split("\n\n"):
            if "\n" in paragraph and not paragraph.startswith("\b"):
                found.append(f"{path}: {paragraph[:40]!r}")
        names = getattr(command, "list_commands", lambda _: [])(context)
        for name in names:
            walk(command.get_command(context, name), f"{path} {name}")  # type: ignore[attr-defined]

    walk(root, "mentorlog")
    assert len(COMMANDS) > 15
    assert not found
