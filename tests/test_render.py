"""Stage 4, render_text: the chosen texts rendered, references resolved, formatted per language."""

from __future__ import annotations

from agreements.clauses.plan import DocumentPlan
from agreements.clauses.render import RenderedDocument, render_text

pytest_plugins = ["tests.stages"]


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
