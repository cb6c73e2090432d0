"""Selection: which clauses of the library a spec takes, which variant, and why."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError, TemplateError

from agreements.clauses import budget
from agreements.clauses.compiled import expression
from agreements.clauses.context import ClauseContext, build_context
from agreements.clauses.load import ClauseSource, Library
from agreements.clauses.sandbox import parse_source
from agreements.spec import PartnershipSpec, Party
from agreements.spec.loaded import LoadedSpec


@dataclass(frozen=True)
class PlanIssue:
    """A problem found while selecting or planning: a code, the clause, and the message."""

    code: str
    clause_id: str
    message: str
    fix: str = ""


@dataclass(frozen=True)
class Decision:
    """Whether one clause is in the draft, and why."""

    source: ClauseSource
    selected: bool
    reason: str
    condition: str | None = None
    variant: str | None = None
    variant_when: str | None = None
    fallback: str | None = None
    context: ClauseContext | None = field(default=None, repr=False, compare=False)

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


@dataclass(frozen=True)
class Selection:
    """Stage 2's result: the decision for every clause, in agreement order, plus issues."""

    loaded: LoadedSpec
    library: Library
    context: ClauseContext
    decisions: tuple[Decision, ...]
    issues: tuple[PlanIssue, ...] = ()

    @property
    def spec(self) -> PartnershipSpec:
        """Return the spec the selection was made for."""
        assert self.loaded.spec is not None
        return self.loaded.spec

    def selected(self) -> list[Decision]:
        """Return the decisions of the selected clauses, in agreement order."""
        return [d for d in self.decisions if d.selected]

    def decision(self, clause_id: str) -> Decision | None:
        """Return the decision about `clause_id`, or None for an unknown id."""
        return next((d for d in self.decisions if d.clause_id == clause_id), None)


class ConditionError(Exception):
    """A condition could not be evaluated (a library bug, reported with the clause id)."""


def evaluate(source: str, context: dict[str, Any]) -> Any:
    """Return the value of the condition `source` over the names in `context` (see
    `ClauseContext.names`), compiled once per process."""
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


def explain_values(source: str, context: ClauseContext) -> list[str]:
    """Return 'name = value' for each flag and function call the condition uses."""
    shown: list[str] = []
    names = context.names()
    for fragment in _fragments(source):
        try:
            value = evaluate(fragment, names)
        except ConditionError:
            continue
        if isinstance(value, bool | int | str) or value is None:
            shown.append(f"{fragment} = {value!r}")
        elif isinstance(value, tuple) and all(isinstance(p, Party) for p in value):
            listed = ", ".join(p.short_name for p in value) or "none"
            shown.append(f"{fragment} = {listed}")
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


def _decide(source: ClauseSource, context: ClauseContext, issues: list[PlanIssue]) -> Decision:
    clause = source.clause
    if clause.deprecated:
        return Decision(source, False, "deprecated")
    if clause.applies_when is None:
        return Decision(source, True, "always applies")
    try:
        verdict = bool(evaluate(clause.applies_when, context.names()))
    except ConditionError as exc:
        issues.append(PlanIssue("C07", clause.id, f"applies_when {exc}", "fix the clause"))
        return Decision(source, False, "condition failed", clause.applies_when)
    reason = "condition true" if verdict else "condition false"
    return Decision(source, verdict, reason, clause.applies_when, context=context)


def _choose_variant(
    decision: Decision,
    context: ClauseContext,
    issues: list[PlanIssue],
    fallbacks: dict[str, str],
    used_topics: set[str],
) -> Decision:
    """Return the decision with its alternative and fallback chosen."""
    clause = decision.source.clause
    for alternative in clause.alternatives:
        try:
            if evaluate(alternative.when, context.names()):
                decision = replace(
                    decision,
                    variant=alternative.name,
                    variant_when=alternative.when,
                    context=context,
                )
                break
        except ConditionError as exc:
            issues.append(PlanIssue("C07", clause.id, f"alternative {alternative.name}: {exc}"))
    topic = clause.fallback_topic
    if topic is None or topic not in fallbacks:
        return decision
    used_topics.add(topic)
    wanted = fallbacks[topic]
    names = [f.name for f in clause.fallbacks]
    if wanted in names:
        return replace(decision, fallback=wanted)
    issues.append(
        PlanIssue(
            "C02",
            clause.id,
            f"terms.fallbacks.{topic} is {wanted!r}, which the clause {clause.id!r} does not offer",
            f"choose one of: {', '.join(names) or '(none offered)'}",
        )
    )
    return decision


def _add_required(decisions: list[Decision], issues: list[PlanIssue]) -> None:
    """Select, in place, every clause a selected clause requires (transitively)."""
    index = {d.clause_id: i for i, d in enumerate(decisions)}
    pending = [d for d in decisions if d.selected]
    while pending:
        current = pending.pop()
        for needed in current.source.clause.requires:
            at = index.get(needed)
            if at is None:
                issues.append(
                    PlanIssue("C01", current.clause_id, f"requires the unknown clause {needed!r}")
                )
                continue
            target = decisions[at]
            if not target.selected and not target.source.clause.deprecated:
                target = replace(target, selected=True, reason=f"required by {current.clause_id}")
                decisions[at] = target
                pending.append(target)


def _exclusion_issues(decisions: list[Decision]) -> list[PlanIssue]:
    by_id = {d.clause_id: d for d in decisions}
    issues: list[PlanIssue] = []
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
    return issues


def select_clauses(loaded: LoadedSpec, library: Library) -> Selection:
    """Return stage 2's result: for every clause of the library, in or out and why, with
    the alternative and fallback chosen.

    `loaded` must be draftable (parsed, with an organisation party).
    """
    context = build_context(loaded, library.settings)
    issues: list[PlanIssue] = []
    fallbacks = dict(context.terms.fallbacks)
    used_topics: set[str] = set()
    decisions: list[Decision] = []
    with budget.evaluation_budget():
        for source in library.ordered():
            with budget.naming(f"clause {source.clause.id!r}"):
                decisions.append(_decide(source, context, issues))
        _add_required(decisions, issues)
        for index, decision in enumerate(decisions):
            if decision.selected:
                with budget.naming(f"clause {decision.clause_id!r}"):
                    variant = _choose_variant(decision, context, issues, fallbacks, used_topics)
                decisions[index] = variant
    issues.extend(_exclusion_issues(decisions))
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
    return Selection(loaded, library, context, tuple(decisions), tuple(issues))
