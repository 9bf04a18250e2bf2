"""`mentorlog encrypt` and `mentorlog decrypt`: encryption at rest, on or off (docs/privacy.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import BaseModel

from mentorlog.cli._context import AppContext, app_context, command_name
from mentorlog.cli._options import Json, flag
from mentorlog.cli._output import emit, say, warn

if TYPE_CHECKING:
    from pathlib import Path

    from mentorlog.storage.encryption import Outcome


class EncryptionReport(BaseModel):
    """`encrypt --json` / `decrypt --json`."""

    data_dir: str
    encrypted: bool
    identity: str
    identity_protected: bool
    recipients: list[str]
    data_files: int
    backups: int
    drafts: int
    # A new key's secret: shown this once, never stored anywhere else than the identity file.
    recovery_key: str | None


def encrypt(
    ctx: typer.Context,
    passphrase: Annotated[
        bool,
        flag(
            "Protect the key file with a (new) passphrase, asked on the terminal or "
            "taken from MENTORLOG_NEW_PASSPHRASE; also how to change it.",
            "--passphrase",
        ),
    ] = False,
    rotate: Annotated[
        bool, flag("Make a new key and re-encrypt everything to it.", "--rotate")
    ] = False,
    as_json: Json = False,
) -> None:
    """Encrypt the journal with age: data, backups, undo history, drafts (README,
    "Encrypted at rest")."""
    from mentorlog.storage.encryption import turn_on

    app_ctx = app_context(ctx)
    store = app_ctx.store(command_name(ctx))
    outcome = turn_on(store, protect=passphrase, rotate=rotate)
    _report(app_ctx, store.root, outcome, encrypted=True, as_json=as_json, rekeyed=passphrase)


def decrypt(
    ctx: typer.Context,
    as_json: Json = False,
) -> None:
    """Turn encryption off: every file of the journal back to plaintext; safe to interrupt."""
    from mentorlog.storage.encryption import turn_off

    app_ctx = app_context(ctx)
    store = app_ctx.store(command_name(ctx))
    outcome = turn_off(store)
    _report(app_ctx, store.root, outcome, encrypted=False, as_json=as_json)


def _report(
    app_ctx: AppContext,
    root: Path,
    outcome: Outcome,
    *,
    encrypted: bool,
    as_json: bool,
    rekeyed: bool = False,
) -> None:
    changed = outcome.changed
    report = EncryptionReport(
        data_dir=str(root),
        encrypted=encrypted,
        identity=str(outcome.identity),
        identity_protected=outcome.protected,
        recipients=list(outcome.recipients),
        data_files=changed.data_files,
        backups=changed.backups,
        drafts=changed.drafts,
        recovery_key=outcome.recovery_key,
    )
    emit(
        app_ctx, report, lambda: _tell(app_ctx, root, outcome, encrypted, rekeyed), as_json=as_json
    )


def _tell(
    app_ctx: AppContext, root: Path, outcome: Outcome, encrypted: bool, rekeyed: bool
) -> None:
    """What `encrypt` / `decrypt` did; `rekeyed`: the key file got a new passphrase."""
    changed = outcome.changed
    rewrote = changed.data_files or changed.backups or changed.drafts
    if outcome.was_encrypted == encrypted and not (rewrote or rekeyed or outcome.recovery_key):
        # the state asked for is the journal's already: one line, as for either command
        if encrypted:
            state = f"already encrypted (key: {outcome.identity}); nothing to re-encrypt"
        else:
            state = "not encrypted; nothing to decrypt"
        say(app_ctx, f"The journal in {root} is {state}.")
        return
    counts = (
        f"{_count(changed.data_files, 'data file')}, {_count(changed.backups, 'backup')}, "
        f"{_count(changed.drafts, 'kept draft')}"
    )
    if not encrypted:
        say(app_ctx, f"Decrypted the journal in {root} ({counts}): it is plaintext on disk now.")
        say(app_ctx, f"Keep the key {outcome.identity}: copies made while encrypted need it.")
        return
    if not outcome.was_encrypted:
        say(app_ctx, f"Encrypted the journal in {root} ({counts}).")
    elif outcome.recovery_key is not None:
        say(app_ctx, f"Re-encrypted the journal in {root} to a new key ({counts}).")
    elif rewrote:
        say(app_ctx, f"Finished encrypting the journal in {root} ({counts}).")
    else:
        say(app_ctx, f"The journal in {root} was already encrypted; nothing to re-encrypt.")
    lock = "protected by your passphrase" if outcome.protected else "readable only by you"
    say(app_ctx, f"Key: {outcome.identity} ({lock}).")
    if outcome.recovery_key is not None:
        say(app_ctx, "Recovery key, shown only this once. Keep it in a password manager or on")
        say(app_ctx, "paper: without it or the key file, nobody can read the journal, not you.")
        say(app_ctx, f"  {outcome.recovery_key}")
    if not outcome.protected:
        say(app_ctx, "Anyone who can read the key file can read the journal: add a passphrase")
        say(app_ctx, "with `mentorlog encrypt --passphrase`, or keep the disk encrypted.")
    if (root / ".git").exists():
        warn(
            app_ctx,
            "the journal's git history still holds the versions written before, in "
            "plaintext; start a new remote to leave them behind.",
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
