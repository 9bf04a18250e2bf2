"""What every kind of record's use cases share: one line of text typed for it, a change
validated on the whole record before anything changes, and what refers to a record."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mentorlog.errors import BadInput
from mentorlog.models import Record

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R", bound=Record)

MAX_TEXT = 1_000


def one_line(text: str, what: str, *, too_long: str = "") -> str:
    """`text` as one trimmed line of 1 to 1000 characters; `what` names it in the error
    ("An action item"), `too_long` is said after the limit."""
    value = " ".join(text.split())
    if not value:
        raise BadInput(f"{what} needs some text.")
    if len(value) > MAX_TEXT:
        raise BadInput(f"{what} is at most {MAX_TEXT} characters{too_long}.")
    return value


def checked(model: type[M], data: dict[str, Any]) -> M:
    """`data` validated as `model`; the first problem becomes one bad-input line."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        from mentorlog.problems import first_problem  # only on the error path: ~0.5 ms

        problem = first_problem(error)
        names = [str(part) for part in problem.loc if not isinstance(part, int)]
        where = f"Bad {names[-1]}: " if names else ""
        raise BadInput(f"{where}{problem.message}.") from None


def apply_changes(
    record: R,
    changes: dict[str, object],
    *,
    check: Callable[[R], None] = lambda merged: None,
    validate: Callable[[type[R], dict[str, Any]], R] = checked,
) -> bool:
    """Set the fields of `changes` that differ, after validating the changed record as a whole
    (`validate`) and checking it (`check`): nothing changes if either refuses. True if any did."""
    real = {key: value for key, value in changes.items() if getattr(record, key) != value}
    if not real:
        return False
    merged = validate(type(record), {**record.model_dump(), **real})
    check(merged)
    for key in real:
        setattr(record, key, getattr(merged, key))
    record.touch()
    return True


def unlink(records: Iterable[Record], field: str, ref: str) -> None:
    """Drop the reference to `ref` (the id of a record being removed) from `field` of each of
    `records`: a list of ids loses it, a single id becomes None; each record changed is
    touched."""
    for record in records:
        value = getattr(record, field)
        if isinstance(value, list):
            if ref not in value:
                continue
            setattr(record, field, [v for v in value if v != ref])
        elif value == ref:
            setattr(record, field, None)
        else:
            continue
        record.touch()


def noun(word: str) -> dict[str, str]:
    """The metadata of a field of `Links`: what one of the records it lists is called."""
    return {"noun": word}


@dataclass
class Links:
    """What refers to a record: what `rm` would orphan, a field per kind of record that may
    (the ids of those that do), each with its `noun` in its metadata."""

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def describe(self) -> str:
        counts = [(len(getattr(self, f.name)), f.metadata["noun"]) for f in fields(self)]
        return ", ".join(f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in counts if n)
