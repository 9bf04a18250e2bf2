"""The bytes a sync writes for an encrypted journal (docs/privacy.md).

Two machines encrypt the same content to different bytes (age uses a fresh key per file). So
a merge compares content, decrypted in memory, and where the merged content of a file is the
remote's it writes the remote's very bytes: the machines then end byte-identical, and git
stores no new blob for a file that did not change. In a plaintext journal bytes are content,
and all of this is the identity.
"""

from __future__ import annotations

from pathlib import Path

from mentorlog.storage import atomic, codec, encryption
from mentorlog.storage.files import is_data_file
from mentorlog.sync import conflicts as log
from mentorlog.sync.git import Git


def contents(files: dict[str, bytes]) -> dict[str, bytes]:
    """The content of the data files and conflict log among `files` (decrypted)."""
    return {
        name: codec.decode(data, name)
        for name, data in files.items()
        if is_data_file(name) or name == log.LOG_FILE
    }


def exact(
    merged: dict[str, bytes], theirs: dict[str, bytes], theirs_plain: dict[str, bytes]
) -> dict[str, bytes]:
    """The merged files (their content: `merged`), each one whose content is the remote's as
    the remote's very bytes: encrypting it afresh would give other bytes, and the machines
    would never end identical."""
    return {
        name: theirs[name] if theirs_plain.get(name) == data else data
        for name, data in merged.items()
    }


def write_log(root: Path, content: bytes, theirs: dict[str, bytes]) -> None:
    """The merged conflict log: the remote's bytes when it is the remote's log, else written
    when it differs from this journal's."""
    path = root / log.LOG_FILE
    remote = theirs.get(log.LOG_FILE)
    if remote is not None and codec.decode(remote, log.LOG_FILE) == content:
        if not path.exists() or path.read_bytes() != remote:
            atomic.atomic_write(path, remote)
        return
    try:
        if codec.read(path) == content:
            return
    except FileNotFoundError:
        pass
    atomic.atomic_write(path, content)


def adopt_encryption(git: Git, root: Path, head: str, theirs: str) -> None:
    """The remote's journal was encrypted since this machine last synced: encrypt here first
    (the caller holds the lock), so what was written here meanwhile is committed, and sent,
    as ciphertext. Not when this machine had `encryption.json` and removed it (`decrypt`):
    then the merge decides, as for any file both sides changed."""
    if (root / codec.MARKER).exists() or codec.MARKER in git.tree(head):
        return
    blob = git.tree(theirs).get(codec.MARKER)
    if blob is None:
        return
    atomic.atomic_write(root / codec.MARKER, git.blobs([blob])[blob])
    encryption.conform_locked(root)
