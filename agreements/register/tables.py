"""Register answers as text: aligned tables for people, JSON and CSV for machines."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from agreements.register.due import DueItem
from agreements.register.queries import AgreementDetail, ListedAgreement

LIST_COLUMNS = ("reference", "kind", "status", "signature_date", "end_date", "partners", "title")
DUE_COLUMNS = ("date", "what", "references", "detail")


def _plain(value: Any) -> Any:
    """Return `value` with dates as ISO text and decimals as exact text, recursively."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def records(items: Sequence[ListedAgreement | DueItem | AgreementDetail]) -> list[dict[str, Any]]:
    """Return the items as JSON-ready mappings (lists stay lists)."""
    return [_plain(asdict(item)) for item in items]


def to_json(items: Sequence[ListedAgreement | DueItem | AgreementDetail]) -> str:
    """Return the items as a JSON array."""
    return json.dumps(records(items), indent=2, ensure_ascii=False)


def _cell(value: Any) -> str:
    return "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)


def to_csv(items: Sequence[ListedAgreement | DueItem]) -> str:
    """Return the items as CSV with a header line; lists are joined with '; '."""
    rows = records(items)
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def to_table(items: Sequence[ListedAgreement | DueItem], columns: Sequence[str]) -> str:
    """Return an aligned table of `columns`; the last column is not padded."""
    rows = [[_cell(row[c]) for c in columns] for row in records(items)]
    headers = [c.replace("_", " ") for c in columns]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    lines = [headers, *rows]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(line[:-1], widths, strict=False))
        + "  "
        + line[-1]
        for line in lines
    )


def _money(amount: Decimal | None, currency: str | None) -> str:
    return f"{currency} {amount:,f}" if amount is not None and currency else "not valued"


def detail_text(d: AgreementDetail) -> str:
    """Return `register show` for people: the agreement, its history and its contents."""
    s = d.summary
    lines = [
        f"{s.reference}  {s.title}",
        f"kind {s.kind}, language {d.language}, signature at {d.place} on {s.signature_date}, "
        f"in force {s.start_date} to {s.end_date}",
        f"status {s.status} since {s.status_on}, version {s.version}",
        "",
        "status history:",
        *(f"  {h.on}  {h.status:<6}  by {h.by} (version {h.version})" for h in d.history),
        "versions:",
        *(
            f"  {v.number}  {v.spec_name} (sha256 {v.spec_sha256[:12]})"
            + (f", draft {v.draft_name}" if v.draft_name else "")
            + f", library {v.library_version}, added {v.added_at.isoformat()}"
            for v in d.versions
        ),
        "parties:",
        *(
            f"  {p.short_name}: {p.legal_name} ({p.country}), {p.sector}, {p.category}"
            + (f", {', '.join(p.roles)}" if p.roles else "")
            + (f"; screening {p.screening}" if p.screening else "")
            for p in d.parties
        ),
        "contributions:",
        *(
            f"  {c.party}: {c.type}, {_money(c.amount, c.currency)}"
            + (f" to {c.recipient}" if c.recipient else "")
            for c in d.contributions
        ),
        "reports due:",
        *(f"  {due}  {title}" for due, title in d.reports),
        f"logo permission until: {d.logo_permission_until or 'none'}",
        f"clauses: {len(d.clauses)}",
        *(f"  {c}" for c in d.clauses),
        "fallbacks:",
        *(f"  {f}" for f in d.fallbacks or ("none",)),
    ]
    return "\n".join(lines)
