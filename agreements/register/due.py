"""What falls due: reports, agreements ending, screenings growing too old, and permissions
to use the organisation's name and emblem running out.

Only agreements still running count (not ended by status, end date not past). A screening
is older than the organisation's limit the day after the same date `limit` months on (the
rule P09 applies at signature); the latest screening of an organisation in any agreement
counts, so a new screening recorded anywhere renews it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from agreements.register.current import Standing

REPORT = "report due"
ENDING = "agreement ends"
SCREENING = "screening too old"
LOGO = "logo permission ends"


@dataclass(frozen=True)
class DueItem:
    """One thing falling due: on what date, what, for which agreement(s), and whether the
    date has already passed."""

    date: dt.date
    what: str
    references: tuple[str, ...]
    detail: str
    overdue: bool = False


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the same day `months` later, or the month's last day when it has none."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _screenings(
    running: list[Standing],
    everything: list[Standing],
    today: dt.date,
    horizon: dt.date,
    limit: int,
) -> list[DueItem]:
    latest: dict[int, tuple[dt.date, str]] = {}
    for standing in everything:
        for s in standing.version.screenings:
            if s.organisation_id not in latest or s.date > latest[s.organisation_id][0]:
                latest[s.organisation_id] = (s.date, s.reference)
    items = []
    for organisation_id, (date, reference) in sorted(latest.items()):
        where = tuple(
            s.agreement.reference
            for s in running
            if any(p.organisation_id == organisation_id for p in s.version.parties)
        )
        expires = add_months(date, limit)
        if not where or expires >= horizon:
            continue
        name = next(
            p.organisation.short_name
            for s in running
            for p in s.version.parties
            if p.organisation_id == organisation_id
        )
        items.append(
            DueItem(
                expires,
                SCREENING,
                where,
                f"{name}: screening {reference} of {date} passes {limit} months",
                overdue=expires < today,
            )
        )
    return items


def falls_due(
    everything: list[Standing], *, today: dt.date, within: int, screening_months: int
) -> list[DueItem]:
    """Return what falls due in the agreements from `today` to `within` days later (and
    screenings already too old), by date, then kind, then reference."""
    horizon = today + dt.timedelta(days=within)
    running = [s for s in everything if s.running(today)]
    items: list[DueItem] = []
    for s in running:
        version, reference = s.version, (s.agreement.reference,)
        items.extend(
            DueItem(r.due_date, REPORT, reference, r.title)
            for r in version.reports
            if today <= r.due_date <= horizon
        )
        if version.end_date <= horizon:
            items.append(DueItem(version.end_date, ENDING, reference, version.title))
        items.extend(
            DueItem(p.valid_until, LOGO, reference, f"permission {p.reference}")
            for p in version.permissions
            if today <= p.valid_until <= horizon
        )
    items.extend(_screenings(running, everything, today, horizon, screening_months))
    return sorted(items, key=lambda i: (i.date, i.what, i.references))
