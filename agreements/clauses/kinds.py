"""Which agreement kinds a clause can apply to, found by trying its condition.

For `clauses list --kind`: the condition is evaluated with `kind` fixed and every other
flag or helper call it uses set to each combination of plausible values; the clause can
apply to the kind when any combination makes it true.
"""

from __future__ import annotations

import itertools
from typing import Any

from jinja2 import nodes

from agreements.clauses.model import Clause
from agreements.clauses.sandbox import FUNCTIONS, parse_source
from agreements.clauses.select import ConditionError, evaluate
from agreements.spec.models import AgreementKind

_NUMBERS = {"party_count": (2, 3, 6), "duration_days": (180, 400, 1100)}
_MAX_VARIABLES = 10


def _variables(source: str) -> tuple[list[str], list[str]]:
    tree = parse_source(source, expression=True)
    names = sorted(
        {
            n.name
            for n in tree.find_all(nodes.Name)
            if n.name not in FUNCTIONS and n.name not in {"kind", "is_mou"}
        }
    )
    calls = sorted(
        {
            n.node.name
            for n in tree.find_all(nodes.Call)
            if isinstance(n.node, nodes.Name) and n.node.name != "ref"
        }
    )
    return names, calls


def can_apply(clause: Clause, kind: AgreementKind) -> bool:
    """Return True when some spec of `kind` could select `clause`."""
    if clause.deprecated:
        return False
    if clause.applies_when is None:
        return True
    names, calls = _variables(clause.applies_when)
    if len(names) + len(calls) > _MAX_VARIABLES:
        return True
    domains = [_NUMBERS.get(name, (True, False)) for name in names]
    for values in itertools.product(*domains, *[(True, False)] * len(calls)):
        context: dict[str, Any] = {"kind": kind.value, "is_mou": kind is AgreementKind.MOU}
        context.update(zip(names, values[: len(names)], strict=True))
        for call, answer in zip(calls, values[len(names) :], strict=True):
            context[call] = lambda *args, _answer=answer, **kwargs: _answer
        try:
            if evaluate(clause.applies_when, context):
                return True
        except ConditionError:
            return True
    return False
