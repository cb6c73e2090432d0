"""The figures of the register report, computed from each agreement's latest version.

- agreements per kind and year of signature;
- contributions per currency, money apart from the value of goods and services;
- partners (organisations other than the organisation itself) by sector, each once;
- the fallback positions chosen most often, by the number of agreements using each;
- what falls due in the coming days (see `due`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from agreements.register.current import standings
from agreements.register.due import DueItem, falls_due

FINANCIAL = "financial"
VALUED = "goods and services (valued)"


@dataclass(frozen=True)
class Figures:
    """What the report shows, ready to draw."""

    today: dt.date
    within: int
    agreements: int
    running: int
    partners: int
    per_kind_and_year: dict[tuple[int, str], int]
    per_currency: dict[str, dict[str, Decimal]]
    partners_by_sector: dict[str, int]
    fallbacks: list[tuple[str, int]]
    due: list[DueItem]


def compute_figures(
    session: Session, *, today: dt.date, within: int, screening_months: int
) -> Figures:
    """Return the report's figures as of `today`, looking `within` days ahead."""
    everything = standings(session)
    per_kind_and_year: Counter[tuple[int, str]] = Counter()
    per_currency: dict[str, dict[str, Decimal]] = {}
    sectors: dict[int, str] = {}
    fallbacks: Counter[str] = Counter()
    for s in everything:
        version = s.version
        per_kind_and_year[(version.signature_date.year, version.kind)] += 1
        for c in version.contributions:
            if c.amount is None or c.currency is None:
                continue
            group = FINANCIAL if c.type == FINANCIAL else VALUED
            totals = per_currency.setdefault(c.currency, {})
            totals[group] = totals.get(group, Decimal(0)) + c.amount
        for p in s.partners:
            sectors[p.organisation_id] = p.organisation.sector
        fallbacks.update(
            {f"{c.fallback_topic}: {c.fallback}" for c in version.clauses if c.fallback is not None}
        )
    return Figures(
        today=today,
        within=within,
        agreements=len(everything),
        running=sum(1 for s in everything if s.running(today)),
        partners=len(sectors),
        per_kind_and_year=dict(sorted(per_kind_and_year.items())),
        per_currency=dict(sorted(per_currency.items())),
        partners_by_sector=dict(sorted(Counter(sectors.values()).items())),
        fallbacks=sorted(fallbacks.items(), key=lambda kv: (-kv[1], kv[0])),
        due=falls_due(everything, today=today, within=within, screening_months=screening_months),
    )
