"""JSON that mentorlog can keep exactly: what a data file may hold besides its records.

Python's `json` (and Pydantic's parser) accept things that cannot be written back as they were
read: `NaN` and `Infinity` (not JSON; Pydantic would write `null`), `1e400` (read as infinity),
integers over 4,300 digits (Python refuses to turn them into text), a key twice in one object
(the last one wins, the other is dropped on the next save), and nesting deeper than the
serializer goes. A file with any of them is refused with the place, never silently changed.
Such things can only hide in fields mentorlog does not know, so the fast path checks those
(`strange_extra`), and the careful reader (`loads`) names the place.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

MAX_DEPTH = 100  # nesting levels of a whole file; a file that loads must also save (<255)
MAX_INT_BITS = 14_000  # about 4,200 decimal digits: below Python's 4,300-digit limit


class Strange(ValueError):
    """Something in a JSON text that mentorlog could not write back as it was."""


def _where(data: str, token: str) -> str:
    index = data.find(token)
    if index < 0:
        return ""
    line = data.count("\n", 0, index) + 1
    return f" (line {line}, column {index - data.rfind(chr(10), 0, index)})"


def loads(text: str) -> Any:
    """`json.loads`, refusing what could not be written back; Strange says what and where."""

    def constant(name: str) -> Any:
        raise Strange(f"has the value {name}, which JSON does not allow{_where(text, name)}")

    def number(literal: str) -> float:
        value = float(literal)
        if not math.isfinite(value):
            raise Strange(f"has a number too large to keep ({literal[:20]}){_where(text, literal)}")
        return value

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        document = dict(items)
        if len(document) != len(items):
            raise Strange(_twice(items, document))
        return document

    try:
        document = json.loads(
            text, parse_constant=constant, parse_float=number, object_pairs_hook=pairs
        )
    except RecursionError:
        raise Strange(f"is nested too deeply (more than {MAX_DEPTH} levels)") from None
    except json.JSONDecodeError:
        raise
    except Strange:
        raise
    except ValueError:  # an integer over 4,300 digits
        raise Strange("has a number of over 4,300 digits, too long to read") from None
    if depth(document) > MAX_DEPTH:
        raise Strange(f"is nested too deeply (more than {MAX_DEPTH} levels)")
    return document


def duplicate_key(data: bytes) -> str | None:
    """What `loads` would say of a key that appears twice in one object (None: no such key).

    The fast path keeps the last of two keys without a word, so a file is checked before it is
    rewritten or exported, where the other value would be lost.
    """
    found: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        document = dict(items)
        if len(document) != len(items) and not found:
            found.append(_twice(items, document))
        return document

    try:
        json.loads(data, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return None  # read the careful way already, or not JSON: said when it is read
    return found[0] if found else None


def _twice(items: list[tuple[str, Any]], document: dict[str, Any]) -> str:
    keys = [key for key, _ in items]
    key = next(k for i, k in enumerate(keys) if k in keys[:i])
    owner = document.get("id")
    where = f" in record {owner}" if isinstance(owner, str) else " at the top level"
    return f"has the key '{key[:40]}' twice{where} (one value would be lost)"


def depth(value: Any) -> int:
    """Nesting levels of a JSON value (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, level + 1) for child in item)
        else:
            deepest = max(deepest, level)
            continue
        deepest = max(deepest, level + 1)
        if deepest > MAX_DEPTH + 1:
            break
    return deepest


def _strange_value(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            if not math.isfinite(item):
                return True
        elif isinstance(item, int) and not isinstance(item, bool):
            if item.bit_length() > MAX_INT_BITS:
                return True
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def strange_extra(extras: Iterable[tuple[int, dict[str, Any] | None]]) -> bool:
    """Whether unknown fields (each with the nesting level they sit at) hold anything `loads`
    would refuse: the fast path then reads the file the careful way, to say where."""
    for level, extra in extras:
        if not extra:
            continue
        if level + depth(extra) > MAX_DEPTH or _strange_value(extra):
            return True
    return False
