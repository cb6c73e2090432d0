"""Shared pydantic configuration and small value types for the spec models."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StringConstraints

# A non-empty line of text with surrounding whitespace removed.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Stable identifiers used to refer to parties from elsewhere in the spec.
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,39}$")]
# ISO 4217 currency code; membership in the real list is a rule, so the message can help.
CurrencyCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=8)]


# Every number of a spec is bounded: below a thousand trillion, with at most six decimals,
# so that no amount or quantity can overflow a sum, a quantize or a format (1e400 cannot).
def _bounded(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    # adjusted() is the power of ten of the first digit, computed without any arithmetic
    # (abs() or a subtraction would overflow Decimal's context for 1e999999999).
    if not value.is_finite() or value.adjusted() >= 15:
        raise ValueError("must be less than 1,000,000,000,000,000 (a thousand trillion)")
    if isinstance(exponent, int) and exponent < -6:
        raise ValueError("must have at most six decimals")
    return value


Money = Annotated[Decimal, Field(allow_inf_nan=False), AfterValidator(_bounded)]
# A count of units (goods, kits): positive and bounded like an amount.
Quantity = Annotated[Decimal, Field(gt=0, allow_inf_nan=False), AfterValidator(_bounded)]
# Only true and false: "yes", "no", "on", "off" or 1 are refused rather than guessed.
Flag = Annotated[bool, Strict()]


class SpecModel(BaseModel):
    """Base of every spec model: unknown keys are errors and inputs never echo in errors."""

    model_config = ConfigDict(
        extra="forbid",
        hide_input_in_errors=True,
        frozen=True,
        use_attribute_docstrings=False,
        populate_by_name=False,
    )
