"""Stage 4, `render_text`: the planned clauses rendered in the sandbox, in one language.

Every filter (dates, amounts, percentages, lists of names) formats for the language it is
given; references become article numbers; paragraphs and items are numbered. Only here is
clause template code run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from jinja2.exceptions import SecurityError, TemplateError, UndefinedError

from agreements.clauses import budget
from agreements.clauses.compiled import template
from agreements.clauses.grammar import contract_runs, mark_prepositions
from agreements.clauses.markup import Block, Run, parse_blocks, parse_inline
from agreements.clauses.plan import DocumentPlan, PlannedClause
from agreements.clauses.sandbox import ANNEX_REF, ARTICLE, REF_LIST, REF_LIST_PRESENT
from agreements.clauses.select import PlanIssue
from agreements.words import words

if TYPE_CHECKING:
    from agreements.clauses.context import ClauseContext


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

    @property
    def context(self) -> ClauseContext:
        """Return the clause context in the document's language (the organisation's names,
        terms and annex titles of that language), for the parts of the draft around the
        clauses."""
        return render_context(self.plan, self.language)


def render_source(source: str, names: dict[str, Any], language: str = "en") -> str:
    """Return `source` rendered in the sandbox of `language` over `names`.

    Text without any template syntax renders to itself (as Jinja would, less one trailing
    newline), so most clauses skip the template engine entirely.
    """
    if "{" not in source:
        return source.removesuffix("\n")
    return budget.bounded_text(template(source, language).generate(names))


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


# The article of a list of references is marked, so that the preposition before it
# contracts with it ("conformément aux articles 20 à 24"; see `clauses.grammar`).
_LIST_WORDS = {
    "en": ("Article", "Articles", "and", "to"),
    "fr": (f"{ARTICLE}l'article", f"{ARTICLE}les articles", "et", "à"),
    "es": (f"{ARTICLE}el artículo", f"{ARTICLE}los artículos", "y", "a"),
}


def _missing(run_target: str, clause_id: str, issues: list[PlanIssue]) -> Run:
    issues.append(
        PlanIssue(
            "C04",
            clause_id,
            f"refers to {run_target!r}, which is not in this draft",
            "make the reference conditional or the target always apply",
        )
    )
    return Run("text", f"[{run_target}]")


def _ref_list(
    targets: list[str], plan: DocumentPlan, clause_id: str, language: str, issues: list[PlanIssue]
) -> list[Run]:
    """Return "Article 4" or "Articles 20 to 24, 26 and 30": sorted, runs of three or more
    consecutive numbers grouped, each number a reference to its article."""
    for target in targets:
        if target not in plan.numbers:
            return [_missing(target, clause_id, issues)]
    numbered = sorted({plan.numbers[t]: t for t in targets}.items())
    one, many, and_word, to_word = _LIST_WORDS.get(language, _LIST_WORDS["en"])
    groups: list[list[tuple[int, str]]] = []
    for item in numbered:
        if groups and item[0] == groups[-1][-1][0] + 1:
            groups[-1].append(item)
        else:
            groups.append([item])
    pieces: list[list[Run]] = []
    for group in groups:
        first, last = group[0], group[-1]
        if len(group) >= 3:
            pieces.append(
                [
                    Run("ref", str(first[0]), first[1]),
                    Run("text", f" {to_word} "),
                    Run("ref", str(last[0]), last[1]),
                ]
            )
        else:
            pieces.extend([[Run("ref", str(n), t)] for n, t in group])
    runs = [Run("text", (one if len(numbered) == 1 else many) + " ")]
    for index, piece in enumerate(pieces):
        if index:
            last_piece = index == len(pieces) - 1
            runs.append(Run("text", f" {and_word} " if last_piece else ", "))
        runs.extend(piece)
    return runs


def _resolve(
    run: Run, plan: DocumentPlan, clause_id: str, language: str, issues: list[PlanIssue]
) -> list[Run]:
    if run.kind != "ref":
        return [run]
    if run.target.startswith(REF_LIST):
        targets = run.target[len(REF_LIST) :].split(",")
        return _ref_list(targets, plan, clause_id, language, issues)
    if run.target.startswith(REF_LIST_PRESENT):
        present = [t for t in run.target[1:].split(",") if t in plan.numbers]
        return _ref_list(present, plan, clause_id, language, issues) if present else []
    if run.target.startswith(ANNEX_REF):
        key = run.target[len(ANNEX_REF) :]
        annex = next((a for a in plan.selection.context.annexes if a.key == key), None)
        if annex is None:
            return [_missing(f"annex {key}", clause_id, issues)]
        return [Run("ref", str(annex.number), run.target)]
    if run.target in plan.numbers:
        return [Run("ref", str(plan.numbers[run.target]), run.target)]
    return [_missing(run.target, clause_id, issues)]


def _definitions(
    plan: DocumentPlan,
    planned: PlannedClause,
    names: dict[str, Any],
    language: str,
    issues: list[PlanIssue],
) -> list[Block]:
    """Return the definitions the plan printed in this clause, each term in `language`
    between the language's quotation marks, in the plan's order (so the two texts of a
    bilingual draft define the same terms in the same order)."""
    planned_in = plan.selection.context.in_language(plan.language)
    context = planned_in.in_language(language)
    by_term = {planned_in.defined_term(d): d for d in planned.clause.defines}
    opening, closing = words("definition.open", language), words("definition.close", language)
    blocks: list[Block] = []
    for term in planned.definitions:
        definition = by_term[term]
        source = definition.text.get(language)
        if source is None:
            issues.append(
                PlanIssue(
                    "C09", planned.clause.id, f"definition of {term!r} has no {language} text"
                )
            )
            continue
        rendered = _render(planned.clause.id, source, names, language, issues)
        if rendered is None:
            continue
        runs = [Run("text", opening), Run("define", context.defined_term(definition))]
        text = mark_prepositions(" ".join(rendered.split()), language)
        blocks.append(Block("para", [*runs, Run("text", closing), *parse_inline(text)]))
    return blocks


def render_clause(
    plan: DocumentPlan,
    planned: PlannedClause,
    names: dict[str, Any],
    language: str,
    issues: list[PlanIssue],
) -> RenderedClause | None:
    """Return one planned clause rendered from its chosen sources (None, with the issue
    recorded, when it cannot be). Rendering another pre-approved text of the same article
    is a matter of planning it with other chosen sources. It runs within the evaluation
    budget (that of the whole draft when called from `render_text`)."""
    with budget.evaluation_budget(), budget.naming(f"clause {planned.clause.id!r}"):
        return _render_clause(plan, planned, names, language, issues)


def _render_clause(
    plan: DocumentPlan,
    planned: PlannedClause,
    names: dict[str, Any],
    language: str,
    issues: list[PlanIssue],
) -> RenderedClause | None:
    cid = planned.clause.id
    text = planned.chosen.text.get(language)
    title = planned.chosen.title.get(language)
    if text is None or title is None:
        issues.append(PlanIssue("C09", cid, f"has no text in {language!r}"))
        return None
    body = _render(cid, text, names, language, issues)
    heading = _render(cid, title, names, language, issues)
    blocks = parse_blocks(mark_prepositions(body, language)) if body is not None else []
    blocks += _definitions(plan, planned, names, language, issues)
    for block in blocks:
        runs = [r for run in block.runs for r in _resolve(run, plan, cid, language, issues)]
        block.runs = contract_runs(runs, language)
    title_runs = contract_runs(parse_inline(mark_prepositions(heading or "", language)), language)
    plain_title = "".join(r.text for r in title_runs)
    return RenderedClause(planned, plain_title, _numbered(planned.number, blocks))


def render_context(plan: DocumentPlan, language: str | None = None) -> ClauseContext:
    """Return the clause context of `plan` bound to `language` (the plan's by default):
    what the texts, the cover and the annexes of a draft in that language name."""
    return plan.selection.context.in_language(language or plan.language)


def render_names(plan: DocumentPlan, language: str | None = None) -> dict[str, Any]:
    """Return the names clause texts of `plan` are rendered with in `language` (the plan's
    by default): a bilingual draft renders the same plan with the names of each language."""
    return render_context(plan, language).names(present=frozenset(plan.numbers))


def render_text(plan: DocumentPlan, language: str) -> RenderedDocument:
    """Return stage 4's result: each planned clause rendered in `language`, references
    resolved to article numbers, and any clause that cannot be rendered reported."""
    names = render_names(plan, language)
    issues: list[PlanIssue] = []
    rendered: list[RenderedClause] = []
    # A clause naming a group no party is in was reported by the plan (C11); rendering it
    # would only fail again with the same cause.
    unrenderable = {i.clause_id for i in plan.issues if i.code == "C11"}
    with budget.evaluation_budget():
        for planned in plan.clauses:
            if planned.clause.id in unrenderable:
                continue
            clause = render_clause(plan, planned, names, language, issues)
            if clause is not None:
                rendered.append(clause)
        rendered = _without_unused_definitions(plan, rendered, names, language, issues)
    return RenderedDocument(plan, language, tuple(rendered), tuple(issues))


def _without_unused_definitions(
    plan: DocumentPlan,
    rendered: list[RenderedClause],
    names: dict[str, Any],
    language: str,
    issues: list[PlanIssue],
) -> list[RenderedClause]:
    """Return the rendered clauses with each definition no rendered text uses left out.

    The plan prints a definition when a chosen text names its term, but the term may sit
    in a passage the spec's facts leave out ("Funds" in an agreement without money): a
    reader would find a defined term the agreement never uses. A term used only by other
    unused definitions goes too; a clause that loses a definition is rendered again, so its
    paragraphs stay numbered in order."""
    unused: frozenset[str] = frozenset()
    while True:
        used: set[str] = set()
        defined: set[str] = set()
        for clause in rendered:
            for block in clause.blocks:
                term = next((r.text for r in block.runs if r.kind == "define"), None)
                if term is not None and _is_definition(block, language):
                    defined.add(term)
                    if term in unused:
                        continue
                used.update(r.text.strip() for r in block.runs if r.kind == "term")
        now = frozenset(defined - used)
        if now == unused:
            break
        unused = now
    if not unused:
        return rendered
    planned_in = plan.selection.context.in_language(plan.language)
    context = planned_in.in_language(language)
    out: list[RenderedClause] = []
    for clause in rendered:
        planned = clause.planned
        by_term = {planned_in.defined_term(d): d for d in planned.clause.defines}
        kept = tuple(
            t for t in planned.definitions if context.defined_term(by_term[t]) not in unused
        )
        if kept == planned.definitions:
            out.append(clause)
            continue
        again = render_clause(plan, replace(planned, definitions=kept), names, language, issues)
        if again is not None:
            out.append(again)
    return out


def _is_definition(block: Block, language: str) -> bool:
    """Return True for a paragraph of the definitions list: it opens with the quotation
    mark and the term being defined (a term defined in passing, in bold inside a sentence,
    is part of its clause's text and always kept)."""
    return (
        len(block.runs) > 1
        and block.runs[0].text == words("definition.open", language)
        and block.runs[1].kind == "define"
    )
