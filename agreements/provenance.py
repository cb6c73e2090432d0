"""Where a draft came from, as recorded in its custom document properties."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from agreements import __version__

APPROVED = "approved"


@dataclass(frozen=True)
class Provenance:
    """The spec, library and clauses a draft was made from, with each clause's approval.

    `clauses` holds `id@version#hash` per article in order and `approvals` the status of
    each ("approved", "changed", "never approved", ...), so the Word layer can mark clauses
    legal has not approved without knowing how approvals are kept.
    """

    spec_sha256: str
    library_version: str
    language: str
    clauses: tuple[str, ...]
    approvals: tuple[str, ...]
    decisions: tuple[str, ...] = ()
    reference: str = ""
    parties: tuple[str, ...] = ()

    def pending(self) -> Mapping[str, str]:
        """Return the status of each clause id that is not approved, in article order."""
        return {
            entry.split("@", 1)[0]: status
            for entry, status in zip(self.clauses, self.approvals, strict=True)
            if status != APPROVED
        }

    def properties(self) -> dict[str, str]:
        """Return the custom properties, in a stable order."""
        props = {
            "agreements.tool_version": __version__,
            "agreements.spec_sha256": self.spec_sha256,
            "agreements.library_version": self.library_version,
            "agreements.language": self.language,
            "agreements.clause_count": str(len(self.clauses)),
        }
        if self.reference:
            props["agreements.reference"] = self.reference
        for number, party in enumerate(self.parties, start=1):
            props[f"agreements.party.{number:02d}"] = party
        for number, (clause, approval) in enumerate(
            zip(self.clauses, self.approvals, strict=True), start=1
        ):
            props[f"agreements.clause.{number:03d}"] = clause
            props[f"agreements.approval.{number:03d}"] = approval
        for number, decision in enumerate(self.decisions, start=1):
            props[f"agreements.decision.{number:02d}"] = decision
        return props
