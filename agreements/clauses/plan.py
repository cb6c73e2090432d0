"""Planning: order, numbers, resolved cross-references and defined terms of a draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jinja2.exceptions import SecurityError, TemplateError, UndefinedError

from agreements.clauses.compiled import template
from agreements.clauses.markup import Block, Run, parse_blocks, parse_inline
from agreements.clauses.model import Clause
from agreements.clauses.select import Decision, PlanIssue, Selection


@dataclass
class PlannedClause:
    """A selected clause as it will appear: number, title and numbered blocks."""

    number: int
    decision: Decision
    title: str
    blocks: list[Block]

    @property
    def clause(self) -> Clause:
        """Return the clause this was planned from."""
        return self.decision.source.clause

    @property
    def bookmark(self) -> str:
        """Return the Word bookmark name of the clause heading (letters, digits, _)."""
        return "clause_" + self.clause.id.replace("-", "_")[:30]


@dataclass
class DocumentPlan:
    """Everything the writer needs: the selection, the planned clauses and any issues."""

    selection: Selection
    language: str
    clauses: list[PlannedClause] = field(default_factory=list)
    issues: list[PlanIssue] = field(default_factory=list)

    def numbers(self) -> dict[str, int]:
        """Return the number of every planned clause by id."""
        return {c.clause.id: c.number for c in self.clauses}


def render_source(source: str, context: dict[str, Any]) -> str:
    """Return `source` rendered in the sandbox (templates compiled once per process).

    Text without any template syntax renders to itself (as Jinja would, less one trailing
    newline), so most clauses skip the template engine entirely.
    """
    if "{" not in source:
        return source.removesuffix("\n")
    return template(source).render(context)


def _text_of(decision: Decision, language: str) -> tuple[dict[str, str], dict[str, str]]:
    clause = decision.source.clause
    title, text = clause.title, clause.text
    if decision.variant is not None:
        alternative = next(a for a in clause.alternatives if a.name == decision.variant)
        title, text = alternative.title or title, alternative.text
    if decision.fallback is not None:
        text = next(f for f in clause.fallbacks if f.name == decision.fallback).text
    return title, text


def _render(
    decision: Decision, source: str, context: dict[str, Any], issues: list[PlanIssue]
) -> str | None:
    try:
        return render_source(source, context)
    except UndefinedError as exc:
        issues.append(
            PlanIssue(
                "C08",
                decision.clause_id,
                f"text uses a missing value: {exc}",
                "fill in the spec field, or fix the clause",
            )
        )
    except SecurityError as exc:
        issues.append(PlanIssue("C07", decision.clause_id, f"refused by the sandbox: {exc}"))
    except (TemplateError, TypeError, ValueError, AttributeError) as exc:
        issues.append(PlanIssue("C08", decision.clause_id, f"text cannot be rendered: {exc}"))
    return None


def _number_blocks(number: int, blocks: list[Block]) -> None:
    paragraphs = [b for b in blocks if b.kind == "para"]
    numbered = len(paragraphs) > 1
    para_count = 0
    item_count = 0
    for block in blocks:
        if block.kind == "para":
            para_count += 1
            item_count = 0
            block.number = f"{number}.{para_count}" if numbered else ""
        else:
            block.number = f"({_letter(item_count)})"
            item_count += 1


def _letter(index: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


def _definition_blocks(
    decision: Decision,
    context: dict[str, Any],
    language: str,
    used: set[str],
    issues: list[PlanIssue],
) -> list[Block]:
    blocks: list[Block] = []
    definitions = sorted(decision.source.clause.defines, key=lambda d: d.term.casefold())
    for definition in definitions:
        if definition.term not in used:
            continue
        source = definition.text.get(language)
        if source is None:
            issues.append(
                PlanIssue(
                    "C09",
                    decision.clause_id,
                    f"definition of {definition.term!r} has no {language} text",
                )
            )
            continue
        rendered = _render(decision, source, context, issues)
        if rendered is None:
            continue
        runs = [Run("text", "\u201c"), Run("define", definition.term), Run("text", "\u201d ")]
        blocks.append(Block("para", runs + parse_inline(" ".join(rendered.split()))))
    return blocks


def plan_document(selection: Selection) -> DocumentPlan:
    """Return the plan of the draft: numbered clauses, resolved references, checked terms."""
    language = selection.spec.agreement.language.value
    plan = DocumentPlan(selection, language, issues=list(selection.issues))
    context = selection.context
    selected = selection.selected()
    for number, decision in enumerate(selected, start=1):
        titles, texts = _text_of(decision, language)
        if language not in texts or language not in titles:
            plan.issues.append(
                PlanIssue(
                    "C09",
                    decision.clause_id,
                    f"has no text in the agreement's language {language!r}",
                    "add the translation to the clause",
                )
            )
            continue
        rendered = _render(decision, texts[language], context, plan.issues)
        title = _render(decision, titles[language], context, plan.issues)
        blocks = parse_blocks(rendered) if rendered is not None else []
        plain_title = "".join(r.text for r in parse_inline(title or ""))
        plan.clauses.append(PlannedClause(number, decision, plain_title, blocks))
    _resolve_terms(plan, context)
    for planned in plan.clauses:
        _number_blocks(planned.number, planned.blocks)
    _resolve_refs(plan)
    return plan


def _runs(plan: DocumentPlan) -> list[tuple[PlannedClause, Run]]:
    return [(c, run) for c in plan.clauses for block in c.blocks for run in block.runs]


def _resolve_terms(plan: DocumentPlan, context: dict[str, Any]) -> None:
    used = {run.text for _, run in _runs(plan) if run.kind == "term"}
    defined_in: dict[str, str] = {}
    for planned, run in _runs(plan):
        if run.kind == "define":
            _define(plan, defined_in, run.text, planned.clause.id)
    for planned in plan.clauses:
        if planned.clause.defines:
            extra = _definition_blocks(planned.decision, context, plan.language, used, plan.issues)
            planned.blocks.extend(extra)
            for block in extra:
                _define(plan, defined_in, block.runs[1].text, planned.clause.id)
    for planned, run in _runs(plan):
        if run.kind == "term" and run.text not in defined_in:
            plan.issues.append(
                PlanIssue(
                    "C05",
                    planned.clause.id,
                    f"uses the term {run.text!r}, which no selected clause defines"
                    + _where_defined(plan, run.text),
                    "select the defining clause or define it",
                )
            )
            defined_in[run.text] = "(reported)"


def _define(plan: DocumentPlan, defined_in: dict[str, str], term: str, clause_id: str) -> None:
    if term in defined_in and defined_in[term] != clause_id:
        plan.issues.append(
            PlanIssue(
                "C06",
                clause_id,
                f"defines {term!r}, which {defined_in[term]!r} defines too",
                "define each term in one clause",
            )
        )
    defined_in.setdefault(term, clause_id)


def _where_defined(plan: DocumentPlan, term: str) -> str:
    from agreements.clauses.analyse import analyse_clause

    for source in plan.selection.library.ordered():
        if term in analyse_clause(source.clause).defines:
            decision = plan.selection.decision(source.clause.id)
            why = f" ({decision.reason}: {'; '.join(decision.values)})" if decision else ""
            return f"; it is defined in {source.clause.id!r}, which is not selected{why}"
    return ""


def _resolve_refs(plan: DocumentPlan) -> None:
    numbers = plan.numbers()
    for planned in plan.clauses:
        for block in planned.blocks:
            block.runs = [_resolved(plan, planned, run, numbers) for run in block.runs]


def _resolved(plan: DocumentPlan, planned: PlannedClause, run: Run, numbers: dict[str, int]) -> Run:
    if run.kind != "ref":
        return run
    if run.target in numbers:
        return Run("ref", str(numbers[run.target]), run.target)
    decision = plan.selection.decision(run.target)
    if decision is None:
        why = "no clause has that id"
    else:
        why = f"it is not selected ({decision.reason}"
        why += (
            f": {decision.condition} with {'; '.join(decision.values)})"
            if decision.condition
            else ")"
        )
    plan.issues.append(
        PlanIssue(
            "C04",
            planned.clause.id,
            f"refers to {run.target!r}, but {why}",
            "make the reference conditional or the target always apply",
        )
    )
    return Run("text", f"[{run.target}]")
