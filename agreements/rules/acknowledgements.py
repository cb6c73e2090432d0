"""Recorded decisions that clear screening findings (rules P12 and P15), and rule K01.

A party in an excluded or escalated industry may still be a partner when the organisation
has decided so: the spec records the decision (rule, party, reference, who, when) and the
finding it clears no longer counts, also under `validate --strict`. The draft's provenance
keeps the decision.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from agreements.rules.catalogue import Finding

if TYPE_CHECKING:
    from agreements.spec import PartnershipSpec

ACKNOWLEDGEABLE = frozenset({"P12", "P15"})


def cleared(findings: list[Finding], spec: PartnershipSpec) -> tuple[list[Finding], list[str]]:
    """Return the findings that no recorded decision clears, and a line per decision used."""
    decisions = {(a.rule, a.party): a for a in spec.acknowledgements}
    kept: list[Finding] = []
    used: dict[tuple[str, str], str] = {}
    for finding in findings:
        path = finding.path
        party_id = (
            spec.parties[path[1]].id
            if len(path) > 1
            and path[0] == "parties"
            and isinstance(path[1], int)
            and path[1] < len(spec.parties)
            else None
        )
        decision = decisions.get((finding.code, party_id or ""))
        if finding.code in ACKNOWLEDGEABLE and decision is not None:
            used[(decision.rule, decision.party)] = (
                f"{decision.rule} {decision.party}: {decision.reference}, decided by "
                f"{decision.decided_by} on {decision.date.isoformat()}"
            )
            continue
        kept.append(finding)
    return kept, list(used.values())


def check_acknowledgements(spec: PartnershipSpec) -> Iterator[Finding]:
    """Yield K01 for a decision that names an unknown party or a rule it cannot clear."""
    ids = {p.id for p in spec.parties}
    for i, decision in enumerate(spec.acknowledgements):
        if decision.rule not in ACKNOWLEDGEABLE:
            yield Finding(
                "K01",
                ("acknowledgements", i, "rule"),
                f"a decision cannot clear rule {decision.rule}",
                f"acknowledge only {' or '.join(sorted(ACKNOWLEDGEABLE))}",
            )
        if decision.party not in ids:
            yield Finding(
                "K01",
                ("acknowledgements", i, "party"),
                f"no party has the id {decision.party!r}",
                f"use one of: {', '.join(sorted(ids))}",
            )
