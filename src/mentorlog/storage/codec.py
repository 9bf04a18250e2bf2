"""The one place where the journal's bytes become what is on disk, and back (docs/privacy.md).

Every file mentorlog writes into a journal's folder (data files, `backups/`, the undo history)
goes through `encode_for` in `atomic.write_temp`; every file it reads back goes through `decode`
(or `read`). In a plaintext journal both are the identity. In an encrypted journal — one whose
`encryption.json` says so — `encode_for` turns the bytes into an age file for the journal's
recipients, and `decode` turns any age file back into its bytes with the user's identity.

Reading goes by what the bytes are, not by what the journal is set to: an age file is
decrypted, anything else is read as it is. So a journal caught halfway between plaintext and
ciphertext by a killed `mentorlog encrypt` still opens, and nothing else needs to know.

What stays readable: file names and sizes, `encryption.json` (the public recipients), the lock
file's holder line, and `pending-commit.json` (the names of the files of a commit in flight).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from mentorlog.errors import NewerSchema, StorageError
from mentorlog.storage.age import AGE_ARMOR as AGE_ARMOR
from mentorlog.storage.age import AGE_MAGIC as AGE_MAGIC
from mentorlog.storage.age import INSTALL_HINT as INSTALL_HINT
from mentorlog.storage.age import is_age as is_age
from mentorlog.storage.age import pyrage as pyrage

MARKER = "encryption.json"
MARKER_VERSION = 1
BACKUP_DIR = "backups"  # (storage.backups names it too; repeated to keep this module a leaf)
# Never encrypted: the marker itself (it says how to write), and the commit manifest, which
# holds only file names and is read by every command before anything is decrypted.
_PLAIN_NAMES = frozenset({MARKER, "pending-commit.json"})


# -- the journal's setting ---------------------------------------------------------------


class Setting(NamedTuple):
    """What `encryption.json` says: encrypted or not, and to whom."""

    encrypted: bool
    recipients: tuple[str, ...] = ()

    def document(self) -> dict[str, Any]:
        return {
            "schema_version": MARKER_VERSION,
            "encrypted": self.encrypted,
            "format": "age",
            "recipients": list(self.recipients),
        }

    def encode(self) -> bytes:
        return json.dumps(self.document(), indent=2).encode("utf-8") + b"\n"


PLAINTEXT = Setting(encrypted=False)
_cache: dict[Path, tuple[tuple[int, int, int], Setting]] = {}
_overrides: dict[Path, Setting] = {}


def setting(root: Path) -> Setting:
    """The journal's setting (PLAINTEXT when it has no `encryption.json`)."""
    override = _overrides.get(root)
    if override is not None:
        return override
    path = root / MARKER
    try:
        info = path.stat()
    except FileNotFoundError:
        return PLAINTEXT
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror}.") from error
    key = (info.st_ino, info.st_mtime_ns, info.st_size)
    cached = _cache.get(root)
    if cached is not None and cached[0] == key:
        return cached[1]
    found = _parse_marker(path)
    _cache[root] = (key, found)
    return found


def _parse_marker(path: Path) -> Setting:
    damaged = StorageError(
        f"{path} is damaged, so it is not known whether the journal is encrypted. "
        "Nothing was changed; put back a copy of it (it holds no secret)."
    )
    try:
        document = json.loads(path.read_bytes())
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror}.") from error
    except ValueError:
        raise damaged from None
    if not isinstance(document, dict):
        raise damaged
    version = document.get("schema_version")
    if isinstance(version, int) and version > MARKER_VERSION:
        raise NewerSchema(
            f"{path} was written by a newer mentorlog (schema {version}). Upgrade mentorlog; "
            "nothing was changed."
        )
    encrypted, recipients = document.get("encrypted"), document.get("recipients")
    if (
        version != MARKER_VERSION
        or not isinstance(encrypted, bool)
        or not isinstance(recipients, list)
        or not all(isinstance(r, str) and r.startswith("age1") for r in recipients)
        or (encrypted and not recipients)
    ):
        raise damaged
    return Setting(encrypted, tuple(recipients))


@contextlib.contextmanager
def writing_as(root: Path, wanted: Setting) -> Iterator[None]:
    """Write into `root` as `wanted` says, whatever `encryption.json` says (while it changes)."""
    _overrides[root] = wanted
    try:
        yield
    finally:
        _overrides.pop(root, None)
        _cache.pop(root, None)


def journal_of(target: Path) -> Path | None:
    """The journal whose setting applies to a file written at `target`: its folder's (or,
    for a backup, its parent's) when the file holds journal content, else None."""
    parent = target.parent
    if parent.name == BACKUP_DIR:
        root = parent.parent
    elif holds_content(target.name):
        root = parent
    else:
        return None
    return root if root in _overrides or (root / MARKER).exists() else None


def holds_content(name: str) -> bool:
    """Whether a file of a journal's folder holds what the user wrote: every `.json` file
    mentorlog keeps there (data files, a sync conflict log), not `.gitignore` or the lock."""
    return name.endswith(".json") and name not in _PLAIN_NAMES and not name.startswith(".")


# -- the byte boundary -------------------------------------------------------------------


def encode_for(target: Path, data: bytes) -> bytes:
    """The bytes to put on disk at `target` for the content `data`."""
    root = journal_of(target)
    if root is None or is_age(data):  # already encrypted (by `encrypt` itself, say)
        return data
    wanted = setting(root)
    if not wanted.encrypted:
        return data
    return encrypt(data, wanted.recipients)


def encrypt(data: bytes, recipients: tuple[str, ...], *, armored: bool = False) -> bytes:
    age = pyrage()
    try:
        keys = [age.x25519.Recipient.from_str(r) for r in recipients]
        result: bytes = age.encrypt(data, keys, armored=armored)
    except (age.RecipientError, age.EncryptError) as error:
        raise StorageError(f"Cannot encrypt: {error}. Nothing was changed.") from None
    return result


def decode(data: bytes, name: str) -> bytes:
    """The content of a file whose bytes are `data`: decrypted if it is an age file."""
    if not is_age(data):
        return data
    from mentorlog.storage import keys  # the key and pyrage: an encrypted journal only

    return keys.decrypt(data, name)


def read(path: Path) -> bytes:
    """The content of the file at `path` (OSError as `Path.read_bytes` raises it)."""
    return decode(path.read_bytes(), str(path))


def is_encrypted_journal(root: Path) -> bool:
    return setting(root).encrypted


def private_bytes(root: Path, data: bytes, *, plaintext: bool, armored: bool = False) -> bytes:
    """`data` for a file written outside the journal (an export, a kept draft): ciphertext
    for the journal's recipients when the journal is encrypted, unless `plaintext`."""
    wanted = setting(root)
    if plaintext or not wanted.encrypted:
        return data
    return encrypt(data, wanted.recipients, armored=armored)
