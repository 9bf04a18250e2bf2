"""The quarterly review as one self-contained HTML page (`mentorlog review --output FILE.html`).

No external assets and nothing fetched: the CSS is inline, the charts are inline SVG (sessions
per week, format and kind mix, goal progress), and it prints cleanly (`@media print`). Every
piece of user text is HTML-escaped; charts carry `data-*` attributes with their numbers so the
page can be checked (and read by tools) without parsing pixels.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from mentorlog import __version__
from mentorlog.insights.review import Review, WeekCount
from mentorlog.insights.review_lines import MixLine
from mentorlog.render.html_style import CSS
from mentorlog.render.review import headline_pairs, period_title, rating_label
from mentorlog.text import clean, plural

HEADLINE_KEYS = (
    "sessions",
    "hours",
    "mentors_met",
    "milestones_done",
    "actions_closed",
    "goals_progressed",
)
WEEK_CHART = {"width": 760, "height": 220, "left": 36, "right": 8, "top": 20, "bottom": 40}
MIX_CHART = {"label": 84, "bar": 220, "row": 26, "count": 36}
PROGRESS = {"width": 120, "height": 10}


def esc(value: object) -> str:
    """User text (or any value) safe in HTML text and attribute values."""
    return html.escape(clean(str(value)), quote=True)


def html_report(review: Review) -> str:
    body = "\n".join(
        [
            _header(review),
            _headline(review),
            _goals(review),
            _relationships(review),
            _section(
                "weeks",
                "Sessions per week",
                week_chart(review.weeks),
            ),
            _section(
                "mix",
                "Mix",
                '<div class="mix">'
                f"<div><h3>Format</h3>{mix_chart('formats', review.formats)}</div>"
                f"<div><h3>Kind</h3>{mix_chart('kinds', review.kinds)}</div></div>",
            ),
            _takeaways(review),
            _loose_ends(review),
            _nudges(review),
            _prompts(review),
            f"<footer>Written by mentorlog {esc(__version__)}. Private: keep it, share it with "
            "care.</footer>",
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="mentorlog">\n'
        f"<title>mentorlog · {esc(period_title(review))}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _header(review: Review) -> str:
    start, end = review.start, review.end
    span = f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"
    status = "the current quarter, to date" if review.to_date else "a past quarter"
    return (
        f"<header><h1>Review of {esc(review.period)}</h1>"
        f'<p class="period" data-start="{review.start}" data-end="{review.end}">'
        f"{esc(span)} · {status}</p></header>"
    )


def _section(key: str, title: str, content: str) -> str:
    return f'<section id="{key}">\n<h2>{esc(title)}</h2>\n{content}\n</section>'


def _empty(text: str) -> str:
    return f'<p class="empty">{esc(text)}</p>'


def _table(
    header: Sequence[tuple[str, bool]], rows: Iterable[Sequence[tuple[str, bool]]], key: str
) -> str:
    """`header`/cells: (html, numeric). Cells are already escaped HTML; each cell carries its
    column's name (`data-label`), which a phone shows beside it when rows become cards."""
    head = "".join(f"<th{' class=num' if num else ''}>{cell}</th>" for cell, num in header)
    labels = [esc(html.unescape(cell)) for cell, _ in header]
    body = "".join(
        "<tr>"
        + "".join(
            f'<td{" class=num" if num else ""} data-label="{label}">{c}</td>'
            for (c, num), label in zip(row, labels, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    return f'<table data-table="{key}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _headline(review: Review) -> str:
    keys = HEADLINE_KEYS
    cells = "".join(
        f'<div><dt>{esc(label)}</dt><dd data-figure="{key}">{esc(value)}</dd></div>'
        for key, (label, value) in zip(keys, headline_pairs(review.headline), strict=True)
    )
    content = f'<dl class="figures">{cells}</dl>'
    missing = review.headline.sessions_without_duration
    if missing:
        content += (
            f'<p class="note" data-figure="sessions_without_duration" data-count="{missing}">'
            f"{esc(plural(missing, 'session'))} without a duration (counted as 0 hours).</p>"
        )
    return _section("headline", "Headline", content)


def progress_svg(done: int, total: int) -> str:
    width, height = PROGRESS["width"], PROGRESS["height"]
    filled = round(width * done / total) if total else 0
    return (
        f'<svg class="progress-bar" width="{width}" height="{height}" viewBox="0 0 {width} '
        f'{height}" role="img" aria-label="{done} of {total} milestones done" '
        f'data-done="{done}" data-total="{total}">'
        f'<rect class="track" width="{width}" height="{height}" rx="5"/>'
        f'<rect class="fill" width="{filled}" height="{height}" rx="5"/></svg>'
    )


def _goals(review: Review) -> str:
    if not review.goals:
        return _section("goals", "Goals", _empty("No goals were active in this period."))
    rows = []
    for goal in review.goals:
        if goal.milestones_total:
            bar = progress_svg(goal.milestones_done, goal.milestones_total)
            progress = (
                f'<span class="progress">{bar}{goal.milestones_done}/{goal.milestones_total}</span>'
            )
        else:
            progress = '<span class="empty">—</span>'
        rows.append(
            [
                (esc(goal.title), False),
                (esc(goal.status.value), False),
                (progress, False),
                (str(goal.milestones_done_in_period), True),
                (str(goal.sessions), True),
            ]
        )
    header = [("Goal", False), ("Status", False), ("Milestones", False)]
    header += [("Done here", True), ("Sessions", True)]
    return _section("goals", "Goals", _table(header, rows, "goals"))


def _relationships(review: Review) -> str:
    if not review.relationships:
        return _section("relationships", "Relationships", _empty("No relationships."))
    rows = []
    for line in review.relationships:
        health = line.health.value
        badge = f'<span class="health health-{esc(health.replace(" ", "-"))}">{esc(health)}</span>'
        rows.append(
            [
                (esc(line.name), False),
                (esc(line.kind.value), False),
                (str(line.sessions), True),
                (f"{line.hours:.1f}", True),
                (line.last_met.isoformat() if line.last_met else "—", False),
                (badge, False),
                (esc(rating_label(line.average_rating)), True),
            ]
        )
    header = [("Mentor", False), ("Kind", False), ("Sessions", True), ("Hours", True)]
    header += [("Last met", False), ("Health", False), ("Rating", True)]
    return _section("relationships", "Relationships", _table(header, rows, "relationships"))


def week_chart(weeks: Sequence[WeekCount]) -> str:
    """A vertical bar per ISO week (zeros included), with its count above it."""
    c = WEEK_CHART
    width, height = c["width"], c["height"]
    plot_w = width - c["left"] - c["right"]
    plot_h = height - c["top"] - c["bottom"]
    base = c["top"] + plot_h
    largest = max((week.sessions for week in weeks), default=0)
    scale_max = max(largest, 1)
    slot = plot_w / max(len(weeks), 1)
    bar_w = slot * 0.64
    parts = [
        f'<svg class="chart" data-chart="weeks" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Sessions per week: {len(weeks)} weeks, at most {largest} in a week">'
    ]
    for tick in _ticks(scale_max):
        y = base - plot_h * tick / scale_max
        parts.append(
            f'<line class="axis" x1="{c["left"]}" x2="{width - c["right"]}" y1="{y:.1f}" '
            f'y2="{y:.1f}"/><text class="tick" x="{c["left"] - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end">{tick}</text>'
        )
    for index, week in enumerate(weeks):
        x = c["left"] + slot * index + (slot - bar_w) / 2
        bar_h = plot_h * week.sessions / scale_max
        centre = x + bar_w / 2
        parts.append(
            f'<g class="bar" data-week="{week.week}" data-start="{week.start.isoformat()}" '
            f'data-count="{week.sessions}"><title>{week.week} (from {week.start.isoformat()}): '
            f"{plural(week.sessions, 'session')}</title>"
            f'<rect class="fill" x="{x:.1f}" y="{base - bar_h:.1f}" width="{bar_w:.1f}" '
            f'height="{bar_h:.1f}" rx="2"/>'
            f'<text class="count" x="{centre:.1f}" y="{base - bar_h - 4:.1f}" '
            f'text-anchor="middle">{week.sessions}</text>'
            f'<text class="label" x="{centre:.1f}" y="{base + 16}" text-anchor="middle">'
            f"W{week.week[-2:]}</text>"
            f'<text class="label" x="{centre:.1f}" y="{base + 30}" text-anchor="middle">'
            f"{week.start:%d %b}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _ticks(largest: int) -> list[int]:
    step = max(1, -(-largest // 4))
    return list(range(0, largest + 1, step))


def mix_chart(key: str, lines: Sequence[MixLine]) -> str:
    """A horizontal bar per format (or kind), zeros included."""
    c = MIX_CHART
    width = c["label"] + c["bar"] + c["count"]
    height = c["row"] * len(lines)
    largest = max((line.sessions for line in lines), default=0)
    parts = [
        f'<svg class="chart" data-chart="{key}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Sessions by {key}">'
    ]
    for index, line in enumerate(lines):
        y = index * c["row"]
        bar = c["bar"] * line.sessions / largest if largest else 0
        parts.append(
            f'<g class="bar" data-name="{esc(line.name)}" data-count="{line.sessions}">'
            f'<text class="label" x="0" y="{y + 17}">{esc(line.name)}</text>'
            f'<rect class="track" x="{c["label"]}" y="{y + 6}" width="{c["bar"]}" height="14" '
            'rx="3"/>'
            f'<rect class="fill" x="{c["label"]}" y="{y + 6}" width="{bar:.1f}" height="14" '
            'rx="3"/>'
            f'<text class="count" x="{c["label"] + c["bar"] + 8}" y="{y + 17}">'
            f"{line.sessions}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _takeaways(review: Review) -> str:
    if not review.takeaways:
        return _section("takeaways", "Takeaways", _empty("No takeaways recorded in this period."))
    items = "".join(
        f"<li>{t.date.isoformat()} <strong>{esc(t.mentor)}</strong>: {esc(t.text)}</li>"
        for t in review.takeaways
    )
    return _section("takeaways", "Takeaways", f'<ul class="plain">{items}</ul>')


def _loose_ends(review: Review) -> str:
    loose = review.loose_ends
    summary = (
        f'<p data-figure="loose_ends" data-actions="{len(loose.actions)}" '
        f'data-milestones="{len(loose.milestones)}">'
        f"{esc(plural(len(loose.actions), 'open action'))}, "
        f"{esc(plural(len(loose.milestones), 'overdue milestone'))}.</p>"
    )
    parts = [summary]
    if loose.actions:
        items = "".join(
            f"<li><code>{esc(a.id)}</code> {esc(a.text)}"
            + (f" — {esc(a.mentor)}" if a.mentor else "")
            + (f" · due {a.due.isoformat()}" if a.due else "")
            + "</li>"
            for a in loose.actions
        )
        parts.append(f'<h3>Open actions</h3><ul class="plain">{items}</ul>')
    if loose.milestones:
        items = "".join(
            f"<li><code>{esc(m.id)}</code> {esc(m.title)} — {esc(m.goal)} · due "
            f"{m.due.isoformat()}</li>"
            for m in loose.milestones
        )
        parts.append(f'<h3>Overdue milestones</h3><ul class="plain">{items}</ul>')
    return _section("loose-ends", "Loose ends", "".join(parts))


def _nudges(review: Review) -> str:
    if not review.to_date:
        return _section("nudges", "Nudges", _empty(review.nudges_note))
    if not review.nudges:
        return _section("nudges", "Nudges", _empty("Nothing needs attention today."))
    items = "".join(
        f'<li><span class="nudge-{esc(n.severity)}">{esc(n.severity)}</span> {esc(n.message)} '
        f"<code>{esc(n.suggestion)}</code></li>"
        for n in review.nudges
    )
    return _section("nudges", "Nudges", f'<ul class="plain">{items}</ul>')


def _prompts(review: Review) -> str:
    items = "".join(
        f'<li data-prompt="{p.number}"><div class="prompt">{esc(p.prompt)}</div>'
        f'<div class="figure">{esc(p.figure)}</div>'
        + (f'<div class="answer">{esc(p.answer)}</div>' if p.answer else "")
        + "</li>"
        for p in review.prompts
    )
    if review.reflected is None:
        return _section("prompts", "Reflection prompts", f'<ol class="prompts">{items}</ol>')
    saved = f'<p class="empty">Saved {esc(review.reflected.isoformat())}.</p>'
    return _section("prompts", "Your reflection", f'{saved}<ol class="prompts">{items}</ol>')
