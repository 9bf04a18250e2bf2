"""The stack floor S: the smallest app on mentorlog's stack (Typer + Rich + Pydantic).

Two commands, so Typer builds a real group; `show` validates one small Pydantic model and prints
it as a Rich table. No command of mentorlog can start faster than this without leaving the
stack, so `benchmarks/startup.py` reports mentorlog's start-up as a ratio to it.

    python benchmarks/floor_app.py show
"""

from __future__ import annotations

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False)


class Item(BaseModel):
    name: str
    count: int


@app.command()
def show() -> None:
    """Print one validated record as a table."""
    item = Item.model_validate({"name": "floor", "count": 1})
    table = Table("name", "count")
    table.add_row(item.name, str(item.count))
    Console().print(table)


@app.command()
def other() -> None:
    """A second command, so the app is a group like mentorlog's."""
    typer.echo("other")


if __name__ == "__main__":
    app()
