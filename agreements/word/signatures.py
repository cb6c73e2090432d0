"""The signature page: one block per party, two side by side, each kept on one page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.articles import with_article
from agreements.word.ooxml import cell, paragraph, row, run, table
from agreements.words import words, words_in

if TYPE_CHECKING:
    from collections.abc import Sequence

    from agreements.spec import PartnershipSpec, Party
    from agreements.spec.parties import Signatory

_LINE = "_" * 34
_DATE = "_" * 20
_WIDTH = 8.0


def _languages_phrase(languages: Sequence[str], language: str) -> str:
    """Return "in the English language" or "in the English and French languages, both texts
    being equally authentic", written in `language`."""
    names = [words(f"language.{code}", language) for code in languages]
    if len(names) == 1:
        return words("signature.one_language", language, name=names[0])
    return words("signature.two_languages", language, first=names[0], second=names[1])


def attestation(
    spec: PartnershipSpec, is_mou: bool, languages: Sequence[str], language: str
) -> str:
    """Return the sentence before the signatures in `language`, naming the languages in
    which the instrument is signed (both texts equally authentic when there are two)."""
    # A memorandum records intentions, so it is signed without the formula of a treaty.
    key = "signature.attestation_mou" if is_mou else "signature.attestation"
    phrase = _languages_phrase(languages, language)
    return words(key, language, place=spec.agreement.place, languages=phrase)


def signature_page(
    spec: PartnershipSpec,
    is_mou: bool,
    languages: Sequence[str] = ("en",),
    parties: Sequence[Party] | None = None,
) -> list[str]:
    """Return the signature page: a heading, the attestation in each of the draft's
    `languages`, and a block per party (`parties`, as the first language names them; the
    spec's by default) with each of its signatories; labels in every language."""
    out = [
        paragraph(
            "AnnexHeading",
            run(words_in("signature.heading", languages)),
            keep_next=True,
            page_break=True,
        )
    ]
    out += [
        paragraph("Recital", run(attestation(spec, is_mou, languages, language)))
        for language in languages
    ]
    listed = list(parties if parties is not None else spec.parties)
    rows: list[str] = []
    for start in range(0, len(listed), 2):
        rows += _pair_rows(listed[start : start + 2], languages)
    out.append(table([_WIDTH, _WIDTH], rows, borders=False))
    return out


def _label(key: str, languages: Sequence[str], value: str) -> str:
    return words_in(key, languages) + words("colon", languages[0]) + value


def _pair_rows(parties: list[Party], languages: Sequence[str]) -> list[str]:
    """Return the rows of the blocks of two parties side by side: a row naming each party
    once, a row per signatory (line, name, title), and a row of date lines, so the date
    lines of both parties align. Rows never split, and every row but the last keeps with
    the next, so each party's block stays on one page."""
    lines: list[list[list[str]]] = [[[_heading(p, languages[0])] for p in parties]]
    for index in range(max(len(p.signatories) for p in parties)):
        signers = [p.signatories[index] if index < len(p.signatories) else None for p in parties]
        lines.append([_signer(s, languages) if s else [] for s in signers])
        date = run(_label("signature.date", languages, _DATE))
        lines.append([[date, ""] if s else [] for s in signers])
    rows = []
    for number, cells in enumerate(lines):
        keep = number < len(lines) - 1
        cells += [[] for _ in range(2 - len(cells))]
        rows.append(
            row(
                [
                    cell(
                        _WIDTH,
                        [paragraph("SignatureText", content, keep_next=keep) for content in c],
                    )
                    for c in cells
                ]
            )
        )
    return rows


def _heading(party: Party, language: str) -> str:
    name = with_article(party.legal_name, language)
    return run(words("signature.for", language, name=name), bold=True)


def _signer(signatory: Signatory, languages: Sequence[str]) -> list[str]:
    return [
        "",
        run(_LINE),
        run(_label("signature.name", languages, signatory.name)),
        run(_label("signature.title", languages, signatory.title)),
    ]
