"""`mentorlog sync`: commit local changes, fetch, merge record by record, push (docs/sync.md).

Everything happens under the journal lock. Before anything local changes, the remote is fetched
and judged (a newer mentorlog's journal, unrelated histories): a refusal changes nothing. The
merged journal is written through the store's all-or-nothing commit (so backups rotate and
`undo` can revert it), then committed as a merge with both parents, then pushed; a push the
remote rejects (it moved on meanwhile) fetches and merges again, a bounded number of times.

A crash between writing the merged files and committing them is finished by the next sync: a
marker in `.git/` names the merge and the exact bytes it wrote.
"""

from __future__ import annotations

import hashlib
import json
import socket
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from mentorlog.dates import now
from mentorlog.errors import Refused
from mentorlog.storage import atomic, codec, encryption
from mentorlog.storage.collections import collection_of
from mentorlog.storage.files import data_files, is_data_file, replace_files
from mentorlog.storage.store import Store
from mentorlog.sync import conflicts as log
from mentorlog.sync.exact import adopt_encryption, contents, exact, write_log
from mentorlog.sync.git import BRANCH, LOCAL, TRACKING, Git, SyncError
from mentorlog.sync.merge import Merged, Parser, Side, changes, describe, merge

MAX_ATTEMPTS = 5  # a push rejected this many times in a row gives up (the remote is busy)
MARKER = "mentorlog-merge.json"  # in .git: a merge written but not yet committed
STATE = "mentorlog-sync.json"  # in .git: when this machine last synced


class Outcome(BaseModel):
    """What a sync did (or, dry, would do), as plain data for the CLI to render."""

    dry_run: bool = False
    committed: str = ""  # what the local commit recorded ("" when nothing was uncommitted)
    received: str = ""  # what the remote brought into this journal
    sent: int = 0  # commits the remote did not have
    merged: bool = False
    fast_forward: bool = False
    pushed: bool = False
    attempts: int = 0
    conflicts: list[log.ConflictEntry] = Field(default_factory=list)
    renamed: list[tuple[str, str, str]] = Field(default_factory=list)
    revived: list[tuple[str, str]] = Field(default_factory=list)
    written: list[str] = Field(default_factory=list)


def host() -> str:
    return socket.gethostname() or "this machine"


def repository(store: Store) -> Git:
    """The journal's git repository, or Refused with how to set it up."""
    if not Git.available():
        raise SyncError("git is not installed (or not on PATH); sync needs it.")
    git = Git(store.root)
    if not git.is_repo():
        raise Refused(
            "This journal is not set up for sync; run `mentorlog sync init REMOTE` first "
            '(README, "On several machines").'
        )
    if git.remote_url() is None:
        raise Refused("This journal has no sync remote; run `mentorlog sync init REMOTE`.")
    if git.rev("HEAD") is None:
        raise Refused("Setting up sync did not finish; run `mentorlog sync init REMOTE` again.")
    return git


def sync(store: Store, *, dry_run: bool = False) -> Outcome:
    git = repository(store)
    outcome = Outcome(dry_run=dry_run)
    if dry_run:
        git.fetch()
        return _plan(git, store, outcome)
    with store.locked():
        _clear_stale_git_locks(git)
        _check_branch(git)
        _finish_interrupted(git, store)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            outcome.attempts = attempt
            git.fetch()
            parser = Parser()
            theirs = git.rev(TRACKING)
            head = git.rev("HEAD")
            if theirs and head and git.merge_base(head, theirs) is None:
                raise SyncError(
                    "The remote holds a different journal (no common history); nothing was "
                    "changed. To merge the two, run `mentorlog sync init REMOTE --join`."
                )
            news = bool(theirs and head and theirs != head and not git.is_ancestor(theirs, head))
            # read (and judged: a newer mentorlog's journal is refused) before anything changes
            theirs_side = parser.side(git.files(theirs), "the remote") if news and theirs else None
            if attempt == 1:
                if theirs_side is not None and theirs and head:
                    adopt_encryption(git, store.root, head, theirs)
                outcome.committed = commit_local(git, store, parser)
                head = git.rev("HEAD")
            if theirs and head and theirs_side is not None:
                _merge_into(git, store, parser, head, theirs, theirs_side, outcome)
            outcome.sent = git.count(f"{theirs}..HEAD" if theirs else "HEAD")
            if outcome.sent == 0 or git.push():
                outcome.pushed = outcome.sent > 0
                remember_sync(git)
                return outcome
        raise SyncError(
            f"The remote kept changing during the sync ({MAX_ATTEMPTS} attempts); the merge is "
            "committed here. Run `mentorlog sync` again."
        )


def commit_local(git: Git, store: Store, parser: Parser) -> str:
    """Commit the working journal (after checking it parses); the message says what changed."""
    changed = git.changed_paths()
    if not changed:
        return ""
    summary = local_changes(git, store, parser, changed) or "journal files"
    git.commit_all(f"mentorlog on {host()}: {summary}")
    return summary


def local_changes(git: Git, store: Store, parser: Parser, changed: list[str]) -> str:
    """The records the journal changed since the last commit, in words (`1 goal added`; ""
    when no record did), from the `changed` files: what the next sync commits."""
    head = git.rev("HEAD")
    touched = {c.name for c in map(collection_of, changed) if c is not None}

    def of_touched(files: dict[str, bytes]) -> dict[str, bytes]:  # only what may have changed
        return {n: d for n, d in files.items() if getattr(collection_of(n), "name", "") in touched}

    before = parser.side(of_touched(git.files(head)) if head else {}, "last commit")
    after = parser.side(of_touched(data_files(store.root)), "this journal")
    return describe(changes(before, after))


def _merge_into(
    git: Git,
    store: Store,
    parser: Parser,
    head: str,
    theirs: str,
    theirs_side: Side,
    outcome: Outcome,
) -> None:
    base_rev = git.merge_base(head, theirs)
    assert base_rev is not None  # unrelated histories were refused before
    base_files, head_files, theirs_files = (git.files(r) for r in (base_rev, head, theirs))
    result = merge(
        parser.side(base_files, "common ancestor"),
        parser.side(head_files, "this journal"),
        theirs_side,
    )
    entries = conflict_entries(result)
    merged_log = log.unite(
        *(log.parse_log(f.get(log.LOG_FILE)) for f in (base_files, head_files, theirs_files)),
        entries,
    )
    log_bytes = log.encode_log(merged_log) if merged_log else None
    # an encrypted journal's files compared by content, decrypted in memory
    merged_plain, theirs_plain = contents(result.files), contents(theirs_files)
    same_as_theirs = merged_plain == {
        name: data for name, data in theirs_plain.items() if is_data_file(name)
    } and log_bytes == theirs_plain.get(log.LOG_FILE)
    fast_forward = same_as_theirs and git.is_ancestor(head, theirs)
    outcome.received = describe(
        changes(parser.side(head_files, "this journal"), merged_side(result))
    )
    outcome.conflicts += entries
    outcome.renamed += result.renamed
    outcome.revived += result.revived
    message = f"mentorlog on {host()}: merge ({outcome.received or 'no record changes'})"
    marker = {
        "kind": "fast-forward" if fast_forward else "merge",
        "head": head,
        "theirs": theirs,
        "message": message,
        "files": {name: _digest(data) for name, data in merged_plain.items()},
        "log": _digest(log_bytes) if log_bytes else None,
    }
    _write_marker(git, marker)
    _take_other_files(store.root, base_files, head_files, theirs_files)  # encryption.json too
    if log_bytes is not None:
        write_log(store.root, log_bytes, theirs_files)
    outcome.written += replace_files(store, exact(merged_plain, theirs_files, theirs_plain))
    encryption.conform_locked(store.root)  # e.g. the other machine encrypted the journal
    _commit_marked(git, marker)
    outcome.merged = not fast_forward
    outcome.fast_forward = fast_forward


def _take_other_files(
    root: Path, base: dict[str, bytes], ours: dict[str, bytes], theirs: dict[str, bytes]
) -> None:
    """Files that are not journal data (a README, .gitignore): the remote's change is taken
    where this side left the file as it was; where both changed it, this side's stays."""
    for name in sorted(set(base) | set(theirs)):
        if is_data_file(name) or name == log.LOG_FILE or "/" in name:
            continue
        old, mine, other = base.get(name), ours.get(name), theirs.get(name)
        if mine != old or other == old:
            continue
        if other is None:
            (root / name).unlink(missing_ok=True)
        else:
            atomic.atomic_write(root / name, other)


def _plan(git: Git, store: Store, outcome: Outcome) -> Outcome:
    """What a sync would do now, from the journal as it is (uncommitted changes included)."""
    parser = Parser()
    theirs = git.rev(TRACKING)
    head = git.rev("HEAD")
    working = data_files(store.root)
    if head:
        committed = parser.side(git.files(head), "last commit")
        outcome.committed = describe(changes(committed, parser.side(working, "this journal")))
    if not theirs:
        outcome.sent = git.count("HEAD") if head else 0
        return outcome
    if head and git.merge_base(head, theirs) is None:
        raise SyncError(
            "The remote holds a different journal (no common history); nothing was changed. "
            "To merge the two, run `mentorlog sync init REMOTE --join`."
        )
    outcome.sent = git.count(f"{theirs}..HEAD") + (1 if outcome.committed else 0)
    if head and (theirs == head or git.is_ancestor(theirs, head)):
        return outcome
    base_rev = git.merge_base(head, theirs) if head else None
    ours = parser.side(working, "this journal")
    result = merge(
        parser.side(git.files(base_rev) if base_rev else {}, "common ancestor"),
        ours,
        parser.side(git.files(theirs), "the remote"),
    )
    outcome.received = describe(changes(ours, merged_side(result)))
    outcome.conflicts = conflict_entries(result)
    outcome.renamed, outcome.revived = result.renamed, result.revived
    outcome.merged = True
    return outcome


def conflict_entries(result: Merged) -> list[log.ConflictEntry]:
    """Log entries for a merge's choices; ids derive from what was chosen, so a merge redone
    after a crash does not log the same choice twice."""
    wanted = {(item.collection, item.record_id) for item in result.conflicts}
    labels = {
        (name, record.id): _label(record)
        for name, records in (result.records.items() if wanted else ())
        for record in records
        if (name, record.id) in wanted
    }
    moment = now()
    entries = []
    for item in result.conflicts:
        key = json.dumps(
            [item.collection, item.record_id, item.field, item.kept, item.lost], default=str
        )
        entries.append(
            log.ConflictEntry(
                id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:10],
                at=moment,
                collection=item.collection,
                record=item.record_id,
                label=labels.get((item.collection, item.record_id), ""),
                field=item.field,
                kept=item.kept,
                lost=item.lost,
                kept_from=host() if item.kept_from == "ours" else "the remote",
                merged_on=host(),
            )
        )
    return entries


def _label(record: Any) -> str:
    for attribute in ("name", "title", "text", "period"):
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            return value[:80]
    date = getattr(record, "date", None)
    return str(date) if date is not None else ""


def merged_side(result: Merged) -> Side:
    return Side(
        files=result.files,
        records={name: {r.id: r for r in records} for name, records in result.records.items()},
    )


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- a merge written but not committed (a crash in between) ----------------------------------


def _git_dir(git: Git) -> Path:
    return git.root / ".git"


def _write_marker(git: Git, marker: dict[str, Any]) -> None:
    data = json.dumps(marker, indent=2).encode("utf-8") + b"\n"
    atomic.atomic_write(_git_dir(git) / MARKER, data)


def _commit_marked(git: Git, marker: dict[str, Any]) -> None:
    if marker["kind"] == "fast-forward":
        git.fast_forward(marker["theirs"])
    else:
        git.merge_commit(marker["message"], [marker["head"], marker["theirs"]])
    (_git_dir(git) / MARKER).unlink(missing_ok=True)


def _check_branch(git: Git) -> None:
    """The repository is on its branch, with no git operation of someone's own half done.

    A plain `git pull` that stopped on a conflict (the data files keep this machine's version,
    see `.gitattributes`) is forgotten, not committed: committing it would record the remote's
    changes as merged while the files lack them. The record merge then brings them in.
    """
    git_dir = _git_dir(git)
    if (git_dir / "rebase-merge").exists() or (git_dir / "rebase-apply").exists():
        raise SyncError(
            "A git rebase is in progress in the journal; finish it or run `git rebase --abort` "
            "there. Nothing was changed."
        )
    if git.ok("rev-parse", "--verify", "--quiet", "HEAD") and (
        git.run("symbolic-ref", "-q", "HEAD", check=False).strip() != LOCAL
    ):
        raise SyncError(
            f"The journal's git repository is not on its branch; run `git checkout {BRANCH}` "
            "there. Nothing was changed."
        )
    if (git_dir / "MERGE_HEAD").exists():
        git.run("merge", "--quit")


def _clear_stale_git_locks(git: Git) -> None:
    """Lock files of a git command that was killed in the middle of a sync.

    Only a sync runs git in the journal, and it holds the journal lock: whatever git lock is
    left now belongs to a process that is gone.
    """
    for name in ("index.lock", "HEAD.lock", "refs/heads/main.lock", "packed-refs.lock"):
        (_git_dir(git) / name).unlink(missing_ok=True)


def _finish_interrupted(git: Git, store: Store) -> None:
    """Commit a merge whose files were written before a crash; forget one that was not."""
    path = _git_dir(git) / MARKER
    try:
        marker = json.loads(path.read_bytes())
    except (OSError, ValueError):
        path.unlink(missing_ok=True)
        return
    files = {name: _digest(data) for name, data in data_files(store.root).items()}
    log_path = store.root / log.LOG_FILE
    log_digest = _digest(codec.read(log_path)) if log_path.exists() else None
    written = all(files.get(name) == digest for name, digest in marker.get("files", {}).items())
    log_written = marker.get("log") is None or log_digest == marker.get("log")
    if git.rev("HEAD") == marker.get("head") and written and log_written:
        _commit_marked(git, marker)
    path.unlink(missing_ok=True)


def remember_sync(git: Git) -> None:
    data = json.dumps({"last_sync": now().isoformat(timespec="seconds")}) + "\n"
    atomic.atomic_write(_git_dir(git) / STATE, data.encode("utf-8"))


def last_sync(git: Git) -> datetime | None:
    try:
        stamp = json.loads((_git_dir(git) / STATE).read_bytes())["last_sync"]
        return datetime.fromisoformat(stamp)
    except (OSError, ValueError, KeyError, TypeError):
        return None
