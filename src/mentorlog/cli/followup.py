"""`mentorlog followup MENTOR`: a thank-you / report-back note to send after a session.

The note is printed (plain text), written to a file, or turned into a `mailto:` URL; mentorlog
never sends anything. The session is marked followed up once the note is produced. Nothing is
locked while the editor is open; the journal is locked only to mark the session.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli._args import writable_file, write_output
from mentorlog.cli._complete import complete_meeting
from mentorlog.cli._context import app_context, command_name
from mentorlog.cli._options import Json, flag, id_option, mentor_argument, output_option
from mentorlog.cli._output import emit
from mentorlog.errors import NotFound
from mentorlog.text import clean

if TYPE_CHECKING:
    from mentorlog.journal.followup import FollowupNote


def followup(
    ctx: typer.Context,
    mentor: Annotated[
        str,
        mentor_argument("Mentor (id prefix or start of the name)."),
    ],
    session: Annotated[
        str | None,
        id_option(complete_meeting, "The session to follow up (default: the latest)."),
    ] = None,
    edit: Annotated[bool, flag("Polish the note in $VISUAL / $EDITOR first.", "--edit")] = False,
    output: Annotated[Path | None, output_option("Write the note to FILE.", "FILE")] = None,
    mailto: Annotated[
        bool, flag("Print a mailto: URL (needs the mentor's e-mail).", "--mailto")
    ] = False,
    as_json: Json = False,
) -> None:
    """Draft a thank-you / report-back note after a session. Never sends anything.

    From the session's takeaways, your commitments and what came of their advice; the session
    is marked followed up."""
    from mentorlog.journal.followup import draft_followup, mailto_url, session_to_follow
    from mentorlog.journal.resolve import resolve_meeting, resolve_mentor

    app_ctx = app_context(ctx)
    today = app_ctx.today()
    target = writable_file(output) if output is not None else None
    journal = app_ctx.store().journal()
    person = resolve_mentor(journal, mentor)
    if mailto and not person.email:
        raise NotFound(
            f"{clean(person.name)} has no e-mail address; add one with "
            f"`mentorlog mentor edit {person.id} --email ADDRESS`, or drop --mailto."
        )
    chosen = resolve_meeting(journal, session) if session is not None else None
    meeting = session_to_follow(journal, person, chosen, today)
    note = draft_followup(journal, person, meeting)
    if edit:
        from mentorlog.cli._editor import EmptyDraft, editing

        with editing(app_ctx, note.body) as written:
            if not written.strip():
                raise EmptyDraft()
            note.body = written.strip("\n") + "\n"
            _keep(ctx, note, target, quiet=as_json or mailto)
    else:
        _keep(ctx, note, target, quiet=as_json or mailto)
    if mailto and person.email:
        note.mailto = mailto_url(person.email, note.subject, note.body)

    def show() -> None:
        if mailto:
            typer.echo(note.mailto)
        elif target is None:  # else written to the file
            typer.echo(f"Subject: {note.subject}\n\n{note.body}", nl=False)

    emit(app_ctx, note, show, as_json=as_json)


def _keep(ctx: typer.Context, note: FollowupNote, target: Path | None, *, quiet: bool) -> None:
    """Write the note (when asked), then mark the session followed up."""
    from mentorlog.journal.followup import mark_followed_up
    from mentorlog.journal.resolve import resolve_meeting

    app_ctx = app_context(ctx)
    if target is not None:
        text = f"Subject: {note.subject}\n\n{note.body}"
        write_output(app_ctx, target, text, "the note", quiet=quiet)
    today = app_ctx.today()
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        meeting = resolve_meeting(journal, note.session_id)
        mark_followed_up(meeting, today)
    note.followed_up = today
