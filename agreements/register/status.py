"""An agreement's life: draft, sent, signed, ended; each step kept with who and when."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from agreements.errors import RegisterError
from agreements.register.models import Agreement, StatusEvent
from agreements.register.schema import AgreementStatus


def utc_now() -> dt.datetime:
    """Return the current time in UTC, without a zone (SQLite keeps none)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def find_agreement(session: Session, reference: str) -> Agreement:
    """Return the agreement with `reference`, or raise a `RegisterError` saying so."""
    agreement = session.scalar(select(Agreement).where(Agreement.reference == reference))
    if agreement is None:
        raise RegisterError(
            f"{reference}: no such agreement in the register; `agreements register list` "
            "shows the references"
        )
    return agreement


def current_event(agreement: Agreement) -> StatusEvent | None:
    """Return the agreement's latest status event, or None before the first."""
    return agreement.events[-1] if agreement.events else None


def record_status(
    session: Session,
    agreement: Agreement,
    status: AgreementStatus,
    *,
    version: int,
    on: dt.date,
    by: str,
) -> StatusEvent | None:
    """Add a status event unless the agreement already has this status for this version
    since this date; return the event added, or None."""
    latest = current_event(agreement)
    if (
        latest is not None
        and latest.status == status.value
        and latest.version_number == version
        and latest.on_date <= on
    ):
        return None
    event = StatusEvent(
        version_number=version, status=status.value, on_date=on, by_name=by, recorded_at=utc_now()
    )
    agreement.events.append(event)
    session.flush()
    return event


def set_status(
    session: Session, reference: str, status: AgreementStatus, *, on: dt.date, by: str
) -> StatusEvent | None:
    """Record that the agreement `reference` reached `status` on `on`, said by `by`, for its
    latest version; return the event, or None when it was already recorded."""
    agreement = find_agreement(session, reference)
    version = agreement.versions[-1].number
    return record_status(session, agreement, status, version=version, on=on, by=by)
