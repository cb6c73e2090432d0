"""Small SVG charts drawn as text, to be inlined in the report (no script, no library).

Each function returns one `<svg>` element sized in pixels; every label is escaped. Bars are
proportional to the largest value of their chart (or of their group, where groups are in
units that cannot be compared, such as currencies).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

PALETTE = ("#1f5fa8", "#e07b1a", "#2e9b5f", "#c23b4a", "#7b52ab", "#8c6d31", "#3aa6b9", "#d4a20f")
BAR = PALETTE[0]
INK = "#222222"
MUTED = "#666666"
FONT = 'font-family="Liberation Sans, Arial, sans-serif" font-size="13"'


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its length, the text printed after it, and its colour."""

    label: str
    value: float
    shown: str
    colour: str = BAR


def _text(x: float, y: float, text: str, *, anchor: str = "start", fill: str = INK) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" {FONT}>'
        f"{escape(text)}</text>"
    )


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def bar_chart(title: str, bars: Sequence[Bar], *, scale: Sequence[float] | None = None) -> str:
    """Return horizontal bars with their labels; `scale` gives each bar the value a full
    bar stands for (by default the largest value of the chart)."""
    # About 7 pixels a character at 13 px: room for the longest label, within reason.
    label_width = min(420, max(120, 10 + 7 * max((len(b.label) for b in bars), default=0)))
    bar_width, row = 360, 28
    width = label_width + bar_width + 180
    height = max(1, len(bars)) * row + 10
    largest = max((b.value for b in bars), default=0.0) or 1.0
    body: list[str] = []
    for n, bar in enumerate(bars):
        top = 5 + n * row
        full = (scale[n] if scale is not None else largest) or 1.0
        length = max(2.0, bar_width * bar.value / full) if bar.value > 0 else 0.0
        body.append(_text(label_width - 8, top + 18, bar.label, anchor="end"))
        body.append(
            f'<rect x="{label_width}" y="{top + 4}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{bar.colour}"/>'
        )
        body.append(_text(label_width + length + 6, top + 18, bar.shown, fill=MUTED))
    if not bars:
        body.append(_text(10, 20, "nothing recorded", fill=MUTED))
    return _svg(width, height, title, body)


def stacked_columns(
    title: str, columns: Sequence[str], series: Sequence[str], values: dict[tuple[str, str], int]
) -> str:
    """Return one column per entry of `columns` (e.g. years), stacked by `series` (e.g.
    kinds), with a legend; `values` holds the count of each (column, series)."""
    if not columns:
        return _svg(300, 30, title, [_text(10, 20, "nothing recorded", fill=MUTED)])
    column_width, gap, plot_height, legend_width = 70, 30, 220, 230
    width = 60 + len(columns) * (column_width + gap) + legend_width
    height = plot_height + 60
    totals = [sum(values.get((c, s), 0) for s in series) for c in columns]
    largest = max(totals, default=0) or 1
    colours = {s: PALETTE[n % len(PALETTE)] for n, s in enumerate(series)}
    body: list[str] = [
        f'<line x1="50" y1="{plot_height + 20}" x2="{width - legend_width}" '
        f'y2="{plot_height + 20}" stroke="{MUTED}"/>'
    ]
    for n, column in enumerate(columns):
        x = 60 + n * (column_width + gap)
        bottom = plot_height + 20.0
        for s in series:
            count = values.get((column, s), 0)
            if not count:
                continue
            size = plot_height * count / largest
            bottom -= size
            body.append(
                f'<rect x="{x}" y="{bottom:.1f}" width="{column_width}" height="{size:.1f}" '
                f'fill="{colours[s]}"><title>{escape(f"{column} {s}: {count}")}</title></rect>'
            )
        body.append(_text(x + column_width / 2, bottom - 6, str(totals[n]), anchor="middle"))
        body.append(_text(x + column_width / 2, plot_height + 40, column, anchor="middle"))
    for n, s in enumerate(series):
        y = 20 + n * 22
        left = width - legend_width + 20
        body.append(f'<rect x="{left}" y="{y}" width="14" height="14" fill="{colours[s]}"/>')
        body.append(_text(left + 22, y + 12, s))
    return _svg(width, height, title, body)


@dataclass(frozen=True)
class Mark:
    """An event on a timeline: its date, its lane, and what it is."""

    date: dt.date
    lane: str
    label: str


def timeline(
    title: str, start: dt.date, days: int, lanes: Sequence[str], marks: Sequence[Mark]
) -> str:
    """Return a timeline from `start` over `days` days, one lane per kind of event; marks
    dated before `start` sit at its left edge, outlined."""
    left, plot_width, lane_height = 200, 520, 34
    width = left + plot_width + 40
    height = len(lanes) * lane_height + 50
    body: list[str] = []
    for n, lane in enumerate(lanes):
        y = 20 + n * lane_height
        body.append(_text(left - 10, y + 5, lane, anchor="end"))
        body.append(
            f'<line x1="{left}" y1="{y}" x2="{left + plot_width}" y2="{y}" stroke="#dddddd"/>'
        )
    for week in range(0, days + 1, 30):
        x = left + plot_width * week / max(days, 1)
        day = start + dt.timedelta(days=week)
        body.append(
            f'<line x1="{x:.1f}" y1="10" x2="{x:.1f}" y2="{height - 30}" stroke="#eeeeee"/>'
        )
        body.append(_text(x, height - 12, day.isoformat(), anchor="middle", fill=MUTED))
    for mark in marks:
        offset = min(max((mark.date - start).days, 0), days)
        x = left + plot_width * offset / max(days, 1)
        y = 20 + lanes.index(mark.lane) * lane_height
        colour = PALETTE[lanes.index(mark.lane) % len(PALETTE)]
        fill = "white" if mark.date < start else colour
        body.append(
            f'<circle cx="{x:.1f}" cy="{y}" r="7" fill="{fill}" stroke="{colour}" '
            f'stroke-width="3"><title>{escape(f"{mark.date} {mark.label}")}</title></circle>'
        )
    return _svg(width, height, title, body)
