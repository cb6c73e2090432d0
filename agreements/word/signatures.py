"""The signature page: one block per signatory, two to a row, each row kept on one page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.word.ooxml import cell, paragraph, row, run, table

if TYPE_CHECKING:
    from agreements.spec import PartnershipSpec

_LINE = "_" * 34
_WIDTH = 8.0


def signature_page(spec: PartnershipSpec, is_mou: bool) -> list[str]:
    """Return the signature page: a heading, the attestation, and a block per signatory."""
    # A memorandum records intentions, so it is signed without the formula of a treaty.
    attestation = (
        "The duly authorized representatives of the Participants have signed this Memorandum "
        f"in {spec.agreement.place}, in the English language, on the dates written below."
        if is_mou
        else "In witness whereof, the duly authorized representatives of the Parties have "
        f"signed this Agreement in {spec.agreement.place}, in the English language, on the "
        "dates written below."
    )
    out = [
        paragraph("AnnexHeading", run("Signatures"), keep_next=True, page_break=True),
        paragraph("Recital", run(attestation)),
    ]
    blocks = [
        _block(party.legal_name, s.name, s.title)
        for party in spec.parties
        for s in party.signatories
    ]
    rows = []
    for start in range(0, len(blocks), 2):
        pair = blocks[start : start + 2]
        cells = [cell(_WIDTH, b) for b in pair]
        cells += [cell(_WIDTH, []) for _ in range(2 - len(pair))]
        rows.append(row(cells))
    out.append(table([_WIDTH, _WIDTH], rows, borders=False))
    return out


def _block(party_name: str, name: str, title: str) -> list[str]:
    opener = "For the " if party_name.lower().startswith(("international ", "united ")) else "For "
    lines = [
        run(opener + party_name, bold=True),
        "",
        run(_LINE),
        run(f"Name: {name}"),
        run(f"Title: {title}"),
        "",
        run(f"Date: {'_' * 20}"),
        "",
    ]
    return [
        paragraph("SignatureText", content, keep_next=i < len(lines) - 1)
        for i, content in enumerate(lines)
    ]
