"""Questions about agreements: which ones (`list_agreements`), and all about one (`show`).

Results are plain frozen dataclasses, read inside one transaction, so nothing outside this
package touches the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from agreements.register.current import Standing, standings
from agreements.register.models import Version
from agreements.register.status import find_agreement


@dataclass(frozen=True)
class Filters:
    """What `register list` keeps; party and country look at the parties other than the
    organisation (party: part of the legal or short name; any case)."""

    kind: str | None = None
    party: str | None = None
    country: str | None = None
    status: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class ListedAgreement:
    """One line of `register list`."""

    reference: str
    title: str
    kind: str
    status: str
    status_on: dt.date
    signature_date: dt.date
    start_date: dt.date
    end_date: dt.date
    version: int
    partners: tuple[str, ...]
    countries: tuple[str, ...]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def matches(standing: Standing, filters: Filters) -> bool:
    """Return True when the agreement passes every filter given."""
    version = standing.version
    partners = [p.organisation for p in standing.partners]
    if filters.kind is not None and version.kind != filters.kind:
        return False
    if filters.status is not None and standing.status != filters.status:
        return False
    if filters.year is not None and version.signature_date.year != filters.year:
        return False
    if filters.country is not None and _fold(filters.country) not in {
        _fold(o.country) for o in partners
    }:
        return False
    wanted = _fold(filters.party) if filters.party is not None else None
    return wanted is None or any(
        wanted in _fold(o.legal_name) or wanted in _fold(o.short_name) for o in partners
    )


def listed(standing: Standing) -> ListedAgreement:
    """Return the list line of an agreement."""
    version = standing.version
    partners = [p.organisation for p in standing.partners]
    return ListedAgreement(
        reference=standing.agreement.reference,
        title=version.title,
        kind=version.kind,
        status=standing.status,
        status_on=standing.status_on,
        signature_date=version.signature_date,
        start_date=version.start_date,
        end_date=version.end_date,
        version=version.number,
        partners=tuple(o.short_name for o in partners),
        countries=tuple(dict.fromkeys(o.country for o in partners)),
    )


def list_agreements(session: Session, filters: Filters) -> list[ListedAgreement]:
    """Return the agreements that pass `filters`, by reference."""
    return [listed(s) for s in standings(session) if matches(s, filters)]


@dataclass(frozen=True)
class VersionLine:
    """A version of an agreement: the spec and draft it was recorded from."""

    number: int
    spec_name: str
    spec_sha256: str
    draft_name: str | None
    library_version: str
    added_at: dt.datetime


@dataclass(frozen=True)
class StatusLine:
    """A step of the status history."""

    status: str
    on: dt.date
    by: str
    version: int


@dataclass(frozen=True)
class PartyLine:
    """A party of the latest version."""

    legal_name: str
    short_name: str
    country: str
    sector: str
    category: str
    roles: tuple[str, ...]
    screening: str | None


@dataclass(frozen=True)
class ContributionLine:
    """A contribution of the latest version."""

    party: str
    type: str
    amount: Decimal | None
    currency: str | None
    recipient: str | None


@dataclass(frozen=True)
class AgreementDetail:
    """Everything the register holds about one agreement (`register show`)."""

    summary: ListedAgreement
    language: str
    place: str
    versions: tuple[VersionLine, ...]
    history: tuple[StatusLine, ...]
    parties: tuple[PartyLine, ...]
    contributions: tuple[ContributionLine, ...]
    reports: tuple[tuple[dt.date, str], ...]
    logo_permission_until: dt.date | None
    clauses: tuple[str, ...]
    fallbacks: tuple[str, ...]


def _parties(version: Version) -> tuple[PartyLine, ...]:
    screened = {s.organisation_id: s for s in version.screenings}
    out = []
    for p in version.parties:
        s = screened.get(p.organisation_id)
        out.append(
            PartyLine(
                p.organisation.legal_name,
                p.organisation.short_name,
                p.organisation.country,
                p.organisation.sector,
                p.category,
                tuple(r for r in p.roles.split(",") if r),
                f"{s.reference} on {s.date} ({s.risk_level} risk, {s.outcome})" if s else None,
            )
        )
    return tuple(out)


def show(session: Session, reference: str) -> AgreementDetail:
    """Return all about the agreement `reference`; raise `RegisterError` if unknown."""
    agreement = find_agreement(session, reference)
    standing = next(s for s in standings(session) if s.agreement.id == agreement.id)
    version = standing.version
    return AgreementDetail(
        summary=listed(standing),
        language=version.language,
        place=version.place,
        versions=tuple(
            VersionLine(
                v.number, v.spec_name, v.spec_sha256, v.draft_name, v.library_version, v.added_at
            )
            for v in agreement.versions
        ),
        history=tuple(
            StatusLine(e.status, e.on_date, e.by_name, e.version_number) for e in agreement.events
        ),
        parties=_parties(version),
        contributions=tuple(
            ContributionLine(
                c.organisation.short_name,
                c.type,
                c.amount,
                c.currency,
                c.recipient.short_name if c.recipient else None,
            )
            for c in version.contributions
        ),
        reports=tuple((r.due_date, r.title) for r in version.reports),
        logo_permission_until=version.permissions[0].valid_until if version.permissions else None,
        clauses=tuple(
            f"{c.clause_id}@{c.clause_version}#{c.text_hash}"
            + ("" if c.approval == "approved" else f" ({c.approval})")
            for c in version.clauses
        ),
        fallbacks=tuple(
            f"{c.fallback_topic}: {c.fallback} (in {c.clause_id})"
            for c in version.clauses
            if c.fallback is not None
        ),
    )


def stored_spec(session: Session, digest: str) -> tuple[str, str] | None:
    """Return the name and text of the spec with sha256 `digest`, if the register has it."""
    version = session.scalars(
        select(Version).where(Version.spec_sha256 == digest).order_by(Version.id).limit(1)
    ).first()
    return (version.spec_name, version.spec_text) if version is not None else None
