"""The sample journal's words: the advice, note phrases and past reflection that
`mentorlog demo` shows (`sample.py` builds the records), also used by the benchmark's
generated journals."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from mentorlog.dates import quarter_of
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

# The demo's people, one card each, as a person would note them down: a mentor's fields (lists
# comma-separated); `why`, `hope`, `purpose` and `until` are the agreement; `goal` names one of
# the sample's goals; `started` and `until` count days from today (`sample.py` reads them).
PEOPLE = """\
name: Ada Okafor
kind: mentor
source: formal-program
org: Northwind Labs
role: Director of Engineering
expertise: leadership, hiring, org design
email: ada.okafor@example.org
location: London
timezone: Europe/London
format: video
cadence: monthly
goal: managing
why: She built two platform teams from scratch
hope: An honest view of whether I am ready to manage, and what to practise first
started: -325

name: Priya Raman
kind: peer
source: alumni
org: Fernwood
role: Staff Engineer
expertise: public speaking, developer relations
location: Berlin
timezone: Europe/Berlin
format: coffee
cadence: biweekly
goal: speaking
why: She gives a talk every quarter and remembers what was hard at first
hope: Rehearse together; swap feedback on talks
started: -345

name: Sam Lee
kind: reverse
source: current-org
org: Our team
role: Software Engineer (2nd year)
expertise: new tooling, how juniors experience our process
format: walk
cadence: monthly
goal: managing
why: Sees our team from where I no longer stand
hope: Learn what our process feels like to newer engineers
started: -245

name: Marcus Webb
kind: mentor
source: current-org
org: Our company
role: Head of Engineering (my manager)
supervisor: yes
format: in-person
cadence: monthly
goal: managing
why: Knows the opening on the platform team
started: -305

name: Elena Petrova
kind: micro
source: linkedin
org: Conference programme committee
role: Speaker coach
format: video
timezone: America/Toronto
goal: speaking
purpose: Turn my talk idea into an accepted conference proposal
until: 20
hope: Three reviews of the proposal before the deadline
started: -35

name: Jordan Kim
kind: mentor
status: prospect
source: linkedin
org: Brightline
role: VP Engineering
url: https://www.linkedin.com/in/example-jordan-kim
cadence: monthly
why: Manages managers; wrote about the first year as a manager
started: -24
"""


def stamp_at(day: date, hour: int = 18) -> dict[str, datetime]:
    moment = datetime.combine(day, time(hour, 0), tzinfo=timezone.utc)
    return {"created": moment, "updated": moment}


def past_reflections(today: date, meetings: list[Meeting], nid: Any) -> list[Reflection]:
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
