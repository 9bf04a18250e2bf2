"""Data files as bytes: parse one file's bytes, encode records into their files, and replace
a set of files through the journal's all-or-nothing commit (with backups and undo history).

`parse_file_bytes` is the one place where the bytes of a data file that did not come from the
store's own reading (another revision in git, say) become records: an encryption layer plugs in
here. `replace_files` is how a change computed outside a transaction (a sync merge) is saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from pydantic import ValidationError

from mentorlog.errors import CorruptFile
from mentorlog.storage import atomic, codec, commit, migrations
from mentorlog.storage.backups import History
from mentorlog.storage.collections import Collection, collection_of
from mentorlog.storage.decode import decode_slowly

if TYPE_CHECKING:
    from mentorlog.storage.store import Store


@dataclass
class ParsedFile:
    collection: Collection
    records: list[Any]
    extras: dict[str, Any]  # top-level keys mentorlog does not know, kept when re-encoded


def is_data_file(name: str) -> bool:
    return collection_of(name) is not None


def parse_file_bytes(name: str, raw: bytes, where: str = "") -> ParsedFile:
    """The records of the data file `name` whose bytes are `raw`.

    CorruptFile (naming `name` and `where` it came from) when they do not parse or validate;
    NewerSchema for a file written by a newer mentorlog.
    """
    collection = collection_of(name)
    if collection is None:
        raise CorruptFile(f"{name} is not a mentorlog data file.")
    label = f"{name} ({where})" if where else name

    def corrupt(what: str) -> NoReturn:
        raise CorruptFile(f"{label} {what}. Nothing was changed.")

    raw = codec.decode(raw, label)  # a file of an encrypted journal, from git say
    if not raw.strip():
        corrupt("is empty (an empty file is damage, not an empty journal)")
    try:
        document = collection.document.model_validate_json(raw)
        if document.schema_version == migrations.CURRENT_VERSION:  # type: ignore[attr-defined]
            records: list[Any] = getattr(document, collection.name)
            return ParsedFile(collection, records, dict(document.model_extra or {}))
    except ValidationError:
        pass
    decoded = decode_slowly(collection, Path(label), raw, corrupt)
    return ParsedFile(collection, decoded.records, decoded.extras)


def encode_collection(
    collection: Collection,
    records: Iterable[Any],
    keep: Iterable[str] = (),
    extras: dict[str, dict[str, Any]] | None = None,
) -> dict[str, bytes]:
    """Each record in the file it belongs in (in the given order); the files named in `keep`
    are written even when no record is left in them (a file is never silently removed)."""
    parts: dict[str, list[Any]] = {name: [] for name in keep if collection.owns(name)}
    for record in records:
        part = collection.partition(record) if collection.partition is not None else None
        parts.setdefault(collection.file_name(part), []).append(record)
    extras = extras or {}
    return {name: collection.encode(part, extras.get(name)) for name, part in sorted(parts.items())}


def data_files(root: Path, *, decrypted: bool = True) -> dict[str, bytes]:
    """Every data file of the journal at `root` (name -> content, decrypted unless not
    `decrypted`: then the bytes on disk), committed versions included."""
    if not root.is_dir():
        return {}
    read = codec.read if decrypted else Path.read_bytes
    in_flight = commit.pending(root)
    found: dict[str, bytes] = {}
    for path in sorted(root.iterdir()):
        if path.is_file() and is_data_file(path.name):
            found[path.name] = read(in_flight.get(path.name) or path)
    for name, temp in in_flight.items():
        if name not in found and temp.exists() and is_data_file(name):
            found[name] = read(temp)
    return found


def replace_files(store: Store, files: dict[str, bytes], *, undoable: bool = True) -> list[str]:
    """Write the data files whose bytes differ, all together, with backups and an undo entry
    (none when not `undoable`: a journal brought in whole, where undo would delete it).
    A file's bytes may be its content (encrypted on writing in an encrypted journal) or an
    age file, written as it is.

    The caller holds the journal lock and has checked the records these bytes encode. Returns
    the names of the files written.
    """
    assert all(is_data_file(name) for name in files), sorted(files)
    on_disk = data_files(store.root, decrypted=False)
    current = {name: codec.decode(data, name) for name, data in on_disk.items()}

    def differs(name: str, data: bytes) -> bool:
        # an age file (another machine's, from git) is written as is, so that both machines
        # end byte-identical; plaintext is compared by content (it is encrypted on writing)
        return on_disk.get(name) != data if codec.is_age(data) else current.get(name) != data

    changed = {name: data for name, data in files.items() if differs(name, data)}
    if not changed:
        return []
    atomic.ensure_private_dir(store.root)

    def record(history: History, entries: list[dict[str, Any]]) -> None:
        if undoable:
            history.entries.append(store.history_entry(entries))
            history.redo.clear()  # a new change: what was undone can no longer come back

    # The same commit as every command's: backups, then the files and the undo history in
    # one all-or-nothing step (storage/backups.py).
    store.save_files(dict(changed), {name: current.get(name) for name in changed}, record)
    return sorted(changed)
