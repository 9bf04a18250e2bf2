"""Sync results in words: what a sync did (or would do), where a machine stands, conflicts.

Each is one Text of lines, for the command to print wrapped at words (`cli._output.print_text`).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from rich.text import Text

from mentorlog.render.safe import literal
from mentorlog.sync.conflicts import ConflictEntry
from mentorlog.sync.engine import Outcome
from mentorlog.sync.setup import InitOutcome
from mentorlog.sync.status import SyncStatus

_VALUE_WIDTH = 200


def outcome_lines(outcome: Outcome) -> Text:
    would = outcome.dry_run
    lines: list[str] = []
    if outcome.committed:
        verb = "Would commit" if would else "Committed"
        lines.append(f"{verb} local changes: {outcome.committed}.")
    if outcome.received:
        verb = "Would bring in" if would else "Brought in"
        lines.append(f"{verb} from the remote: {outcome.received}.")
    elif (outcome.merged or outcome.fast_forward) and not outcome.conflicts:
        lines.append("The remote had nothing new for this journal.")
    if outcome.sent:
        s = "s" if outcome.sent != 1 else ""
        if would:
            lines.append(f"Would send {outcome.sent} commit{s} to the remote.")
        elif outcome.pushed:
            lines.append(f"Sent {outcome.sent} commit{s} to the remote.")
    for collection, old, new in outcome.renamed:
        verb = "would get" if would else "got"
        noun = collection.removesuffix("s")
        lines.append(f"A {noun} created on both machines as {old} {verb} the new id {new}.")
    if outcome.revived:
        n = len(outcome.revived)
        verb = ("would be" if would else "were") if n != 1 else ("would be" if would else "was")
        lines.append(
            f"{_count(n, 'record')} deleted on one machine {verb} kept: edited or used on the "
            "other."
        )
    if outcome.conflicts:
        n = len(outcome.conflicts)
        verb = "would be settled" if would else "settled"
        lines.append(
            f"{n} conflict{'s' if n != 1 else ''} {verb} by the later change; "
            "see `mentorlog sync conflicts`."
        )
    if not lines:
        lines.append("Already up to date." if not would else "Nothing to sync.")
    if would:
        lines.append("Nothing was changed (dry run).")
    return Text("\n").join(Text(line) for line in lines)


def init_lines(outcome: InitOutcome) -> Text:
    remote = outcome.remote or ""
    records = f": {outcome.records}." if outcome.records else "."
    texts = {  # mode -> (done, dry run)
        "created": (
            "Made this journal a git repository (add a remote with `mentorlog sync init REMOTE`).",
            "Would make this journal a git repository.",
        ),
        "published": (f"Published this journal to {remote}.", f"Would publish it to {remote}."),
        "cloned": (
            f"Brought in the journal from {remote}{records}",
            f"Would bring in the journal from {remote}{records}",
        ),
        "joined": (
            f"Joined this journal with the one at {remote}{records}",
            f"Would join this journal with the one at {remote}{records}",
        ),
        "already": (f"This journal is already set up for sync with {remote or 'no remote'}.",) * 2,
    }
    done, planned = texts[outcome.mode]
    text = planned + " Nothing was changed (dry run)." if outcome.dry_run else done
    if outcome.conflicts:
        count = _count(len(outcome.conflicts), "conflicting field")
        text += f" {count}: see `mentorlog sync conflicts`."
    return literal(text)


def status_lines(status: SyncStatus) -> Text:
    if not status.set_up:
        return Text(
            'Not set up for sync. Run `mentorlog sync init REMOTE` (README, "On several machines").'
        )
    lines = [f"Remote: {status.remote or '(none yet)'}"]
    # Status never uses the network: what it knows of the remote is what the last sync saw.
    seen = f"as of the last sync, {_when(status.last_sync)}"
    if status.uncommitted and not status.ahead:  # what is to send is said on the next line
        bring = _count(status.behind, "commit") if status.behind else "Nothing"
        lines.append(f"{bring} to bring in ({seen}).")
    elif status.ahead or status.behind:
        lines.append(
            f"{_count(status.ahead, 'commit')} to send, {_count(status.behind, 'commit')} to "
            f"bring in ({seen})."
        )
    else:
        lines.append(f"Nothing to send or bring in ({seen}).")
    if status.uncommitted:
        what = status.uncommitted_changes or f"changes to {', '.join(status.uncommitted)}"
        lines.append(f"To send on the next `mentorlog sync`: {what} (not committed yet).")
    lines.append("`mentorlog sync` brings both machines up to date.")
    if status.open_conflicts:
        lines.append(
            f"{_count(status.open_conflicts, 'conflict')} to review: `mentorlog sync conflicts`."
        )
    return literal("\n".join(lines), multiline=True)


def conflict_lines(entries: list[ConflictEntry]) -> Text:
    if not entries:
        return Text("No sync conflicts to review.")
    parts: list[Text] = []
    for entry in entries:
        noun = entry.collection.removesuffix("s")
        head = Text(f"{entry.id}  {noun} ", style="bold")
        head.append(literal(f"“{entry.label}” ({entry.record})" if entry.label else entry.record))
        head.append(literal(f", {entry.field}"))
        parts.append(head)
        parts.append(literal(f"  kept: {_value(entry.kept)}  (the later change)"))
        parts.append(literal(f"  lost: {_value(entry.lost)}"))
        where = f" on {entry.merged_on}" if entry.merged_on else ""
        parts.append(literal(f"  merged {_when(entry.at)}{where}", style="dim"))
    parts.append(Text("Dismiss with `mentorlog sync conflicts --dismiss ID` (or --dismiss all)."))
    return Text("\n").join(parts)


def _value(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _VALUE_WIDTH else text[: _VALUE_WIDTH - 1] + "…"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _when(moment: datetime | None) -> str:
    return "never" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")
