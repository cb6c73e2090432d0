"""Stage 6, write_output: drafts written atomically, never over an existing file unless asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreements.clauses.load import Library, load_library
from agreements.clauses.plan import DocumentPlan, plan_document
from agreements.clauses.render import RenderedDocument, render_text
from agreements.clauses.select import Selection, select_clauses
from agreements.errors import OutputError
from agreements.load import load_spec
from agreements.output import plan_outputs, write_output

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


def test_write_output_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    target.write_bytes(b"kept")
    with pytest.raises(OutputError, match="already exists"):
        plan_outputs(target, pdf=False, force=False)
    outputs = plan_outputs(target, pdf=False, force=True)
    write_output(b"new", outputs, force=True)
    assert target.read_bytes() == b"new"
