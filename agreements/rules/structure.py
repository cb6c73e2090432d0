"""Rules on dates, references between parts, logos and the shape of each kind."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from agreements.problems import PathKey
from agreements.rules.catalogue import Finding
from agreements.spec.models import AgreementKind
from agreements.spec.money import FinancialContribution, InKindContribution
from agreements.spec.parties import Sector
from agreements.spec.terms import RiskCategory

if TYPE_CHECKING:
    from agreements.spec import PartnershipSpec


def party_references(spec: PartnershipSpec) -> Iterator[tuple[PathKey, str]]:
    """Yield every place the spec names a party id, with the id named."""
    for i, r in enumerate(spec.responsibilities):
        yield ("responsibilities", i, "party"), r.party
    for i, c in enumerate(spec.contributions):
        yield ("contributions", i, "party"), c.party
        recipient = getattr(c, "recipient", None)
        if recipient is not None:
            yield ("contributions", i, "recipient"), recipient
    for i, risk in enumerate(spec.risks):
        yield ("risks", i, "owner"), risk.owner
    for i, fp in enumerate(spec.terms.governance.focal_points):
        yield ("terms", "governance", "focal_points", i, "party"), fp.party
    for i, party_id in enumerate(spec.beneficiaries.selected_by):
        yield ("beneficiaries", "selected_by", i), party_id
    if spec.terms.governance.chair is not None:
        yield ("terms", "governance", "chair"), spec.terms.governance.chair
    if spec.terms.personal_data.controller is not None:
        yield ("terms", "personal_data", "controller"), spec.terms.personal_data.controller


def check_references(spec: PartnershipSpec) -> Iterator[Finding]:
    """Yield P06 for party ids that name no party, and S05 for repeated responsibilities."""
    ids = [p.id for p in spec.parties]
    for path, party_id in party_references(spec):
        if party_id not in ids:
            yield Finding(
                "P06", path, f"no party has the id {party_id!r}", f"use one of: {', '.join(ids)}"
            )
    seen: set[str] = set()
    for i, r in enumerate(spec.responsibilities):
        if r.party in seen:
            yield Finding(
                "S05",
                ("responsibilities", i, "party"),
                f"{r.party!r} has a second responsibilities entry",
            )
        seen.add(r.party)


def check_dates(spec: PartnershipSpec) -> Iterator[Finding]:
    """Yield breaches of D01, D02, D04, D05 and D06."""
    a = spec.agreement
    if a.start_date > a.end_date:
        yield Finding(
            "D01",
            ("agreement", "end_date"),
            f"end_date {a.end_date} is before start_date {a.start_date}",
        )
    if a.start_date < a.signature_date:
        yield Finding(
            "D02",
            ("agreement", "start_date"),
            f"start_date {a.start_date} is before signature_date {a.signature_date}",
        )
    for i, report in enumerate(spec.terms.reports):
        here = ("terms", "reports", i)
        if report.due_date <= report.period_end:
            yield Finding(
                "D04",
                (*here, "due_date"),
                f"{report.title!r} is due on {report.due_date}, not after the end "
                f"of its period ({report.period_end})",
            )
        if not a.start_date <= report.period_end <= a.end_date:
            yield Finding(
                "D06",
                (*here, "period_end"),
                f"{report.title!r} covers a period ending {report.period_end}, outside the term "
                f"{a.start_date} to {a.end_date}",
            )
    approval = spec.terms.names_and_logos.approval
    if approval is not None and approval.valid_until > a.end_date:
        yield Finding(
            "D05",
            ("terms", "names_and_logos", "approval", "valid_until"),
            f"logo permission runs to {approval.valid_until}, after the agreement "
            f"ends on {a.end_date}",
        )


def check_kind(spec: PartnershipSpec, org_ids: set[str]) -> Iterator[Finding]:
    """Yield breaches of N01, N02, S01-S04: what each kind and each term requires."""
    kind = spec.agreement.kind
    logos = spec.terms.names_and_logos
    if logos.use_planned and logos.approval is None:
        yield Finding(
            "N01",
            ("terms", "names_and_logos", "use_planned"),
            "use of names or logos is planned but no approval is recorded",
        )
    if kind is AgreementKind.MOU:
        if logos.use_planned:
            yield Finding(
                "N02",
                ("terms", "names_and_logos", "use_planned"),
                "an MoU cannot grant use of names or logos",
            )
        for i, c in enumerate(spec.contributions):
            if isinstance(c, FinancialContribution | InKindContribution) or getattr(
                c, "estimated_value", None
            ):
                yield Finding(
                    "S01",
                    ("contributions", i),
                    "an MoU carries no amounts, values or payment dates",
                )
    # With no organisation party (P01), where the money goes cannot be judged: no cascade.
    if (
        kind is AgreementKind.FUNDING
        and org_ids
        and not any(c.recipient in org_ids for c in spec.financial())
    ):
        yield Finding(
            "S02",
            ("contributions",),
            "a funding agreement has no financial contribution to the organisation",
        )
    if spec.has_sector(Sector.COMPANY) and not any(
        r.category is RiskCategory.REPUTATIONAL for r in spec.risks
    ):
        yield Finding(
            "S03", ("risks",), "a partnership with a company records no reputational risk"
        )
    data = spec.terms.personal_data
    missing = [name for name in ("description", "controller") if getattr(data, name) is None]
    if data.processed and missing:
        yield Finding(
            "S04",
            ("terms", "personal_data"),
            f"personal data is processed but its {' and '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing",
        )
