"""`mentorlog topic add|list|done|drop`: what you want to raise with a mentor next time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli._complete import complete_meeting, complete_topic
from mentorlog.cli._context import app_context, command_name
from mentorlog.cli._options import (
    Json,
    flag,
    id_argument,
    id_option,
    mentor_argument,
    mentor_option,
    text_argument,
)
from mentorlog.cli._output import emit, emit_list, say
from mentorlog.render.safe import literal
from mentorlog.vocab import TopicStatus

if TYPE_CHECKING:
    pass

app = typer.Typer(
    help="Topics: what you want to ask or tell a mentor next time.", no_args_is_help=True
)


TopicRef = Annotated[
    str,
    id_argument(complete_topic, "Topic id (or a unique prefix of it)."),
]


@app.command("add")
def add(
    ctx: typer.Context,
    mentor: Annotated[
        str,
        mentor_argument("Who to raise it with."),
    ],
    text: Annotated[str, text_argument("What to ask or tell them.")],
    as_json: Json = False,
) -> None:
    """Note something to raise with a mentor at your next session."""
    from mentorlog.journal.resolve import resolve_mentor
    from mentorlog.journal.topics import add_topic, topic_text

    app_ctx = app_context(ctx)
    topic_text(text)  # bad text is refused before the journal is locked
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        person = resolve_mentor(journal, mentor)
        topic = add_topic(journal, person, text)
    added = (f"Added topic {topic.id} for ", literal(person.name), ": ", literal(topic.text), ".")
    emit(app_ctx, topic, lambda: say(app_ctx, *added), as_json=as_json)


@app.command("list")
def list_(
    ctx: typer.Context,
    mentor: Annotated[str | None, mentor_option("Only topics for this mentor.")] = None,
    all_: Annotated[bool, flag("Include discussed and dropped topics.", "--all")] = False,
    as_json: Json = False,
) -> None:
    """Open topics, in the order you noted them (with --all, then the closed ones)."""
    from mentorlog.journal.resolve import resolve_mentor
    from mentorlog.journal.topics import TopicRow, topic_rows
    from mentorlog.render.topics import topic_table

    app_ctx = app_context(ctx)
    journal = app_ctx.store().journal()
    rows = topic_rows(
        journal,
        mentor_id=resolve_mentor(journal, mentor).id if mentor is not None else None,
        include_closed=all_,
    )
    emit_list(
        app_ctx, TopicRow, rows, lambda: topic_table(rows, include_closed=all_), as_json=as_json
    )


def _close(ctx: typer.Context, ref: str, status: TopicStatus, session: str | None) -> None:
    from mentorlog.journal.resolve import resolve_meeting, resolve_topic
    from mentorlog.journal.topics import close_topic

    app_ctx = app_context(ctx)
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        topic = resolve_topic(journal, ref)
        meeting = resolve_meeting(journal, session) if session is not None else None
        close_topic(topic, status, on=app_ctx.today(), meeting=meeting)
    where = f" (in session {meeting.id})" if meeting is not None else ""
    say(app_ctx, f"Topic {topic.id} ", literal(topic.text), f" is {status.value}{where}.")


@app.command("done")
def done(
    ctx: typer.Context,
    topic: TopicRef,
    session: Annotated[
        str | None,
        id_option(complete_meeting, "The session it was discussed in (default: none)."),
    ] = None,
) -> None:
    """Mark a topic discussed (outside a logged session, or in --session ID)."""
    _close(ctx, topic, TopicStatus.discussed, session)


@app.command("drop")
def drop(ctx: typer.Context, topic: TopicRef) -> None:
    """Drop a topic you will not raise (it stays in the journal)."""
    _close(ctx, topic, TopicStatus.dropped, None)
