"""Programme support costs carved out of a contribution, exactly, in the currency's cents."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from agreements.currencies import MINOR_UNITS


def support_cost_split(total: Decimal, rate: Decimal, currency: str) -> tuple[Decimal, Decimal]:
    """Return (direct costs, programme support costs) of a contribution that includes
    support costs at `rate` per cent of direct costs.

    Support costs are total x rate / (100 + rate), rounded half up to the currency's minor
    unit; direct costs are the rest, so the two always add up to the total exactly.
    """
    quantum = Decimal(1).scaleb(-MINOR_UNITS.get(currency, 2))
    support = (total * rate / (Decimal(100) + rate)).quantize(quantum, rounding=ROUND_HALF_UP)
    return total - support, support
