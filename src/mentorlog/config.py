"""Settings from the TOML config file, with their defaults (README "Settings", docs/nudges.md)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mentorlog.dates import Cadence, cadence_span, parse_cadence
from mentorlog.errors import BadInput, MentorlogError
from mentorlog.vocab import MentorKind


class _Section(BaseModel):
    # Built on first validation: a journal without a config file never validates one.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class CadenceDefaults(_Section):
    """Default cadence per kind when `mentor add` is given none."""

    mentor: str = "monthly"
    peer: str = "monthly"
    reverse: str = "monthly"
    micro: str = "none"

    @field_validator("mentor", "peer", "reverse", "micro")
    @classmethod
    def _parses(cls, value: str) -> str:
        try:
            parse_cadence(value)
        except MentorlogError as error:
            raise ValueError(error.message) from None
        return value

    def for_kind(self, kind: MentorKind) -> Cadence | None:
        return parse_cadence(getattr(self, kind.value))


class NudgeSettings(_Section):
    """Thresholds of the nudge rules (docs/nudges.md)."""

    overdue_warn: float = Field(1.5, ge=1.0, le=10.0)
    overdue_alert: float = Field(2.0, ge=1.0, le=20.0)
    stale_prospect_days: int = Field(14, ge=1, le=3650)
    action_stale_days: int = Field(30, ge=1, le=3650)
    milestone_soon_days: int = Field(14, ge=1, le=365)
    goal_unsupported_days: int = Field(60, ge=1, le=3650)
    goal_no_milestones_days: int = Field(14, ge=1, le=3650)
    reflection_due_days: int = Field(30, ge=1, le=92)
    # A second session within this fraction of the cadence is asking for more than agreed;
    # below 1 so a monthly "first Tuesday" rhythm (28 days apart) is not flagged.
    over_asking_window: float = Field(0.75, gt=0.0, le=1.0)
    # report-back: tell a mentor what came of their advice (action items done in this window)
    report_back: bool = True
    report_back_days: int = Field(60, ge=1, le=3650)

    def over_asking_days(self, cadence: Cadence, today: date) -> int:
        """The window (ending today) in which a second session is more than agreed."""
        return max(1, round(cadence_span(cadence, today, self.over_asking_window, back=True)))


class CalendarSettings(_Section):
    """How `import FILE.ics` knows which attendee is you (to skip what you declined)."""

    # Your own addresses, comma-separated (e.g. "me@work.example, me@home.example").
    me: str = ""

    @field_validator("me")
    @classmethod
    def _addresses(cls, value: str) -> str:
        for address in value.split(","):
            text = address.strip()
            if text and ("@" not in text or any(ch.isspace() for ch in text)):
                raise ValueError(f"not an e-mail address: {text[:60]!r}")
        return value

    def addresses(self) -> set[str]:
        return {a.strip().casefold() for a in self.me.split(",") if a.strip()}


class SyncSettings(_Section):
    """`mentorlog sync` (docs/sync.md); only `mentorlog sync` itself ever talks to the remote."""

    auto: bool = False  # commit locally after each change (never the network)


class EncryptionSettings(_Section):
    """Where an encrypted journal's key is (docs/privacy.md)."""

    # The age identity file; empty: $MENTORLOG_IDENTITY, else identity.txt beside this file.
    identity: str = ""
    # A command that prints the identity's passphrase (e.g. `pass show mentorlog`).
    passphrase_command: str = ""


class Config(_Section):
    focus_limit: int = Field(2, ge=1, le=10)
    backups: int = Field(10, ge=1, le=1000)
    lock_timeout: float = Field(10.0, ge=0.0, le=600.0)
    due_horizon_days: int = Field(14, ge=1, le=365)
    editor_on_meet: bool = False
    cadence: CadenceDefaults = Field(default_factory=CadenceDefaults)
    nudges: NudgeSettings = Field(default_factory=NudgeSettings)
    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    sync: SyncSettings = Field(default_factory=SyncSettings)
    encryption: EncryptionSettings = Field(default_factory=EncryptionSettings)


def load_config(path: Path) -> Config:
    """The config at `path`, or the defaults when there is no file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return defaults()
    except OSError as error:
        raise BadInput(f"Cannot read the config file {path}: {error.strerror}.") from error
    if sys.version_info >= (3, 11):
        import tomllib  # only when there is a config file to read (~2 ms)
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadInput(f"The config file {path} is not UTF-8 text.") from None
    except tomllib.TOMLDecodeError as error:
        raise BadInput(f"The config file {path} is not valid TOML: {error}.") from None
    return _validated(raw, path)


def defaults() -> Config:
    """`Config()`, without building the validators: the defaults are valid by definition."""
    return Config.model_construct(
        _fields_set=set(),
        cadence=CadenceDefaults.model_construct(_fields_set=set()),
        nudges=NudgeSettings.model_construct(_fields_set=set()),
        calendar=CalendarSettings.model_construct(_fields_set=set()),
        sync=SyncSettings.model_construct(_fields_set=set()),
        encryption=EncryptionSettings.model_construct(_fields_set=set()),
    )


def _validated(raw: dict[str, Any], path: Path) -> Config:
    try:
        return Config.model_validate(raw)
    except ValidationError as error:
        from mentorlog.problems import first_problem  # only on the error path: ~0.5 ms

        problem = first_problem(error)
        raise BadInput(
            f"The config file {path} has a bad setting '{problem.field}': {problem.message}."
        ) from None


def keys() -> list[str]:
    """Every settable key, dotted (e.g. `nudges.stale_prospect_days`)."""
    found: list[str] = []
    for name, field in Config.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found.extend(f"{name}.{sub}" for sub in annotation.model_fields)
        else:
            found.append(name)
    return found


def with_setting(config: Config, key: str, value: str) -> Config:
    """A copy of `config` with `key` set from its text form; bad keys or values are BadInput."""
    if key not in keys():
        raise BadInput(f"Unknown setting '{key}'. Known settings: {', '.join(keys())}.")
    raw = config.model_dump(mode="json")
    section, _, leaf = key.rpartition(".")
    target = raw[section] if section else raw
    target[leaf] = value
    try:
        return Config.model_validate(raw)
    except ValidationError as error:
        from mentorlog.problems import first_problem  # only on the error path

        raise BadInput(f"Bad value for '{key}': {first_problem(error).message}.") from None


def dump_toml(config: Config) -> str:
    import tomli_w  # only `config set` writes the file

    return tomli_w.dumps(config.model_dump(mode="json"))
