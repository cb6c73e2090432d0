"""Stage 2, select_clauses: which clauses a spec takes, with their variant and fallback."""

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


def test_select_takes_the_kind_module_and_leaves_out_the_others(selection: Selection) -> None:
    chosen = {d.clause_id for d in selection.selected()}
    assert {"in-kind-description", "in-kind-delivery", "in-kind-valuation"} <= chosen
    assert not any(cid.startswith("mou-") for cid in chosen)
    left_out = {d.clause_id: d.reason for d in selection.decisions if not d.selected}
    assert left_out["mou-non-binding"] == "condition false"


def test_select_records_the_fallback_the_spec_chose(selection: Selection) -> None:
    chosen = {d.clause_id: d.fallback for d in selection.selected() if d.fallback}
    assert "one_hundred_eighty_days" in chosen.values()
    assert "joint_ownership" in chosen.values()
