"""What the register keeps of one agreement, taken from a validated spec and its draft.

`record_of` turns the pipeline's results into a plain `AgreementRecord` (no database here);
`with_draft` puts the articles a written draft actually holds, from its provenance, in
place of those the spec would select today.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from agreements.errors import UsageError
from agreements.spec.money import FinancialContribution, InKindContribution, ServiceContribution

if TYPE_CHECKING:
    from agreements.build import CheckedSpec
    from agreements.clauses.render import RenderedDocument
    from agreements.provenance import Provenance
    from agreements.spec import PartnershipSpec


@dataclass(frozen=True)
class ScreeningRecord:
    """A party's due-diligence screening."""

    reference: str
    date: dt.date
    risk_level: str
    outcome: str


@dataclass(frozen=True)
class PartyRecord:
    """A party as the spec describes it, with its category and roles in this agreement."""

    key: str
    legal_name: str
    short_name: str
    country: str
    sector: str
    category: str
    roles: tuple[str, ...]
    screening: ScreeningRecord | None


@dataclass(frozen=True)
class ContributionRecord:
    """What a party gives, valued in one currency when the spec gives a value."""

    party: str
    recipient: str | None
    type: str
    amount: Decimal | None
    currency: str | None
    description: str


@dataclass(frozen=True)
class ReportRecord:
    """A report due under the agreement."""

    title: str
    period_end: dt.date
    due_date: dt.date
    financial_statement: bool


@dataclass(frozen=True)
class PermissionRecord:
    """The approval of a use of the organisation's name and emblem."""

    reference: str
    approved_on: dt.date
    approved_by: str
    valid_until: dt.date


@dataclass(frozen=True)
class ClauseRecord:
    """An article: the clause's id, version and text hash, and the fallback chosen in it."""

    clause_id: str
    version: int
    text_hash: str
    approval: str
    fallback_topic: str | None = None
    fallback: str | None = None


@dataclass(frozen=True)
class DraftRecord:
    """A written draft: its file name and the sha256 of its bytes."""

    name: str
    sha256: str


@dataclass(frozen=True)
class AgreementRecord:
    """Everything the register keeps of one version of one agreement."""

    reference: str
    title: str
    kind: str
    language: str
    signature_date: dt.date
    start_date: dt.date
    end_date: dt.date
    place: str
    spec_name: str
    spec_sha256: str
    spec_text: str
    library_version: str
    parties: tuple[PartyRecord, ...]
    contributions: tuple[ContributionRecord, ...]
    reports: tuple[ReportRecord, ...]
    permission: PermissionRecord | None
    clauses: tuple[ClauseRecord, ...]
    draft: DraftRecord | None = None


_ENTRY = re.compile(r"^(?P<id>[^@#\s]+)@(?P<version>\d+)#(?P<hash>[0-9a-f]+)$")


def parse_clause_entry(entry: str) -> tuple[str, int, str]:
    """Return (clause id, version, text hash) of a provenance entry `id@version#hash`."""
    match = _ENTRY.match(entry)
    if match is None:
        raise UsageError(f"provenance entry {entry!r} is not of the form id@version#hash")
    return match["id"], int(match["version"]), match["hash"]


def _parties(checked: CheckedSpec, spec: PartnershipSpec) -> tuple[PartyRecord, ...]:
    loaded = checked.loaded
    out = []
    for party in spec.parties:
        dd = party.due_diligence
        screening = (
            ScreeningRecord(dd.reference, dd.date, dd.risk_level.value, dd.outcome.value)
            if dd is not None
            else None
        )
        roles = tuple(sorted(r.value for r in loaded.roles.get(party.id, frozenset())))
        out.append(
            PartyRecord(
                party.id,
                party.legal_name,
                party.short_name,
                party.country,
                party.sector.value,
                loaded.categories[party.id].value,
                roles,
                screening,
            )
        )
    return tuple(out)


def _in_kind(c: InKindContribution) -> list[ContributionRecord]:
    totals: dict[str, Decimal] = {}
    for item in c.items:
        totals[item.currency] = (
            totals.get(item.currency, Decimal(0)) + item.quantity * item.unit_value
        )
    described = "; ".join(item.description for item in c.items)
    return [
        ContributionRecord(c.party, c.recipient, c.type, amount, currency, described)
        for currency, amount in totals.items()
    ]


def _contributions(spec: PartnershipSpec) -> tuple[ContributionRecord, ...]:
    out: list[ContributionRecord] = []
    for c in spec.contributions:
        if isinstance(c, FinancialContribution):
            described = c.purpose or "financial contribution"
            out.append(
                ContributionRecord(c.party, c.recipient, c.type, c.amount, c.currency, described)
            )
        elif isinstance(c, InKindContribution):
            out.extend(_in_kind(c))
        elif isinstance(c, ServiceContribution):
            value = c.estimated_value
            out.append(
                ContributionRecord(
                    c.party,
                    None,
                    c.type,
                    value.amount if value is not None else None,
                    value.currency if value is not None else None,
                    c.description,
                )
            )
    return tuple(out)


def _fallbacks(rendered: RenderedDocument) -> dict[str, tuple[str, str]]:
    """Return, by clause id, the fallback topic and position chosen in that clause."""
    chosen: dict[str, tuple[str, str]] = {}
    for c in rendered.clauses:
        clause, fallback = c.planned.clause, c.planned.decision.fallback
        if fallback is not None and clause.fallback_topic is not None:
            chosen[clause.id] = (clause.fallback_topic, fallback)
    return chosen


def clause_records(
    entries: tuple[str, ...], approvals: tuple[str, ...], fallbacks: Mapping[str, tuple[str, str]]
) -> tuple[ClauseRecord, ...]:
    """Return the articles of provenance entries, each with the fallback chosen in it."""
    out = []
    for entry, approval in zip(entries, approvals, strict=True):
        clause_id, version, text_hash = parse_clause_entry(entry)
        topic, fallback = fallbacks.get(clause_id, (None, None))
        out.append(ClauseRecord(clause_id, version, text_hash, approval, topic, fallback))
    return tuple(out)


def record_of(
    checked: CheckedSpec, rendered: RenderedDocument, spec_text: str, provenance: Provenance
) -> AgreementRecord:
    """Return the record of a validated spec, with the articles of `provenance`."""
    spec = rendered.plan.selection.spec
    head = spec.agreement
    logo = spec.terms.names_and_logos.approval
    permission = (
        PermissionRecord(logo.reference, logo.date, logo.approved_by, logo.valid_until)
        if logo is not None and spec.terms.names_and_logos.use_planned
        else None
    )
    return AgreementRecord(
        reference=head.reference,
        title=head.title,
        kind=head.kind.value,
        language=head.main_language.value,
        signature_date=head.signature_date,
        start_date=head.start_date,
        end_date=head.end_date,
        place=head.place,
        spec_name=checked.loaded.file,
        spec_sha256=checked.loaded.sha256,
        spec_text=spec_text,
        library_version=provenance.library_version,
        parties=_parties(checked, spec),
        contributions=_contributions(spec),
        reports=tuple(
            ReportRecord(r.title, r.period_end, r.due_date, r.financial_statement)
            for r in spec.terms.reports
        ),
        permission=permission,
        clauses=clause_records(provenance.clauses, provenance.approvals, _fallbacks(rendered)),
    )


def with_draft(
    record: AgreementRecord, properties: Mapping[str, str], draft: DraftRecord
) -> AgreementRecord:
    """Return the record with the articles and library version of a draft's provenance."""
    count = int(properties.get("agreements.clause_count", "0"))
    entries = tuple(properties[f"agreements.clause.{n:03d}"] for n in range(1, count + 1))
    approvals = tuple(
        properties.get(f"agreements.approval.{n:03d}", "approved") for n in range(1, count + 1)
    )
    fallbacks = {
        c.clause_id: (c.fallback_topic, c.fallback)
        for c in record.clauses
        if c.fallback_topic is not None and c.fallback is not None
    }
    return replace(
        record,
        library_version=properties.get("agreements.library_version", record.library_version),
        clauses=clause_records(entries, approvals, fallbacks),
        draft=draft,
    )
