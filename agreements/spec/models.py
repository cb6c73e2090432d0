"""The root model of a partnership spec and its agreement header."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from annotated_types import Len
from pydantic import Field, StringConstraints, field_validator, model_validator

from agreements.spec.base import Flag, Identifier, SpecModel, Text
from agreements.spec.money import (
    Contribution,
    FinancialContribution,
    InKindContribution,
    MonetaryValue,
)
from agreements.spec.parties import Party, Sector
from agreements.spec.terms import Responsibility, Risk, Terms


class AgreementKind(StrEnum):
    """Form of partnership: what the agreement is for, which selects its clauses."""

    FUNDING = "funding"
    IN_KIND = "in_kind"
    JOINT_IMPLEMENTATION = "joint_implementation"
    EVENT = "event"
    ADVOCACY = "advocacy"
    RESEARCH = "research"
    MOU = "mou"


class Language(StrEnum):
    """Languages the clause library can be written in."""

    EN = "en"
    FR = "fr"
    ES = "es"


class Agreement(SpecModel):
    """The agreement's header: what it is, when and where it is signed."""

    kind: AgreementKind = Field(description="Form of partnership; selects the kind's module.")
    title: Text = Field(
        max_length=255,
        description="Title printed on the cover (at most 255 characters, as Word allows).",
    )
    reference: Text = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]{1,63}$",
        description="Reference number, e.g. ILO-PPP-2026-014; names the output file.",
    )
    language: Language | Annotated[list[Language], Len(min_length=1, max_length=2)] = Field(
        default=Language.EN,
        description=(
            "Language of the draft (en, fr or es), or two languages, e.g. [en, fr], for one "
            "agreement with both texts side by side, equally authentic."
        ),
    )
    signature_date: dt.date = Field(description="Planned date of signature (YYYY-MM-DD).")
    start_date: dt.date = Field(description="Entry into force (YYYY-MM-DD).")
    end_date: dt.date = Field(description="Last day of the agreement (YYYY-MM-DD).")
    place: Text = Field(description="Place of signature, e.g. 'Geneva'.")

    @field_validator("language")
    @classmethod
    def _distinct_languages(cls, value: Language | list[Language]) -> Language | list[Language]:
        if isinstance(value, list) and len(set(value)) != len(value):
            raise ValueError("the two languages of a bilingual agreement must differ")
        return value

    @property
    def languages(self) -> tuple[Language, ...]:
        """Return the draft's languages, the first one leading (one, or two side by side)."""
        return tuple(self.language) if isinstance(self.language, list) else (self.language,)

    @property
    def main_language(self) -> Language:
        """Return the language the draft is planned in: the first of its languages."""
        return self.languages[0]


class Event(SpecModel):
    """The particulars of a co-organised event."""

    name: Text = Field(description="Name of the event.")
    start_date: dt.date = Field(description="First day of the event (YYYY-MM-DD).")
    end_date: dt.date = Field(description="Last day of the event (YYYY-MM-DD).")
    venue: Text = Field(description="Venue and city, or 'online'.")
    expected_participants: int | None = Field(
        default=None, ge=1, le=1_000_000, description="Number of participants expected."
    )
    budget: MonetaryValue | None = Field(default=None, description="Total budget of the event.")


class Beneficiaries(SpecModel):
    """Facts about the people the partnership reaches, which select protective clauses."""

    description: Text | None = Field(default=None, description="Who the beneficiaries are.")
    children: Flag = Field(
        default=False, description="True if beneficiaries or participants include children."
    )
    contact_with_personnel: Flag = Field(
        default=False,
        description="True if partners' personnel are in direct contact with beneficiaries.",
    )
    trainees: Flag = Field(
        default=False, description="True if people are trained in practical or workplace tasks."
    )
    selected_by: list[Identifier] = Field(
        default_factory=list,
        description=(
            "Ids of the parties that select beneficiaries and trainees; empty: a process in "
            "which the organisation has the final decision."
        ),
    )
    minimum_age: int | None = Field(
        default=None,
        ge=15,
        le=99,
        description=(
            "Youngest age, in years, at which a person may take part (15 at least, the "
            "general minimum age for work; the agreement adds the country's own minimum)."
        ),
    )
    maximum_age: int | None = Field(
        default=None,
        ge=15,
        le=120,
        description="Oldest age, in years, at enrolment.",
    )

    @model_validator(mode="after")
    def _ages_in_order(self) -> Beneficiaries:
        if self.minimum_age and self.maximum_age and self.maximum_age < self.minimum_age:
            raise ValueError("maximum_age is below minimum_age")
        return self


class Acknowledgement(SpecModel):
    """A recorded decision that clears a screening finding for one party (e.g. an industry
    that needs escalation, cleared by senior management)."""

    rule: Annotated[str, StringConstraints(pattern=r"^[A-Z]\d{2}$")] = Field(
        description="Code of the rule whose finding is cleared, e.g. P15."
    )
    party: Identifier = Field(description="Id of the party the decision concerns.")
    reference: Text = Field(description="Reference of the decision, e.g. the senior approval.")
    decided_by: Text = Field(description="Who decided, e.g. 'Director, PARDEV'.")
    date: dt.date = Field(description="Date of the decision (YYYY-MM-DD).")


class PartnershipSpec(SpecModel):
    """A complete description of one partnership: the input of every command."""

    agreement: Agreement = Field(description="What the agreement is and its dates.")
    parties: list[Party] = Field(min_length=2, description="Every party, the organisation too.")
    purpose: Text = Field(description="One paragraph: why the parties work together.")
    objectives: list[Text] = Field(min_length=1, description="What the partnership will achieve.")
    responsibilities: list[Responsibility] = Field(
        default_factory=list, description="What each party undertakes."
    )
    contributions: list[Contribution] = Field(
        default_factory=list, description="What each party contributes."
    )
    risks: list[Risk] = Field(default_factory=list, description="Risk allocation matrix.")
    terms: Terms = Field(description="Negotiated terms.")
    event: Event | None = Field(default=None, description="Particulars of a co-organised event.")
    acknowledgements: list[Acknowledgement] = Field(
        default_factory=list,
        description=(
            "Decisions that clear a screening finding (rules P12 and P15) for a party; "
            "kept in the draft's provenance."
        ),
    )
    beneficiaries: Beneficiaries = Field(
        default_factory=Beneficiaries,
        description="Who the partnership reaches; its flags select protective clauses.",
    )

    def financial(self) -> list[FinancialContribution]:
        """Return the financial contributions, in spec order."""
        return [c for c in self.contributions if isinstance(c, FinancialContribution)]

    def in_kind(self) -> list[InKindContribution]:
        """Return the in-kind contributions, in spec order."""
        return [c for c in self.contributions if isinstance(c, InKindContribution)]

    def has_sector(self, sector: Sector) -> bool:
        """Return True when any party belongs to the sector."""
        return any(p.sector is sector for p in self.parties)
