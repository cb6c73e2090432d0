"""The signature page: one block per party, two to a row, each row kept on one page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx.oxml import OxmlElement
from docx.shared import Cm

from agreements.word.xml import add_text, page_break_before, styled_paragraph

if TYPE_CHECKING:
    from agreements.spec import PartnershipSpec

_LINE = "_" * 34


def write_signatures(document: Any, spec: PartnershipSpec, is_mou: bool, place: str) -> None:
    """Write the signature page with a block for every party and every signatory."""
    heading = styled_paragraph(document, "AnnexHeading")
    add_text(heading, "Signatures")
    page_break_before(heading)
    intro = styled_paragraph(document, "Recital")
    verb = "signed this Memorandum" if is_mou else "signed this Agreement"
    add_text(
        intro,
        f"In witness whereof, the duly authorized representatives of the "
        f"{'Participants' if is_mou else 'Parties'} have {verb} in {place}, in the "
        "English language, on the dates written below.",
    )
    blocks = [(party, signatory) for party in spec.parties for signatory in party.signatories]
    table = document.add_table(rows=0, cols=2)
    table.autofit = False
    for column in table.columns:
        column.width = Cm(8.0)
    for start in range(0, len(blocks), 2):
        row = table.add_row()
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, (party, signatory) in zip(row.cells, blocks[start : start + 2], strict=False):
            cell.width = Cm(8.0)
            _block(cell, party.legal_name, signatory.name, signatory.title)
        for cell in row.cells[len(blocks[start : start + 2]) :]:
            cell.width = Cm(8.0)


def _block(cell: Any, party_name: str, name: str, title: str) -> None:
    lines = [
        (
            f"For the {party_name}"
            if party_name.lower().startswith(("international", "united"))
            else f"For {party_name}",
            True,
        ),
        ("", False),
        (_LINE, False),
        (f"Name: {name}", False),
        (f"Title: {title}", False),
        ("", False),
        (f"Date: {'_' * 20}", False),
        ("", False),
    ]
    for i, (text, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph._p.style = "SignatureText"
        paragraph.paragraph_format.keep_with_next = i < len(lines) - 1
        if text:
            add_text(paragraph, text, bold=bold)
