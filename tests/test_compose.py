"""Stage 5, compose_docx (through build.compose): the Word draft and its provenance."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from agreements.build import compose, provenance_of
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


def test_compose_writes_provenance_and_the_articles(rendered: RenderedDocument) -> None:
    sha = "0" * 64
    data = compose(rendered, sha, allow_unapproved=False)
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        props = archive.read("docProps/custom.xml").decode("utf-8")
        body = archive.read("word/document.xml").decode("utf-8")
    assert sha in props
    provenance = provenance_of(rendered, sha, {})
    assert provenance.clauses[0] in props
    assert rendered.clauses[0].title in body


def test_provenance_lists_pending_clauses_by_status(rendered: RenderedDocument) -> None:
    first = rendered.clauses[0].clause_id
    provenance = provenance_of(rendered, "x", {first: "changed since approval"})
    assert provenance.pending()[first] == "changed since approval"
    assert rendered.clauses[1].clause_id in provenance.pending()  # no status: never approved
