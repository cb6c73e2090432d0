"""Which annexes a draft has, in which order, decided once from the spec.

An annex exists only when the spec holds its data, so a clause can cite it as
`{{ annex("budget") }}` (printed "Annex 2") and the plan can refuse a citation of an annex
the draft does not contain.
"""

from __future__ import annotations

from dataclasses import dataclass

from agreements.spec.models import AgreementKind, PartnershipSpec
from agreements.spec.money import FinancialContribution
from agreements.spec.parties import Party
from agreements.words import words

# Every annex a draft can have, in the order they appear.
ANNEX_KEYS = (
    "action",
    "budget",
    "goods",
    "event",
    "reports",
    "data",
    "emblem",
    "conditions",
    "risks",
)


# Annexes a memorandum titles in its own words: it records intentions, not allocations.
_MOU_TITLES = frozenset({"action", "risks"})


def annex_title(key: str, language: str = "en", *, mou: bool = False) -> str:
    """Return the title of the annex `key` in `language` (a memorandum's description of
    the action is its areas of cooperation)."""
    if key not in ANNEX_KEYS:
        raise KeyError(key)
    return words(f"annex.{key}_mou" if mou and key in _MOU_TITLES else f"annex.{key}", language)


@dataclass(frozen=True)
class Annex:
    """An annex of a draft: its key (what clauses cite), number and title."""

    key: str
    number: int
    title: str

    @property
    def bookmark(self) -> str:
        """Return the Word bookmark on the annex's number, which references point to."""
        return f"annex_{self.key}"


def screened_with_conditions(spec: PartnershipSpec) -> list[Party]:
    """Return the parties whose due diligence attached conditions to the partnership. The
    mitigation plan is the organisation's own screening narrative: it is kept in the
    register, never printed in an annex the partner signs."""
    return [p for p in spec.parties if p.due_diligence is not None and p.due_diligence.conditions]


def _applies(key: str, spec: PartnershipSpec, org: Party) -> bool:
    mou = spec.agreement.kind is AgreementKind.MOU
    terms = spec.terms
    if key == "action":
        return True
    if key == "budget":
        return not mou and any(
            isinstance(c, FinancialContribution) and c.recipient == org.id
            for c in spec.contributions
        )
    if key == "goods":
        return not mou and bool(spec.in_kind())
    if key == "event":
        return spec.event is not None
    if key == "reports":
        return bool(terms.reports)
    if key == "data":
        return not mou and terms.personal_data.processed
    if key == "emblem":
        return (
            not mou
            and terms.names_and_logos.use_planned
            and terms.names_and_logos.approval is not None
        )
    if key == "conditions":
        return not mou and bool(screened_with_conditions(spec))
    assert key == "risks"
    return bool(spec.risks)


def annexes_of(spec: PartnershipSpec, org: Party) -> tuple[Annex, ...]:
    """Return the annexes the spec's data calls for, numbered in their fixed order."""
    mou = spec.agreement.kind is AgreementKind.MOU
    keys = [key for key in ANNEX_KEYS if _applies(key, spec, org)]
    return tuple(
        Annex(key, number, annex_title(key, mou=mou)) for number, key in enumerate(keys, start=1)
    )


def missing_data(key: str) -> str:
    """Return, for a message, the spec data whose absence leaves out an annex."""
    return {
        "action": "purpose and objectives",
        "budget": "a financial contribution to the organisation",
        "goods": "an in-kind contribution of goods",
        "event": "event particulars (event:)",
        "reports": "terms.reports",
        "data": "terms.personal_data with processed: true",
        "emblem": "terms.names_and_logos with an approval",
        "conditions": "due-diligence conditions or a mitigation plan",
        "risks": "risks",
    }[key]
