"""The partnership spec: pydantic models of one partnership agreement."""

from __future__ import annotations

from agreements.spec.models import Agreement, AgreementKind, Language, PartnershipSpec
from agreements.spec.money import (
    Contribution,
    FinancialContribution,
    InKindContribution,
    ServiceContribution,
)
from agreements.spec.parties import Party, Sector
from agreements.spec.terms import Risk, Terms

__all__ = [
    "Agreement",
    "AgreementKind",
    "Contribution",
    "FinancialContribution",
    "InKindContribution",
    "Language",
    "PartnershipSpec",
    "Party",
    "Risk",
    "Sector",
    "ServiceContribution",
    "Terms",
]
