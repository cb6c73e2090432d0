"""Helpers for tests that read generated drafts back."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document

from agreements.build import checked_text, compose
from agreements.clauses.load import Library
from agreements.clauses.render import RenderedDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Draft:
    """A generated draft: its file, its rendered text, and its text read back."""

    path: Path
    plan: RenderedDocument

    def xml(self, part: str = "word/document.xml") -> str:
        with zipfile.ZipFile(self.path) as archive:
            return archive.read(part).decode("utf-8")

    def all_xml(self) -> str:
        with zipfile.ZipFile(self.path) as archive:
            return "\n".join(
                archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
            )

    def text(self) -> str:
        document = Document(str(self.path))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.extend(cell.text for cell in row.cells)
        return "\n".join(parts)

    def styled(self, style_id: str) -> list[str]:
        document = Document(str(self.path))
        return [p.text for p in document.paragraphs if p.style.style_id == style_id]

    def bookmarks(self) -> dict[str, str]:
        """Return bookmark name -> text of the paragraph holding it."""
        document = Document(str(self.path))
        found: dict[str, str] = {}
        for paragraph in document.paragraphs:
            for mark in paragraph._p.iter(f"{W}bookmarkStart"):
                found[mark.get(f"{W}name")] = paragraph.text
        return found

    def refs(self) -> list[tuple[str, str]]:
        """Return (bookmark, cached text) for every REF field in the body."""
        xml = self.xml()
        pattern = re.compile(
            r"<w:instrText[^>]*> REF (\w+) [^<]*</w:instrText></w:r>"
            r'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            r"<w:r><w:t>([^<]*)</w:t></w:r>"
        )
        return pattern.findall(xml)


def make_draft(spec: Path, library: Library, folder: Path) -> Draft:
    """Generate the draft of `spec` into `folder` and return it."""
    checked, rendered = checked_text(spec, library)
    data = compose(rendered, checked.loaded.sha256, allow_unapproved=False)
    path = folder / f"{spec.stem}.docx"
    path.write_bytes(data)
    return Draft(path, rendered)


def assert_audit_clean(path: Path) -> None:
    """Fail unless openxml-audit (a port of the Open XML SDK validator) finds no error."""
    import subprocess
    import sys

    audit = subprocess.run(
        [sys.executable, "-m", "openxml_audit", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert "Errors: 0" in audit.stdout, audit.stdout[-2000:]
