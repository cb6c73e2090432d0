"""Static analysis of clause conditions and texts: what they name, reference and define.

Used by lint (to report problems before any spec is seen) and by the planner (to know
each text's cross-references and defined terms).
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from jinja2 import nodes
from pydantic import BaseModel

from agreements.clauses.compiled import cached_facts
from agreements.clauses.model import Clause, clause_sources
from agreements.clauses.safety import parse_checked, violations
from agreements.clauses.sandbox import FUNCTIONS, TERM_FUNCTIONS
from agreements.library import ROLE_TERM_DEFAULTS, Settings
from agreements.spec.models import Agreement
from agreements.spec.parties import Party
from agreements.spec.terms import Terms

DEFINE = re.compile(r"\*\*(.+?)\*\*")
USE = re.compile(r"\[\[(.+?)\]\]")
_ROOT_MODELS: dict[str, type[BaseModel]] = {
    "agreement": Agreement,
    "org": Party,
    "terms": Terms,
    "settings": Settings,
}


@dataclass(frozen=True)
class Issue:
    """A problem found in one source of a clause: lint code, where, and the message."""

    code: str
    where: str
    message: str


@dataclass
class SourceFacts:
    """What one condition or text names, references and defines."""

    refs: list[str] = field(default_factory=list)
    defines: list[str] = field(default_factory=list)
    uses: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """Return the model an annotation holds directly (unwrapping Optional), else None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        models = [m for a in typing.get_args(annotation) if (m := _model_of(a))]
        return models[0] if len(models) == 1 else None
    return None


def _chain(node: nodes.Getattr) -> tuple[str, list[str]] | None:
    attrs: list[str] = []
    current: nodes.Node = node
    while isinstance(current, nodes.Getattr):
        attrs.append(current.attr)
        current = current.node
    if isinstance(current, nodes.Name):
        return current.name, list(reversed(attrs))
    return None


def _check_chain(root: str, attrs: list[str], where: str) -> Iterator[Issue]:
    model = _ROOT_MODELS.get(root)
    path = root
    for attr in attrs:
        if model is None:
            return
        path += f".{attr}"
        info = model.model_fields.get(attr)
        if info is None:
            yield Issue("L04", where, f"names {path}, which is not a field of the spec")
            return
        model = _model_of(info.annotation)


def analyse_source(source: str, where: str, *, expression: bool) -> SourceFacts:
    """Return the facts and issues of one condition (`expression`) or text.

    Parsing every text of a library written in three languages costs about a second, so
    the facts of each source are kept in the authenticated disk cache (`cached_facts`)."""
    refs, defines, uses, roles, issues = cached_facts(
        f"analyse:{int(expression)}", source, lambda text: _facts_tuple(text, expression)
    )
    return SourceFacts(
        list(refs), list(defines), list(uses), list(roles), [Issue(c, where, m) for c, m in issues]
    )


def _facts_tuple(source: str, expression: bool) -> Any:
    facts = _analyse(source, "", expression=expression)
    return (
        tuple(facts.refs),
        tuple(facts.defines),
        tuple(facts.uses),
        tuple(facts.roles),
        tuple((i.code, i.message) for i in facts.issues),
    )


def _analyse(source: str, where: str, *, expression: bool) -> SourceFacts:
    facts = SourceFacts()
    if not expression:
        facts.defines = [m.strip() for m in DEFINE.findall(source)]
        facts.uses = [m.strip() for m in USE.findall(source)]
    tree, refused = parse_checked(source, expression=expression)
    facts.issues.extend(Issue(v.code, where, v.message) for v in refused)
    if tree is None:
        return facts
    facts.issues.extend(Issue(v.code, where, v.message) for v in violations(tree))
    if any(i.code == "L13" for i in facts.issues):
        return facts
    for getattr_node in tree.find_all(nodes.Getattr):
        chain = _chain(getattr_node)
        if chain:
            facts.issues.extend(_check_chain(chain[0], chain[1], where))
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name) or call.node.name not in FUNCTIONS:
            continue
        function = call.node.name
        literal = [a.value for a in call.args if isinstance(a, nodes.Const)]
        if function in ("ref", "refs"):
            if (
                call.args
                and len(literal) == len(call.args)
                and all(isinstance(v, str) for v in literal)
            ):
                facts.refs.extend(str(v) for v in literal)
            else:
                facts.issues.append(Issue("L06", where, f"{function}() needs literal clause ids"))
        elif function in TERM_FUNCTIONS:
            if len(call.args) == 1 and len(literal) == 1 and literal[0] in ROLE_TERM_DEFAULTS:
                facts.roles.append(str(literal[0]))
            else:
                groups = ", ".join(ROLE_TERM_DEFAULTS)
                facts.issues.append(
                    Issue(
                        "L06", where, f"{function}() needs one literal group of parties: {groups}"
                    )
                )
    _dedupe_chain_issues(facts)
    return facts


def _dedupe_chain_issues(facts: SourceFacts) -> None:
    seen: set[Issue] = set()
    unique: list[Issue] = []
    for issue in facts.issues:
        if issue not in seen:
            seen.add(issue)
            unique.append(issue)
    facts.issues = unique


def _default_term(role: str) -> str:
    return ROLE_TERM_DEFAULTS[role]


def analyse_clause(clause: Clause, role_term: Callable[[str], str] = _default_term) -> SourceFacts:
    """Return the combined facts of every condition and text of `clause`; the terms of
    groups of parties are those `role_term` gives (the library settings')."""
    combined = SourceFacts()
    for where, source, expression in clause_sources(clause):
        facts = analyse_source(source, where, expression=expression)
        combined.refs.extend(r for r in facts.refs if r not in combined.refs)
        combined.roles.extend(r for r in facts.roles if r not in combined.roles)
        uses = facts.uses + [role_term(r) for r in facts.roles]
        combined.uses.extend(u for u in uses if u not in combined.uses)
        if where.startswith("text.") or where.startswith("alternatives"):
            combined.defines.extend(d for d in facts.defines if d not in combined.defines)
        combined.issues.extend(facts.issues)
    terms = [d.term_in(role_term) for d in clause.defines]
    combined.defines.extend(t for t in terms if t not in combined.defines)
    return combined
