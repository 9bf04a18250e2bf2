"""Write docs/commands.md from the app's own `--help` texts (or check it is up to date).

python scripts/gen_commands_doc.py          # regenerate
python scripts/gen_commands_doc.py --check  # exit 1 if out of date or a command lacks help
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ["TYPER_USE_RICH"] = "0"  # plain help text: stable, width-independent, diff-friendly
os.environ["COLUMNS"] = "100"

import typer
from typer.core import TyperGroup

from mentorlog.cli.app import app

TARGET = Path(__file__).resolve().parent.parent / "docs" / "commands.md"
HEADER = """\
# Command reference

Generated from `mentorlog --help` by `scripts/gen_commands_doc.py`; do not edit by hand.
A test fails when this file is out of date or a command has no help text.

"""


def walk(command: object, ctx: object, path: list[str]) -> list[tuple[list[str], str, str]]:
    """(command path, help page, first line of help) for every command, depth first."""
    import typer.core

    found = []
    help_page = command.get_help(ctx)  # type: ignore[attr-defined]
    summary = (getattr(command, "help", None) or "").strip()
    found.append((path, help_page, summary))
    if isinstance(command, TyperGroup):
        for name in command.list_commands(ctx):  # type: ignore[arg-type]
            sub = command.get_command(ctx, name)  # type: ignore[arg-type]
            if sub is None or getattr(sub, "hidden", False):
                continue
            sub_ctx = typer.core._click.Context(sub, info_name=name, parent=ctx)  # type: ignore[attr-defined]
            found.extend(walk(sub, sub_ctx, [*path, name]))
    return found


def render() -> tuple[str, list[str]]:
    command = typer.main.get_command(app)
    ctx = typer.core._click.Context(command, info_name="mentorlog")  # type: ignore[attr-defined]
    pages = walk(command, ctx, ["mentorlog"])
    missing = [" ".join(path) for path, _, summary in pages if not summary]
    parts = [HEADER]
    parts.append("\n".join(f"- [`{' '.join(p)}`](#{'-'.join(p)})" for p, _, _ in pages) + "\n")
    for path, page, _ in pages:
        parts.append(f'\n<a id="{"-".join(path)}"></a>\n\n## `{" ".join(path)}`\n\n```text\n')
        parts.append(page.rstrip() + "\n```\n")
    return "".join(parts), missing


def main() -> int:
    text, missing = render()
    if "--check" in sys.argv:
        problems = []
        if missing:
            problems.append(f"commands without help text: {', '.join(missing)}")
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            problems.append(f"{TARGET} is out of date: run python scripts/gen_commands_doc.py")
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
