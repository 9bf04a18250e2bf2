"""Every `--json` document, per command: the one registry of the JSON contract.

`docs/json.md` is generated from it (`scripts/gen_json_doc.py`, from each shape's
`model_json_schema`), and tests check that every command taking `--json` is listed here and
prints what its entry says. The models stay beside the code that builds them; this module
only names them. Adding a `--json` field: add it to the model, then regenerate the page.
Adding a command with `--json`: add its entry here (docs/architecture.md).

Imported by the docs script and the tests only: a command never pays for importing it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter

from mentorlog.cli.encrypt import EncryptionReport
from mentorlog.cli.sync import ConflictList
from mentorlog.cli.undo_output import Undone
from mentorlog.config import Config
from mentorlog.exchange.calendar_plan import CalendarImportReport
from mentorlog.exchange.importer import BackupImportReport
from mentorlog.exchange.people import PeopleImportReport
from mentorlog.insights.nudges import Nudge
from mentorlog.insights.prep import PrepSheet
from mentorlog.insights.profiles import GoalProfile, GoalRow, MentorProfile, MentorRow
from mentorlog.insights.review import Review
from mentorlog.insights.search import Hit
from mentorlog.insights.sessions import ActionRow, MeetingRow, MeetingView
from mentorlog.insights.status import Dashboard
from mentorlog.journal.followup import FollowupNote
from mentorlog.journal.meetings import Logged
from mentorlog.journal.milestones import MilestoneRow
from mentorlog.journal.reflections import ReflectionRow
from mentorlog.journal.topics import TopicRow
from mentorlog.models import ActionItem, Goal, Mentor, Milestone, Reflection, Topic
from mentorlog.sync.engine import Outcome
from mentorlog.sync.setup import InitOutcome
from mentorlog.sync.status import SyncStatus


@dataclass(frozen=True)
class JsonView:
    """What `mentorlog COMMAND --json` prints: one JSON document of `shape`."""

    command: str  # as typed after `mentorlog`
    shape: Any  # a pydantic model, or a list or union of them
    about: str

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = TypeAdapter(self.shape).json_schema(mode="serialization")
        return schema


def _added(group: str, shape: Any, what: str = "") -> JsonView:
    """The entry of `GROUP add`, which prints the record it added, as stored."""
    return JsonView(f"{group} add", shape, f"The {what or group} added, as stored.")


VIEWS: tuple[JsonView, ...] = (
    JsonView("status", Dashboard, "The dashboard: focus goals, relationships, due, nudges."),
    JsonView("nudge", list[Nudge], "Every nudge, most severe first (none: `[]`)."),
    JsonView("meet", Logged, "The session logged, with the action items it added and closed."),
    JsonView("search", list[Hit], "The matches shown, newest first."),
    JsonView("review", Review, "The review of the period, with its prompts."),
    JsonView(
        "import",
        BackupImportReport | PeopleImportReport | CalendarImportReport,
        "What was (or, with --dry-run, would be) imported: a backup's report, people's, or "
        "a calendar's sessions.",
    ),
    JsonView("undo", Undone, "The change reverted (or that would be, with --dry-run)."),
    _added("goal", Goal),
    JsonView("goal list", list[GoalRow], "The goals listed, with their progress."),
    JsonView("goal show", GoalProfile, "One goal with its milestones, mentors and sessions."),
    _added("milestone", Milestone),
    JsonView("milestone list", list[MilestoneRow], "The milestones listed."),
    _added("mentor", Mentor),
    JsonView("mentor list", list[MentorRow], "The mentors listed, with their health."),
    JsonView("mentor show", MentorProfile, "One mentor's profile, health and sessions."),
    JsonView("meeting list", list[MeetingRow], "The sessions listed, newest first."),
    JsonView("meeting show", MeetingView, "One session with its mentor, goals and actions."),
    JsonView("action list", list[ActionRow], "The action items listed."),
    _added("action", ActionItem, "action item"),
    JsonView("reflection list", list[ReflectionRow], "The saved reflections."),
    JsonView("reflection show", Reflection, "One reflection, as stored."),
    _added("topic", Topic),
    JsonView("topic list", list[TopicRow], "The topics listed."),
    JsonView("prep", PrepSheet, "The sheet to read before a session with one mentor."),
    JsonView("followup", FollowupNote, "The follow-up note drafted after a session."),
    JsonView("sync init", InitOutcome, "How the journal was set up for sync (or would be)."),
    JsonView("sync", Outcome, "What a sync committed, merged and pushed (or would)."),
    JsonView("sync status", SyncStatus, "Ahead, behind, uncommitted and the last sync."),
    JsonView("sync conflicts", ConflictList, "The values a merge had to choose between."),
    JsonView(
        "encrypt", EncryptionReport, "What was encrypted, to which key; a new key's secret once."
    ),
    JsonView("decrypt", EncryptionReport, "What was decrypted (the key file is left in place)."),
    JsonView("config show", Config, "The settings in effect (defaults plus the file)."),
)


def view(command: str) -> JsonView:
    """The registry's entry for `command` (`"goal list"`); KeyError when it has none."""
    for entry in VIEWS:
        if entry.command == command:
            return entry
    raise KeyError(command)


def schema(command: str) -> str:
    """The JSON Schema of what `mentorlog COMMAND --json` prints, as indented JSON."""
    return json.dumps(view(command).schema(), indent=2, ensure_ascii=False)
