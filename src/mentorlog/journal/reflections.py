"""Quarterly reflections (docs/review.md): the six prompts, saving answers, and the editor template.

One reflection per period: saving again for a period edits that reflection (answers and
snapshot replaced, `updated` stamped) instead of adding a second one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel

from mentorlog.dates import local_date, parse_quarter
from mentorlog.errors import BadInput, NotFound, Refused
from mentorlog.journal.state import Journal
from mentorlog.models import Answer, Reflection, new_id, stamp
from mentorlog.text import clean

PROMPTS: tuple[str, ...] = (
    "Are your focus areas still the right one or two? Which would you pause?",
    "Which relationship gave you the most this quarter — have you told them?",
    "Which relationship needs attention, a new agreement, or a graceful end?",
    "Did you respect your mentors' time and your agreements?",
    "Which kind of mentorship (peer, reverse, micro) would help you next quarter, and who?",
    "Which milestones will you commit to for next quarter?",
)

_HEADING = re.compile(r"^##\s+(\d)\.\s")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def find_reflection(journal: Journal, period: str) -> Reflection | None:
    for reflection in journal.reflections:
        if reflection.period == period:
            return reflection
    return None


def get_reflection(journal: Journal, text: str) -> Reflection:
    """The reflection for a period the user typed (`2026-Q3`, `2026q3`), or its id prefix
    (as `reflection list` shows it)."""
    from mentorlog.journal.resolve import resolve

    try:
        period = parse_quarter(text).label
    except BadInput:
        if not text.strip() or not all(c in "0123456789abcdef" for c in text.strip().lower()):
            raise
        return resolve(
            journal.reflections, text, noun="reflection", list_hint="mentorlog reflection list"
        )
    found = find_reflection(journal, period)
    if found is None:
        raise NotFound(
            f"No reflection saved for {period}. Write one: mentorlog review --quarter {period} "
            "--reflect"
        )
    return found


def previous_answers(reflection: Reflection | None) -> dict[str, str]:
    """Prompt -> the answer saved last time (what a re-run offers as the default)."""
    if reflection is None:
        return {}
    return {answer.prompt: answer.answer for answer in reflection.answers}


def save_reflection(
    journal: Journal,
    period: str,
    answers: Sequence[tuple[str, str]],
    snapshot: dict[str, Any],
) -> tuple[Reflection, bool]:
    """Save (prompt, answer) pairs for `period`; returns the reflection and whether it is new."""
    if not any(answer.strip() for _, answer in answers):
        raise Refused("Every answer is empty; nothing was saved.")
    kept = [Answer(prompt=prompt, answer=answer.strip()) for prompt, answer in answers]
    existing = find_reflection(journal, period)
    if existing is not None:
        existing.answers = kept
        existing.snapshot = dict(snapshot)
        existing.touch()
        return existing, False
    reflection = Reflection(
        id=new_id(journal.ids("reflections")),
        period=period,
        answers=kept,
        snapshot=dict(snapshot),
        **stamp(),
    )
    journal.reflections.append(reflection)
    return reflection, True


def _comment(text: str) -> str:
    # `--` cannot appear inside an HTML comment; a name containing `-->` must not close it.
    return "<!-- " + clean(text).replace("--", "- -") + " -->"


def template(
    period: str,
    prompts: Sequence[str],
    figures: Sequence[str],
    previous: dict[str, str],
) -> str:
    """The Markdown file the editor opens: one heading per prompt, its figure as a comment,
    and the previous answer (if any) below it."""
    lines = [
        f"# Reflection on {period}",
        "",
        _comment("Write under each heading. Keep the numbered headings; comments are ignored."),
    ]
    for number, (prompt, figure) in enumerate(zip(prompts, figures, strict=True), start=1):
        lines += ["", f"## {number}. {prompt}", "", _comment(figure), ""]
        answer = previous.get(prompt, "").strip()
        if answer:
            lines += [answer, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def parse_template(text: str, prompts: Sequence[str]) -> list[tuple[str, str]]:
    """(prompt, answer) pairs from an edited template; answers are matched by heading number.

    A heading that was deleted gives an empty answer; no numbered heading at all is bad input
    (the file was probably replaced by something else).
    """
    body = _COMMENT.sub("", text)
    answers: dict[int, list[str]] = {}
    current: int | None = None
    for line in body.splitlines():
        match = _HEADING.match(line)
        if match:
            number = int(match[1])
            current = number if 1 <= number <= len(prompts) else None
            if current is not None:
                answers.setdefault(current, [])
            continue
        if line.startswith("# ") and current is None:
            continue  # the title line
        if current is not None:
            answers[current].append(line)
    if not answers:
        raise BadInput("The draft has none of the numbered prompt headings (## 1. ...).")
    return [
        (prompt, "\n".join(answers.get(number, [])).strip())
        for number, prompt in enumerate(prompts, start=1)
    ]


class ReflectionRow(BaseModel):
    id: str
    period: str
    answered: int  # prompts with a non-empty answer
    prompts: int
    saved: date  # local date of the last save
    sessions: int | None  # from the snapshot, when it has the figure


def reflection_rows(journal: Journal) -> list[ReflectionRow]:
    """One row per saved reflection, oldest period first."""
    rows = []
    for reflection in sorted(journal.reflections, key=lambda r: r.period):
        sessions = reflection.snapshot.get("sessions")
        rows.append(
            ReflectionRow(
                id=reflection.id,
                period=reflection.period,
                answered=sum(1 for a in reflection.answers if a.answer.strip()),
                prompts=len(reflection.answers),
                saved=local_date(reflection.updated),
                sessions=sessions if type(sessions) is int else None,
            )
        )
    return rows
