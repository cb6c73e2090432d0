"""Writing records: one agreement per reference, one version per spec, one organisation
per legal name and country. Adding the same spec or draft again changes nothing."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from agreements.register.models import (
    Agreement,
    ClauseUsed,
    Contribution,
    LogoPermission,
    Organisation,
    Participation,
    ReportDue,
    Screening,
    Version,
)
from agreements.register.record import AgreementRecord, ClauseRecord, PartyRecord
from agreements.register.schema import AgreementStatus
from agreements.register.status import record_status, utc_now


@dataclass(frozen=True)
class Added:
    """What adding one record did: `added`, `new version`, `draft recorded` or `unchanged`,
    and the status recorded, if any."""

    reference: str
    version: int
    outcome: str
    status: str | None


def _normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def match_key(legal_name: str, country: str) -> str:
    """Return the key that makes two parties one organisation: legal name and country,
    compared without regard to case, spacing or Unicode form."""
    return f"{_normalised(legal_name)}|{_normalised(country)}"


class _Organisations:
    """The organisations of one transaction, found or added once each."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[str, Organisation] = {}

    def get(self, party: PartyRecord) -> Organisation:
        key = match_key(party.legal_name, party.country)
        found = self.known.get(key) or self.session.scalar(
            select(Organisation).where(Organisation.match_key == key)
        )
        if found is None:
            found = Organisation(match_key=key)
            self.session.add(found)
        # The latest spec describes the organisation as it is now.
        found.legal_name, found.short_name = party.legal_name, party.short_name
        found.country, found.sector = party.country, party.sector
        self.known[key] = found
        return found


def _clause_rows(clauses: Iterable[ClauseRecord]) -> list[ClauseUsed]:
    return [
        ClauseUsed(
            position=n,
            clause_id=c.clause_id,
            clause_version=c.version,
            text_hash=c.text_hash,
            approval=c.approval,
            fallback_topic=c.fallback_topic,
            fallback=c.fallback,
        )
        for n, c in enumerate(clauses, start=1)
    ]


def _new_version(record: AgreementRecord, number: int, organisations: _Organisations) -> Version:
    version = Version(
        number=number,
        spec_sha256=record.spec_sha256,
        spec_name=record.spec_name,
        spec_text=record.spec_text,
        title=record.title,
        kind=record.kind,
        language=record.language,
        signature_date=record.signature_date,
        start_date=record.start_date,
        end_date=record.end_date,
        place=record.place,
        library_version=record.library_version,
        draft_name=record.draft.name if record.draft else None,
        draft_sha256=record.draft.sha256 if record.draft else None,
        added_at=utc_now(),
    )
    by_key = {p.key: organisations.get(p) for p in record.parties}
    for n, party in enumerate(record.parties, start=1):
        version.parties.append(
            Participation(
                organisation=by_key[party.key],
                position=n,
                party_key=party.key,
                category=party.category,
                roles=",".join(party.roles),
            )
        )
        if party.screening is not None:
            s = party.screening
            version.screenings.append(
                Screening(
                    organisation=by_key[party.key],
                    reference=s.reference,
                    date=s.date,
                    risk_level=s.risk_level,
                    outcome=s.outcome,
                )
            )
    for n, c in enumerate(record.contributions, start=1):
        version.contributions.append(
            Contribution(
                organisation=by_key[c.party],
                recipient=by_key[c.recipient] if c.recipient else None,
                position=n,
                type=c.type,
                amount=c.amount,
                currency=c.currency,
                description=c.description,
            )
        )
    for n, r in enumerate(record.reports, start=1):
        version.reports.append(
            ReportDue(
                position=n,
                title=r.title,
                period_end=r.period_end,
                due_date=r.due_date,
                financial_statement=r.financial_statement,
            )
        )
    if (p := record.permission) is not None:
        version.permissions.append(
            LogoPermission(
                reference=p.reference,
                approved_on=p.approved_on,
                approved_by=p.approved_by,
                valid_until=p.valid_until,
            )
        )
    version.clauses.extend(_clause_rows(record.clauses))
    return version


def _with_draft(version: Version, record: AgreementRecord) -> bool:
    """Put a newly recorded draft's articles on an existing version; return True if new."""
    if record.draft is None or version.draft_sha256 == record.draft.sha256:
        return False
    version.draft_name, version.draft_sha256 = record.draft.name, record.draft.sha256
    version.library_version = record.library_version
    version.clauses.clear()
    version.clauses.extend(_clause_rows(record.clauses))
    return True


def add_record(
    session: Session,
    record: AgreementRecord,
    *,
    status: AgreementStatus | None,
    on: dt.date,
    by: str,
    organisations: _Organisations | None = None,
) -> Added:
    """Record one agreement version (see the module's docstring) and return what it did.

    A new agreement or a new version starts as a draft unless `status` says otherwise; a
    known version changes status only when `status` is given.
    """
    organisations = organisations or _Organisations(session)
    agreement = session.scalar(select(Agreement).where(Agreement.reference == record.reference))
    if agreement is None:
        agreement = Agreement(reference=record.reference)
        session.add(agreement)
    existing = next((v for v in agreement.versions if v.spec_sha256 == record.spec_sha256), None)
    wanted: AgreementStatus | None
    if existing is None:
        number = max((v.number for v in agreement.versions), default=0) + 1
        agreement.versions.append(_new_version(record, number, organisations))
        outcome = "added" if number == 1 else "new version"
        wanted = status or AgreementStatus.DRAFT
    else:
        number = existing.number
        outcome = "draft recorded" if _with_draft(existing, record) else "unchanged"
        wanted = status
    session.flush()
    event = None
    if wanted is not None:
        event = record_status(session, agreement, wanted, version=number, on=on, by=by)
    return Added(record.reference, number, outcome, event.status if event else None)


def add_records(
    session: Session,
    records: Iterable[AgreementRecord],
    *,
    status: AgreementStatus | None,
    on: dt.date,
    by: str,
) -> list[Added]:
    """Record every record in one transaction and return what each did."""
    organisations = _Organisations(session)
    return [
        add_record(session, r, status=status, on=on, by=by, organisations=organisations)
        for r in records
    ]
