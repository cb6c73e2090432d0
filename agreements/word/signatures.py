"""The signature page: one block per party, two side by side, each kept on one page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.word.ooxml import cell, paragraph, row, run, table

if TYPE_CHECKING:
    from agreements.spec import PartnershipSpec, Party
    from agreements.spec.parties import Signatory

_LINE = "_" * 34
_DATE = "_" * 20
_WIDTH = 8.0


def signature_page(spec: PartnershipSpec, is_mou: bool) -> list[str]:
    """Return the signature page: a heading, the attestation, and a block per party with
    each of its signatories."""
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
    rows: list[str] = []
    for start in range(0, len(spec.parties), 2):
        rows += _pair_rows(list(spec.parties[start : start + 2]))
    out.append(table([_WIDTH, _WIDTH], rows, borders=False))
    return out


def _pair_rows(parties: list[Party]) -> list[str]:
    """Return the rows of the blocks of two parties side by side: a row naming each party
    once, a row per signatory (line, name, title), and a row of date lines, so the date
    lines of both parties align. Rows never split, and every row but the last keeps with
    the next, so each party's block stays on one page."""
    lines: list[list[list[str]]] = [[[_heading(p)] for p in parties]]
    for index in range(max(len(p.signatories) for p in parties)):
        signers = [p.signatories[index] if index < len(p.signatories) else None for p in parties]
        lines.append([_signer(s) if s else [] for s in signers])
        lines.append([[run(f"Date: {_DATE}"), ""] if s else [] for s in signers])
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


def _heading(party: Party) -> str:
    name = party.legal_name
    opener = "For the " if name.lower().startswith(("international ", "united ")) else "For "
    return run(opener + name, bold=True)


def _signer(signatory: Signatory) -> list[str]:
    return ["", run(_LINE), run(f"Name: {signatory.name}"), run(f"Title: {signatory.title}")]
