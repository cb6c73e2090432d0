"""The rules a spec is checked against, each with a stable code."""

from __future__ import annotations

from agreements.rules.catalogue import RULES, Finding, Rule
from agreements.rules.check import check_spec, check_text_values

__all__ = ["RULES", "Finding", "Rule", "check_spec", "check_text_values"]
