"""Models of the parties to a partnership: who they are, who signs, and their screening."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from agreements.spec.base import Flag, Identifier, SpecModel, Text


class Sector(StrEnum):
    """Sector of a party, which tells public bodies from non-state actors."""

    PUBLIC_AUTHORITY = "public_authority"
    UN_OR_INTERNATIONAL_ORGANISATION = "un_or_international_organisation"
    INTERNATIONAL_FINANCIAL_INSTITUTION = "international_financial_institution"
    COMPANY = "company"
    CORPORATE_FOUNDATION = "corporate_foundation"
    STATE_OWNED_ENTERPRISE = "state_owned_enterprise"
    NGO = "ngo"
    FOUNDATION = "foundation"
    FINANCIAL_INSTITUTION = "financial_institution"
    ACADEMIC = "academic"
    WORKERS_ORGANISATION = "workers_organisation"
    EMPLOYERS_ORGANISATION = "employers_organisation"
    BUSINESS_ASSOCIATION = "business_association"
    RED_CROSS_RED_CRESCENT_SOCIETY = "red_cross_red_crescent_society"
    IFRC = "ifrc"


PUBLIC_SECTORS = frozenset(
    {
        Sector.PUBLIC_AUTHORITY,
        Sector.UN_OR_INTERNATIONAL_ORGANISATION,
        Sector.INTERNATIONAL_FINANCIAL_INSTITUTION,
    }
)
BORDERLINE_SECTORS = frozenset(
    {Sector.STATE_OWNED_ENTERPRISE, Sector.RED_CROSS_RED_CRESCENT_SOCIETY, Sector.IFRC}
)


INTERGOVERNMENTAL_SECTORS = frozenset(
    {Sector.UN_OR_INTERNATIONAL_ORGANISATION, Sector.INTERNATIONAL_FINANCIAL_INSTITUTION}
)


class PartyCategory(StrEnum):
    """What kind of body a party is, which decides the obligations it can bear."""

    ORGANISATION = "organisation"
    PUBLIC_AUTHORITY = "public_authority"
    INTERGOVERNMENTAL = "intergovernmental"
    NON_STATE = "non_state"


CONSTITUENT_SECTORS = frozenset({Sector.WORKERS_ORGANISATION, Sector.EMPLOYERS_ORGANISATION})


class PartyRole(StrEnum):
    """What a party does in the partnership; a party may hold several roles."""

    DONOR = "donor"
    IN_KIND_CONTRIBUTOR = "in_kind_contributor"
    IMPLEMENTING_PARTNER = "implementing_partner"
    CO_ORGANISER = "co_organiser"
    SPONSOR = "sponsor"
    RESEARCH_PARTNER = "research_partner"
    RESEARCH_FUNDER = "research_funder"


class Classification(StrEnum):
    """Explicit public / non-state classification, required for borderline sectors."""

    PUBLIC = "public"
    NON_STATE = "non_state"


class RiskLevel(StrEnum):
    """Due-diligence risk level."""

    LOW = "low"
    MODERATE = "moderate"
    SUBSTANTIAL = "substantial"
    HIGH = "high"


class ScreeningOutcome(StrEnum):
    """Outcome of a due-diligence screening."""

    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"
    REJECTED = "rejected"


class Signatory(SpecModel):
    """A person who signs the agreement on behalf of a party."""

    name: Text = Field(description="Full name of the person who signs.")
    title: Text = Field(description="Official title or function of the signatory.")


class DueDiligence(SpecModel):
    """Record of the screening of a non-state party before the partnership."""

    date: dt.date = Field(description="Date the screening was completed (YYYY-MM-DD).")
    risk_level: RiskLevel = Field(
        description="Risk level found: low, moderate, substantial or high."
    )
    outcome: ScreeningOutcome = Field(
        description="Outcome: approved, approved_with_conditions or rejected."
    )
    reference: Text = Field(description="Reference of the due-diligence file or note.")
    sanctions_listed: Flag = Field(
        default=False, description="True if the party appears on a UN sanctions list."
    )
    unremedied_abuses: Flag = Field(
        default=False,
        description=(
            "True if the party has unremedied complicity in forced labour, child labour "
            "or serious human-rights abuse."
        ),
    )
    mitigation_plan: Text | None = Field(
        default=None, description="Mitigation measures; required when the risk level is high."
    )
    senior_approval_reference: Text | None = Field(
        default=None,
        description="Reference of the senior management approval; required when risk is high.",
    )
    conditions: list[Text] = Field(
        default_factory=list,
        description=(
            "Conditions the screening attached to the partnership (e.g. 'BP receives no "
            "personal data of trainees'); the agreement makes them binding on the party."
        ),
    )


class Party(SpecModel):
    """One party to the agreement."""

    id: Identifier = Field(
        description="Short stable id used elsewhere in the spec (lowercase, e.g. 'ilo', 'bp')."
    )
    legal_name: Text = Field(description="Full legal name, exactly as registered.")
    short_name: Text = Field(description="Name used in the body of the agreement, e.g. 'BP'.")
    sector: Sector = Field(
        description=(
            "Sector of the party: public_authority, un_or_international_organisation and "
            "international_financial_institution are public; state_owned_enterprise, "
            "red_cross_red_crescent_society and ifrc need a classification; the others "
            "are non-state."
        ),
    )
    classification: Classification | None = Field(
        default=None,
        description=(
            "Explicit classification as public or non_state; required for borderline "
            "sectors (state-owned enterprises, Red Cross / Red Crescent societies, IFRC)."
        ),
    )
    legal_form: Text | None = Field(
        default=None, description="Legal form, e.g. 'public limited company'."
    )
    country: Text = Field(description="Country of registration or seat.")
    address: Text = Field(description="Registered postal address.")
    industries: list[Text] = Field(
        default_factory=list,
        description=(
            "Industries the party operates in (e.g. 'extractives', 'banking'); checked "
            "against the organisation's excluded and escalation lists."
        ),
    )
    isic: list[Annotated[str, StringConstraints(pattern=r"^\d{4}$")]] = Field(
        default_factory=list,
        description=(
            "ISIC Rev.4 classes of the party's activities (4 digits, e.g. '0610' for crude "
            "petroleum extraction); checked against the organisation's industry lists."
        ),
    )
    signatories: list[Signatory] = Field(
        min_length=1, description="People who sign for the party; at least one."
    )
    due_diligence: DueDiligence | None = Field(
        default=None, description="Screening record; required for every non-state party."
    )
    roles: list[PartyRole] = Field(
        default_factory=list,
        description=(
            "Roles the spec cannot show by itself, added to those derived from contributions "
            "and responsibilities: e.g. co_organiser or sponsor of an event, research_partner "
            "(a co-author) or research_funder."
        ),
    )

    def is_constituent(self) -> bool:
        """Return True for workers' and employers' organisations, which sit in the
        organisation's governing bodies."""
        return self.sector in CONSTITUENT_SECTORS

    def category(self, *, is_organisation: bool = False) -> PartyCategory:
        """Return the party's category, from its sector and any explicit classification.

        UN bodies, international financial institutions and the IFRC classified public are
        intergovernmental; other public parties (governments, and state-owned enterprises or
        national societies classified public) are public authorities.
        """
        if is_organisation:
            return PartyCategory.ORGANISATION
        if not self.is_public():
            return PartyCategory.NON_STATE
        if self.sector in INTERGOVERNMENTAL_SECTORS or self.sector is Sector.IFRC:
            return PartyCategory.INTERGOVERNMENTAL
        return PartyCategory.PUBLIC_AUTHORITY

    def is_public(self) -> bool:
        """Return True when the party counts as public (state) rather than non-state."""
        # A classification counts only for borderline sectors (rule P16 refuses it elsewhere),
        # so it can never turn a company into a public body that skips due diligence.
        if self.classification is not None and self.sector in BORDERLINE_SECTORS:
            return self.classification is Classification.PUBLIC
        return self.sector in PUBLIC_SECTORS
