"""Stages 2 to 6 called directly: select, plan, render, compose, write.

Each test calls one stage on the previous stage's real result and checks what a user
would see of it (a clause chosen, a number, a sentence, a file).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from agreements.build import compose, provenance_of
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


def test_plan_numbers_articles_in_order_without_gaps(plan: DocumentPlan) -> None:
    assert [c.number for c in plan.clauses] == list(range(1, len(plan.clauses) + 1))
    assert plan.numbers == {c.clause.id: c.number for c in plan.clauses}
    assert plan.issues == ()


def test_plan_prints_only_the_definitions_the_draft_uses(library: Library) -> None:
    mou = plan_document(select_clauses(load_spec(MOU, library), library))
    printed = {t for c in mou.clauses for t in c.definitions}
    assert "Funds" not in printed
    assert "Project" in printed


def test_a_fallback_text_really_replaces_the_clause_text(
    rendered: RenderedDocument, library: Library
) -> None:
    for article in rendered.clauses:
        decision = article.planned.decision
        if decision.fallback is None:
            continue
        clause = article.planned.clause
        fallback = next(f for f in clause.fallbacks if f.name == decision.fallback)
        text = " ".join(b.plain() for b in article.blocks)
        first_words = " ".join(fallback.text["en"].split()[:6]).replace("[[", "").replace("]]", "")
        own_words = " ".join(clause.text["en"].split()[:8])
        assert first_words.split("{{")[0].strip() in text
        assert own_words not in text
    assert any(a.planned.decision.fallback for a in rendered.clauses)


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


def test_write_output_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    target.write_bytes(b"kept")
    with pytest.raises(OutputError, match="already exists"):
        plan_outputs(target, pdf=False, force=False)
    outputs = plan_outputs(target, pdf=False, force=True)
    write_output(b"new", outputs, force=True)
    assert target.read_bytes() == b"new"
