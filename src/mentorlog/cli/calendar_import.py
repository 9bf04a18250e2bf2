"""`mentorlog import FILE.ics`: list the sessions found in a calendar, ask once, log them."""

from __future__ import annotations

import sys
from collections.abc import Collection
from pathlib import Path

import typer

from mentorlog.cli._args import optional_date
from mentorlog.cli._context import AppContext
from mentorlog.cli._output import emit, say
from mentorlog.dates import now
from mentorlog.errors import BadInput, Refused
from mentorlog.exchange.calendar_plan import (
    CalendarImportReport,
    CalendarOptions,
    email_matches,
    import_calendar,
    parse_choice,
)
from mentorlog.render.safe import literal
from mentorlog.storage.store import Store

ASKS = 3  # tries at the question before giving up


def interactive() -> bool:
    """Whether a person is at the keyboard (tests replace this to play one)."""
    return sys.stdin.isatty()


def import_ics(
    app: AppContext,
    store: Store,
    file: Path,
    *,
    since: str | None,
    until: str | None,
    yes: bool,
    with_notes: bool,
    dry_run: bool,
    as_json: bool,
) -> None:
    today = app.today()
    first = optional_date(since, today, "past")
    last = optional_date(until, today, "past")
    if first is not None and last is not None and first > last:
        raise BadInput(f"--since {first.isoformat()} is after --until {last.isoformat()}.")
    options = CalendarOptions(
        now=now(),
        zone=None,  # this machine's zone (TZ)
        since=first,
        until=last,
        me=frozenset(app.config.calendar.addresses()),
        with_notes=with_notes,
    )

    def choose(report: CalendarImportReport) -> Collection[int]:
        if not report.proposals:
            return []
        if not as_json:
            from mentorlog.render.calendar import proposal_table, skipped_line

            app.console.print(proposal_table(report))
            if skipped_line(report.skipped):
                say(app, skipped_line(report.skipped))
        if dry_run:
            return email_matches(report) if yes else []
        if yes:
            return email_matches(report)
        if as_json or not interactive():
            emit(app, report, as_json=as_json)  # what it found, before refusing to choose
            raise Refused(
                "Nothing was written: choose the sessions in a terminal, or add --yes to keep "
                "the e-mail matches (--dry-run to only look)."
            )
        return _ask(app, report)

    report = import_calendar(store, file, options, choose, today=today, dry_run=dry_run)
    emit(app, report, lambda: _show(app, report, yes=yes), as_json=as_json)


def _ask(app: AppContext, report: CalendarImportReport) -> Collection[int]:
    matched = email_matches(report)
    default = "e-mail matches" if len(matched) < len(report.proposals) else "all"
    question = f"Keep which? [all / none / 1,3-5] (Enter: {default})"
    for _ in range(ASKS):
        answer = typer.prompt(question, default="", show_default=False)
        if not answer.strip():
            return matched
        try:
            return parse_choice(answer, len(report.proposals))
        except BadInput as error:
            app.err_console.print(error.message, markup=False, highlight=False)
    raise Refused("Nothing was written.")


def _show(app: AppContext, report: CalendarImportReport, *, yes: bool) -> None:
    from mentorlog.render.calendar import skipped_line

    name = Path(report.file).name
    if not report.proposals:
        say(app, f"No new sessions in {name}.")
    elif report.dry_run:
        count = len(report.kept)
        if count:
            say(app, f"Would log {count} of {len(report.proposals)} (the e-mail matches).")
    elif report.kept:
        done = [f"{report.added} session{'' if report.added == 1 else 's'} logged"]
        if report.attached:
            done.append(f"{report.attached} logged by hand given the event's time")
        say(app, f"From {name}: {', '.join(done)}.")
        for notice in report.notices:
            say(app, "  ", literal(notice))
    elif yes:
        say(app, "No e-mail matches to keep (--yes keeps only those); nothing was written.")
    else:
        say(app, "Kept none; nothing was written.")
    skipped = skipped_line(report.skipped)
    if skipped and not report.proposals:  # else shown with the proposals
        say(app, skipped)
    if report.dry_run:
        say(app, "Dry run: nothing was written.")
    elif report.written:
        say(app, "Take them back with `mentorlog undo`.")
