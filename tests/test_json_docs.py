"""The `--json` contract: every command that takes `--json` is in the registry
(mentorlog/cli/views.py), prints a document of the registered shape, and docs/json.md,
generated from the registry, is up to date."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter
from typer.main import get_command

from mentorlog.cli.app import app
from mentorlog.cli.views import VIEWS, schema, view
from tests.helpers import run

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "gen_json_doc.py"


def generator() -> Any:
    spec = importlib.util.spec_from_file_location("gen_json_doc", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def commands_taking_json() -> set[str]:
    """Every command path of the app (`goal list`) that has a `--json` option."""
    found: set[str] = set()
    root = get_command(app)
    ctx = root.make_context("mentorlog", [], resilient_parsing=True)

    def walk(command: Any, path: list[str]) -> None:
        if any("--json" in getattr(param, "opts", []) for param in command.params):
            found.add(" ".join(path))
        if hasattr(command, "list_commands"):
            for name in command.list_commands(ctx):
                walk(command.get_command(ctx, name), [*path, name])

    walk(root, [])
    return found


def test_docs_json_md_is_generated_from_the_registry() -> None:
    current = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    assert current == generator().document(), (
        "docs/json.md is out of date: run `python scripts/gen_json_doc.py`"
    )


def test_every_command_taking_json_is_registered() -> None:
    assert commands_taking_json() == {entry.command for entry in VIEWS}


def test_the_schema_of_a_command_is_at_hand() -> None:
    assert '"dry_run"' in schema("undo")
    with pytest.raises(KeyError):
        view("no such command")


@pytest.fixture
def sample(home: Path) -> Path:
    """The demo's sample journal in the test's journal directory."""
    assert run("demo", "--keep", str(home)).exit_code == 0
    return home


def printed(*args: str) -> str:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_each_command_prints_its_registered_shape(sample: Path, tmp_path: Path) -> None:
    meeting = TypeAdapter(view("meeting list").shape).validate_json(printed("meeting", "list"))
    backup = tmp_path / "backup.json"
    assert run("export", "--format", "json", "--output", str(backup)).exit_code == 0
    cases: dict[str, tuple[str, ...]] = {
        "status": ("status",),
        "nudge": ("nudge",),
        "search": ("search", "talk"),
        "review": ("review",),
        "import": ("import", str(backup), "--dry-run"),
        "goal list": ("goal", "list", "--all"),
        "goal show": ("goal", "show", "become"),
        "milestone list": ("milestone", "list", "--all"),
        "mentor list": ("mentor", "list", "--all"),
        "mentor show": ("mentor", "show", "ada"),
        "meeting list": ("meeting", "list"),
        "meeting show": ("meeting", "show", meeting[0].id),
        "action list": ("action", "list", "--all"),
        "reflection list": ("reflection", "list"),
        "config show": ("config", "show"),
        "goal add": ("goal", "add", "Learn to say no", "--why", "focus"),
        "milestone add": ("milestone", "add", "become", "Book a venue"),
        "mentor add": ("mentor", "add", "Zoë Fernández-García", "--why", "w", "--hope", "h"),
        "action add": ("action", "add", "Send the slides", "--mentor", "ada"),
        "meet": ("meet", "ada", "--duration", "30m", "--takeaway", "Say less"),
        "undo": ("undo", "--dry-run"),
        "topic add": ("topic", "add", "ada", "Ask about pricing"),
        "topic list": ("topic", "list", "--all"),
        "prep": ("prep", "ada"),
        "followup": ("followup", "ada"),
        "sync status": ("sync", "status"),
        "sync conflicts": ("sync", "conflicts"),
    }
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    cases["sync init"] = ("sync", "init", str(remote))  # then a journal that syncs:
    cases["sync"] = ("sync", "--dry-run")
    reflections = TypeAdapter(view("reflection list").shape).validate_json(
        printed("reflection", "list")
    )
    cases["reflection show"] = ("reflection", "show", reflections[0].id)
    cases["encrypt"] = ("encrypt",)  # last: the journal encrypted, then decrypted again
    cases["decrypt"] = ("decrypt",)
    assert set(cases) == {entry.command for entry in VIEWS}
    for command, args in cases.items():
        shape = view(command).shape
        document = TypeAdapter(shape).validate_json(printed(*args))
        assert document is not None, command
