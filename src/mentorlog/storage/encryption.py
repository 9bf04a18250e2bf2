"""Turning a journal's encryption on, off, or to another key, all at once (docs/privacy.md).

Under the journal lock, every file that holds journal content is read (and decrypted) first:
a wrong key stops the command before anything is written. Then:

- the data files and `encryption.json` are replaced in ONE commit (the store's all-or-nothing
  protocol): a SIGKILL leaves either the old journal or the new one;
- the backups and the undo history are rewritten one by one (each atomically) — before that
  commit when encrypting, after it when decrypting, so that a killed run never leaves
  plaintext copies of a journal that says it is encrypted;
- drafts kept in `drafts/` after a failed save are encrypted (or decrypted) too.

Reading goes by the bytes (codec.decode), so a run killed between those steps leaves a
journal that opens; running the command again finishes it.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentorlog.errors import BadInput, Refused
from mentorlog.storage import atomic, codec, commit, keys
from mentorlog.storage.backups import BACKUP_DIR
from mentorlog.storage.store import Store

DRAFTS = "drafts"
AGE_SUFFIX = ".age"


@dataclass(frozen=True)
class Changed:
    """How many files a change of setting rewrote."""

    data_files: int
    backups: int
    drafts: int


@dataclass(frozen=True)
class Outcome:
    """What `turn_on` / `turn_off` did, for the command to report."""

    changed: Changed
    identity: Path
    recipients: tuple[str, ...]
    recovery_key: str | None  # a new identity's secret, shown to the user once
    protected: bool  # whether the identity file needs a passphrase
    was_encrypted: bool = False  # before the command


def turn_on(store: Store, *, protect: bool = False, rotate: bool = False) -> Outcome:
    """Encrypt the journal to the user's identity (made now if there is none).

    `protect`: (re)protect the identity file with a new passphrase. `rotate`: a new identity;
    everything is re-encrypted to it, and the old one is dropped from the file only then.
    """
    codec.pyrage("Encryption is not installed.")
    path = keys.identity_path()
    _outside(path, store.root)
    before = codec.setting(store.root)
    if rotate and not before.encrypted:
        raise Refused("The journal is not encrypted yet: run `mentorlog encrypt` first.")
    found = keys.identities(str(store.root)) if path.exists() or before.encrypted else []
    passphrase = keys.new_passphrase() if protect else keys.passphrase_of(path)
    created = keys.generate() if rotate or not found else None
    if created is not None:
        write_identity(path, [created, *found], passphrase)  # both until all is re-keyed
        recipients = keys.recipients_of([created])
    else:
        if protect:
            write_identity(path, found, passphrase)
        recipients = keys.recipients_of(found[:1])  # the file's first key is the current one
    changed = change(store, codec.Setting(encrypted=True, recipients=recipients))
    if created is not None and found:
        write_identity(path, [created], passphrase)
    recovery = str(created) if created is not None else None
    protected = passphrase is not None
    return Outcome(changed, path, recipients, recovery, protected, before.encrypted)


def turn_off(store: Store) -> Outcome:
    """Decrypt every file of the journal; the identity file is left where it is.

    A journal already all plaintext is no error (as `encrypt` on an encrypted one): nothing
    is written, and the outcome says so (`was_encrypted` false, nothing changed)."""
    path = keys.identity_path()
    was_encrypted = codec.is_encrypted_journal(store.root)
    if not was_encrypted and not any(
        _stale(file, codec.PLAINTEXT, rekey=False)
        for file in [
            *content_files(store.root),
            *backup_files(store.root),
            *draft_files(store.root),
        ]
    ):
        return Outcome(Changed(0, 0, 0), path, (), None, _protected(path), was_encrypted)
    changed = change(store, codec.PLAINTEXT)
    protected = keys.passphrase_of(path) is not None
    return Outcome(changed, path, (), None, protected, was_encrypted)


def _protected(identity: Path) -> bool:
    """Whether the identity file is passphrase-protected, from its first bytes (never asks)."""
    try:
        with identity.open("rb") as handle:
            return codec.is_age(handle.read(len(codec.AGE_ARMOR)))
    except OSError:
        return False


def write_identity(path: Path, found: list[Any], passphrase: str | None) -> None:
    """Save `found` to `path` (0600, in a 0700 folder), protected by `passphrase` if given."""
    data = keys.identity_text(found)
    if passphrase:
        data = codec.pyrage().passphrase.encrypt(data, passphrase, armored=True)
    atomic.ensure_private_dir(path.parent)
    atomic.atomic_write(path, data)
    keys.remember(path, found)


def _outside(identity: Path, root: Path) -> None:
    """The identity must not live in the journal's folder: it would be synced with it."""
    folder = root.expanduser().absolute()
    where = identity.expanduser().absolute()
    if folder == where.parent or folder in where.parents:
        raise BadInput(
            f"The identity {identity} is inside the journal's folder, where it would be synced "
            'with the data it protects; keep it elsewhere (README, "Encrypted at rest").'
        )


def content_files(root: Path) -> list[Path]:
    """Every file of the journal that holds what the user wrote (data files, sync logs)."""
    if not root.is_dir():
        return []
    return sorted(
        Path(entry.path)
        for entry in os.scandir(root)
        if entry.is_file() and codec.holds_content(entry.name)
    )


def backup_files(root: Path) -> list[Path]:
    folder = root / BACKUP_DIR
    if not folder.is_dir():
        return []
    return sorted(
        Path(entry.path)
        for entry in os.scandir(folder)
        if entry.is_file() and not atomic.is_temp_name(entry.name)
    )


def draft_files(root: Path) -> list[Path]:
    folder = root / DRAFTS
    if not folder.is_dir():
        return []
    return sorted(Path(entry.path) for entry in os.scandir(folder) if entry.is_file())


def _stale(path: Path, wanted: codec.Setting, rekey: bool) -> bool:
    """Whether the file at `path` is not yet in the form `wanted` asks for."""
    with path.open("rb") as handle:
        encrypted = codec.is_age(handle.read(len(codec.AGE_ARMOR)))
    return encrypted != wanted.encrypted or (encrypted and rekey)


def change(store: Store, wanted: codec.Setting) -> Changed:
    """Rewrite the whole journal as `wanted` says, under the journal lock."""
    with store.locked():  # (also finishes a commit a killed writer left in flight)
        return change_locked(store.root, wanted)


def conform_locked(root: Path) -> Changed:
    """Bring every file to the form the journal's `encryption.json` asks for: for a caller
    that already holds the lock and has just written files in the other form (a sync merge
    that brought in `encryption.json` from another machine, say)."""
    return change_locked(root, codec.setting(root))


def change_locked(root: Path, wanted: codec.Setting) -> Changed:
    """Rewrite the journal at `root` as `wanted` says; the caller holds the journal lock.

    Nothing is written if anything cannot be read. Files already in the wanted form are left
    alone, unless the recipients change.
    """
    before = codec.setting(root)
    rekey = wanted.encrypted and before.recipients != wanted.recipients
    data = {
        path.name: codec.read(path) for path in content_files(root) if _stale(path, wanted, rekey)
    }
    backups = {path: codec.read(path) for path in backup_files(root) if _stale(path, wanted, rekey)}
    drafts = {path: codec.read(path) for path in draft_files(root) if _stale(path, wanted, rekey)}
    if before != wanted:
        data[codec.MARKER] = wanted.encode()
    # Files a commit may not replace (a sync conflict log) go one by one, like the backups.
    others = {root / name: data.pop(name) for name in sorted(data) if not commit.is_target(name)}
    # Everything was read (and decrypted): only now is anything written.
    with codec.writing_as(root, wanted):
        if wanted.encrypted:
            _rewrite({**backups, **others})
            commit.commit(root, data)
        else:
            commit.commit(root, data)
            _rewrite({**backups, **others})
    _rewrite_drafts(root, drafts, wanted)
    if not wanted.encrypted:
        with contextlib.suppress(FileNotFoundError):
            (root / codec.MARKER).unlink()  # "not encrypted" is said by its absence
            atomic.fsync_dir(root)
    return Changed(len(data) + len(others) - (codec.MARKER in data), len(backups), len(drafts))


def _rewrite(files: dict[Path, bytes]) -> None:
    for path, content in files.items():
        atomic.atomic_write(path, content)  # codec.encode_for encrypts as `writing_as` says


def _rewrite_drafts(root: Path, drafts: dict[Path, bytes], wanted: codec.Setting) -> None:
    """A kept draft becomes `NAME.age` (ciphertext) or back `NAME` (plaintext)."""
    for path, content in drafts.items():
        if wanted.encrypted:
            target = path.with_name(path.name.removesuffix(AGE_SUFFIX) + AGE_SUFFIX)
            atomic.atomic_write(target, codec.encrypt(content, wanted.recipients))
        else:
            target = path.with_name(path.name.removesuffix(AGE_SUFFIX))
            atomic.atomic_write(target, content)
        if target != path:
            path.unlink()
    if drafts:
        atomic.fsync_dir(root / DRAFTS)
