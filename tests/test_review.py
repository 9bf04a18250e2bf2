"""The quarterly review's figures, exact, on journals built by hand (given explicit dates)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from mentorlog.config import Config
from mentorlog.dates import Quarter
from mentorlog.errors import BadInput
from mentorlog.insights.health import Health, assess
from mentorlog.insights.nudges import compute_nudges
from mentorlog.insights.review import Review, compute_review, one_decimal
from mentorlog.journal.reflections import PROMPTS
from mentorlog.journal.state import Journal
from mentorlog.models import Goal, Milestone
from mentorlog.vocab import ActionStatus, GoalStatus, MentorKind, MentorStatus, MilestoneStatus
from tests.factories import numbered_action as action
from tests.factories import numbered_goal as goal
from tests.factories import numbered_mentor as mentor
from tests.factories import numbered_milestone as milestone
from tests.factories import numbered_session as session

Q3 = Quarter(2026, 3)  # 2026-07-01 (a Wednesday) .. 2026-09-30 (a Wednesday)
Q4 = Quarter(2026, 4)
TODAY = date(2026, 11, 24)  # in Q4: Q3 is a past quarter


def achieved(of: Goal, title: str, on: date, **fields: Any) -> Milestone:
    """A numbered milestone of `of`, done on `on`."""
    return milestone(of, title, status=MilestoneStatus.done, done=on, **fields)


def review_of(journal: Journal, quarter: Quarter = Q3, today: date = TODAY) -> Review:
    return compute_review(journal, quarter, today, Config())


# -- the period --------------------------------------------------------------------------


def test_sessions_on_the_first_and_last_day_count_and_other_quarters_do_not() -> None:
    ada = mentor("Ada")
    days = [date(2026, 6, 30), date(2026, 7, 1), date(2026, 9, 30), date(2026, 10, 1)]
    journal = Journal(mentors=[ada], meetings=[session(ada, d, duration=60) for d in days])

    result = review_of(journal)

    assert (result.period, result.start, result.end) == ("2026-Q3", date(2026, 7, 1), Q3.end)
    assert result.to_date is False
    assert result.headline.sessions == 2
    assert result.headline.hours == 2.0
    assert result.relationships[0].sessions == 2
    # the last session ever, up to the period's end: not the one on Oct 1
    assert result.relationships[0].last_met == date(2026, 9, 30)


def test_the_current_quarter_is_reviewed_to_date() -> None:
    ada = mentor("Ada")
    journal = Journal(
        mentors=[ada],
        meetings=[session(ada, date(2026, 10, 1)), session(ada, date(2026, 11, 30))],
    )

    result = review_of(journal, Q4)

    assert (result.end, result.to_date) == (TODAY, True)
    assert result.headline.sessions == 1  # the one planned for Nov 30 is not counted yet
    assert result.weeks[-1].start == date(2026, 11, 23)  # the week of today is the last


def test_a_future_quarter_is_bad_input() -> None:
    with pytest.raises(BadInput, match="2027-Q1 has not started"):
        review_of(Journal(), Quarter(2027, 1))


# -- headline figures ----------------------------------------------------------------------


def test_hours_sum_durations_and_sessions_without_one_count_zero() -> None:
    ada, bo = mentor("Ada"), mentor("Bo")
    journal = Journal(
        mentors=[ada, bo],
        meetings=[
            session(ada, date(2026, 7, 2), duration=45),
            session(ada, date(2026, 7, 9), duration=30),
            session(bo, date(2026, 8, 3)),
            session(bo, date(2026, 8, 4), duration=50),
            session(bo, date(2026, 6, 1), duration=600),  # another quarter
        ],
    )

    result = review_of(journal)

    assert result.headline.sessions == 4
    assert result.headline.sessions_without_duration == 1
    assert result.headline.hours == 2.1  # 125 minutes = 2.083 hours
    hours = {line.name: line.hours for line in result.relationships}
    assert hours == {"Ada": 1.3, "Bo": 0.8}  # 75 min = 1.25 -> 1.3 (half up); 50 min = 0.83


def test_one_decimal_rounds_half_up() -> None:
    assert one_decimal(17, 4) == 4.3  # 4.25, which float round() would make 4.2
    assert one_decimal(45, 60) == 0.8
    assert one_decimal(0, 60) == 0.0


def test_mentors_met_milestones_done_actions_closed_and_goals_progressed() -> None:
    speak, lead, idle = goal("Speak"), goal("Lead"), goal("Idle")
    ada, bo, cy = mentor("Ada"), mentor("Bo"), mentor("Cy")
    journal = Journal(
        goals=[speak, lead, idle],
        mentors=[ada, bo, cy],
        meetings=[
            session(ada, date(2026, 7, 1), goals=[speak.id]),
            session(ada, date(2026, 8, 1)),
            session(bo, date(2026, 9, 30)),
            session(cy, date(2026, 10, 2), goals=[idle.id]),  # next quarter
        ],
        milestones=[
            achieved(lead, "done first day", Q3.start),
            achieved(lead, "done last day", Q3.end),
            achieved(idle, "done before", date(2026, 6, 30)),
            milestone(idle, "open", due=date(2026, 8, 1)),
        ],
        actions=[
            action("closed in", date(2026, 6, 1), status=ActionStatus.done, done=Q3.end),
            action("closed in too", date(2026, 7, 5), status=ActionStatus.done, done=Q3.start),
            action("closed after", date(2026, 7, 5), status=ActionStatus.done, done=Q4.start),
            action("dropped", date(2026, 7, 5), status=ActionStatus.dropped, done=Q3.start),
        ],
    )

    headline = review_of(journal).headline

    assert headline.mentors_met == 2
    assert headline.milestones_done == 2
    assert headline.actions_closed == 2
    assert headline.goals_progressed == 2  # speak (a session), lead (milestones); not idle


# -- goals -------------------------------------------------------------------------------


def test_goal_rows_are_the_goals_active_at_any_time_in_the_period() -> None:
    active = goal("Active")
    touched_paused = goal("Paused but touched", status=GoalStatus.paused)
    idle_paused = goal("Paused, idle", status=GoalStatus.paused)
    closed_in = goal("Achieved in Q3", status=GoalStatus.achieved, closed=date(2026, 7, 1))
    closed_before = goal("Achieved in Q2", status=GoalStatus.achieved, closed=date(2026, 6, 30))
    later = goal("Started in Q4", started=date(2026, 10, 1))
    ada = mentor("Ada")
    journal = Journal(
        goals=[active, touched_paused, idle_paused, closed_in, closed_before, later],
        mentors=[ada],
        meetings=[
            session(ada, date(2026, 7, 3), goals=[touched_paused.id, active.id]),
            session(ada, date(2026, 8, 3), goals=[active.id]),
            session(ada, date(2026, 10, 3), goals=[active.id]),
        ],
        milestones=[
            achieved(active, "a", date(2026, 3, 1)),
            achieved(active, "b", date(2026, 9, 1)),
            milestone(active, "c"),
            milestone(active, "d", status=MilestoneStatus.dropped),
        ],
    )

    rows = {row.title: row for row in review_of(journal).goals}

    assert set(rows) == {"Active", "Paused but touched", "Achieved in Q3"}
    first = rows["Active"]
    assert (first.milestones_done, first.milestones_total) == (2, 3)  # dropped not counted
    assert first.milestones_done_in_period == 1
    assert first.sessions == 2
    assert rows["Paused but touched"].sessions == 1


# -- relationships -------------------------------------------------------------------------


def test_relationship_rows_health_as_of_the_period_end_and_average_rating() -> None:
    ada = mentor("Ada", cadence="1m")
    bo = mentor("Bo", kind=MentorKind.peer, cadence="2w")
    ended = mentor("Ended, met", status=MentorStatus.ended, ended=date(2026, 9, 1))
    gone = mentor("Ended before", status=MentorStatus.ended, ended=date(2026, 5, 1))
    prospect = mentor("Prospect", status=MentorStatus.prospect)
    newer = mentor("Started in Q4", started=date(2026, 10, 10))
    journal = Journal(
        mentors=[ada, bo, ended, gone, prospect, newer],
        meetings=[
            session(ada, date(2026, 8, 1), rating=4, duration=60),
            session(ada, date(2026, 7, 20), rating=5),
            session(ada, date(2026, 7, 10)),
            session(ada, date(2026, 11, 1), rating=1),  # after the period: ignored
            session(ended, date(2026, 7, 15), rating=3),
        ],
    )

    result = review_of(journal)
    rows = {line.name: line for line in result.relationships}

    assert list(rows) == ["Ada", "Ended, met", "Bo"]  # most sessions first, then by name
    assert rows["Ada"].sessions == 3
    assert rows["Ada"].average_rating == 4.5
    assert rows["Ada"].last_met == date(2026, 8, 1)
    # 60 days after Aug 1 at Sep 30: overdue (over 1.5x 30) — not neglected as it is today
    assert rows["Ada"].health is Health.overdue
    assert rows["Ada"].health is assess(ada, date(2026, 8, 1), Q3.end).health
    assert assess(ada, date(2026, 11, 1), TODAY).health is not Health.overdue
    assert rows["Bo"].sessions == 0
    assert rows["Bo"].average_rating is None
    assert rows["Bo"].last_met is None
    assert rows["Bo"].kind is MentorKind.peer
    assert rows["Ended, met"].health is Health.ended


# -- charts and mixes ----------------------------------------------------------------------


def test_sessions_per_iso_week_every_week_present_zeros_included() -> None:
    ada = mentor("Ada")
    days = [date(2026, 7, 1), date(2026, 7, 5), date(2026, 7, 6), date(2026, 9, 30)]
    journal = Journal(mentors=[ada], meetings=[session(ada, d) for d in days])

    weeks = review_of(journal).weeks

    assert [w.week for w in weeks] == [f"2026-W{n:02d}" for n in range(27, 41)]
    assert weeks[0].start == date(2026, 6, 29)  # the Monday before Jul 1
    assert weeks[-1].start == date(2026, 9, 28)
    assert all(w.start.weekday() == 0 for w in weeks)
    assert [w.sessions for w in weeks] == [2, 1] + [0] * 11 + [1]
    assert sum(w.sessions for w in weeks) == 4


def test_format_and_kind_mix_count_sessions() -> None:
    ada = mentor("Ada")
    peer = mentor("Pat", kind=MentorKind.peer)
    micro = mentor("Mo", kind=MentorKind.micro, cadence=None)
    journal = Journal(
        mentors=[ada, peer, micro],
        meetings=[
            session(ada, date(2026, 7, 2), format="video"),
            session(ada, date(2026, 7, 9), format="walk"),
            session(peer, date(2026, 7, 9), format="video"),
            session(micro, date(2026, 8, 9), format="coffee"),
            session(micro, date(2026, 10, 9), format="call"),  # Q4
        ],
    )

    result = review_of(journal)

    formats = {line.name: line.sessions for line in result.formats}
    kinds = {line.name: line.sessions for line in result.kinds}
    assert formats == {"video": 2, "call": 0, "coffee": 1, "walk": 1, "in-person": 0, "message": 0}
    assert kinds == {"mentor": 2, "peer": 1, "reverse": 0, "micro": 1}


def test_takeaways_of_the_period_in_date_order_with_the_mentor_name() -> None:
    ada, bo = mentor("Ada"), mentor("Bo")
    journal = Journal(
        mentors=[ada, bo],
        meetings=[
            session(bo, date(2026, 9, 2), takeaways=["later one"]),
            session(ada, date(2026, 7, 2), takeaways=["first", "second"]),
            session(ada, date(2026, 6, 2), takeaways=["last quarter"]),
        ],
    )

    takeaways = [(t.date, t.mentor, t.text) for t in review_of(journal).takeaways]

    assert takeaways == [
        (date(2026, 7, 2), "Ada", "first"),
        (date(2026, 7, 2), "Ada", "second"),
        (date(2026, 9, 2), "Bo", "later one"),
    ]


# -- loose ends ----------------------------------------------------------------------------


def test_loose_ends_are_what_was_open_at_the_period_end() -> None:
    speak = goal("Speak")
    done = goal("Done", status=GoalStatus.achieved, closed=date(2026, 6, 1))
    ada = mentor("Ada")
    journal = Journal(
        goals=[speak, done],
        mentors=[ada],
        actions=[
            action("open", date(2026, 8, 1), mentor=ada.id, due=date(2026, 9, 1)),
            action("created later", date(2026, 10, 2)),
            action("closed later", date(2026, 8, 1), status=ActionStatus.done, done=Q4.start),
            action("closed in time", date(2026, 8, 1), status=ActionStatus.done, done=Q3.end),
        ],
        milestones=[
            milestone(speak, "overdue", due=date(2026, 9, 29)),
            milestone(speak, "due on the last day", due=Q3.end),
            achieved(speak, "done late", date(2026, 10, 5), due=date(2026, 9, 1)),
            achieved(speak, "done in time", date(2026, 9, 2), due=date(2026, 9, 1)),
            milestone(done, "of a closed goal", due=date(2026, 5, 1)),
        ],
    )

    loose = review_of(journal).loose_ends

    assert [a.text for a in loose.actions] == ["open", "closed later"]
    assert loose.actions[0].mentor == "Ada"
    assert [m.title for m in loose.milestones] == ["done late", "overdue"]
    assert loose.milestones[0].goal == "Speak"


# -- nudges and prompts --------------------------------------------------------------------


def test_nudges_are_todays_in_the_current_quarter_and_absent_for_a_past_one() -> None:
    ada = mentor("Ada", cadence="1w", started=date(2026, 1, 1))
    journal = Journal(mentors=[ada], meetings=[session(ada, date(2026, 7, 1))])

    current = review_of(journal, Q4)
    past = review_of(journal, Q3)

    expected = compute_nudges(journal, TODAY, Config())
    assert expected  # not met for months: at least overdue-contact
    assert current.nudges == expected
    assert current.nudges_note == ""
    assert past.nudges == []
    assert "current quarter" in past.nudges_note


def documented_prompts() -> list[str]:
    """The prompts as the table in docs/review.md words them, in its order."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "review.md").read_text("utf-8")
    return re.findall(r"^\| \d \| ([^|]+?) \|", text, re.M)


def test_the_six_prompts_are_the_documented_wording_each_with_its_figure() -> None:
    speak, lead = goal("Speak up"), goal("Lead reviews")
    paused = goal("Rust", status=GoalStatus.paused)
    ada = mentor("Ada", cadence="1m", started=date(2026, 1, 1))
    bo = mentor("Bo", kind=MentorKind.peer, cadence="1m", started=date(2026, 1, 1))
    cy = mentor("Cy", kind=MentorKind.reverse, cadence="1m", started=date(2026, 1, 1))
    journal = Journal(
        goals=[speak, lead, paused],
        mentors=[ada, bo, cy],
        meetings=[
            session(ada, date(2026, 10, 5), rating=3),
            session(ada, date(2026, 11, 10), rating=3),
            session(ada, date(2026, 11, 20), rating=4),
            session(bo, date(2026, 10, 7), rating=5),
        ],
        milestones=[
            milestone(speak, "late", due=date(2026, 11, 1)),
            milestone(lead, "soon", due=date(2026, 12, 20)),
            achieved(lead, "done", date(2026, 11, 2)),
        ],
    )

    result = review_of(journal, Q4)
    figures = [line.figure for line in result.prompts]

    assert [line.prompt for line in result.prompts] == documented_prompts() == list(PROMPTS)
    assert len(PROMPTS) == 6
    assert [line.number for line in result.prompts] == [1, 2, 3, 4, 5, 6]
    assert figures[0] == "2 active goals: Speak up; Lead reviews."
    assert figures[1] == (
        "Most sessions: Ada (3); highest average rating: Bo (5.0). Not followed up yet: Ada; Bo."
    )
    # as of today: Bo last met 48 days ago (overdue), Cy never (neglected since January)
    assert figures[2] == "Overdue or neglected: Bo (overdue); Cy (neglected)."
    asking = sum(1 for n in result.nudges if n.code == "over-asking")
    assert asking == 1  # Ada: Nov 10 and Nov 20 within 30 days
    assert figures[3].startswith("Sessions vs agreed cadence: Ada 3 (about 1.8 agreed, monthly)")
    assert figures[3].endswith(f"Over-asking nudges now: {asking}.")
    assert figures[4] == "Sessions by kind: mentor 3, peer 1, reverse 0, micro 0."
    assert figures[5] == "2 open milestones at the period's end, 1 overdue."


def test_long_figures_list_a_few_names_then_how_many_more() -> None:
    people = [mentor(f"P{n}", cadence="1w", started=date(2026, 1, 1)) for n in range(6)]
    result = review_of(Journal(mentors=people), Q4)

    assert re.fullmatch(
        r"Overdue or neglected: (P\d \(neglected\); ){4}and 2 more\.", result.prompts[2].figure
    )


def test_an_empty_journal_reviews_to_zeros() -> None:
    result = review_of(Journal(), Q4)

    assert result.headline.model_dump() == {
        "sessions": 0,
        "hours": 0.0,
        "sessions_without_duration": 0,
        "mentors_met": 0,
        "milestones_done": 0,
        "actions_closed": 0,
        "goals_progressed": 0,
    }
    assert len(result.weeks) == 9  # Sep 28 .. Nov 23
    assert result.prompts[1].figure == "No sessions in this period."


def test_reviewing_a_large_journal_is_fast() -> None:
    import time as clock

    ada = mentor("Ada")
    start = date(2006, 1, 1)
    meetings = [
        session(ada, start + timedelta(days=n // 3), duration=30, rating=1 + n % 5)
        for n in range(20_000)
    ]
    journal = Journal(mentors=[ada], meetings=meetings)
    began = clock.perf_counter()
    result = review_of(journal, Quarter(2020, 2))
    assert clock.perf_counter() - began < 1.0
    assert result.headline.sessions == sum(1 for m in meetings if Quarter(2020, 2).contains(m.date))
