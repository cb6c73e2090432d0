"""The result of reviewing a returned draft: each part of it classified, with the reasons
it needs (or does not need) legal review."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from agreements.returned.sections import SectionKind


class Status(StrEnum):
    """What happened to one part of the draft."""

    UNCHANGED = "unchanged"
    FORM_ONLY = "form_only"
    APPROVED_POSITION = "approved_position"
    CHANGED = "changed"
    DELETED = "deleted"
    DELETED_MANDATORY = "deleted_mandatory"
    ADDED = "added"
    NOT_COMPARED = "not_compared"

    @property
    def label(self) -> str:
        """Return the status in words."""
        return _LABELS[self]


_LABELS = {
    Status.UNCHANGED: "unchanged",
    Status.FORM_ONLY: "changed in form only",
    Status.APPROVED_POSITION: "now a pre-approved wording",
    Status.CHANGED: "changed beyond any approved wording",
    Status.DELETED: "deleted",
    Status.DELETED_MANDATORY: "deleted, although mandatory",
    Status.ADDED: "added by the partner",
    Status.NOT_COMPARED: "not compared (no text as sent)",
}
_REVIEWED = frozenset({Status.CHANGED, Status.DELETED, Status.DELETED_MANDATORY, Status.ADDED})


@dataclass(frozen=True)
class Finding:
    """A problem in what the partner wrote: a forbidden position, or a value that differs
    from the spec (amount, date, party name)."""

    kind: str
    code: str
    message: str
    excerpt: str
    fix: str
    blocking: bool

    def to_json(self) -> dict[str, Any]:
        """Return the finding as JSON data."""
        return {
            "kind": self.kind,
            "code": self.code,
            "message": self.message,
            "excerpt": self.excerpt,
            "fix": self.fix,
            "blocking": self.blocking,
        }


@dataclass(frozen=True)
class PartReview:
    """One part of the returned draft (an article, the front matter, an annex...).

    `approved` is the text it is compared with (heading first): as sent, or the approved
    wording; `returned` the partner's version; `nearest` the approved wording closest to a
    text changed beyond all of them.
    """

    kind: SectionKind
    number: int | None
    clause_id: str | None
    title: str
    status: Status
    how: str
    approved: tuple[str, ...]
    returned: tuple[str, ...]
    position: str | None = None
    nearest: str | None = None
    nearest_text: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def needs_legal_review(self) -> bool:
        """Return True when legal must look at this part before the draft is accepted."""
        return self.status in _REVIEWED or bool(self.findings)

    @property
    def blocking(self) -> bool:
        """Return True when the part can never be accepted as it is."""
        return self.status is Status.DELETED_MANDATORY or any(f.blocking for f in self.findings)

    @property
    def name(self) -> str:
        """Return how the report names the part: "Article 12 (audit)", "Annex 2"."""
        if self.kind is SectionKind.ARTICLE:
            number = f"Article {self.number}" if self.number else "Article"
            return f"{number} ({self.clause_id})" if self.clause_id else f"{number} (new)"
        return self.title if self.kind is SectionKind.ANNEX else self.kind.value.capitalize()

    def to_json(self) -> dict[str, Any]:
        """Return the part as JSON data."""
        return {
            "part": self.kind.value,
            "number": self.number,
            "clause": self.clause_id,
            "title": self.title,
            "status": self.status.value,
            "needs_legal_review": self.needs_legal_review,
            "blocking": self.blocking,
            "matched_by": self.how,
            "position": self.position,
            "nearest_position": self.nearest,
            "added_paragraphs": list(self.added),
            "removed_paragraphs": list(self.removed),
            "findings": [f.to_json() for f in self.findings],
            "notes": list(self.notes),
            "approved_text": list(self.approved),
            "returned_text": list(self.returned),
        }


@dataclass(frozen=True)
class ReturnedReview:
    """The review of one returned draft."""

    file: str
    basis: str
    provenance: bool
    parts: tuple[PartReview, ...]
    notes: tuple[str, ...]

    @property
    def needs_legal_review(self) -> bool:
        """Return True when any part needs legal review."""
        return any(p.needs_legal_review for p in self.parts)

    def for_review(self) -> list[PartReview]:
        """Return the parts that need legal review, blocking ones first."""
        flagged = [p for p in self.parts if p.needs_legal_review]
        return sorted(flagged, key=lambda p: not p.blocking)

    def to_json(self) -> dict[str, Any]:
        """Return the review as JSON data."""
        return {
            "file": self.file,
            "compared_with": self.basis,
            "provenance": self.provenance,
            "needs_legal_review": self.needs_legal_review,
            "blocking": any(p.blocking for p in self.parts),
            "notes": list(self.notes),
            "parts": [p.to_json() for p in self.parts],
        }
