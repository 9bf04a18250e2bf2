"""The HTML review's style sheet: one self-contained page, readable on a phone (at 640 px
and below, table rows become labelled cards) and on a desktop."""

CSS = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee4; --accent: #0f766e;
  --accent-soft: #ccebe7; --warn: #b45309; --alert: #b91c1c; --paper: #ffffff; --bg: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 860px; margin: 24px auto; background: var(--paper); padding: 32px 40px;
  border-radius: 10px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 4px;
  border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 16px 0 6px; color: var(--muted); }
.period, .note, .empty, footer { color: var(--muted); }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin: 0; }
.figures div { background: var(--bg); border-radius: 8px; padding: 10px 14px; }
.figures dt { color: var(--muted); font-size: 13px; }
.figures dd { margin: 0; font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
  vertical-align: middle; }
th { font-size: 13px; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.progress { display: inline-flex; align-items: center; gap: 8px; white-space: nowrap; }
.health { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px;
  background: var(--bg); }
.health-on-track { background: #dcfce7; color: #166534; }
.health-due { background: #fef9c3; color: #854d0e; }
.health-overdue { background: #ffedd5; color: #9a3412; }
.health-neglected { background: #fee2e2; color: #991b1b; }
svg text { font-family: inherit; fill: var(--ink); }
svg.chart { max-width: 100%; height: auto; }
.mix svg text.label { font-size: 13px; fill: var(--ink); }
svg .axis { stroke: var(--line); }
svg .bar rect.fill, svg rect.fill { fill: var(--accent); }
svg rect.track { fill: var(--accent-soft); }
svg text.label, svg text.tick { fill: var(--muted); font-size: 11px; }
svg text.count { font-size: 11px; font-weight: 600; }
.mix { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
ul.plain { padding-left: 20px; margin: 0; }
ul.plain li { margin: 4px 0; }
.nudge-alert { color: var(--alert); font-weight: 600; }
.nudge-warn { color: var(--warn); font-weight: 600; }
.nudge-info { color: var(--accent); font-weight: 600; }
code { white-space: nowrap; font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: var(--bg); padding: 1px 4px; border-radius: 4px; }
ol.prompts li { margin: 10px 0; }
ol.prompts .prompt { font-weight: 600; }
ol.prompts .figure { color: var(--muted); }
ol.prompts .answer { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: 4px; }
footer { margin-top: 32px; font-size: 13px; }
li, td, p { overflow-wrap: anywhere; }
/* A phone: nothing wider than the screen; each table row becomes a card of label: value. */
@media (max-width: 640px) {
  main { margin: 0; padding: 16px; border-radius: 0; box-shadow: none; }
  h1, .figures dd { font-size: 22px; }
  .figures { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .mix { grid-template-columns: minmax(0, 1fr); gap: 8px; }
  table[data-table], table[data-table] tbody, table[data-table] tr { display: block; }
  table[data-table] thead { position: absolute; width: 1px; height: 1px; overflow: hidden; }
  table[data-table] tr { padding: 8px 0; border-bottom: 1px solid var(--line); }
  table[data-table] td { display: flex; justify-content: space-between; align-items: center;
    gap: 12px; padding: 2px 0; border: 0; text-align: right; }
  table[data-table] td::before { content: attr(data-label); color: var(--muted);
    font-size: 13px; text-align: left; flex: none; }
  table[data-table] td:first-child { display: block; font-weight: 600; text-align: left; }
  table[data-table] td:first-child::before { content: none; }
  code { white-space: normal; overflow-wrap: anywhere; }
}
@page { margin: 16mm; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  section { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; }
  .figures div { border: 1px solid var(--line); background: #fff; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
