"""`mentorlog export` and `mentorlog import`: backups, documents, calendars, people."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli._context import AppContext, app_context, command_name
from mentorlog.cli._options import Json, flag, output_option
from mentorlog.cli._output import check_output_file, emit, say, warn
from mentorlog.errors import BadInput
from mentorlog.text import plural
from mentorlog.vocab import MentorKind

if TYPE_CHECKING:
    from mentorlog.exchange.importer import BackupImportReport
    from mentorlog.exchange.people import PeopleImportReport

SHOWN_NAMES = 10  # people or conflicts listed before "and N more"


class ExportFormat(str, Enum):
    json = "json"
    markdown = "markdown"
    csv = "csv"
    ics = "ics"


class ImportFormat(str, Enum):
    json = "json"
    csv = "csv"
    ics = "ics"


def export(
    ctx: typer.Context,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="json: a complete backup; markdown: a readable document; "
            "csv: sessions for a spreadsheet; ics: planned sessions and due dates.",
        ),
    ] = ExportFormat.json,
    output: Annotated[
        Path | None, output_option("Write to this file (private, 0600), not standard output.")
    ] = None,
    plaintext: Annotated[
        bool,
        flag(
            "From an encrypted journal: write plaintext, not an age file for its key.",
            "--plaintext",
        ),
    ] = False,
) -> None:
    """Export the journal: a backup, a document, a spreadsheet or a calendar."""
    from mentorlog.dates import now

    app_ctx = app_context(ctx)
    store = app_ctx.store(command_name(ctx))
    if output is not None:
        check_output_file(output, store.root, "an export")
    journal = store.journal()
    if format is ExportFormat.json:
        from mentorlog.exchange.export_json import export_json
        from mentorlog.journal.state import COLLECTION_NAMES

        for name in COLLECTION_NAMES:  # read them all first: their unknown keys go along
            journal.collection(name)
        data = export_json(journal, now(), store.unknown_keys())
    elif format is ExportFormat.markdown:
        from mentorlog.exchange.markdown import export_markdown

        data = export_markdown(journal, now())
    elif format is ExportFormat.csv:
        from mentorlog.exchange.csv_export import export_csv

        data = export_csv(journal)
    else:
        from mentorlog.exchange.ics import export_ics

        data = export_ics(journal)
    store.check_keys()  # a key twice in a file: the export would keep only one of its values
    from mentorlog.storage import codec

    encrypted = codec.is_encrypted_journal(store.root)
    if encrypted and plaintext:
        warn(app_ctx, f"this {format.value} export is plaintext: anyone who gets it can read it.")
    data = codec.private_bytes(store.root, data, plaintext=plaintext, armored=output is None)
    if output is None:
        _write_stdout(data)
        return
    from mentorlog.storage.atomic import atomic_write

    atomic_write(output, data)
    if encrypted and not plaintext:
        say(app_ctx, f"Exported the journal as {format.value} to {output}, encrypted for")
        if format is ExportFormat.json:
            say(app_ctx, "this journal's key (`mentorlog import` reads it back).")
        else:
            say(app_ctx, "this journal's key (--plaintext gives a file other apps can open).")
        return
    say(app_ctx, f"Exported the journal as {format.value} to {output} (readable only by you).")


def _write_stdout(data: bytes) -> None:
    """The bytes as they are (CRLF rows of CSV, UTF-8), whatever the console's encoding."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        buffer.write(data)
        buffer.flush()


def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="A mentorlog backup (.json), a people list (.csv) or a calendar export (.ics)."
        ),
    ],
    format: Annotated[
        ImportFormat | None,
        typer.Option("--format", "-f", help="json, csv or ics (default: from the file name)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="ics: only events on or after this date.", metavar="DATE"),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", help="ics: only events on or before this date.", metavar="DATE"),
    ] = None,
    yes: Annotated[
        bool, flag("ics: keep the e-mail matches without asking (names are not).", "--yes", "-y")
    ] = False,
    with_notes: Annotated[
        bool, flag("ics: copy each event's title, description and attendees.", "--with-notes")
    ] = False,
    dry_run: Annotated[bool, flag("Show what would change; write nothing.", "--dry-run")] = False,
    as_json: Json = False,
) -> None:
    """Import a backup, people as prospects, or past sessions from a calendar.

    A backup is merged by id (safe to repeat); people (e.g. a LinkedIn export) arrive as
    prospects; calendar sessions are confirmed first and never imported twice."""
    from mentorlog.exchange.importer import guess_format

    app_ctx = app_context(ctx)
    store = app_ctx.store(command_name(ctx))
    kind = guess_format(file, format.value if format is not None else None)
    if kind != "ics" and (since or until or yes or with_notes):
        raise BadInput("--since, --until, --yes and --with-notes are for a calendar (.ics).")
    if kind == "ics":
        from mentorlog.cli.calendar_import import import_ics

        import_ics(
            app_ctx,
            store,
            file,
            since=since,
            until=until,
            yes=yes,
            with_notes=with_notes,
            dry_run=dry_run,
            as_json=as_json,
        )
        return
    if kind == "json":
        from mentorlog.exchange.importer import import_backup

        backup_report = import_backup(store, file, dry_run=dry_run)
        emit(app_ctx, backup_report, lambda: _show_backup(app_ctx, backup_report), as_json=as_json)
        return
    from mentorlog.exchange.people import import_people

    people_report = import_people(
        store,
        file,
        today=app_ctx.today(),
        cadence=app_ctx.config.cadence.for_kind(MentorKind.mentor),
        dry_run=dry_run,
    )
    emit(app_ctx, people_report, lambda: _show_people(app_ctx, people_report), as_json=as_json)


def _show_backup(app_ctx: AppContext, report: BackupImportReport) -> None:
    name = Path(report.file).name
    figures = f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged"
    say(app_ctx, f"{'Would import' if report.dry_run else 'Imported'} {name}: {figures}.")
    for collection, counts in report.collections.items():
        if counts.added or counts.updated:
            say(app_ctx, f"  {collection}: {counts.added} added, {counts.updated} updated")
    for conflict in report.conflicts[:SHOWN_NAMES]:
        side = "the imported version" if conflict.winner == "import" else "this journal's version"
        say(
            app_ctx,
            f"  conflict: {conflict.collection} {conflict.id}: kept {side} ({conflict.reason})",
        )
    hidden = len(report.conflicts) - SHOWN_NAMES
    if hidden > 0:
        say(app_ctx, f"  ... and {plural(hidden, 'more conflict')} (--json lists them all)")
    if report.dry_run:
        say(app_ctx, "Dry run: nothing was written.")


def _show_people(app_ctx: AppContext, report: PeopleImportReport) -> None:
    from mentorlog.render.safe import literal

    name = Path(report.file).name
    verb = "Would add" if report.dry_run else "Added"
    added = plural(len(report.added), "prospect")
    say(app_ctx, f"{verb} {added} from {name} (source {report.source}).")
    for person in report.added[:SHOWN_NAMES]:
        say(app_ctx, "  + ", literal(_who(person.name, person.org)))
    if len(report.added) > SHOWN_NAMES:
        say(app_ctx, f"  ... and {len(report.added) - SHOWN_NAMES} more")
    if report.duplicates:
        count = len(report.duplicates)
        say(app_ctx, f"Skipped {count} already in the journal (or earlier in the file):")
        for person in report.duplicates[:SHOWN_NAMES]:
            say(app_ctx, "  = ", literal(_who(person.name, person.org)))
        if count > SHOWN_NAMES:
            say(app_ctx, f"  ... and {count - SHOWN_NAMES} more")
    if report.unnamed:
        say(app_ctx, f"Skipped {plural(report.unnamed, 'row')} without a name.")
    if report.dry_run:
        say(app_ctx, "Dry run: nothing was written.")


def _who(name: str, org: str) -> str:
    return f"{name} ({org})" if org else name
