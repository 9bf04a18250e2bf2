"""Validation errors in our own words: where the first problem is and what is wrong with it.

Pydantic's messages are written for developers ("Value error, …", "Input should be a valid
integer, unable to parse string as an integer"); every place that turns a `ValidationError`
into a line for the user goes through `first_problem`. Never includes the offending value,
which may be note text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails


@dataclass(frozen=True)
class Problem:
    loc: tuple[int | str, ...]  # where, as pydantic gives it (field names and list indexes)
    message: str  # what is wrong, in plain words, without a final full stop

    @property
    def field(self) -> str:
        """The dotted field path, e.g. `agreement.until` or `takeaways.0`."""
        return ".".join(str(part) for part in self.loc)


def first_problem(error: ValidationError) -> Problem:
    detail = error.errors(include_url=False, include_input=False)[0]
    return Problem(tuple(detail["loc"]), plain_message(detail))


_BY_TYPE: dict[str, str] = {
    "missing": "is required",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "string_type": "must be text",
    "date_parsing": "must be a date (YYYY-MM-DD)",
    "date_type": "must be a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "must be a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "must be a date (YYYY-MM-DD)",
    "datetime_parsing": "must be a date and time (YYYY-MM-DDTHH:MM:SS+00:00)",
    "datetime_type": "must be a date and time (YYYY-MM-DDTHH:MM:SS+00:00)",
    "datetime_from_date_parsing": "must be a date and time (YYYY-MM-DDTHH:MM:SS+00:00)",
    "timezone_aware": "must carry a time zone offset",
    "time_parsing": "must be a time of day (HH:MM)",
    "time_type": "must be a time of day (HH:MM)",
    "url_parsing": "must be a web address (https://…)",
    "url_type": "must be a web address (https://…)",
    "url_scheme": "must be a web address (https://…)",
    "list_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "extra_forbidden": "is not a known field",
    "string_pattern_mismatch": "has characters or a form that is not allowed",
    "frozen_field": "cannot be changed",
}


def plain_message(detail: ErrorDetails) -> str:
    """What is wrong, in plain words: our validators' own sentences, or a rewording of
    pydantic's by error type (numbers and choices from its context)."""
    kind = detail["type"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"]).rstrip(".")
    if kind in ("enum", "literal_error") and "expected" in ctx:
        return f"must be one of {ctx['expected']}"
    bounds = {
        "greater_than_equal": ("ge", "must be at least {}"),
        "greater_than": ("gt", "must be more than {}"),
        "less_than_equal": ("le", "must be at most {}"),
        "less_than": ("lt", "must be less than {}"),
    }
    if kind in bounds and bounds[kind][0] in ctx:
        key, wording = bounds[kind]
        return wording.format(ctx[key])
    if kind in ("string_too_short", "too_short") and "min_length" in ctx:
        least = int(ctx["min_length"])
        if least == 1:
            return "must not be empty"
        unit = "characters" if kind == "string_too_short" else "items"
        return f"must have at least {least} {unit}"
    if kind in ("string_too_long", "too_long") and "max_length" in ctx:
        unit = "characters" if kind == "string_too_long" else "items"
        return f"must have at most {ctx['max_length']} {unit}"
    if kind in _BY_TYPE:
        return _BY_TYPE[kind]
    message = str(detail["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message.replace("Input should be", "must be").rstrip(".")
