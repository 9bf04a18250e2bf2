"""One way to emit a result: a JSON document on stdout, or a rendering of it."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mentorlog.cli._context import AppContext

if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.console import RenderableType


def print_json(document: BaseModel | dict[str, Any] | list[Any]) -> None:
    """One JSON document on stdout: no colour, no decoration."""
    from pydantic import BaseModel

    if isinstance(document, BaseModel):
        text = document.model_dump_json(indent=2)
    else:
        text = json.dumps(document, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write(text + "\n")


def emit(
    app: AppContext,
    document: BaseModel,
    render: Callable[[], RenderableType | None],
    *,
    as_json: bool,
) -> None:
    if as_json:
        print_json(document)
        return
    renderable = render()
    if renderable is not None:
        app.console.print(renderable)


def warn(app: AppContext, *parts: Any) -> None:
    """A warning on stderr; parts are Rich Text or plain strings (plain strings are not markup)."""
    from rich.text import Text

    line = Text("warning: ", style="bold yellow", end="")
    for part in parts:
        line.append(part if isinstance(part, Text) else Text(str(part)))
    app.err_console.print(line)


def say(app: AppContext, *parts: Any) -> None:
    """A confirmation line on stdout, built from literal parts."""
    from rich.text import Text

    line = Text(end="")
    for part in parts:
        line.append(part if isinstance(part, Text) else Text(str(part)))
    app.console.print(line)
