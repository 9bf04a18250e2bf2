"""Shell completion of mentor and goal references (`mentorlog --install-completion`).

Runs inside the user's shell on every Tab: it only reads the journal, never locks or writes,
and any failure (no journal yet, a damaged file, a bad --data-dir) completes nothing rather
than printing an error into the command line being typed.

A name with spaces cannot be inserted safely by every shell (bash splits it), so names and
titles are completed as their slug (`ada-lovelace`), which the resolver accepts; ids complete
as ids; the full name rides along as the help text where the shell shows one (zsh, fish).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mentorlog.storage.paths import data_dir
from mentorlog.text import clean, fold, shorten, unique_slugs
from mentorlog.text import slug as slug_of
from mentorlog.vocab import ActionStatus, GoalStatus, MentorStatus, MilestoneStatus, TopicStatus

if TYPE_CHECKING:
    from mentorlog.journal.state import Journal

Completion = tuple[str, str]
MAX_OFFERED = 50


def _journal(ctx: typer.Context) -> Journal:
    from mentorlog.storage.store import Store

    # Completion parses the command line without running the root callback, so the global
    # --data-dir is read from the parsed parameters rather than from the AppContext.
    override = ctx.find_root().params.get("data_dir")
    return Store(data_dir(Path(override) if override else None)).journal()


def _matches(
    incomplete: str, record_id: str, name: str, *, insert_id: bool, slug: str = ""
) -> str | None:
    """What to insert for a record the incomplete text designates, or None.

    Shells keep only values that start with what was typed, so a name match keeps the
    typed text and completes it from the record's (unique) slug: `Ada` -> `Ada-lovelace`,
    `Zoë` -> `Zoë-fernandez-garcia`, `李` -> `李-ming`, which the resolver reads as a slug
    prefix once folded (case and accents ignored, any script in Latin letters).
    """

    if incomplete and record_id.startswith(incomplete):
        return record_id
    if insert_id:
        return record_id if not incomplete else None
    slug = slug or slug_of(name)
    wanted = incomplete.casefold()
    if slug.startswith(wanted):
        return incomplete + slug[len(incomplete) :]
    # Typed with accents or in another script: compare folded, complete from the slug;
    # a name typed with spaces (quoted, in zsh or fish) is completed as written.
    typed = re.sub(r"[^0-9a-z]+", "-", fold(incomplete)).lstrip("-")
    if " " not in incomplete and slug.startswith(typed):
        return incomplete + slug[len(typed) :]
    shown = clean(name)  # a hand-edited name may hold control characters
    if shown.casefold().startswith(wanted):
        return incomplete + shown[len(incomplete) :]
    return None


def _offer(
    ctx: typer.Context,
    incomplete: str,
    rows: Callable[[Journal], Iterable[tuple[str, str, str]]],
    *,
    insert_id: bool = False,
    slugs: Callable[[Journal], dict[str, str]] = lambda journal: {},
) -> list[Completion]:
    try:
        offered: list[Completion] = []
        seen: set[str] = set()
        journal = _journal(ctx)
        unique = slugs(journal)
        for record_id, name, detail in rows(journal):
            slug = unique.get(record_id, "")
            value = _matches(incomplete, record_id, name, insert_id=insert_id, slug=slug)
            if value is None or value in seen:
                continue
            seen.add(value)
            offered.append((value, _help(name, detail)))
            if len(offered) >= MAX_OFFERED:
                break
        return offered
    except Exception:
        return []


def _help(name: str, detail: str) -> str:
    """The help shown beside a value (zsh, fish): Typer reads it as Rich markup with emoji
    codes, so a name is escaped (`Ada [/] Okafor` is shown, not parsed); a name with a colon,
    which could spell an emoji code, is left out. No control characters reach the terminal.
    """
    from rich.markup import escape

    shown = shorten(clean(name), 60)
    if ":" in shown:
        return detail
    shown = escape(shown) if "[" in shown else shown
    return f"{shown} ({detail})" if detail else shown


def _mentor_rows(journal: Journal) -> list[tuple[str, str, str]]:
    # The people you are working with first; ended relationships last.
    order = [MentorStatus.active, MentorStatus.prospect, MentorStatus.paused, MentorStatus.ended]
    mentors = sorted(journal.mentors, key=lambda m: order.index(m.status))
    return [(m.id, m.name, f"{m.kind.value}, {m.status.value}") for m in mentors]


def _goal_rows(journal: Journal) -> list[tuple[str, str, str]]:
    order = [GoalStatus.active, GoalStatus.paused, GoalStatus.achieved, GoalStatus.dropped]
    goals = sorted(journal.goals, key=lambda g: order.index(g.status))
    return [(g.id, g.title, g.status.value) for g in goals]


def _milestone_rows(journal: Journal) -> list[tuple[str, str, str]]:
    mine = sorted(journal.milestones, key=lambda m: m.status is not MilestoneStatus.open)
    return [(m.id, m.title, m.status.value) for m in mine]


def _action_rows(journal: Journal) -> list[tuple[str, str, str]]:
    items = sorted(journal.actions, key=lambda a: a.status is not ActionStatus.open)
    return [(a.id, a.text, a.status.value) for a in items]


def _meeting_rows(journal: Journal) -> list[tuple[str, str, str]]:
    names = {m.id: m.name for m in journal.mentors}
    ordered = sorted(journal.meetings, key=lambda m: m.date, reverse=True)
    return [(m.id, names.get(m.mentor, "?"), m.date.isoformat()) for m in ordered]


def _topic_rows(journal: Journal) -> list[tuple[str, str, str]]:
    items = sorted(journal.topics, key=lambda t: t.status is not TopicStatus.open)
    return [(t.id, t.text, t.status.value) for t in items]


def _mentor_slugs(journal: Journal) -> dict[str, str]:
    return unique_slugs((m.id, m.name) for m in journal.mentors)


def _goal_slugs(journal: Journal) -> dict[str, str]:
    return unique_slugs((g.id, g.title) for g in journal.goals)


Completer = Callable[[typer.Context, str], list[Completion]]


def _completer(
    rows: Callable[[Journal], Iterable[tuple[str, str, str]]],
    *,
    insert_id: bool = False,
    slugs: Callable[[Journal], dict[str, str]] = lambda journal: {},
) -> Completer:
    """The completion function of one kind of record (Typer's `autocompletion`)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[Completion]:
        return _offer(ctx, incomplete, rows, insert_id=insert_id, slugs=slugs)

    return complete


complete_mentor = _completer(_mentor_rows, slugs=_mentor_slugs)
complete_goal = _completer(_goal_rows, slugs=_goal_slugs)
# Offered by id, with the text as the help: milestones (titles repeat across goals), action
# items and topics open ones first, sessions newest first (with their mentor and date).
complete_milestone = _completer(_milestone_rows, insert_id=True)
complete_action = _completer(_action_rows, insert_id=True)
complete_meeting = _completer(_meeting_rows, insert_id=True)
complete_topic = _completer(_topic_rows, insert_id=True)
