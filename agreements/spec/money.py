"""Models of what each party contributes: money, goods, services and other support."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from agreements.spec.base import (
    CurrencyCode,
    Flag,
    Identifier,
    Money,
    Quantity,
    SpecModel,
    Text,
)


class Earmarking(StrEnum):
    """How tightly a financial contribution is tied to a use."""

    UNEARMARKED = "unearmarked"
    SOFTLY_EARMARKED = "softly_earmarked"
    PROJECT = "project"


class Instalment(SpecModel):
    """One dated payment of a financial contribution."""

    date: dt.date = Field(description="Date the payment is due (YYYY-MM-DD).")
    amount: Money = Field(description="Amount of this payment, in the contribution's currency.")


class MonetaryValue(SpecModel):
    """An amount with its currency."""

    amount: Money = Field(description="Exact decimal amount, e.g. 25000.00.")
    currency: CurrencyCode = Field(description="ISO 4217 currency code, e.g. USD.")


class FinancialContribution(SpecModel):
    """Money paid by one party to another under the agreement."""

    type: Literal["financial"] = Field(description="Contribution type.")
    party: Identifier = Field(description="Id of the party that pays.")
    recipient: Identifier = Field(description="Id of the party that receives the money.")
    amount: Money = Field(description="Total amount, an exact decimal such as 230000.00.")
    currency: CurrencyCode = Field(description="ISO 4217 currency code, e.g. USD, EUR, CNY.")
    instalments: list[Instalment] = Field(
        default_factory=list, description="Payment schedule; must sum exactly to the amount."
    )
    earmarking: Earmarking | None = Field(
        default=None, description="unearmarked, softly_earmarked or project."
    )
    support_cost_rate: Decimal | None = Field(
        default=None,
        allow_inf_nan=False,
        ge=0,
        le=100,
        description="Programme support cost rate in percent of direct costs, 0 to 100, e.g. 13.",
    )
    support_cost_approval: Text | None = Field(
        default=None,
        description="Approval reference; required when the rate differs from the default.",
    )
    conditional_on_procurement: Flag = Field(
        default=False,
        description="True if the money is conditional on buying from the contributor (refused).",
    )
    purpose: Text | None = Field(default=None, description="What the money is for.")


class InKindItem(SpecModel):
    """One kind of goods given in kind, with its valuation."""

    description: Text = Field(description="What the goods are, with their standard or model.")
    quantity: Quantity = Field(description="Number of units.")
    unit: Text = Field(default="unit", description="Unit of count, e.g. 'kit', 'panel'.")
    unit_value: Money = Field(description="Fair value of one unit.")
    currency: CurrencyCode = Field(description="ISO 4217 currency of the unit value.")
    valuation_basis: Text = Field(
        description="How the value was set, e.g. 'donor's list price less trade discount'."
    )
    durable_or_hazardous: Flag = Field(
        default=False,
        description="True for goods needing end-of-life disposal (batteries, solar panels).",
    )


class InKindContribution(SpecModel):
    """Goods given in kind by a party."""

    type: Literal["in_kind"] = Field(description="Contribution type.")
    party: Identifier = Field(description="Id of the party that gives the goods.")
    recipient: Identifier | None = Field(default=None, description="Id of the receiving party.")
    items: list[InKindItem] = Field(min_length=1, description="The goods, itemised.")
    delivery_terms: Text | None = Field(
        default=None, description="Where and when the goods are delivered."
    )


ServiceType = Literal["services", "staff", "facilities", "technical_tools", "networks"]


class ServiceContribution(SpecModel):
    """Expertise, personnel, premises, tools or networks a party makes available."""

    type: ServiceType = Field(
        description="services, staff, facilities, technical_tools or networks."
    )
    party: Identifier = Field(description="Id of the contributing party.")
    description: Text = Field(description="What is provided, to whom and for how long.")
    estimated_value: MonetaryValue | None = Field(
        default=None, description="Optional estimated value."
    )


Contribution = Annotated[
    FinancialContribution | InKindContribution | ServiceContribution,
    Field(discriminator="type"),
]
