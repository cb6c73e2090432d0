"""The register report: one self-contained HTML page (inline CSS and SVG, nothing fetched,
no script) that a manager can open, mail or print.

Each figure has its chart and, under it, the exact numbers in a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from agreements.register.charts import PALETTE, Bar, Mark, bar_chart, stacked_columns, timeline
from agreements.register.due import ENDING, LOGO, REPORT, SCREENING
from agreements.register.figures import FINANCIAL, VALUED, Figures

_STYLE = """
body { font-family: "Liberation Sans", Arial, sans-serif; color: #222; margin: 2em auto;
       max-width: 64em; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
.lead { color: #555; margin-top: 0; }
.tiles { display: flex; gap: 1em; flex-wrap: wrap; }
.tile { border: 1px solid #ccc; border-radius: 6px; padding: 0.6em 1.2em; min-width: 9em; }
.tile b { display: block; font-size: 2em; color: #1f5fa8; }
table { border-collapse: collapse; margin-top: 0.8em; font-size: 0.9em; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 0.2em 0.8em; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.overdue { color: #c23b4a; font-weight: bold; }
"""

LANES = (REPORT, ENDING, SCREENING, LOGO)


def money(amount: Decimal) -> str:
    """Return an amount with thousands separators and its own decimals, e.g. 1,250,000.00."""
    return f"{amount:,f}"


def _table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]], numeric: set[int]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{escape(v)}</td>' if i in numeric else f"<td>{escape(v)}</td>"
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _kinds(f: Figures) -> str:
    years = sorted({str(year) for year, _ in f.per_kind_and_year})
    kinds = sorted({kind for _, kind in f.per_kind_and_year})
    values = {(str(y), k): n for (y, k), n in f.per_kind_and_year.items()}
    chart = stacked_columns("Agreements per kind and year of signature", years, kinds, values)
    rows = [(str(y), k, str(n)) for (y, k), n in f.per_kind_and_year.items()]
    return chart + _table(("year", "kind", "agreements"), rows, {2})


def _currencies(f: Figures) -> str:
    bars, scale, rows = [], [], []
    for currency, totals in f.per_currency.items():
        largest = float(max(totals.values()))
        for n, group in enumerate((FINANCIAL, VALUED)):
            if group in totals:
                amount = totals[group]
                shown = f"{currency} {money(amount)}"
                bars.append(Bar(f"{currency} {group}", float(amount), shown, PALETTE[n]))
                scale.append(largest)
                rows.append((currency, group, money(amount)))
    chart = bar_chart("Contributions per currency", bars, scale=scale)
    note = (
        '<p class="lead">Bars compare amounts within a currency; money and the value of goods '
        "and services apart.</p>"
    )
    return chart + note + _table(("currency", "contribution", "total"), rows, {2})


def _sectors(f: Figures) -> str:
    items = sorted(f.partners_by_sector.items(), key=lambda kv: (-kv[1], kv[0]))
    bars = [Bar(sector.replace("_", " "), n, str(n)) for sector, n in items]
    rows = [(sector, str(n)) for sector, n in items]
    return bar_chart("Partners by sector", bars) + _table(("sector", "partners"), rows, {1})


def _fallbacks(f: Figures) -> str:
    bars = [Bar(name, n, str(n), PALETTE[1]) for name, n in f.fallbacks[:10]]
    rows = [(name, str(n)) for name, n in f.fallbacks]
    chart = bar_chart("Fallback positions negotiated most often", bars)
    return chart + _table(("fallback position", "agreements"), rows, {1})


def _due(f: Figures) -> str:
    marks = [Mark(i.date, i.what, f"{i.what}: {', '.join(i.references)}") for i in f.due]
    chart = timeline(f"Falling due in the next {f.within} days", f.today, f.within, LANES, marks)
    rows = [
        (
            i.date.isoformat() + (" (passed)" if i.overdue else ""),
            i.what,
            ", ".join(i.references),
            i.detail,
        )
        for i in f.due
    ]
    return chart + _table(("date", "what", "agreement", "detail"), rows, set())


def report_page(f: Figures, organisation: str) -> str:
    """Return the HTML page of the register's figures."""
    tiles = "".join(
        f'<div class="tile"><b>{n}</b>{escape(label)}</div>'
        for n, label in (
            (f.agreements, "agreements"),
            (f.running, "running"),
            (f.partners, "partners"),
            (len(f.due), f"falling due in {f.within} days"),
        )
    )
    sections = (
        ("Agreements per kind and year", _kinds(f)),
        ("Contributions per currency", _currencies(f)),
        ("Partners by sector", _sectors(f)),
        ("Fallback positions negotiated most often", _fallbacks(f)),
        (f"What falls due in the next {f.within} days", _due(f)),
    )
    body = "".join(f"<section><h2>{escape(t)}</h2>{html}</section>" for t, html in sections)
    title = f"Agreement register of the {organisation}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f'<h1>{escape(title)}</h1><p class="lead">As of {f.today.isoformat()}</p>'
        f'<div class="tiles">{tiles}</div>{body}</body></html>\n'
    )
