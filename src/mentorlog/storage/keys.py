"""The user's age identity: where it is, how it is unlocked, how a new one is made.

An encrypted journal's files are encrypted to an X25519 recipient (fast: a command decrypts
each file it reads in microseconds). The matching identity, the secret key, lives in a file
outside the journal's folder, so it is never synced: `--identity FILE`, else
`MENTORLOG_IDENTITY`, else the config's `encryption.identity`, else `identity.txt` beside the
config file. That file may itself be protected by a passphrase (an age scrypt file); the
passphrase comes from `MENTORLOG_PASSPHRASE`, else the config's
`encryption.passphrase_command`, else a prompt on a terminal. Nothing is cached beyond the
one command that needed it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from mentorlog.errors import BadInput, StorageError
from mentorlog.storage import age as age_format
from mentorlog.storage.paths import config_path

IDENTITY_ENV = "MENTORLOG_IDENTITY"
PASSPHRASE_ENV = "MENTORLOG_PASSPHRASE"
IDENTITY_FILE = "identity.txt"
SECRET_PREFIX = "AGE-SECRET-KEY-1"


@dataclass(eq=False, repr=False)
class KeySource:
    """Where this command finds the identity and its passphrase (set by the command line)."""

    identity: Path | None = None  # --identity
    configured: Path | None = None  # the config's encryption.identity
    passphrase_command: str = ""
    prompt: Callable[[str], str] | None = None  # asks on a terminal; None: never asks


_source = KeySource()
_loaded: dict[Path, list[Any]] = {}
_passphrases: dict[Path, str] = {}  # what unlocked each file, to protect its successor alike
NEW_PASSPHRASE_ENV = "MENTORLOG_NEW_PASSPHRASE"


def configure(source: KeySource) -> None:
    """Use `source` from now on (one command), forgetting any identity already unlocked."""
    global _source
    _source = source
    _loaded.clear()
    _passphrases.clear()


def default_identity_path() -> Path:
    return config_path().parent / IDENTITY_FILE


def identity_path() -> Path:
    env = os.environ.get(IDENTITY_ENV)
    if _source.identity is not None:
        return _source.identity.expanduser()
    if env:
        return Path(env).expanduser()
    if _source.configured is not None:
        return _source.configured.expanduser()
    return default_identity_path()


def identities(for_what: str) -> list[Any]:
    """The identities of the identity file, unlocked once per command."""
    path = identity_path()
    if path not in _loaded:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise StorageError(
                f"{for_what} is encrypted and there is no identity at {path}. Nothing was "
                f"changed; give it with --identity or {IDENTITY_ENV}, or restore it from your "
                'recovery key (README, "Encrypted at rest").'
            ) from None
        except OSError as error:
            raise StorageError(f"Cannot read the identity {path}: {error.strerror}.") from None
        _loaded[path] = parse_identities(unlock(raw, path), path)
    return _loaded[path]


def unlock(raw: bytes, path: Path) -> bytes:
    """The identity file's text: decrypted with the passphrase when it is protected."""
    if not age_format.is_age(raw):
        return raw
    age = age_format.pyrage()
    passphrase = get_passphrase(f"Passphrase for {path}: ", path)
    try:
        text: bytes = age.passphrase.decrypt(raw, passphrase)
    except age.DecryptError:
        raise StorageError(
            f"Wrong passphrase for the identity {path} (or it is not a passphrase-protected "
            "age file). Nothing was changed."
        ) from None
    _passphrases[path] = passphrase
    return text


def passphrase_of(path: Path) -> str | None:
    """The passphrase that unlocked `path` in this command (None: it was not protected)."""
    return _passphrases.get(path)


def new_passphrase() -> str:
    """A passphrase to protect an identity with: MENTORLOG_NEW_PASSPHRASE, else asked twice
    on a terminal, else MENTORLOG_PASSPHRASE."""
    value = os.environ.get(NEW_PASSPHRASE_ENV)
    if not value and _source.prompt is not None:
        value = _source.prompt("New passphrase for the key: ")
        if value and _source.prompt("The same again: ") != value:
            raise BadInput("The two passphrases differ; nothing was changed.")
    value = value or os.environ.get(PASSPHRASE_ENV)
    if not value:
        raise BadInput(
            f"No passphrase given: type one on a terminal, or set {NEW_PASSPHRASE_ENV}. "
            "Nothing was changed."
        )
    return value


def parse_identities(text: bytes, path: Path) -> list[Any]:
    age = age_format.pyrage()
    found = []
    for line in text.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            found.append(age.x25519.Identity.from_str(line))
        except age.IdentityError:
            raise StorageError(
                f"{path} is not an age identity file (a line is not an AGE-SECRET-KEY)."
            ) from None
    if not found:
        raise StorageError(f"{path} holds no age identity (no AGE-SECRET-KEY line).")
    return found


def get_passphrase(question: str, path: Path | None = None) -> str:
    """The passphrase: environment, else the configured command, else a prompt."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if _source.passphrase_command:
        return _run_passphrase_command(_source.passphrase_command)
    if _source.prompt is not None:
        return _source.prompt(question)
    where = f"The identity {path} is" if path else "A passphrase is"
    raise StorageError(
        f"{where} protected by a passphrase and there is no terminal to ask it on: set "
        f"{PASSPHRASE_ENV} or encryption.passphrase_command. Nothing was changed."
    )


def _run_passphrase_command(command: str) -> str:
    import shlex
    import subprocess  # only for a passphrase command

    try:
        words = shlex.split(command)
        result = subprocess.run(words, capture_output=True, check=False, timeout=120)
    except (ValueError, IndexError):
        raise BadInput(f"encryption.passphrase_command cannot be run: {command!r}.") from None
    except (OSError, subprocess.TimeoutExpired) as error:
        raise StorageError(f"encryption.passphrase_command failed: {error}.") from None
    lines = result.stdout.decode("utf-8", "replace").splitlines()
    if result.returncode != 0 or not lines or not lines[0]:
        raise StorageError(
            f"encryption.passphrase_command exited with status {result.returncode} and gave "
            "no passphrase. Nothing was changed."
        )
    return lines[0]


def decrypt(data: bytes, name: str) -> bytes:
    """The plaintext of the age file `data` (read from `name`), or one clear StorageError."""
    age = age_format.pyrage()
    found = identities(name)
    try:
        plain: bytes = age.decrypt(data, found)
    except age.DecryptError as error:
        if "No matching keys" in str(error):
            raise StorageError(
                f"{name} is encrypted for another key than the identity {identity_path()}. "
                "Nothing was changed; give the right one with --identity."
            ) from None
        raise StorageError(
            f"{name} is a damaged age file ({error}). Nothing was changed."
        ) from None
    return plain


def recipients_of(found: list[Any]) -> tuple[str, ...]:
    return tuple(str(identity.to_public()) for identity in found)


def generate() -> Any:
    return age_format.pyrage().x25519.Identity.generate()


def identity_text(found: list[Any]) -> bytes:
    """An identity file as `age-keygen` writes one (comments say when and for whom)."""
    created = datetime.now(timezone.utc).isoformat(timespec="seconds")
    lines = [f"# created: {created} by mentorlog"]
    for identity in found:
        lines += [f"# public key: {identity.to_public()}", str(identity)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def remember(path: Path, found: list[Any]) -> None:
    """`found` is what the identity file at `path` now holds (it was just written)."""
    _loaded[path] = list(found)
