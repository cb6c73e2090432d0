"""Models of the agreement's terms: risks, data, IP, names and logos, governance, reporting."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from agreements.spec.base import Flag, Identifier, SpecModel, Text


class RiskCategory(StrEnum):
    """Categories of risk in the risk allocation matrix, each with its usual owner."""

    REPUTATIONAL = "reputational"
    POLITICAL = "political"
    CONFLICT_OF_INTEREST = "conflict_of_interest"
    FINANCIAL = "financial"
    FRAUD_AND_CORRUPTION = "fraud_and_corruption"
    DELIVERY = "delivery"
    SAFETY_AND_SECURITY = "safety_and_security"
    SAFEGUARDING = "safeguarding"
    LABOUR_AND_HUMAN_RIGHTS = "labour_and_human_rights"
    ENVIRONMENTAL_AND_SOCIAL = "environmental_and_social"
    LEGAL_AND_IMMUNITIES = "legal_and_immunities"
    INTELLECTUAL_PROPERTY = "intellectual_property"
    DATA_PROTECTION = "data_protection"
    BRAND_MISUSE = "brand_misuse"
    FORCE_MAJEURE = "force_majeure"
    SANCTIONS = "sanctions"


class Risk(SpecModel):
    """One entry of the risk allocation matrix."""

    category: RiskCategory = Field(
        description=(
            "Risk category, e.g. reputational, political, financial, delivery, "
            "fraud_and_corruption, safeguarding, data_protection, force_majeure."
        )
    )
    description: Text = Field(description="What could happen.")
    owner: Identifier = Field(description="Id of the party best able to manage the risk.")
    mitigation: Text = Field(description="How the owner prevents or limits it.")


class Responsibility(SpecModel):
    """What one party undertakes to do."""

    party: Identifier = Field(description="Id of the responsible party.")
    tasks: list[Text] = Field(min_length=1, description="Tasks, one sentence each.")


class SpecialCategory(StrEnum):
    """Personal data that needs special protection, which selects its own clause."""

    HEALTH = "health"
    BIOMETRIC = "biometric"
    GENETIC = "genetic"
    RACIAL_OR_ETHNIC_ORIGIN = "racial_or_ethnic_origin"
    POLITICAL_OPINIONS = "political_opinions"
    RELIGIOUS_BELIEFS = "religious_beliefs"
    TRADE_UNION_MEMBERSHIP = "trade_union_membership"
    SEXUAL_ORIENTATION = "sexual_orientation"
    CRIMINAL_RECORDS = "criminal_records"


class PersonalData(SpecModel):
    """Whether and how personal data is processed under the agreement."""

    processed: Flag = Field(description="True if any personal data is processed.")
    description: Text | None = Field(
        default=None, description="Whose data, what data and why; required when processed."
    )
    controller: Identifier | None = Field(
        default=None, description="Id of the party that controls the data."
    )
    retention_months: int | None = Field(
        default=None, ge=1, le=600, description="How long the data is kept, in months."
    )
    data_categories: list[Text] = Field(
        default_factory=list, description="What data, e.g. 'names and contact details'."
    )
    data_subjects: list[Text] = Field(
        default_factory=list, description="Whose data, e.g. 'trainees', 'microfinance clients'."
    )
    purposes: list[Text] = Field(
        default_factory=list, description="What the data is used for, one purpose each."
    )
    recipients: list[Text] = Field(
        default_factory=list, description="Who may receive the data besides the controller."
    )
    special_categories: list[SpecialCategory] = Field(
        default_factory=list,
        description="Data needing special protection (e.g. health); selects the clause on it.",
    )


class IntellectualProperty(SpecModel):
    """Whether new material (reports, curricula, software, data) is created."""

    new_material: Flag = Field(description="True if the partnership creates new material.")
    description: Text | None = Field(default=None, description="What material is created.")


class LogoApproval(SpecModel):
    """Record of the organisation's approval of a planned use of its name and emblem."""

    reference: Text = Field(description="Reference of the written approval.")
    date: dt.date = Field(description="Date of the approval.")
    approved_by: Text = Field(description="Office or official who approved.")
    valid_until: dt.date = Field(description="Last day the permission is valid.")


class NamesAndLogos(SpecModel):
    """Planned use of the parties' names and logos."""

    use_planned: Flag = Field(description="True if any party plans to use another's name or logo.")
    uses: list[Text] = Field(
        default_factory=list, description="Each planned use, e.g. 'training certificates'."
    )
    approval: LogoApproval | None = Field(
        default=None, description="Approval record; required when use is planned."
    )


class FocalPoint(SpecModel):
    """A party's contact person for the partnership."""

    party: Identifier = Field(description="Id of the party.")
    name: Text = Field(description="Name or function of the focal point.")
    email: Text | None = Field(default=None, description="E-mail address.")


class Governance(SpecModel):
    """How the partnership is steered."""

    steering_committee: Flag = Field(
        default=False, description="True to establish a steering committee."
    )
    meetings_per_year: int | None = Field(
        default=None, ge=1, le=52, description="How often the steering committee meets."
    )
    chair: Identifier | None = Field(
        default=None,
        description="Id of the party whose representative chairs the steering committee "
        "(default: the organisation).",
    )
    focal_points: list[FocalPoint] = Field(
        default_factory=list, description="Contact persons of the parties."
    )


class Report(SpecModel):
    """A report due under the agreement."""

    title: Text = Field(description="e.g. 'Interim narrative and financial report'.")
    period_end: dt.date = Field(description="Last day of the period the report covers.")
    due_date: dt.date = Field(description="Date the report is due.")
    financial_statement: Flag = Field(
        default=False, description="True if a certified financial statement is included."
    )


class Terms(SpecModel):
    """The negotiated terms of the agreement."""

    personal_data: PersonalData = Field(description="Personal data processing.")
    intellectual_property: IntellectualProperty = Field(description="New material created.")
    names_and_logos: NamesAndLogos = Field(description="Use of names and logos.")
    confidentiality: Flag = Field(
        default=True, description="True to include mutual confidentiality undertakings."
    )
    governance: Governance = Field(
        default_factory=Governance, description="Steering committee and focal points."
    )
    reports: list[Report] = Field(default_factory=list, description="Reports due.")
    termination_notice_days: int = Field(
        default=90, ge=1, le=730, description="Notice for termination for convenience, in days."
    )
    fallbacks: dict[Identifier, Identifier] = Field(
        default_factory=dict,
        description=(
            "Pre-approved fallback positions chosen in negotiation, by topic "
            "(e.g. ip_ownership: joint_ownership); names come from the clause library."
        ),
    )
