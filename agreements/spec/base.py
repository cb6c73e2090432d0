"""Shared pydantic configuration and small value types for the spec models."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints

# A non-empty line of text with surrounding whitespace removed.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Stable identifiers used to refer to parties from elsewhere in the spec.
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,39}$")]
# ISO 4217 currency code; membership in the real list is a rule, so the message can help.
CurrencyCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=8)]
# ISO 3166-1 alpha-2 country code, or a country name.
Money = Annotated[Decimal, Field(allow_inf_nan=False)]
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
