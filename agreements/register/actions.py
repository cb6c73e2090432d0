"""What each `agreements register` command does, one function each, on an open register.

These are the only functions the CLI calls: each opens the transactions it needs, so a
command reads one consistent state and writes all of its changes or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from agreements.register.current import standings
from agreements.register.database import Register, open_register
from agreements.register.due import DueItem, falls_due
from agreements.register.figures import compute_figures
from agreements.register.location import resolve_location
from agreements.register.page import report_page
from agreements.register.queries import (
    AgreementDetail,
    Filters,
    ListedAgreement,
    list_agreements,
    show,
    stored_spec,
)
from agreements.register.schema import AgreementStatus
from agreements.register.sources import read_records
from agreements.register.status import set_status
from agreements.register.store import Added, add_records

if TYPE_CHECKING:
    from agreements.clauses.load import Library
    from agreements.library import Settings


def open_configured(given: str | None, library: Library) -> Register:
    """Return the register named by `given`, $AGREEMENTS_REGISTER or the library settings."""
    return open_register(resolve_location(given, library.root, library.settings.register_location))


def add_files(
    register: Register,
    paths: Iterable[Path],
    library: Library,
    *,
    status: AgreementStatus | None,
    on: dt.date,
    by: str,
) -> list[Added]:
    """Record the specs and drafts at `paths`; nothing is written unless all are valid."""

    def lookup(digest: str) -> tuple[str, str] | None:
        with register.reading() as session:
            return stored_spec(session, digest)

    records = read_records(paths, library, lookup)
    with register.writing() as session:
        return add_records(session, records, status=status, on=on, by=by)


def change_status(
    register: Register, reference: str, status: AgreementStatus, *, on: dt.date, by: str
) -> bool:
    """Record a status of an agreement; return False when it was already recorded."""
    with register.writing() as session:
        return set_status(session, reference, status, on=on, by=by) is not None


def find_agreements(register: Register, filters: Filters) -> list[ListedAgreement]:
    """Return the agreements that pass `filters`, by reference."""
    with register.reading() as session:
        return list_agreements(session, filters)


def describe(register: Register, reference: str) -> AgreementDetail:
    """Return all the register holds about one agreement."""
    with register.reading() as session:
        return show(session, reference)


def what_falls_due(
    register: Register, settings: Settings, *, today: dt.date, within: int
) -> list[DueItem]:
    """Return what falls due from `today` to `within` days later."""
    with register.reading() as session:
        return falls_due(
            standings(session),
            today=today,
            within=within,
            screening_months=settings.due_diligence_max_age_months,
        )


def report_html(register: Register, settings: Settings, *, today: dt.date, within: int) -> str:
    """Return the register report as a self-contained HTML page."""
    with register.reading() as session:
        figures = compute_figures(
            session,
            today=today,
            within=within,
            screening_months=settings.due_diligence_max_age_months,
        )
    return report_page(figures, settings.organisation.short_name)
