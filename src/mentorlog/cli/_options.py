"""Options shared by many commands, defined once (as sqlite-utils' `output_options`)."""

from __future__ import annotations

from typing import Annotated, Any

import typer


def json_option(help: str = "Print JSON.") -> Any:
    """`--json`: print the command's view as JSON (docs/json.md) instead of a rendering."""
    return typer.Option("--json", help=help)


Json = Annotated[bool, json_option()]
JsonList = Annotated[bool, json_option("Print a JSON list.")]
