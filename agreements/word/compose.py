"""Compose the Word draft: docxtpl fills the master template, python-docx writes the body."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agreements.formatting import format_date
from agreements.spec.models import AgreementKind
from agreements.word.annexes import annexes
from agreements.word.bilingual import bilingual_clauses, bilingual_preamble
from agreements.word.body import clauses, preamble, unapproved_notice
from agreements.word.package import package_bytes
from agreements.word.signatures import signature_page
from agreements.word.template import render_template
from agreements.words import words, words_in

if TYPE_CHECKING:
    from agreements.clauses.plan import DocumentPlan
    from agreements.clauses.render import RenderedDocument
    from agreements.provenance import Provenance


def _core_properties(document: Any, plan: DocumentPlan, language: str) -> None:
    spec = plan.selection.spec
    core = document.core_properties
    moment = dt.datetime.combine(spec.agreement.signature_date, dt.time(0, 0))
    core.title = spec.agreement.title
    kind = words(f"kind.{spec.agreement.kind.value}", language)
    core.subject = words("properties.subject", language, kind=kind)
    core.identifier = spec.agreement.reference
    core.keywords = spec.agreement.reference
    core.author = plan.selection.library.settings.organisation.short_name
    core.last_modified_by = "agreements"
    core.language = spec.agreement.main_language.value
    core.created = moment
    core.modified = moment
    core.revision = 1
    core.comments = words("properties.comments", language)


def _languages(rendered: RenderedDocument) -> tuple[str, ...]:
    """Return the languages of the agreement, the rendered one first (one, or two for a
    bilingual agreement whose fixed words are printed in both)."""
    spec_languages = [
        language.value for language in rendered.plan.selection.spec.agreement.languages
    ]
    return tuple(dict.fromkeys([rendered.language, *spec_languages]))


def cover_fields(rendered: RenderedDocument, languages: tuple[str, ...]) -> dict[str, Any]:
    """Return the fields of the master template (cover, header, footer) in `languages`:
    each fixed word in every language of the agreement, joined by " / "."""
    agreement = rendered.plan.selection.spec.agreement
    notes = [
        words(
            "cover.draft_note",
            language,
            place=agreement.place,
            date=format_date(agreement.signature_date, language),
        )
        for language in languages
    ]
    reference = agreement.reference
    return {
        "title": agreement.title,
        "reference": reference,
        "party_names": [p.legal_name for p in rendered.context.parties],
        "draft_note": " / ".join(notes),
        "between": words_in("cover.between", languages),
        "and_word": words_in("cover.and", languages),
        "reference_line": words_in("cover.reference", languages, reference=reference),
        "header": words_in("header.draft", languages, reference=reference),
        "page_word": words_in("footer.page", languages),
        # "Page 4 of / sur 58" reads badly: a bilingual footer says "Page 4 / 58".
        "page_of": words_in("footer.of", languages) if len(languages) == 1 else "/",
    }


def compose_docx(
    rendered: RenderedDocument,
    template: Path,
    provenance: Provenance,
    translations: tuple[RenderedDocument, ...] = (),
) -> bytes:
    """Return stage 5's result: the bytes of the Word draft, identical for identical inputs.

    With a translation (a bilingual agreement), the preamble and the articles show both
    texts side by side (see `word.bilingual`); the signature page and the annexes come
    once. Clauses whose status in `provenance` is not "approved" are listed in a notice on
    the first page and marked where they stand.
    """
    plan = rendered.plan
    spec = plan.selection.spec
    org = plan.selection.loaded.org
    assert org is not None
    pending = provenance.pending()
    is_mou = spec.agreement.kind is AgreementKind.MOU
    languages = _languages(rendered)
    parties = rendered.context.parties
    document = render_template(template, cover_fields(rendered, languages))
    parts = unapproved_notice(rendered, pending)
    if translations:
        parts += bilingual_preamble(rendered, translations[0])
        parts += bilingual_clauses(rendered, translations[0], set(pending))
    else:
        parts += preamble(rendered) + clauses(rendered, set(pending))
    parts += signature_page(spec, is_mou, languages, parties)
    parts += annexes(rendered, first_bookmark_id=len(rendered.clauses) + 1)
    _core_properties(document, plan, rendered.language)
    return package_bytes(document, provenance.properties(), parts)
