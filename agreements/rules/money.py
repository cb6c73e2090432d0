"""Rules on money and dates ."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from agreements.currencies import MINOR_UNITS
from agreements.problems import PathKey
from agreements.rules.catalogue import Finding
from agreements.spec.money import (
    FinancialContribution,
    InKindContribution,
    ServiceContribution,
)

if TYPE_CHECKING:
    from agreements.library import Settings
    from agreements.spec import PartnershipSpec


def _amount(amount: Decimal, currency: str, path: PathKey, what: str) -> Iterator[Finding]:
    """Yield breaches of M01-M03 for one amount in one currency."""
    if amount <= 0:
        yield Finding("M01", path, f"{what} must be greater than zero, not {amount}")
    if currency not in MINOR_UNITS:
        return
    minor = MINOR_UNITS[currency]
    if amount != amount.quantize(Decimal(1).scaleb(-minor)):
        places = -int(amount.normalize().as_tuple().exponent)
        yield Finding(
            "M03",
            path,
            f"{what} {amount} has {places} decimals; {currency} has {MINOR_UNITS[currency]}",
        )


def _currency(code: str, path: PathKey) -> Iterator[Finding]:
    if code not in MINOR_UNITS:
        fix = f"write it in capitals: {code.upper()}" if code.upper() in MINOR_UNITS else ""
        yield Finding("M02", path, f"{code!r} is not an ISO 4217 currency code", fix)


def check_money(spec: PartnershipSpec, settings: Settings, org_ids: set[str]) -> Iterator[Finding]:
    """Yield breaches of M01-M12 and D03 over every contribution."""
    for i, contribution in enumerate(spec.contributions):
        here: PathKey = ("contributions", i)
        if isinstance(contribution, FinancialContribution):
            yield from _financial(spec, settings, contribution, here, org_ids)
        elif isinstance(contribution, InKindContribution):
            for j, item in enumerate(contribution.items):
                at = (*here, "items", j)
                yield from _currency(item.currency, (*at, "currency"))
                yield from _amount(
                    item.unit_value, item.currency, (*at, "unit_value"), "unit value"
                )
                if (item.quantity * item.unit_value).adjusted() >= 15:
                    yield Finding(
                        "M12",
                        (*at, "quantity"),
                        f"{item.quantity} units at {item.unit_value} {item.currency} are worth "
                        "a thousand trillion or more",
                    )
        elif isinstance(contribution, ServiceContribution) and contribution.estimated_value:
            value = contribution.estimated_value
            at = (*here, "estimated_value")
            yield from _currency(value.currency, (*at, "currency"))
            yield from _amount(value.amount, value.currency, (*at, "amount"), "estimated value")


def _financial(
    spec: PartnershipSpec,
    settings: Settings,
    c: FinancialContribution,
    here: PathKey,
    org_ids: set[str],
) -> Iterator[Finding]:
    yield from _currency(c.currency, (*here, "currency"))
    yield from _amount(c.amount, c.currency, (*here, "amount"), "amount")
    if c.party in org_ids and c.recipient not in org_ids:
        yield Finding(
            "M10",
            (*here, "party"),
            "money flows from the organisation to a partner; this agreement "
            "is for contributions to the organisation",
        )
    if c.conditional_on_procurement:
        yield Finding(
            "M09",
            (*here, "conditional_on_procurement"),
            "the funding is conditional on buying from the contributor",
        )
    to_org = c.recipient in org_ids
    if to_org and c.support_cost_rate is None:
        yield Finding(
            "M06",
            here,
            "no support_cost_rate is stated",
            f"add support_cost_rate: {settings.support_cost_rate}",
        )
    elif (
        to_org
        and c.support_cost_rate is not None
        and c.support_cost_rate != settings.support_cost_rate
        and c.support_cost_approval is None
    ):
        yield Finding(
            "M07",
            (*here, "support_cost_rate"),
            f"a support-cost rate of {c.support_cost_rate}% differs from the "
            f"default {settings.support_cost_rate}% and has no approval reference",
        )
    if to_org and c.earmarking is None:
        yield Finding("M08", here, "no earmarking is stated")
    if not c.instalments:
        yield Finding("M11", here, "no payment schedule (instalments) is given")
        return
    total = Decimal(0)
    previous = None
    start, end = spec.agreement.start_date, spec.agreement.end_date
    for j, inst in enumerate(c.instalments):
        at = (*here, "instalments", j)
        total += inst.amount
        yield from _amount(inst.amount, c.currency, (*at, "amount"), "instalment")
        if previous is not None and inst.date <= previous:
            yield Finding(
                "M04", (*at, "date"), f"instalment dated {inst.date} does not come after {previous}"
            )
        previous = inst.date
        if not start <= inst.date <= end:
            yield Finding(
                "D03",
                (*at, "date"),
                f"instalment dated {inst.date} falls outside the term {start} to {end}",
            )
    if total != c.amount:
        yield Finding(
            "M05",
            (*here, "instalments"),
            f"instalments sum to {total}, not to the amount {c.amount} "
            f"(difference {c.amount - total})",
        )
