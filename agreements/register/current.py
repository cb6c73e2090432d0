"""The register as it stands today: each agreement's latest version and latest status.

Every question (list, due, report) is asked of this view, read once in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from agreements.register.models import Agreement, Participation, Version


@dataclass(frozen=True)
class Standing:
    """An agreement with its latest version and status (and when, and by whom)."""

    agreement: Agreement
    version: Version
    status: str
    status_on: dt.date
    status_by: str

    @property
    def partners(self) -> list[Participation]:
        """Return the parties other than the organisation, in spec order."""
        return [p for p in self.version.parties if p.category != "organisation"]

    def running(self, today: dt.date) -> bool:
        """Return True unless the agreement has ended (by status or by its end date)."""
        return self.status != "ended" and self.version.end_date >= today


def standings(session: Session) -> list[Standing]:
    """Return every agreement's standing, by reference."""
    agreements = session.scalars(
        select(Agreement)
        .order_by(Agreement.reference)
        .options(
            selectinload(Agreement.events),
            selectinload(Agreement.versions)
            .selectinload(Version.parties)
            .selectinload(Participation.organisation),
        )
    ).all()
    out = []
    for agreement in agreements:
        if not agreement.versions or not agreement.events:
            continue
        event = agreement.events[-1]
        out.append(
            Standing(agreement, agreement.versions[-1], event.status, event.on_date, event.by_name)
        )
    return out
