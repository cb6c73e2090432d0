"""Small builders of WordprocessingML that python-docx has no API for: styles by id,
bookmarks, REF and other fields, and keep-together flags."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def styled_paragraph(body: Any, style_id: str) -> Any:
    """Append a paragraph with the style `style_id` to the document body; return it.

    Setting the style id directly avoids python-docx's scan of every style by name.
    """
    paragraph = body.add_paragraph()
    paragraph._p.style = style_id
    return paragraph


def add_text(paragraph: Any, text: str, *, bold: bool = False, style_id: str = "") -> Any:
    """Append a run of literal text (python-docx escapes it) and return the run."""
    run = paragraph.add_run(text)
    if style_id:
        run._r.style = style_id
    if bold:
        run.bold = True
    return run


def add_bookmark(paragraph: Any, name: str, bookmark_id: int) -> None:
    """Wrap the paragraph's content in a bookmark called `name`."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    p = paragraph._p
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def _run_with(child: Any) -> Any:
    run = OxmlElement("w:r")
    run.append(child)
    return run


def add_field(paragraph: Any, instruction: str, cached: str) -> None:
    """Append a complex field (e.g. `REF name \\r \\h`) whose shown result is `cached`."""
    p = paragraph._p
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    text = OxmlElement("w:t")
    text.text = cached
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for child in (begin, instr, separate, text, end):
        p.append(_run_with(child))


def keep_together(paragraph: Any, *, with_next: bool = True) -> None:
    """Keep the paragraph's lines together, and with the next paragraph if asked."""
    fmt = paragraph.paragraph_format
    fmt.keep_together = True
    fmt.keep_with_next = with_next


def page_break_before(paragraph: Any) -> None:
    """Start the paragraph on a new page."""
    paragraph.paragraph_format.page_break_before = True
