"""`mentorlog config show|set|path`."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli._context import app_context
from mentorlog.cli._options import Json
from mentorlog.cli._output import emit, say

app = typer.Typer(help="Show or change settings (a TOML file).", no_args_is_help=True)


@app.command("show")
def show(
    ctx: typer.Context,
    as_json: Json = False,
) -> None:
    """Print the settings in effect (defaults plus the config file)."""
    app_ctx = app_context(ctx)
    config = app_ctx.config  # loaded before printing anything: a bad file prints only the error

    def show() -> None:
        from mentorlog.config import dump_toml

        typer.echo(f"# {app_ctx.config_path}")
        typer.echo(dump_toml(config), nl=False)

    emit(app_ctx, config, show, as_json=as_json)


@app.command("set")
def set_(
    ctx: typer.Context,
    key: Annotated[
        str, typer.Argument(help="A setting, e.g. focus_limit or nudges.stale_prospect_days.")
    ],
    value: Annotated[str, typer.Argument(help="Its new value.")],
) -> None:
    """Change one setting; the file is written atomically and kept private (0600)."""
    from mentorlog.config import dump_toml, with_setting
    from mentorlog.storage.atomic import writable_config

    app_ctx = app_context(ctx)
    updated = with_setting(app_ctx.config, key, value)
    path = app_ctx.config_path
    writable_config(path, dump_toml(updated).encode("utf-8"))
    say(app_ctx, f"Set {key} = {value!s} in {path}")


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Print where the config file is (it may not exist yet)."""
    typer.echo(str(app_context(ctx).config_path))


@app.command("keys")
def keys_(ctx: typer.Context) -> None:
    """List every setting that `config set` accepts."""
    from mentorlog.config import keys

    for key in keys():
        typer.echo(key)
