"""Selection: which clauses of the library a spec takes, which variant, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError, TemplateError

from agreements.clauses.compiled import expression
from agreements.clauses.load import ClauseSource, Library
from agreements.clauses.sandbox import build_context, parse_source
from agreements.spec import PartnershipSpec


@dataclass(frozen=True)
class PlanIssue:
    """A problem found while selecting or planning: a code, the clause, and the message."""

    code: str
    clause_id: str
    message: str
    fix: str = ""


@dataclass
class Decision:
    """Whether one clause is in the draft, and why."""

    source: ClauseSource
    selected: bool
    reason: str
    condition: str | None = None
    variant: str | None = None
    variant_when: str | None = None
    fallback: str | None = None
    context: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    @property
    def clause_id(self) -> str:
        """Return the id of the clause decided on."""
        return self.source.clause.id

    @cached_property
    def values(self) -> list[str]:
        """Return 'name = value' for what the condition uses (worked out only when asked:
        a batch rarely needs the explanation of every decision)."""
        if self.condition is None or self.context is None:
            return []
        return explain_values(self.condition, self.context)

    @cached_property
    def variant_values(self) -> list[str]:
        """Return 'name = value' for what the chosen variant's condition uses."""
        if self.variant_when is None or self.context is None:
            return []
        return explain_values(self.variant_when, self.context)


@dataclass
class Selection:
    """The decision for every clause of the library, in agreement order, plus issues."""

    spec: PartnershipSpec
    library: Library
    context: dict[str, Any]
    decisions: list[Decision]
    issues: list[PlanIssue] = field(default_factory=list)

    def selected(self) -> list[Decision]:
        """Return the decisions of the selected clauses, in agreement order."""
        return [d for d in self.decisions if d.selected]

    def decision(self, clause_id: str) -> Decision | None:
        """Return the decision about `clause_id`, or None for an unknown id."""
        return next((d for d in self.decisions if d.clause_id == clause_id), None)


class ConditionError(Exception):
    """A condition could not be evaluated (a library bug, reported with the clause id)."""


def evaluate(source: str, context: dict[str, Any]) -> Any:
    """Return the value of the condition `source` in `context`, compiled once per process."""
    try:
        compiled = expression(source)
    except TemplateError as exc:
        raise ConditionError(f"cannot compile {source!r}: {exc}") from None
    try:
        return compiled(**context)
    except SecurityError as exc:
        raise ConditionError(f"{source!r} was refused by the sandbox: {exc}") from None
    except (TemplateError, TypeError, ValueError, AttributeError) as exc:
        raise ConditionError(f"{source!r} failed: {exc}") from None


@cache
def _fragments(source: str) -> tuple[str, ...]:
    """Return the flags, attribute paths and calls of a condition, parsed once per process."""
    tree = parse_source(source, expression=True)
    found: list[str] = []
    for node in tree.find_all((nodes.Call, nodes.Name, nodes.Getattr)):
        fragment = _fragment(node)
        if fragment is not None and fragment not in found:
            found.append(fragment)
    return tuple(found)


def explain_values(source: str, context: dict[str, Any]) -> list[str]:
    """Return 'name = value' for each flag and function call the condition uses."""
    shown: list[str] = []
    for fragment in _fragments(source):
        try:
            value = evaluate(fragment, context)
        except ConditionError:
            continue
        if isinstance(value, bool | int | str) or value is None:
            shown.append(f"{fragment} = {value!r}")
    return shown


def _fragment(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Name) and node.name not in {
        "has_contribution",
        "any_party",
        "fallback",
        "ref",
    }:
        return node.name
    if isinstance(node, nodes.Getattr):
        inner = _fragment(node.node)
        return f"{inner}.{node.attr}" if inner else None
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        args = [repr(a.value) for a in node.args if isinstance(a, nodes.Const)]
        kwargs = [
            f"{k.key}={k.value.value!r}" for k in node.kwargs if isinstance(k.value, nodes.Const)
        ]
        if len(args) + len(kwargs) != len(node.args) + len(node.kwargs):
            return None
        return f"{node.node.name}({', '.join(args + kwargs)})"
    return None


def _decide(source: ClauseSource, context: dict[str, Any], issues: list[PlanIssue]) -> Decision:
    clause = source.clause
    if clause.deprecated:
        return Decision(source, False, "deprecated")
    if clause.applies_when is None:
        return Decision(source, True, "always applies")
    try:
        verdict = bool(evaluate(clause.applies_when, context))
    except ConditionError as exc:
        issues.append(PlanIssue("C07", clause.id, f"applies_when {exc}", "fix the clause"))
        return Decision(source, False, "condition failed", clause.applies_when)
    reason = "condition true" if verdict else "condition false"
    return Decision(source, verdict, reason, clause.applies_when, context=context)


def _choose_variant(
    decision: Decision,
    context: dict[str, Any],
    issues: list[PlanIssue],
    fallbacks: dict[str, str],
    used_topics: set[str],
) -> None:
    clause = decision.source.clause
    for alternative in clause.alternatives:
        try:
            if evaluate(alternative.when, context):
                decision.variant = alternative.name
                decision.variant_when = alternative.when
                decision.context = context
                break
        except ConditionError as exc:
            issues.append(PlanIssue("C07", clause.id, f"alternative {alternative.name}: {exc}"))
    topic = clause.fallback_topic
    if topic is None or topic not in fallbacks:
        return
    used_topics.add(topic)
    wanted = fallbacks[topic]
    names = [f.name for f in clause.fallbacks]
    if wanted in names:
        decision.fallback = wanted
    else:
        issues.append(
            PlanIssue(
                "C02",
                clause.id,
                f"terms.fallbacks.{topic} is {wanted!r}, which the clause {clause.id!r} does not "
                f"offer",
                f"choose one of: {', '.join(names) or '(none offered)'}",
            )
        )


def select_clauses(spec: PartnershipSpec, library: Library) -> Selection:
    """Return the decision for every clause: in or out, the reason, variant and fallback."""
    context = build_context(spec, library.settings)
    issues: list[PlanIssue] = []
    decisions = [_decide(source, context, issues) for source in library.ordered()]
    by_id = {d.clause_id: d for d in decisions}
    pending = [d for d in decisions if d.selected]
    while pending:
        current = pending.pop()
        for needed in current.source.clause.requires:
            target = by_id.get(needed)
            if target is None:
                issues.append(
                    PlanIssue("C01", current.clause_id, f"requires the unknown clause {needed!r}")
                )
            elif not target.selected and not target.source.clause.deprecated:
                target.selected = True
                target.reason = f"required by {current.clause_id}"
                pending.append(target)
    fallbacks = dict(spec.terms.fallbacks)
    used_topics: set[str] = set()
    for decision in decisions:
        if decision.selected:
            _choose_variant(decision, context, issues, fallbacks, used_topics)
    reported: set[frozenset[str]] = set()
    for decision in decisions:
        if not decision.selected:
            continue
        for other_id in decision.source.clause.excludes:
            other = by_id.get(other_id)
            pair = frozenset({decision.clause_id, other_id})
            if other is not None and other.selected and pair not in reported:
                reported.add(pair)
                behind = "; ".join(decision.values + other.values) or "both always apply"
                issues.append(
                    PlanIssue(
                        "C01",
                        decision.clause_id,
                        f"{decision.clause_id!r} excludes {other_id!r}, but both are selected "
                        f"({behind})",
                        "change the spec or the clauses' conditions",
                    )
                )
    for topic in sorted(set(fallbacks) - used_topics):
        offered = sorted(
            {c.clause.fallback_topic for c in library.clauses.values() if c.clause.fallback_topic}
        )
        issues.append(
            PlanIssue(
                "C03",
                "",
                f"terms.fallbacks names the topic {topic!r}, which no selected clause offers",
                f"use one of: {', '.join(offered)}",
            )
        )
    return Selection(spec, library, context, decisions, issues)
