"""The names a clause condition or text may use, computed once per spec.

A typed object rather than a loose dictionary: each name is a field or a method here, and
`names()` hands exactly these to the sandbox (lint checks clause sources against the same
list, see `sandbox.SPEC_ROOTS`, `FLAGS` and `FUNCTIONS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agreements.clauses.sandbox import CONTRIBUTION_TYPES, FLAGS, FUNCTIONS, SPEC_ROOTS, ref
from agreements.spec.models import AgreementKind

if TYPE_CHECKING:
    from agreements.library import Settings
    from agreements.spec import Agreement, Contribution, Party, Risk, Terms
    from agreements.spec.loaded import LoadedSpec
    from agreements.spec.terms import Responsibility


@dataclass(frozen=True)
class ClauseContext:
    """Everything clause conditions and texts can see of one spec and its library."""

    agreement: Agreement
    parties: tuple[Party, ...]
    org: Party
    partners: tuple[Party, ...]
    purpose: str
    objectives: tuple[str, ...]
    responsibilities: tuple[Responsibility, ...]
    contributions: tuple[Contribution, ...]
    risks: tuple[Risk, ...]
    terms: Terms
    settings: Settings
    kind: str
    is_mou: bool
    party_count: int
    personal_data: bool
    new_material: bool
    logo_use: bool
    steering_committee: bool
    confidentiality: bool
    duration_days: int
    any_item_hazardous: bool

    def has_contribution(self, kind: str) -> bool:
        """Return True when some party makes a contribution of this type."""
        if kind not in CONTRIBUTION_TYPES:
            raise ValueError(f"has_contribution: unknown type {kind!r}")
        return any(c.type == kind for c in self.contributions)

    def any_party(self, sector: str | None = None, classification: str | None = None) -> bool:
        """Return True when a party has this sector (and classification, when given)."""
        return any(
            (sector is None or p.sector.value == sector)
            and (classification is None or (p.classification or "") == classification)
            for p in self.parties
        )

    def fallback(self, topic: str) -> str | None:
        """Return the fallback position chosen for `topic` in the spec, or None."""
        return self.terms.fallbacks.get(topic)

    def names(self) -> dict[str, Any]:
        """Return the mapping the sandbox renders with: spec roots, flags and functions."""
        values: dict[str, Any] = {name: getattr(self, name) for name in SPEC_ROOTS + FLAGS}
        values.update(
            has_contribution=self.has_contribution,
            any_party=self.any_party,
            fallback=self.fallback,
            ref=ref,
        )
        assert tuple(values) == SPEC_ROOTS + FLAGS + FUNCTIONS
        return values


def build_context(loaded: LoadedSpec, settings: Settings) -> ClauseContext:
    """Return the clause context of a draftable spec (one with an organisation party)."""
    spec, org = loaded.spec, loaded.org
    assert spec is not None and org is not None, "only a draftable spec has a clause context"
    terms = spec.terms
    agreement = spec.agreement
    return ClauseContext(
        agreement=agreement,
        parties=tuple(spec.parties),
        org=org,
        partners=tuple(p for p in spec.parties if p is not org),
        purpose=spec.purpose,
        objectives=tuple(spec.objectives),
        responsibilities=tuple(spec.responsibilities),
        contributions=tuple(spec.contributions),
        risks=tuple(spec.risks),
        terms=terms,
        settings=settings,
        kind=agreement.kind.value,
        is_mou=agreement.kind is AgreementKind.MOU,
        party_count=len(spec.parties),
        personal_data=terms.personal_data.processed,
        new_material=terms.intellectual_property.new_material,
        logo_use=terms.names_and_logos.use_planned,
        steering_committee=terms.governance.steering_committee,
        confidentiality=terms.confidentiality,
        duration_days=(agreement.end_date - agreement.start_date).days + 1,
        any_item_hazardous=any(i.durable_or_hazardous for c in spec.in_kind() for i in c.items),
    )
