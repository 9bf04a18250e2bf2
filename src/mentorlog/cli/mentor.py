"""`mentorlog mentor add|list|show|edit|pause|resume|end|rm`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from mentorlog.cli._args import optional_date, read_text_arg, warn_supervisor
from mentorlog.cli._confirm import delete_record
from mentorlog.cli._context import app_context, command_name
from mentorlog.cli._options import (
    Json,
    Yes,
    date_option,
    flag,
    format_option,
    goal_option,
    mentor_argument,
    notes_option,
    option_groups,
    text_option,
)
from mentorlog.cli._output import emit, emit_list, say, show_record
from mentorlog.render.safe import literal
from mentorlog.vocab import MeetingFormat, MentorKind, MentorStatus, Source

if TYPE_CHECKING:
    from mentorlog.insights.profiles import MentorProfile
    from mentorlog.journal.mentors import MentorOptions
    from mentorlog.journal.state import Journal
    from mentorlog.models import Mentor

app = typer.Typer(
    help="Mentors: the people in a mentoring relationship with you, and your agreements.",
    no_args_is_help=True,
)


def _formats(incomplete: str) -> list[str]:
    return [f for f in [*(m.value for m in MeetingFormat), "none"] if f.startswith(incomplete)]


MentorRef = Annotated[
    str,
    mentor_argument("Mentor id prefix, or the start of their name."),
]
# The options `mentor add` and `mentor edit` share, each a field of `MentorOptions`: who they
# are (listed after the name), and the agreement (after the goals).
WHO: dict[str, Any] = {
    "kind": Annotated[MentorKind | None, typer.Option(help="mentor, peer, reverse or micro.")],
    "status": Annotated[
        MentorStatus | None, typer.Option(help="prospect (not contacted yet), active or paused.")
    ],
    "source": Annotated[Source | None, typer.Option("--source", help="Where you found them.")],
    "org": Annotated[str | None, text_option("Their organisation.")],
    "role": Annotated[str | None, text_option("Their role.")],
    "expertise": Annotated[str | None, typer.Option(metavar="A,B", help="Tags, comma-separated.")],
    "email": Annotated[str | None, typer.Option(metavar="ADDRESS", help="E-mail address.")],
    "url": Annotated[str | None, typer.Option(metavar="URL", help="A profile or web page.")],
    "location": Annotated[str | None, text_option("Where they are (city, country).")],
    "timezone": Annotated[
        str | None, typer.Option(metavar="ZONE", help="IANA time zone, e.g. Europe/Berlin.")
    ],
}
AGREEMENT: dict[str, Any] = {
    "why": Annotated[str | None, text_option("Agreement: why them.")],
    "hope": Annotated[str | None, text_option("Agreement: what you hope to get.")],
    "until": Annotated[str | None, date_option("Agreement: end date (required for micro).")],
    "purpose": Annotated[str | None, text_option("Agreement: the one focused purpose (micro).")],
    "started": Annotated[str | None, date_option("When it began (default today).")],
    "notes": Annotated[str | None, notes_option("Notes ('-' reads standard input).")],
}
_CADENCE = "weekly, biweekly, monthly, quarterly, none, or Nd/Nw/Nm: days, weeks, calendar months"
Cadence = Annotated[
    str | None, typer.Option(metavar="CADENCE", help=f"{_CADENCE} (default: per kind).")
]
EditCadence = Annotated[str | None, typer.Option(metavar="CADENCE", help=f"{_CADENCE}.")]
Goals = Annotated[
    list[str] | None,
    goal_option("A goal they help with (repeatable).", "--goal"),
]


def _options(
    given: dict[str, Any], format_: str | None, cadence: str | None, supervisor: bool | None
) -> MentorOptions:
    """The `MentorOptions` of `mentor add` / `mentor edit`: the shared options as typed (notes:
    `-` reads stdin), and the three each command declares its own way."""
    from mentorlog.journal.mentors import MentorOptions

    notes = read_text_arg(given.pop("notes"))
    return MentorOptions(
        **given, notes=notes, format=format_, cadence=cadence, supervisor=supervisor
    )


@app.command("add")
@option_groups(name=WHO, goal=AGREEMENT)
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Their name.")],
    format_: Annotated[
        MeetingFormat | None, typer.Option("--format", help="Preferred meeting format.")
    ] = None,
    cadence: Cadence = None,
    supervisor: Annotated[bool, flag("They are your current supervisor.", "--supervisor")] = False,
    goal: Goals = None,
    as_json: Json = False,
    **shared: Any,
) -> None:
    """Add a mentor, peer, reverse or micro mentor, or a prospect you mean to ask."""
    from mentorlog.dates import format_cadence
    from mentorlog.journal.mentors import add_mentor
    from mentorlog.journal.resolve import resolve_goal

    app_ctx = app_context(ctx)
    options = _options(shared, format_.value if format_ else None, cadence, supervisor or None)
    defaults = app_ctx.config.cadence.for_kind
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        goals = [resolve_goal(journal, ref) for ref in goal or []]
        mentor = add_mentor(
            journal,
            name=name,
            today=app_ctx.today(),
            options=options,
            goals=goals,
            default_cadence=defaults,
        )

    def show() -> None:
        cadence = format_cadence(mentor.cadence)
        added = f"Added {mentor.kind.value} {mentor.id} "
        say(app_ctx, added, literal(mentor.name), f" ({mentor.status.value}, {cadence}).")
        if mentor.status is MentorStatus.prospect:
            say(app_ctx, "Tracked as a prospect until your first session with them.")

    emit(app_ctx, mentor, show, as_json=as_json)
    if mentor.supervisor:
        warn_supervisor(app_ctx, mentor)


@app.command("list")
def list_(
    ctx: typer.Context,
    all_: Annotated[bool, flag("Include ended relationships.", "--all")] = False,
    kind: Annotated[MentorKind | None, typer.Option(help="Only this kind.")] = None,
    status: Annotated[MentorStatus | None, typer.Option(help="Only this status.")] = None,
    as_json: Json = False,
) -> None:
    """List mentors with their health (active, paused and prospects; --all adds ended)."""
    from mentorlog.insights import recent
    from mentorlog.insights.profiles import MentorRow, mentor_rows
    from mentorlog.render.mentors import mentor_table

    app_ctx = app_context(ctx)
    nudges = app_ctx.config.nudges
    journal = app_ctx.store().journal()
    if status is not None:
        keep: set[MentorStatus] | None = {status}
    else:
        keep = None if all_ else {MentorStatus.active, MentorStatus.paused, MentorStatus.prospect}
    today = app_ctx.today()
    rows = mentor_rows(
        recent.for_mentor_list(journal, today, keep=keep, kind=kind),
        today,
        warn_factor=nudges.overdue_warn,
        alert_factor=nudges.overdue_alert,
        keep=keep,
        kind=kind,
    )
    hidden = 0
    if keep is not None and status is None:
        hidden = sum(
            1
            for m in journal.mentors
            if m.status is MentorStatus.ended and (kind is None or m.kind is kind)
        )
    emit_list(app_ctx, MentorRow, rows, lambda: mentor_table(rows, hidden=hidden), as_json=as_json)


@app.command("show")
def show(ctx: typer.Context, mentor: MentorRef, as_json: Json = False) -> None:
    """A mentor's profile: contact, agreement, health, sessions, open actions, milestones."""
    from mentorlog.insights.profiles import mentor_profile
    from mentorlog.journal.resolve import resolve_mentor
    from mentorlog.render.mentors import mentor_panel

    app_ctx = app_context(ctx)
    nudges = app_ctx.config.nudges

    def profile(journal: Journal, record: Mentor) -> MentorProfile:
        return mentor_profile(
            journal,
            record,
            app_ctx.today(),
            warn_factor=nudges.overdue_warn,
            alert_factor=nudges.overdue_alert,
        )

    show_record(app_ctx, mentor, resolve_mentor, profile, mentor_panel, as_json=as_json)


@app.command("edit")
@option_groups(name=WHO, remove_goal=AGREEMENT)
def edit(
    ctx: typer.Context,
    mentor: MentorRef,
    name: Annotated[str | None, typer.Option(metavar="NAME", help="Correct their name.")] = None,
    format_: Annotated[
        str | None,
        format_option(
            "video, call, coffee, walk, in-person, message or none.", autocompletion=_formats
        ),
    ] = None,
    cadence: EditCadence = None,
    supervisor: Annotated[
        bool | None, flag("Are they your current supervisor?", "--supervisor/--no-supervisor")
    ] = None,
    goal: Goals = None,
    remove_goal: Annotated[
        list[str] | None,
        goal_option("A goal they no longer help with (repeatable)."),
    ] = None,
    **shared: Any,
) -> None:
    """Change anything `mentor add` sets; 'none' clears a value (e.g. --email none)."""
    from mentorlog.journal.mentors import edit_mentor
    from mentorlog.journal.resolve import resolve_goal, resolve_mentor

    app_ctx = app_context(ctx)
    options = _options(shared, format_, cadence, supervisor)
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        record = resolve_mentor(journal, mentor)
        changed = edit_mentor(
            journal,
            record,
            today=app_ctx.today(),
            name=name,
            options=options,
            add_goals=[resolve_goal(journal, ref) for ref in goal or []],
            remove_goals=[resolve_goal(journal, ref) for ref in remove_goal or []],
        )
    verb = "Updated" if changed else "Nothing to change for"
    say(app_ctx, f"{verb} mentor {record.id} ", literal(record.name), ".")
    if supervisor and record.supervisor:
        warn_supervisor(app_ctx, record)


def _set_status(ctx: typer.Context, ref: str, status: MentorStatus, day: str | None = None) -> None:
    from mentorlog.journal.mentors import set_mentor_status
    from mentorlog.journal.resolve import resolve_mentor

    app_ctx = app_context(ctx)
    on = optional_date(day, app_ctx.today(), "past")
    with app_ctx.store(command_name(ctx)).transaction() as journal:
        mentor = resolve_mentor(journal, ref)
        set_mentor_status(mentor, status, today=app_ctx.today(), on=on)
    after = {
        MentorStatus.paused: " is paused: no nudges until you `mentor resume` them.",
        MentorStatus.active: " is active again.",
        MentorStatus.ended: " has ended; every session and note stays in the journal.",
    }[status]
    say(app_ctx, f"Mentor {mentor.id} ", literal(mentor.name), after)


@app.command("pause")
def pause(ctx: typer.Context, mentor: MentorRef) -> None:
    """Pause a relationship (no nudges until resumed)."""
    _set_status(ctx, mentor, MentorStatus.paused)


@app.command("resume")
def resume(ctx: typer.Context, mentor: MentorRef) -> None:
    """Make a paused or ended relationship active again."""
    _set_status(ctx, mentor, MentorStatus.active)


@app.command("end")
def end(
    ctx: typer.Context,
    mentor: MentorRef,
    day: Annotated[str | None, date_option("The day it ended (default: today).", "--date")] = None,
) -> None:
    """End a relationship gracefully; its history is kept (prefer this to `rm`)."""
    _set_status(ctx, mentor, MentorStatus.ended, day)


@app.command("rm")
def rm(
    ctx: typer.Context,
    mentor: MentorRef,
    yes: Yes = False,
    cascade: Annotated[
        bool, flag("Also delete their sessions (and those sessions' action items) and topics.")
    ] = False,
) -> None:
    """Delete a mentor for good. Prefer `mentor end`, which keeps the history."""
    from mentorlog.journal.mentors import refuse_if_linked, remove_mentor
    from mentorlog.journal.resolve import resolve_mentor

    def remove(journal: Journal, record: Mentor) -> str:
        links = remove_mentor(journal, record, cascade=cascade)
        return f" (and {links.describe()} deleted or unlinked)" if links else ""

    delete_record(
        ctx,
        mentor,
        resolve_mentor,
        remove,
        noun="mentor",
        label=lambda _, m: m.name,
        yes=yes,
        check=None if cascade else refuse_if_linked,
    )
