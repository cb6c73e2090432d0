"""Stage 4, `render_text`: the planned clauses rendered in the sandbox, in one language.

Every filter (dates, amounts, percentages, lists of names) formats for the language it is
given; references become article numbers; paragraphs and items are numbered. Only here is
clause template code run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2.exceptions import SecurityError, TemplateError, UndefinedError

from agreements.clauses.compiled import template
from agreements.clauses.markup import Block, Run, parse_blocks, parse_inline
from agreements.clauses.plan import DocumentPlan, PlannedClause
from agreements.clauses.select import PlanIssue


@dataclass(frozen=True)
class RenderedClause:
    """One article as a reader sees it: number, title and numbered blocks."""

    planned: PlannedClause
    title: str
    blocks: tuple[Block, ...]

    @property
    def number(self) -> int:
        """Return the article number."""
        return self.planned.number

    @property
    def clause_id(self) -> str:
        """Return the id of the clause the article comes from."""
        return self.planned.clause.id


@dataclass(frozen=True)
class RenderedDocument:
    """Stage 4's result: every article rendered in `language`, and the problems found."""

    plan: DocumentPlan
    language: str
    clauses: tuple[RenderedClause, ...]
    issues: tuple[PlanIssue, ...]


def render_source(source: str, names: dict[str, Any], language: str = "en") -> str:
    """Return `source` rendered in the sandbox of `language` over `names`.

    Text without any template syntax renders to itself (as Jinja would, less one trailing
    newline), so most clauses skip the template engine entirely.
    """
    if "{" not in source:
        return source.removesuffix("\n")
    return template(source, language).render(names)


def _render(
    clause_id: str, source: str, names: dict[str, Any], language: str, issues: list[PlanIssue]
) -> str | None:
    try:
        return render_source(source, names, language)
    except UndefinedError as exc:
        issues.append(
            PlanIssue(
                "C08",
                clause_id,
                f"text uses a missing value: {exc}",
                "fill in the spec field, or fix the clause",
            )
        )
    except SecurityError as exc:
        issues.append(PlanIssue("C07", clause_id, f"refused by the sandbox: {exc}"))
    except (TemplateError, TypeError, ValueError, AttributeError) as exc:
        issues.append(PlanIssue("C08", clause_id, f"text cannot be rendered: {exc}"))
    return None


def _letter(index: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


def _numbered(number: int, blocks: list[Block]) -> tuple[Block, ...]:
    """Return the blocks numbered: paragraphs 1.1, 1.2 when there are several, items (a)."""
    numbered = sum(b.kind == "para" for b in blocks) > 1
    para_count = item_count = 0
    for block in blocks:
        if block.kind == "para":
            para_count += 1
            item_count = 0
            block.number = f"{number}.{para_count}" if numbered else ""
        else:
            block.number = f"({_letter(item_count)})"
            item_count += 1
    return tuple(blocks)


def _resolve(run: Run, plan: DocumentPlan, clause_id: str, issues: list[PlanIssue]) -> Run:
    if run.kind != "ref":
        return run
    if run.target in plan.numbers:
        return Run("ref", str(plan.numbers[run.target]), run.target)
    issues.append(
        PlanIssue(
            "C04",
            clause_id,
            f"refers to {run.target!r}, which is not in this draft",
            "make the reference conditional or the target always apply",
        )
    )
    return Run("text", f"[{run.target}]")


def _definitions(
    planned: PlannedClause, names: dict[str, Any], language: str, issues: list[PlanIssue]
) -> list[Block]:
    by_term = {d.term: d for d in planned.clause.defines}
    blocks: list[Block] = []
    for term in planned.definitions:
        rendered = _render(planned.clause.id, by_term[term].text[language], names, language, issues)
        if rendered is None:
            continue
        runs = [Run("text", "\u201c"), Run("define", term), Run("text", "\u201d ")]
        blocks.append(Block("para", runs + parse_inline(" ".join(rendered.split()))))
    return blocks


def render_text(plan: DocumentPlan, language: str) -> RenderedDocument:
    """Return stage 4's result: each planned clause rendered in `language`, references
    resolved to article numbers, and any clause that cannot be rendered reported."""
    names = plan.selection.context.names()
    issues: list[PlanIssue] = []
    rendered: list[RenderedClause] = []
    for planned in plan.clauses:
        cid = planned.clause.id
        text = planned.chosen.text.get(language)
        title = planned.chosen.title.get(language)
        if text is None or title is None:
            issues.append(PlanIssue("C09", cid, f"has no text in {language!r}"))
            continue
        body = _render(cid, text, names, language, issues)
        heading = _render(cid, title, names, language, issues)
        blocks = parse_blocks(body) if body is not None else []
        blocks += _definitions(planned, names, language, issues)
        for block in blocks:
            block.runs = [_resolve(run, plan, cid, issues) for run in block.runs]
        plain_title = "".join(r.text for r in parse_inline(heading or ""))
        rendered.append(RenderedClause(planned, plain_title, _numbered(planned.number, blocks)))
    return RenderedDocument(plan, language, tuple(rendered), tuple(issues))
