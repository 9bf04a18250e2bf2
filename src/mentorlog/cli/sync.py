"""`mentorlog sync [init|status|conflicts]`: the journal on several machines through git."""

from __future__ import annotations

from typing import Annotated

import typer
from pydantic import BaseModel, Field

from mentorlog.cli._context import app_context, command_name
from mentorlog.cli._options import Json, flag
from mentorlog.cli._output import emit, print_text, say
from mentorlog.errors import NotFound
from mentorlog.sync import conflicts as log
from mentorlog.sync.conflicts import ConflictEntry

app = typer.Typer(
    help="Sync with your own git remote: commit local changes, fetch, merge record by record, "
    'push. Set it up with `mentorlog sync init REMOTE` (README, "On several machines").',
    invoke_without_command=True,
)

DryRun = Annotated[
    bool, flag("Say what would change on this machine; change nothing.", "--dry-run")
]


@app.callback()
def sync(ctx: typer.Context, dry_run: DryRun = False, as_json: Json = False) -> None:
    """Commit local changes, fetch, merge record by record, push."""
    if ctx.invoked_subcommand is not None:
        return
    from mentorlog.render.sync import outcome_lines
    from mentorlog.sync.engine import sync as run_sync

    app_ctx = app_context(ctx)
    outcome = run_sync(app_ctx.store(command_name(ctx)), dry_run=dry_run)
    emit(
        app_ctx,
        outcome,
        lambda: print_text(app_ctx.console, outcome_lines(outcome)),
        as_json=as_json,
    )


@app.command("init")
def init(
    ctx: typer.Context,
    remote: Annotated[
        str | None,
        typer.Argument(
            help="A git URL or path: a private repository, a shared folder, an SSH host."
        ),
    ] = None,
    join: Annotated[
        bool, flag("Merge this journal with a remote one it was never synced with.", "--join")
    ] = False,
    dry_run: DryRun = False,
    as_json: Json = False,
) -> None:
    """Make the journal a git repository; publish it to REMOTE, or bring in the journal there."""
    from mentorlog.render.sync import init_lines
    from mentorlog.sync.setup import init as run_init

    app_ctx = app_context(ctx)
    store = app_ctx.store("mentorlog sync init")
    outcome = run_init(store, remote, join=join, dry_run=dry_run)
    emit(
        app_ctx, outcome, lambda: print_text(app_ctx.console, init_lines(outcome)), as_json=as_json
    )


@app.command("status")
def status(ctx: typer.Context, as_json: Json = False) -> None:
    """Commits to send and to bring in (as of the last fetch), uncommitted files, last sync."""
    from mentorlog.render.sync import status_lines
    from mentorlog.sync.status import sync_status

    app_ctx = app_context(ctx)
    report = sync_status(app_ctx.store())
    emit(
        app_ctx, report, lambda: print_text(app_ctx.console, status_lines(report)), as_json=as_json
    )


class ConflictList(BaseModel):
    conflicts: list[ConflictEntry] = Field(default_factory=list)
    dismissed: list[str] = Field(default_factory=list)


@app.command("conflicts")
def conflicts(
    ctx: typer.Context,
    dismiss: Annotated[
        list[str] | None,
        typer.Option(
            "--dismiss",
            help="Dismiss a conflict by id prefix (repeatable), or `all`.",
            metavar="ID",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """What merges had to choose between, with both values; dismiss once settled."""
    from mentorlog.render.sync import conflict_lines

    app_ctx = app_context(ctx)
    store = app_ctx.store(command_name(ctx))
    if dismiss:
        if not log.open_entries(store.root):
            raise NotFound("There are no sync conflicts to dismiss.")
        with store.locked():
            chosen = log.dismiss(store.root, dismiss)
        noun = "conflict" if len(chosen) == 1 else "conflicts"
        dismissed = ConflictList(dismissed=[e.id for e in chosen])
        done = f"Dismissed {len(chosen)} {noun} on this machine."
        emit(app_ctx, dismissed, lambda: say(app_ctx, done), as_json=as_json)
        return
    entries = log.open_entries(store.root)
    document = ConflictList(conflicts=entries)
    emit(
        app_ctx,
        document,
        lambda: print_text(app_ctx.console, conflict_lines(entries)),
        as_json=as_json,
    )
