"""Stage 5, compose_docx (through build.compose): the Word draft and its provenance."""

from __future__ import annotations

import zipfile

from agreements.build import compose, provenance_of
from agreements.clauses.render import RenderedDocument

pytest_plugins = ["tests.stages"]


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
