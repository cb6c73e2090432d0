"""Type and shape errors of a spec (rules V01-V03), from pydantic's errors."""

from __future__ import annotations

import difflib
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
            message = str(error["msg"]) + (f" (got {got})" if got else "")
            out.append((Finding("V03", loc, message), False))
    return out
