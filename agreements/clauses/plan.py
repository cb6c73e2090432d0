"""Stage 3, `plan_document`: order, numbers, cross-references and defined terms of a draft.

Planning reads the chosen clause sources without rendering them: references and terms are
found in their syntax, so a broken reference or an undefined term is a problem of the plan
(and so of `validate`) before any text is rendered.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from jinja2 import TemplateSyntaxError, nodes

from agreements.clauses.analyse import DEFINE, USE, analyse_clause
from agreements.clauses.annexes import missing_data
from agreements.clauses.compiled import cached_facts
from agreements.clauses.context import ClauseContext
from agreements.clauses.model import Clause
from agreements.clauses.sandbox import TERM_FUNCTIONS, parse_source
from agreements.clauses.select import Decision, PlanIssue, Selection
from agreements.library import ROLE_TERM_DEFAULTS


@dataclass(frozen=True)
class ChosenText:
    """The sources of one clause as it will appear: its alternative or fallback applied."""

    title: Mapping[str, str]
    text: Mapping[str, str]


def clause_bookmark(clause_id: str) -> str:
    """Return the Word bookmark name of a clause's article heading (letters, digits, _)."""
    return "clause_" + clause_id.replace("-", "_")[:30]


@dataclass(frozen=True)
class PlannedClause:
    """A selected clause with its article number, chosen sources and printed definitions."""

    number: int
    decision: Decision
    chosen: ChosenText
    definitions: tuple[str, ...] = ()

    @property
    def clause(self) -> Clause:
        """Return the clause this was planned from."""
        return self.decision.source.clause

    @property
    def bookmark(self) -> str:
        """Return the Word bookmark name of the clause heading (letters, digits, _)."""
        return clause_bookmark(self.clause.id)


@dataclass(frozen=True)
class DocumentPlan:
    """Stage 3's result: the numbered clauses, where each term is defined, and issues."""

    selection: Selection
    language: str
    clauses: tuple[PlannedClause, ...]
    numbers: Mapping[str, int]
    defined_in: Mapping[str, str]
    issues: tuple[PlanIssue, ...]


def choose_text(decision: Decision) -> ChosenText:
    """Return the title and text sources of a decision: a chosen alternative replaces both
    (its title when it has one), and a chosen fallback then replaces the text."""
    clause = decision.source.clause
    title, text = clause.title, clause.text
    if decision.variant is not None:
        alternative = next(a for a in clause.alternatives if a.name == decision.variant)
        title, text = alternative.title or title, alternative.text
    if decision.fallback is not None:
        text = next(f for f in clause.fallbacks if f.name == decision.fallback).text
    return ChosenText(MappingProxyType(dict(title)), MappingProxyType(dict(text)))


@cache
def function_calls(source: str) -> tuple[tuple[str, str, bool], ...]:
    """Return each call of a library function with a literal argument in a text, as
    (function, argument, conditional): conditional when it sits in an `{% if %}` branch or a
    conditional expression, so it may never be rendered. `refs("a", "b")` gives one entry per
    clause id; `the_others()` gives an empty argument. Kept in the disk cache per text."""
    if "(" not in source:
        return ()
    return cached_facts("function_calls", source, _function_calls)


def _function_calls(source: str) -> tuple[tuple[str, str, bool], ...]:
    try:
        tree = parse_source(source, expression=False)
    except TemplateSyntaxError:
        return ()  # lint and rendering report the syntax error
    found: list[tuple[str, str, bool]] = []

    def walk(node: nodes.Node, conditional: bool) -> None:
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
            name = node.node.name
            literal = [str(a.value) for a in node.args if isinstance(a, nodes.Const)]
            optional = any(k.key == "present_only" for k in node.kwargs)
            found.extend((name, arg, conditional or optional) for arg in literal)
            if name in ("the_others", "each_other", "Each_other"):
                found.append((name, "", conditional))
        inner = conditional or isinstance(node, nodes.If | nodes.CondExpr)
        for child in node.iter_child_nodes():
            walk(child, inner)

    walk(tree, False)
    return tuple(found)


def reference_targets(source: str) -> tuple[tuple[str, bool], ...]:
    """Return each clause a text refers to (by `ref` or `refs`), with whether it is
    conditional (see `function_calls`)."""
    return tuple((arg, cond) for fn, arg, cond in function_calls(source) if fn in ("ref", "refs"))


def _clause_issue(code: str, clause_id: str, message: str, fix: str = "") -> PlanIssue:
    return PlanIssue(code, clause_id, message, fix)


def _not_selected(selection: Selection, target: str) -> str:
    decision = next((d for d in selection.decisions if d.clause_id == target), None)
    if decision is None:
        return "no clause has that id"
    why = f"it is not selected ({decision.reason}"
    if decision.condition:
        return why + f": {decision.condition} with {'; '.join(decision.values)})"
    return why + ")"


def _where_defined(selection: Selection, term: str) -> str:
    role_term = selection.library.settings.role_term
    for source in selection.library.ordered():
        if term in analyse_clause(source.clause, role_term).defines:
            decision = next(d for d in selection.decisions if d.clause_id == source.clause.id)
            why = f" ({decision.reason}: {'; '.join(decision.values)})"
            return f"; it is defined in {source.clause.id!r}, which is not selected{why}"
    return ""


def _uses(
    planned: list[PlannedClause], language: str, context: ClauseContext
) -> Iterator[tuple[str, str]]:
    """Yield (clause id, term) for each term a chosen text uses: written as [[Term]], or
    printed by a function naming a group of parties (whose term the settings give)."""
    for item in planned:
        for source in (item.chosen.text.get(language, ""), item.chosen.title.get(language, "")):
            for term in USE.findall(source):
                yield item.clause.id, term.strip()
            for function, arg, _ in function_calls(source):
                # A group with no party is never printed (unconditionally, that is C11).
                if function in TERM_FUNCTIONS and arg in ROLE_TERM_DEFAULTS and context.group(arg):
                    yield item.clause.id, context.settings.role_term(arg)
                elif function == "the_others":
                    one, many = context.party_terms()
                    yield item.clause.id, one if context.party_count == 2 else many
                elif function in ("each_other", "Each_other"):
                    yield item.clause.id, context.party_terms()[0]


def _missing_annexes(
    planned: list[PlannedClause], language: str, context: ClauseContext
) -> Iterator[PlanIssue]:
    """Yield a problem for each annex a text cites (unconditionally) that the draft does not
    contain because the spec lacks its data."""
    present = {a.key for a in context.annexes}
    for item in planned:
        for function, arg, conditional in function_calls(item.chosen.text.get(language, "")):
            if function == "annex" and not conditional and arg not in present:
                yield _clause_issue(
                    "C10",
                    item.clause.id,
                    f"cites the annex {arg!r}, which this draft does not have: the spec has "
                    f"no {missing_data(arg)}",
                    "add the data to the spec, or make the citation conditional with has_annex()",
                )


def _empty_groups(
    planned: list[PlannedClause], language: str, context: ClauseContext
) -> Iterator[PlanIssue]:
    """Yield a problem for each group of parties a text names unconditionally while no
    party of this spec is in it (the text would say "the Donor" with no donor)."""
    for item in planned:
        for function, arg, conditional in function_calls(item.chosen.text.get(language, "")):
            named = function in TERM_FUNCTIONS and arg in ROLE_TERM_DEFAULTS
            if named and not conditional and not context.group(arg):
                yield _clause_issue(
                    "C11",
                    item.clause.id,
                    f"names the {arg.replace('_', ' ')} group, but no party of this spec is in it",
                    "give the clause a condition on that group, or add the role to a party",
                )


def _used_terms(planned: list[PlannedClause], language: str, context: ClauseContext) -> set[str]:
    """Return the terms the clause texts use, and those the definitions of used terms use."""
    used = {term for _, term in _uses(planned, language, context)}
    definitions = {
        context.defined_term(d): d.text.get(language, "") for p in planned for d in p.clause.defines
    }
    pending = list(used)
    while pending:
        for term in USE.findall(definitions.get(pending.pop(), "")):
            if term.strip() not in used:
                used.add(term.strip())
                pending.append(term.strip())
    return used


def _terms(
    planned: list[PlannedClause], language: str, context: ClauseContext, issues: list[PlanIssue]
) -> tuple[list[PlannedClause], dict[str, str]]:
    """Return the clauses with the definitions they print, and where each term is defined."""
    used = _used_terms(planned, language, context)
    defined_in: dict[str, str] = {}

    def define(term: str, clause_id: str) -> None:
        if term in defined_in and defined_in[term] != clause_id:
            issues.append(
                _clause_issue(
                    "C06",
                    clause_id,
                    f"defines {term!r}, which {defined_in[term]!r} defines too",
                    "define each term in one clause",
                )
            )
        defined_in.setdefault(term, clause_id)

    out: list[PlannedClause] = []
    for item in planned:
        for term in DEFINE.findall(item.chosen.text.get(language, "")):
            define(term.strip(), item.clause.id)
        printed: list[str] = []
        for definition in sorted(
            item.clause.defines, key=lambda d: context.defined_term(d).casefold()
        ):
            term = context.defined_term(definition)
            if term not in used or (definition.role and not context.group(definition.role)):
                continue
            if language not in definition.text:
                issues.append(
                    _clause_issue(
                        "C09",
                        item.clause.id,
                        f"definition of {term!r} has no {language} text",
                    )
                )
                continue
            printed.append(term)
            define(term, item.clause.id)
        out.append(
            PlannedClause(item.number, item.decision, item.chosen, tuple(printed))
            if printed
            else item
        )
    return out, defined_in


def plan_document(selection: Selection) -> DocumentPlan:
    """Return stage 3's result: the selected clauses numbered in agreement order, with every
    unconditional reference and every used term checked against what the draft contains.
    Terms are those of the draft's main language (its glossary and role terms)."""
    language = selection.spec.agreement.main_language.value
    issues = list(selection.issues)
    planned: list[PlannedClause] = []
    for decision in selection.selected():
        chosen = choose_text(decision)
        if language not in chosen.text or language not in chosen.title:
            issues.append(
                _clause_issue(
                    "C09",
                    decision.clause_id,
                    f"has no text in the agreement's language {language!r}",
                    "add the translation to the clause",
                )
            )
            continue
        planned.append(PlannedClause(len(planned) + 1, decision, chosen))
    numbers = {p.clause.id: p.number for p in planned}
    context = selection.context.in_language(language)
    planned, defined_in = _terms(planned, language, context, issues)
    issues.extend(_empty_groups(planned, language, context))
    reported: set[str] = set()
    for clause_id, term in _uses(planned, language, context):
        if term not in defined_in and term not in reported:
            reported.add(term)
            issues.append(
                _clause_issue(
                    "C05",
                    clause_id,
                    f"uses the term {term!r}, which no selected clause defines"
                    + _where_defined(selection, term),
                    "select the defining clause or define it",
                )
            )
    for item in planned:
        for target, conditional in reference_targets(item.chosen.text[language]):
            if target not in numbers and not conditional:
                issues.append(
                    _clause_issue(
                        "C04",
                        item.clause.id,
                        f"refers to {target!r}, but {_not_selected(selection, target)}",
                        "make the reference conditional or the target always apply",
                    )
                )
    issues.extend(_missing_annexes(planned, language, context))
    return DocumentPlan(
        selection,
        language,
        tuple(planned),
        MappingProxyType(numbers),
        MappingProxyType(defined_in),
        tuple(issues),
    )
