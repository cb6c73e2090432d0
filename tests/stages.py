"""Fixtures shared by the tests of the pipeline stages: each stage's real result for one
example (the in-kind agreement, which has fallbacks, goods and a financial-free schedule),
computed once per test session."""

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


@pytest.fixture(scope="session")
def stage_library() -> Library:
    return load_library()


@pytest.fixture(scope="session")
def selection(stage_library: Library) -> Selection:
    return select_clauses(load_spec(IN_KIND, stage_library), stage_library)


@pytest.fixture(scope="session")
def plan(selection: Selection) -> DocumentPlan:
    return plan_document(selection)


@pytest.fixture(scope="session")
def rendered(plan: DocumentPlan) -> RenderedDocument:
    return render_text(plan, plan.language)
