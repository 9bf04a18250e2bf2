"""The sample journal's words: the advice, note phrases and past reflection that
`mentorlog demo` shows (`sample.py` builds the records), also used by the benchmark's
generated journals."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from mentorlog.models import Answer, Meeting, Reflection

ADVICE = {
    "speaking": [
        "Open with a story, not an agenda slide",
        "Rehearse out loud three times, once in front of someone",
        "Cut every slide that needs an apology",
        "Ask the organisers what the audience struggled with last year",
        "Record yourself and watch it with the sound off",
        "End with one thing people should do on Monday",
        "Time the talk at 80% of the slot",
        "Pick the one idea you want people to repeat",
        "Practise the first two minutes until they are boring",
    ],
    "management": [
        "Write down what you will stop doing before taking on more",
        "Hold weekly one-to-ones even when nothing is on fire",
        "Delegate outcomes, not tasks",
        "Say the hard feedback within a week, in private",
        "Ask your skip-level what they need from your team",
        "Keep a brag document for your people, not just yourself",
        "Ask what would make the week a success before planning it",
        "Protect an hour a day for your own thinking",
        "Let the team see you change your mind",
    ],
    "analytics": [
        "Start from the decision the number will change",
        "Pair every dashboard with a question it answers",
        "Learn enough SQL to check the analyst's joins",
    ],
    "tooling": [
        "Try the new code review tool on a small change first",
        "Let the junior engineers show you their terminal setup",
        "Ask why before dismissing a new framework",
        "Pair on a bug fix to see how reviews feel from their side",
        "Notice which team rituals nobody under two years speaks in",
    ],
}

NOTE_OPENERS = [
    "We started with how the last month went.",
    "Short session today; we went straight to the talk outline.",
    "Walked through the feedback from my team retro.",
    "Talked about the reorg and what it means for my plans.",
    "Reviewed my draft and the questions I was unsure about.",
    "We compared notes on running meetings across time zones.",
]
NOTE_DETAILS = [
    "She pushed back on my plan to say yes to everything; pick one stretch project.",
    "He shared how he prepared for his first keynote, including what went wrong.",
    "We agreed I should ask for a small speaking slot at the next all-hands.",
    "I realised I have been avoiding one difficult conversation for weeks.",
    "Useful reminder that a mentor advises and I decide.",
    "We talked about how to measure progress without turning it into a checklist.",
]


def stamp_at(day: date, hour: int = 18) -> dict[str, datetime]:
    moment = datetime.combine(day, time(hour, 0), tzinfo=timezone.utc)
    return {"created": moment, "updated": moment}


def past_reflections(today: date, meetings: list[Meeting], nid: Any) -> list[Reflection]:
    from mentorlog.dates import quarter_of

    two_back = quarter_of(today).previous().previous()
    count = sum(1 for m in meetings if two_back.contains(m.date))
    day = two_back.end + timedelta(days=3)
    return [
        Reflection(
            id=nid(),
            period=two_back.label,
            answers=[
                Answer(prompt="Are your focus areas still the right one or two?", answer="Yes."),
                Answer(
                    prompt="Which relationship gave you the most this quarter?",
                    answer="Priya: the rehearsals. I told her.",
                ),
            ],
            snapshot={"sessions": count},
            **stamp_at(day),
        )
    ]
