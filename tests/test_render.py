"""Stage 4, render_text: the chosen texts rendered, references resolved, formatted per language."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreements.clauses.load import Library, load_library
from agreements.clauses.plan import DocumentPlan, plan_document
from agreements.clauses.render import RenderedDocument, render_text
from agreements.clauses.select import Selection, select_clauses
from agreements.load import load_spec

ROOT = Path(__file__).resolve().parent.parent
IN_KIND = ROOT / "examples" / "in-kind-solar-equipment.yaml"
MOU = ROOT / "examples" / "mou-skills-dialogue.yaml"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def selection(library: Library) -> Selection:
    return select_clauses(load_spec(IN_KIND, library), library)


@pytest.fixture(scope="module")
def plan(selection: Selection) -> DocumentPlan:
    return plan_document(selection)


@pytest.fixture(scope="module")
def rendered(plan: DocumentPlan) -> RenderedDocument:
    return render_text(plan, plan.language)


def _article(rendered: RenderedDocument, clause_id: str) -> str:
    article = next(c for c in rendered.clauses if c.clause_id == clause_id)
    return "\n".join(b.plain() for b in article.blocks)


def test_render_resolves_references_to_article_numbers(rendered: RenderedDocument) -> None:
    refs = [r for c in rendered.clauses for b in c.blocks for r in b.runs if r.kind == "ref"]
    assert refs
    for run in refs:
        annexes = {f"annex:{a.key}": a.number for a in rendered.plan.selection.context.annexes}
        assert run.text == str(rendered.plan.numbers.get(run.target) or annexes[run.target])


def test_render_formats_dates_in_the_language_asked(plan: DocumentPlan) -> None:
    english = " ".join(b.plain() for c in render_text(plan, "en").clauses for b in c.blocks)
    spec = plan.selection.spec
    day = spec.agreement.end_date
    assert f"{day.day} {day.strftime('%B')} {day.year}" in english
