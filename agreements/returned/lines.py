"""The body of a returned draft as lines (paragraphs and table rows), read both ways.

A partner's mark-up is read twice: *as sent* (insertions rejected, deletions kept) and *as
the partner would have it* (insertions accepted, deletions applied). A deleted paragraph
mark joins the paragraph to the next one in the partner's version, as Word does when the
deletion is accepted; an inserted one splits it, so in the version as sent the two halves
are one paragraph. Moves count as a deletion where the text was and an insertion where it
went. Field instructions, text boxes and the fallback copies of alternate content are not
text of the agreement and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_INSERTED = frozenset({f"{W}ins", f"{W}moveTo"})
_DELETED = frozenset({f"{W}del", f"{W}moveFrom"})
_SKIPPED = frozenset(
    {
        f"{W}pPr",
        f"{W}rPr",
        f"{W}instrText",
        f"{W}delInstrText",
        f"{W}txbxContent",
        f"{W}sdtPr",
        f"{_MC}Fallback",
        f"{W}footnoteReference",
        f"{W}endnoteReference",
    }
)
_TEXT = frozenset({f"{W}t", f"{W}delText"})
_SPACE = {f"{W}tab": "\t", f"{W}br": " ", f"{W}cr": " ", f"{W}noBreakHyphen": "-"}
CELL_SEPARATOR = " | "


@dataclass(frozen=True)
class Line:
    """One paragraph or table row: its text as sent and as the partner would have it, its
    paragraph style (by name, spaces removed: "ClauseHeading"), and the bookmarks on it."""

    sent: str
    partner: str
    style: str = ""
    bookmarks: tuple[str, ...] = ()
    row: bool = False

    @property
    def tracked(self) -> bool:
        """Return True when tracked changes make the two readings differ."""
        return self.sent != self.partner


@dataclass
class _Text:
    sent: list[str] = field(default_factory=list)
    partner: list[str] = field(default_factory=list)

    def add(self, text: str, inserted: bool, deleted: bool) -> None:
        if not deleted:
            self.partner.append(text)
        if not inserted:
            self.sent.append(text)


def _collect(element: Any, inserted: bool, deleted: bool, out: _Text, marks: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag in _INSERTED:
            _collect(child, True, deleted, out, marks)
        elif tag in _DELETED:
            _collect(child, inserted, True, out, marks)
        elif tag in _TEXT:
            out.add(child.text or "", inserted, deleted)
        elif tag in _SPACE:
            out.add(_SPACE[tag], inserted, deleted)
        elif tag == f"{W}bookmarkStart":
            marks.append(str(child.get(f"{W}name", "")))
        elif tag != f"{W}p":  # a nested paragraph is a text box or a comment: not ours
            _collect(child, inserted, deleted, out, marks)


def _mark(paragraph: Any) -> tuple[bool, bool]:
    """Return whether the paragraph mark itself was inserted, and whether it was deleted."""
    props = paragraph.find(f"{W}pPr/{W}rPr")
    if props is None:
        return False, False
    inserted = props.find(f"{W}ins") is not None or props.find(f"{W}moveTo") is not None
    deleted = props.find(f"{W}del") is not None or props.find(f"{W}moveFrom") is not None
    return inserted, deleted


@dataclass
class _Raw:
    sent: str
    partner: str
    style: str
    bookmarks: list[str]
    row: bool
    mark_inserted: bool = False
    mark_deleted: bool = False


def _paragraph(p: Any, styles: dict[str, str], marks: list[str]) -> _Raw:
    text = _Text()
    _collect(p, False, False, text, marks)
    style_el = p.find(f"{W}pPr/{W}pStyle")
    style_id = str(style_el.get(f"{W}val", "")) if style_el is not None else ""
    inserted, deleted = _mark(p)
    style = styles.get(style_id, style_id)
    raw = _Raw("".join(text.sent), "".join(text.partner), style, list(marks), False)
    raw.mark_inserted, raw.mark_deleted = inserted, deleted
    marks.clear()
    return raw


def _row(tr: Any) -> _Raw:
    cells_sent: list[str] = []
    cells_partner: list[str] = []
    marks: list[str] = []
    for tc in tr.iter(f"{W}tc"):
        text = _Text()
        for p in tc.iter(f"{W}p"):
            paragraph = _Text()
            _collect(p, False, False, paragraph, marks)
            text.sent.append(" ".join("".join(paragraph.sent).split()))
            text.partner.append(" ".join("".join(paragraph.partner).split()))
        cells_sent.append(" ".join(t for t in text.sent if t))
        cells_partner.append(" ".join(t for t in text.partner if t))
    props = tr.find(f"{W}trPr")
    row_inserted = props is not None and props.find(f"{W}ins") is not None
    row_deleted = props is not None and props.find(f"{W}del") is not None
    sent = "" if row_inserted else CELL_SEPARATOR.join(cells_sent)
    partner = "" if row_deleted else CELL_SEPARATOR.join(cells_partner)
    return _Raw(sent, partner, "", marks, True)


def _blocks(container: Any, styles: dict[str, str], out: list[_Raw], marks: list[str]) -> None:
    for child in container:
        tag = child.tag
        if tag == f"{W}p":
            out.append(_paragraph(child, styles, marks))
        elif tag == f"{W}tbl":
            for tr in child.iter(f"{W}tr"):
                out.append(_row(tr))
        elif tag == f"{W}bookmarkStart":  # Word may put it between paragraphs
            marks.append(str(child.get(f"{W}name", "")))
        elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", *_INSERTED, *_DELETED):
            _blocks(child, styles, out, marks)


def _joined(raws: list[_Raw]) -> list[Line]:
    """Return the lines with paragraph marks applied: a paragraph whose mark is deleted
    joins the next one in the partner's version; one whose mark is inserted joins the next
    one in the version as sent."""
    carry_sent = carry_partner = ""
    lines: list[Line] = []
    for index, raw in enumerate(raws):
        last = index == len(raws) - 1
        sent, partner = carry_sent + raw.sent, carry_partner + raw.partner
        carry_sent = carry_partner = ""
        if raw.mark_inserted and not last and not raws[index + 1].row:
            carry_sent, sent = sent, ""
        if raw.mark_deleted and not last and not raws[index + 1].row:
            carry_partner, partner = partner, ""
        lines.append(Line(sent, partner, raw.style, tuple(raw.bookmarks), raw.row))
    return lines


def style_names(styles_root: Any | None) -> dict[str, str]:
    """Return style id -> style name without spaces ("ClauseHeading"), from styles.xml."""
    names: dict[str, str] = {}
    if styles_root is None:
        return names
    for style in styles_root.iter(f"{W}style"):
        name = style.find(f"{W}name")
        style_id = str(style.get(f"{W}styleId", ""))
        if name is not None and style_id:
            names[style_id] = str(name.get(f"{W}val", "")).replace(" ", "")
    return names


def read_lines(document_root: Any, styles: dict[str, str]) -> list[Line]:
    """Return the lines of the body of a main document part, in order."""
    body = document_root.find(f"{W}body")
    if body is None:
        return []
    raws: list[_Raw] = []
    _blocks(body, styles, raws, [])
    return _joined(raws)
