"""The base of every computed view (and its `--json` document), at the bottom of the layers:
`journal` and `insights` both build views on it (docs/architecture.md)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Output(BaseModel):
    """A view's validator is built on its first use: a command that imports a module of views
    pays nothing for the ones it does not show (building them costs more than the command)."""

    model_config = ConfigDict(defer_build=True)


class Ref(Output):
    """A record named in another one's view."""

    id: str
    name: str
