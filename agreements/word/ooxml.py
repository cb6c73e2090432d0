"""WordprocessingML written as text: paragraphs, runs, fields, bookmarks and tables.

The body of a draft has thousands of runs; building them through python-docx's proxy
objects cost five times a bare docxtpl render, so the body is written as escaped XML text
and parsed once. Every value goes through `escape`, so no spec text can become markup.
"""

from __future__ import annotations

TWIPS_PER_CM = 567
# The bulleted lists of the master template (templates/build_template.py), one for the
# body of annexes and one for lists inside table cells, each with a hanging indent; the
# styles AnnexList and TableList carry them, so a paragraph holds only its style.
LIST_NUM_ID = 51
TABLE_LIST_NUM_ID = 52
# Every table gets the same cell margins, whatever its style says (top/bottom, left/right).
_CELL_MARGINS = (
    "<w:tblCellMar>"
    + "".join(
        f'<w:{side} w:w="{w}" w:type="dxa"/>'
        for side, w in (("top", 28), ("left", 85), ("bottom", 28), ("right", 85))
    )
    + "</w:tblCellMar>"
)


def escape(data: str, entities: dict[str, str] | None = None) -> str:
    """Return `data` with &, < and > escaped, then each of `entities` replaced: what
    `xml.sax.saxutils.escape` does, without importing it (it imports urllib.request, which
    costs a cold `agreements generate` about a tenth of its time)."""
    data = data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for key, value in (entities or {}).items():
        data = data.replace(key, value)
    return data


def run(text: str, *, bold: bool = False, style: str = "") -> str:
    """Return a run of literal text; tabs become tab elements."""
    props = (f'<w:rStyle w:val="{style}"/>' if style else "") + ("<w:b/>" if bold else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    pieces = [
        f'<w:t xml:space="preserve">{escape(part)}</w:t>' if part else ""
        for part in text.split("\t")
    ]
    return f"<w:r>{rpr}{'<w:tab/>'.join(pieces)}</w:r>"


def field(instruction: str, cached: str) -> str:
    """Return the runs of a complex field (e.g. `REF name \\n \\h`) showing `cached`."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{escape(cached)}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def paragraph(
    style: str,
    content: str,
    *,
    keep_next: bool = False,
    page_break: bool = False,
    bookmark: tuple[int, str] | None = None,
    align: str = "",
    indent: tuple[int, int] | None = None,
) -> str:
    """Return a paragraph of `style` holding the runs `content`; `align` sets its
    justification ("right"); `indent` its left and hanging indents in twips (for a number
    written as text, as a list would place it). Lists come from the style (see
    `LIST_NUM_ID`).

    Paragraph properties are written in schema order (style, keepNext, pageBreakBefore,
    ind, jc).
    """
    props = f'<w:pStyle w:val="{style}"/>'
    props += "<w:keepNext/>" if keep_next else ""
    props += "<w:pageBreakBefore/>" if page_break else ""
    if indent is not None:
        props += f'<w:ind w:left="{indent[0]}" w:hanging="{indent[1]}"/>'
    props += f'<w:jc w:val="{align}"/>' if align and align != "left" else ""
    if bookmark is not None:
        mark_id, name = bookmark
        content = (
            f'<w:bookmarkStart w:id="{mark_id}" w:name="{escape(name)}"/>{content}'
            f'<w:bookmarkEnd w:id="{mark_id}"/>'
        )
    return f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>"


def cell(width_cm: float, paragraphs: list[str]) -> str:
    """Return a table cell of the given width holding `paragraphs` (at least one)."""
    width = round(width_cm * TWIPS_PER_CM)
    body = "".join(paragraphs) or paragraph("TableText", "")
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{body}</w:tc>'


def row(cells: list[str], *, header: bool = False, split: bool = False) -> str:
    """Return a table row that never splits across pages (a repeated header if asked),
    unless `split`: a row holding a whole article must flow from page to page."""
    props = ("" if split else "<w:cantSplit/>") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def table(widths_cm: list[float], rows: list[str], *, borders: bool = True) -> str:
    """Return a fixed-layout table centred on the page with the given column widths and
    the same cell margins as every other table."""
    total = round(sum(widths_cm) * TWIPS_PER_CM)
    style = '<w:tblStyle w:val="TableGrid"/>' if borders else ""
    grid = "".join(f'<w:gridCol w:w="{round(w * TWIPS_PER_CM)}"/>' for w in widths_cm)
    return (
        f'<w:tbl><w:tblPr>{style}<w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblLayout w:type="fixed"/>{_CELL_MARGINS}'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
        'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def text_cell(width_cm: float, text: str, *, bold: bool = False, align: str = "") -> str:
    """Return a cell holding one paragraph of table text (aligned as asked)."""
    return cell(width_cm, [paragraph("TableText", run(text, bold=bold), align=align)])
