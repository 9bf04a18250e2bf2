"""Records for the tests, in one place, and journals written straight through the store (no CLI
needed). `mentor`, `goal`, ... make records with fresh ids stamped now (the frozen clock);
`numbered_*` make them with numbered ids and fixed stamps, for the review's golden outputs."""

from __future__ import annotations

import shlex
import sys
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

from mentorlog.models import ActionItem, Agreement, Goal, Meeting, Mentor, Milestone, new_id, stamp
from mentorlog.storage.store import Store
from mentorlog.vocab import MentorKind

TODAY = date(2026, 11, 24)  # the frozen clock of tests/conftest.py
ESC = "\x1b"
MARKUP_AND_ESCAPES = "[bold red]Evil[/] :smile: \x1b[31m<script>alert(1)</script> | # *x* &amp;"
HOSTILE = "[bold]loud[/bold] [link=https://evil.example]x[/link] :smile: \x1b[31mred\x07"


def make(model: type[Any], **fields: Any) -> Any:
    """A record of `model` with exactly `fields`, a fresh id, stamped now."""
    return model(id=new_id(), **fields, **stamp())


def mentor(name: str = "Ada Lovelace", **fields: Any) -> Mentor:
    fields.setdefault("started", date(2026, 1, 1))
    fields.setdefault("cadence", "1m")
    return Mentor(id=new_id(), name=name, **fields, **stamp())


def goal(title: str = "Public speaking", **fields: Any) -> Goal:
    fields.setdefault("started", date(2026, 1, 1))
    return Goal(id=new_id(), title=title, **fields, **stamp())


def meeting(who: Mentor, day: date, **fields: Any) -> Meeting:
    return Meeting(id=new_id(), mentor=who.id, date=day, **fields, **stamp())


def milestone(of: Goal, title: str = "Give a talk", **fields: Any) -> Milestone:
    return Milestone(id=new_id(), goal=of.id, title=title, **fields, **stamp())


def action(
    text: str = "Send the outline", *, created: datetime | None = None, **fields: Any
) -> ActionItem:
    moment = created or datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    return ActionItem(id=new_id(), text=text, created=moment, updated=moment, **fields)


def stamped(day: date, hour: int = 18) -> dict[str, datetime]:
    """`created` and `updated` at `hour`:00 UTC on `day` (for records of a generated journal)."""
    moment = datetime.combine(day, time(hour, 0), tzinfo=timezone.utc)
    return {"created": moment, "updated": moment}


def seed(home: Path, **collections: list[Any]) -> None:
    """Write records into the journal at `home`, as if earlier commands had."""
    with Store(home).transaction() as journal:
        for name, records in collections.items():
            journal.collection(name).extend(records)


def load(home: Path) -> Any:
    return Store(home).journal()


def ada_with_goal(home: Path, **mentor_fields: Any) -> tuple[Mentor, Goal]:
    speaking = goal()
    ada = mentor(goals=[speaking.id], **mentor_fields)
    seed(home, goals=[speaking], mentors=[ada])
    return ada, speaking


# -- changes written as the commands write them (`undo` reverts them) ------------------------


def add_mentor(home: Path) -> None:
    with Store(home, command="mentorlog mentor add").transaction() as journal:
        journal.mentors.append(
            Mentor(id="m0ada", **stamp(), name="Ada Lovelace", started=date(2026, 1, 1))
        )


def add_goal(home: Path, title: str = "Speaking", *, keep_backups: int = 10) -> None:
    with Store(home, command="mentorlog goal add", keep_backups=keep_backups).transaction() as j:
        j.goals.append(
            Goal(id=f"g0goal{len(j.goals)}", **stamp(), title=title, started=date(2026, 1, 1))
        )


def log_session(home: Path) -> None:
    """A change to two files at once, creating one of them (as `meet --action` does)."""
    with Store(home, command="mentorlog meet").transaction() as journal:
        journal.meetings.append(
            Meeting(id="mt0one", **stamp(), mentor="m0ada", date=date(2026, 11, 20))
        )
        journal.actions.append(
            ActionItem(id="ac0one", **stamp(), text="Book a room", meeting="mt0one")
        )


def agreement(**fields: Any) -> Agreement:
    return Agreement(**fields)


def fake_editor(tmp_path: Path, body: str, *, name: str = "editor.py") -> str:
    """An $EDITOR that records the draft's permissions and what it was given, then replaces
    the draft's template placeholders with `body` (a Python dict literal of replacements) or,
    when `body` starts with '=', writes exactly the rest."""
    script = tmp_path / name
    record = tmp_path / "editor-seen.txt"
    script.write_text(
        "import json, os, stat, sys\n"
        "path = sys.argv[-1]\n"
        "text = open(path, encoding='utf-8').read()\n"
        f"seen = {{'file': stat.S_IMODE(os.stat(path).st_mode),\n"
        "        'dir': stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode),\n"
        "        'path': path, 'text': text}\n"
        f"open({str(record)!r}, 'w', encoding='utf-8').write(json.dumps(seen))\n"
        f"body = {body!r}\n"
        "if body.startswith('='):\n"
        "    text = body[1:]\n"
        "else:\n"
        "    for old, new in eval(body).items():\n"
        "        text = text.replace(old, new, 1)\n"
        "open(path, 'w', encoding='utf-8').write(text)\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def editor_saw(tmp_path: Path) -> dict[str, Any]:
    import json

    data: dict[str, Any] = json.loads((tmp_path / "editor-seen.txt").read_text("utf-8"))
    return data


def drafts(home: Path) -> list[Path]:
    folder = home / "drafts"
    return sorted(folder.iterdir()) if folder.is_dir() else []


# -- records with numbered ids and fixed stamps (the review's goldens) -----------------------

_counter = iter(range(10_000_000, 99_999_999))


def _id(prefix: str) -> str:
    return f"{prefix}{next(_counter)}"


def at(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=timezone.utc)


def stamps(day: date = date(2026, 1, 5)) -> dict[str, Any]:
    return {"created": at(day), "updated": at(day)}


def numbered_goal(title: str, **fields: Any) -> Goal:
    fields.setdefault("started", date(2026, 1, 5))
    return Goal(id=_id("g"), title=title, **stamps(), **fields)


def numbered_mentor(name: str, **fields: Any) -> Mentor:
    fields.setdefault("started", date(2026, 1, 5))
    fields.setdefault("cadence", "1m")
    if fields.get("kind") is MentorKind.micro:
        fields.setdefault("agreement", Agreement(until=date(2027, 1, 1)))
    return Mentor(id=_id("m"), name=name, **stamps(), **fields)


def numbered_session(who: Mentor, day: date, **fields: Any) -> Meeting:
    return Meeting(id=_id("s"), mentor=who.id, date=day, **stamps(day), **fields)


def numbered_milestone(
    of: Goal, title: str, created: date = date(2026, 1, 5), **fields: Any
) -> Milestone:
    return Milestone(id=_id("ms"), goal=of.id, title=title, **stamps(created), **fields)


def numbered_action(text: str, created: date, **fields: Any) -> ActionItem:
    return ActionItem(id=_id("a"), text=text, **stamps(created), **fields)
