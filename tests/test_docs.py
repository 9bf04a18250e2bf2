"""The command reference cannot drift from the app, and every command has help text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_command_reference_is_generated_from_the_current_app() -> None:
    env = {**os.environ, "TYPER_USE_RICH": "0"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_commands_doc.py"), "--check"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_every_top_level_command_is_in_the_reference() -> None:
    import typer

    from mentorlog.cli.app import app

    group = typer.main.get_command(app)
    text = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    names = group.list_commands(None)  # type: ignore[arg-type]
    assert names, "the app has no commands"
    for name in names:
        assert f"## `mentorlog {name}`" in text
