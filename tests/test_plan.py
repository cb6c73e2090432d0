"""Stage 3, plan_document: numbers, printed definitions and the chosen texts, without rendering."""

from __future__ import annotations

import re

from agreements.clauses.load import Library
from agreements.clauses.plan import DocumentPlan, plan_document
from agreements.clauses.render import RenderedDocument, render_names, render_source
from agreements.clauses.select import select_clauses
from agreements.load import load_spec
from tests.stages import MOU

pytest_plugins = ["tests.stages"]


def test_plan_numbers_articles_in_order_without_gaps(plan: DocumentPlan) -> None:
    assert [c.number for c in plan.clauses] == list(range(1, len(plan.clauses) + 1))
    assert plan.numbers == {c.clause.id: c.number for c in plan.clauses}
    assert plan.issues == ()


def test_plan_prints_only_the_definitions_the_draft_uses(stage_library: Library) -> None:
    mou = plan_document(select_clauses(load_spec(MOU, stage_library), stage_library))
    printed = {t for c in mou.clauses for t in c.definitions}
    assert "Funds" not in printed
    assert "Project" in printed


def test_a_fallback_text_really_replaces_the_clause_text(
    rendered: RenderedDocument, stage_library: Library
) -> None:
    names = render_names(rendered.plan)
    for article in rendered.clauses:
        decision = article.planned.decision
        if decision.fallback is None:
            continue
        clause = article.planned.clause
        fallback = next(f for f in clause.fallbacks if f.name == decision.fallback)
        text = " ".join(b.plain() for b in article.blocks)
        # The fallback's opening words as this spec renders them (a text may open with a
        # condition, such as the two-party form of the termination clause).
        opening = render_source(fallback.text["en"], names)
        opening = re.sub("[\ue000-\ue005]", "", opening).replace("[[", "").replace("]]", "")
        first_words = " ".join(opening.split()[:6])
        own_words = " ".join(clause.text["en"].split()[:8])
        assert first_words in text
        assert own_words not in text
    assert any(a.planned.decision.fallback for a in rendered.clauses)
