"""One way to emit a result: a JSON document on stdout, or a rendering of it."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import GenericAlias
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from mentorlog.cli._context import AppContext
from mentorlog.errors import BadInput, Refused

if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.console import Console, RenderableType
    from rich.text import Text

    from mentorlog.journal.state import Journal


def check_output_file(output: Path, data_dir: Path, what: str) -> None:
    """An `--output FILE` that can be written, and not inside the journal's directory.

    Everything in the data directory is mentorlog's own (a file there could replace a data
    file, or be taken for one); an export or a review is written somewhere else.
    """

    if output.is_dir():
        raise BadInput(f"{output} is a directory; give a file name to --output.")
    parent = output.absolute().parent
    if not parent.is_dir():
        raise BadInput(f"The folder {parent} does not exist; create it first.")
    journal = data_dir.resolve()
    target = parent.resolve() / output.name
    if target == journal or journal in target.parents:
        raise Refused(
            f"Will not write {what} inside the journal's own folder ({journal}); "
            "choose another place."
        )


Document: TypeAlias = "BaseModel | dict[str, Any] | list[Any]"


def emit(
    app: AppContext,
    document: Document | Callable[[], Document],
    show: Callable[[], RenderableType | None] | None = None,
    *,
    as_json: bool,
) -> None:
    """The one way a command shows its result.

    With `--json`: `document` (the shape `cli/views.py` registers for the command), as one
    JSON document on stdout, no colour, no decoration; a callable is called for it only then.
    Without: `show()`, which returns a renderable to print, or prints its lines itself (and
    returns None); no `show`, nothing is shown.
    """
    if as_json:
        _print_json(document() if callable(document) else document)
    elif show is not None:
        renderable = show()
        if renderable is not None:
            app.console.print(renderable)


Record = TypeVar("Record")
View = TypeVar("View", bound="BaseModel")


def show_record(
    app: AppContext,
    ref: str,
    resolve: Callable[[Journal, str], Record],
    view: Callable[[Journal, Record], View],
    render: Callable[[View], RenderableType],
    *,
    as_json: bool,
) -> None:
    """A `show` command: the record `ref` names in the journal as read (no lock), its view,
    emitted as JSON or rendered."""
    journal = app.store().journal()
    shown = view(journal, resolve(journal, ref))
    emit(app, shown, lambda: render(shown), as_json=as_json)


def emit_list(
    app: AppContext,
    kind: type[BaseModel],
    rows: Sequence[BaseModel],
    show: Callable[[], RenderableType | None] | None = None,
    *,
    as_json: bool,
) -> None:
    """A list command's `emit`: with `--json`, the rows as one JSON array of `kind`."""
    emit(app, lambda: json_list(kind, rows), show, as_json=as_json)


def json_list(kind: type[BaseModel], items: Sequence[BaseModel]) -> BaseModel:
    """A list command's `--json` document: the views listed, as one JSON array of `kind`
    (docs/json.md), made the same way for every list."""
    from pydantic import RootModel

    root: Any = RootModel
    document: BaseModel = root[GenericAlias(list, (kind,))](list(items))
    return document


def _print_json(document: Document) -> None:
    from pydantic import BaseModel

    if isinstance(document, BaseModel):
        text = document.model_dump_json(indent=2)
    else:
        text = json.dumps(document, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write(text + "\n")


def print_text(console: Console, line: Text) -> None:
    """`line` wrapped at words to the console's width, without the space a wrap leaves at the
    end of a line (noise in a confirmation that is pasted or piped)."""
    for part in line.wrap(console, console.width):
        part.rstrip()
        console.print(part)


def warn(app: AppContext, *parts: Any) -> None:
    """A warning on stderr; parts are Rich Text or plain strings (plain strings are not markup)."""
    from rich.text import Text

    line = Text("warning: ", style="bold yellow", end="")
    for part in parts:
        line.append(part if isinstance(part, Text) else Text(str(part)))
    print_text(app.err_console, line)


def say(app: AppContext, *parts: Any) -> None:
    """A confirmation line on stdout, built from literal parts."""
    from rich.text import Text

    line = Text(end="")
    for part in parts:
        if part == "." and line.plain.rstrip().endswith(_ENDS_A_SENTENCE):
            continue  # "Added topic …: Which conference?" takes no full stop after the question
        line.append(part if isinstance(part, Text) else Text(str(part)))
    print_text(app.console, line)


_ENDS_A_SENTENCE = (".", "!", "?", "…", "。", "？", "！")
