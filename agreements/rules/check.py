"""Run every rule over a spec and return the findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.rules.acknowledgements import check_acknowledgements, cleared
from agreements.rules.money import check_money
from agreements.rules.parties import check_parties, organisation_indexes
from agreements.rules.structure import check_dates, check_kind, check_references
from agreements.rules.text import check_text_values

if TYPE_CHECKING:
    from agreements.library import Settings
    from agreements.rules.catalogue import Finding
    from agreements.spec import PartnershipSpec

__all__ = ["check_spec", "check_text_values"]


def check_spec(spec: PartnershipSpec, settings: Settings) -> tuple[list[Finding], list[str]]:
    """Return the breaches of every rule that needs a schema-valid spec, less those a
    recorded decision clears, and a line per decision used (for the draft's provenance)."""
    org_ids = {spec.parties[i].id for i in organisation_indexes(spec, settings)}
    findings: list[Finding] = []
    findings.extend(check_parties(spec, settings))
    findings.extend(check_references(spec))
    findings.extend(check_dates(spec))
    findings.extend(check_money(spec, settings, org_ids))
    findings.extend(check_kind(spec, org_ids))
    findings.extend(check_acknowledgements(spec))
    return cleared(findings, spec)
