"""Type and shape errors of a spec (rules V01-V03), from pydantic's errors."""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from agreements.problems import PathKey
from agreements.rules.catalogue import Finding
from agreements.spec import PartnershipSpec


@cache
def _all_field_names() -> tuple[str, ...]:
    names: set[str] = set()
    stack: list[type[BaseModel]] = [PartnershipSpec]
    seen: set[type[BaseModel]] = set()
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(name)
            stack.extend(_models_in(info.annotation))
    return tuple(sorted(names))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_models_in(arg))
    for meta in getattr(annotation, "__metadata__", ()) or ():
        found.extend(_models_in(meta))
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        found.extend(_models_in(origin))
    return found


def strip_union_tags(path: PathKey, data: Any) -> PathKey:
    """Return `path` without the union tags pydantic inserts (e.g. `financial`), which are
    steps the user never wrote."""
    kept: list[str | int] = []
    node = data
    for step in path:
        if isinstance(node, dict) and step not in node and node.get("type") == step:
            continue
        kept.append(step)
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            node = None
    return tuple(kept)


def _raw_value(data: Any, path: PathKey) -> str:
    """Return a short display of the value the user wrote at `path`, or ''."""
    node = data
    for step in path:
        if isinstance(node, dict):
            if step not in node:
                return ""
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return ""
    if isinstance(node, dict | list):
        return "a mapping" if isinstance(node, dict) else "a list"
    shown = repr(node) if isinstance(node, str) else str(node)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def schema_findings(exc: ValidationError, data: Any) -> list[tuple[Finding, bool]]:
    """Return a (finding, points-at-key) pair for each pydantic error of the spec `data`."""
    out: list[tuple[Finding, bool]] = []
    for error in exc.errors(include_url=False, include_input=False):
        loc = strip_union_tags(tuple(error["loc"]), data)
        kind = error["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            close = difflib.get_close_matches(key, _all_field_names(), n=1)
            fix = f"did you mean {close[0]!r}?" if close else "remove it or check the spelling"
            out.append((Finding("V01", loc, f"unknown key {key!r}", fix), True))
        elif kind == "missing":
            finding = Finding(
                "V02", loc, f"required field {loc[-1]!s} is missing", f"add `{loc[-1]!s}:`"
            )
            out.append((finding, False))
        else:
            got = _raw_value(data, loc)
            message, fix = plain_message(kind, loc, error.get("ctx") or {}, str(error["msg"]), got)
            out.append(
                (Finding("V03", loc, message + (f" (got {got})" if got else ""), fix), False)
            )
    return out


_SINGULAR = {
    "signatories": "signatory",
    "objectives": "objective",
    "tasks": "task",
    "items": "item",
    "parties": "party",
    "patterns": "pattern",
    "instalments": "instalment",
}
_DATE = "write a date as YYYY-MM-DD, e.g. 2026-03-15"
_AMOUNT = "write digits with a dot for decimals, no thousands separators or currency: 1250000.00"


def _allowed(ctx: dict[str, Any], got: str) -> str:
    expected = str(ctx.get("expected", ""))
    values = re.findall(r"'([^']*)'", expected)
    close = difflib.get_close_matches(got.strip("'").casefold(), values, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"use one of: {', '.join(values)}{hint}" if values else "use one of the allowed values"


def plain_message(
    kind: str, loc: PathKey, ctx: dict[str, Any], original: str, got: str = ""
) -> tuple[str, str]:
    """Return (message, fix) in plain words for a pydantic error type, so that a user who
    has never seen a JSON Schema knows what to write."""
    field = str(loc[-1]) if loc and isinstance(loc[-1], str) else "the value"
    if kind in ("bool_type", "bool_parsing"):
        return "is not true or false", "write true or false (only these two words are booleans)"
    if kind == "date_from_datetime_inexact":
        return "has a time of day, but this is a date", "write the date alone, e.g. 2026-03-15"
    if kind.startswith("date_") or kind == "date_type":
        return "is not a date", _DATE
    if kind.startswith("decimal_") or kind in ("float_parsing", "float_type"):
        return "is not an amount", _AMOUNT
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "is not a whole number", f"write a whole number for {field}, e.g. 90"
    if kind in ("enum", "literal_error"):
        return "is not one of the allowed values", _allowed(ctx, got)
    if kind == "string_pattern_mismatch":
        if field in ("id", "party", "recipient", "owner", "controller") or "parties" in loc:
            return "is not a valid id", (
                "an id is 1 to 40 lowercase letters, digits, '_' or '-', starting with a "
                "letter, e.g. 'ilo' or 'acme_foundation'"
            )
        if field == "reference":
            return "is not a valid reference", (
                "use 2 to 64 letters, digits, '.', '_', '/' or '-', starting with a letter or "
                "digit, e.g. ILO-PPP-2026-014"
            )
        return "does not have the expected form", "check the field's description"
    if kind == "too_short":
        needed = ctx.get("min_length", 1)
        item = _SINGULAR.get(field, "item")
        count = "one" if needed == 1 else "two" if needed == 2 else str(needed)
        plural = item if needed == 1 else ("parties" if item == "party" else item + "s")
        return "is empty" if needed == 1 else f"has fewer than {needed} entries", (
            f"add at least {count} {plural}"
        )
    if kind in ("string_too_short", "missing_sentinel_error"):
        return "is empty", "write the text"
    if kind in ("less_than_equal", "less_than"):
        return f"is more than the limit of {ctx.get('le', ctx.get('lt'))}", "use a smaller value"
    if kind in ("greater_than_equal", "greater_than"):
        return f"is less than the minimum of {ctx.get('ge', ctx.get('gt'))}", "use a larger value"
    if kind in ("string_too_long", "too_long"):
        return f"is longer than {ctx.get('max_length')} characters", "shorten it"
    if kind == "string_type":
        return "is not text", "write the text after the key, on the same line"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "is not a mapping of keys", "indent the keys that belong under it"
    if kind == "list_type":
        return "is not a list", "write each entry on its own line, starting with '- '"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return "has no known type", _allowed(ctx, got)
    if kind == "value_error":
        return original.removeprefix("Value error, "), ""
    return original, ""
