"""Returned drafts made in tests: a generated draft opened with python-docx and edited as a
partner would edit it, with or without tracked changes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import Table

_STAMP = 'w:author="Partner Legal" w:date="2026-05-02T10:00:00Z"'
_next_id = iter(range(9000, 99999))


def _text_run(text: str, deleted: bool = False) -> Any:
    tag = "w:delText" if deleted else "w:t"
    return parse_xml(f'<w:r {nsdecls("w")}><{tag} xml:space="preserve">{text}</{tag}></w:r>')


class Returned:
    """A draft being edited by the partner; `save` writes the returned file."""

    def __init__(self, draft: Path) -> None:
        self.document = Document(str(draft))
        self.body = self.document.element.body

    def article(self, clause_id: str) -> list[Any]:
        """Return the paragraphs of an article, heading first."""
        name = "clause_" + clause_id.replace("-", "_")
        children = list(self.body.iterchildren())
        start = next(
            i
            for i, p in enumerate(children)
            if any(m.get(qn("w:name")) == name for m in p.iter(qn("w:bookmarkStart")))
        )
        found = [children[start]]
        for element in children[start + 1 :]:
            style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            value = style.get(qn("w:val")) if style is not None else ""
            if element.tag != qn("w:p") or value in ("ClauseHeading", "AnnexHeading"):
                break
            found.append(element)
        return found

    def rewrite(self, clause_id: str, index: int, text: str) -> Returned:
        """Replace the text of one paragraph of an article without tracking the change."""
        paragraph = self.article(clause_id)[index]
        kept = {qn("w:pPr"), qn("w:bookmarkStart"), qn("w:bookmarkEnd")}
        for child in list(paragraph):
            if child.tag not in kept:
                paragraph.remove(child)
        paragraph.append(_text_run(text))
        return self

    def insert_tracked(self, clause_id: str, index: int, text: str) -> Returned:
        """Add `text` at the end of one paragraph as a tracked insertion."""
        paragraph = self.article(clause_id)[index]
        ins = parse_xml(f'<w:ins {nsdecls("w")} w:id="{next(_next_id)}" {_STAMP}/>')
        ins.append(_text_run(text))
        paragraph.append(ins)
        return self

    def replace_tracked(self, clause_id: str, index: int, old: str, new: str) -> Returned:
        """Replace `old` by `new` in one paragraph as a tracked deletion and insertion."""
        paragraph = self.article(clause_id)[index]
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        before, after = text.split(old, 1)
        self.rewrite(clause_id, index, before)
        deleted = parse_xml(f'<w:del {nsdecls("w")} w:id="{next(_next_id)}" {_STAMP}/>')
        deleted.append(_text_run(old, deleted=True))
        inserted = parse_xml(f'<w:ins {nsdecls("w")} w:id="{next(_next_id)}" {_STAMP}/>')
        inserted.append(_text_run(new))
        for element in (deleted, inserted, _text_run(after)):
            paragraph.append(element)
        return self

    def delete_tracked(self, clause_id: str) -> Returned:
        """Delete a whole article, heading included, as tracked deletions."""
        for paragraph in self.article(clause_id):
            for run in list(paragraph.iter(qn("w:r"))):
                for t in run.iter(qn("w:t")):
                    t.tag = qn("w:delText")
                wrapper = parse_xml(f'<w:del {nsdecls("w")} w:id="{next(_next_id)}" {_STAMP}/>')
                run.addprevious(wrapper)
                wrapper.append(run)
            props = paragraph.find(qn("w:pPr"))
            mark = parse_xml(
                f'<w:rPr {nsdecls("w")}><w:del w:id="{next(_next_id)}" {_STAMP}/></w:rPr>'
            )
            props.append(mark)
        return self

    def delete(self, clause_id: str) -> Returned:
        """Delete a whole article without tracking it."""
        for paragraph in self.article(clause_id):
            self.body.remove(paragraph)
        return self

    def add_paragraph(self, clause_id: str, after: int, text: str) -> Returned:
        """Add an untracked paragraph of the article's body style after paragraph `after`."""
        paragraph = self.article(clause_id)[after]
        new = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="ClauseBody"/></w:pPr></w:p>')
        new.append(_text_run(text))
        paragraph.addnext(new)
        return self

    def replace_in_tables(self, old: str, new: str) -> Returned:
        """Replace a value in every table cell that holds it, without tracking it."""
        for table in self.body.iter(qn("w:tbl")):
            for t in table.iter(qn("w:t")):
                if t.text and old in t.text:
                    t.text = t.text.replace(old, new)
        return self

    def save(self, path: Path) -> Path:
        """Write the returned file and return its path."""
        self.document.save(str(path))
        return path


def strip_provenance(source: Path, target: Path) -> Path:
    """Write `source` without its custom properties (where the provenance is)."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(out, "w") as copy:
        for info in archive.infolist():
            if info.filename == "docProps/custom.xml":
                continue
            data = archive.read(info.filename)
            if info.filename in ("[Content_Types].xml", "_rels/.rels"):
                text = data.decode("utf-8")
                for cut in ('<Override PartName="/docProps/custom.xml"', "docProps/custom.xml"):
                    while cut in text:
                        at = text.index(cut)
                        start = text.rfind("<", 0, at + 1)
                        end = text.index("/>", at) + 2
                        text = text[:start] + text[end:]
                data = text.encode("utf-8")
            copy.writestr(info, data)
    target.write_bytes(out.getvalue())
    return target


def plain_copy(draft: Path, target: Path) -> Path:
    """Write the draft's text into a new document with no styles, bookmarks or provenance,
    as if it had been retyped (not one of our drafts)."""
    source = Document(str(draft))
    copy = Document()
    for block in source.iter_inner_content():
        if isinstance(block, Table):
            rows = [[cell.text for cell in row.cells] for row in block.rows]
            table = copy.add_table(rows=len(rows), cols=len(rows[0]))
            for cells, values in zip(table.rows, rows, strict=True):
                for cell, value in zip(cells.cells, values, strict=True):
                    cell.text = value
        else:
            copy.add_paragraph(block.text)
    copy.save(str(target))
    return target
