"""A draft's lines cut into the parts it was built from: the front matter (title, parties,
preamble), the articles, the signature page and the annexes.

Drafts mark each article heading with a bookmark named after its clause and give it the
ClauseHeading style; annexes start with an AnnexHeading "Annex N: Title" and the
signature page with one reading "Signatures". Either mark is enough, so a file that lost
its bookmarks (or its styles) on the way is still cut where it should be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from agreements.returned.lines import Line

CLAUSE_BOOKMARK = "clause_"
ANNEX_BOOKMARK = "annex_"
_ARTICLE_STYLES = frozenset({"ClauseHeading"})
_ANNEX_STYLES = frozenset({"AnnexHeading"})
ANNEX = re.compile(r"^\s*Annex\s+(\d+)\s*(?::|\.|\u2014|-)?\s*(.*)$", re.IGNORECASE)
SIGNATURES = re.compile(r"^\s*Signatures?\s*$", re.IGNORECASE)


class SectionKind(StrEnum):
    """The parts of a draft."""

    FRONT = "front matter"
    ARTICLE = "article"
    SIGNATURES = "signatures"
    ANNEX = "annex"


@dataclass
class Section:
    """Consecutive lines of one part; an article's or annex's first line is its heading.

    `key` names the part across drafts: the clause bookmark of an article (when it has
    one), "annex N" for an annex, and the kind for the front matter and signatures.
    """

    kind: SectionKind
    key: str
    lines: list[Line] = field(default_factory=list)

    def sent(self) -> list[str]:
        """Return the non-empty paragraphs as sent (white space at either end of a
        paragraph is never content: word processors add and drop it)."""
        return [line.sent.strip() for line in self.lines if line.sent.strip()]

    def partner(self) -> list[str]:
        """Return the non-empty paragraphs as the partner would have them."""
        return [line.partner.strip() for line in self.lines if line.partner.strip()]

    @property
    def tracked(self) -> bool:
        """Return True when the section holds tracked changes."""
        return any(line.tracked for line in self.lines)

    def heading(self) -> str:
        """Return the heading text (as the partner would have it, else as sent)."""
        if self.kind in (SectionKind.FRONT,) or not self.lines:
            return ""
        first = self.lines[0]
        return (first.partner or first.sent).strip()


def _clause_mark(line: Line) -> str:
    return next((b for b in line.bookmarks if b.startswith(CLAUSE_BOOKMARK)), "")


def _starts(line: Line) -> tuple[SectionKind, str] | None:
    """Return the kind and key of the part a line starts, or None if it starts none."""
    mark = _clause_mark(line)
    if mark:
        return SectionKind.ARTICLE, mark
    if line.row:
        return None
    if line.style in _ARTICLE_STYLES:
        return SectionKind.ARTICLE, ""
    text = (line.partner or line.sent).strip()
    annex_mark = next((b for b in line.bookmarks if b.startswith(ANNEX_BOOKMARK)), "")
    if line.style in _ANNEX_STYLES or annex_mark:
        if SIGNATURES.match(text):
            return SectionKind.SIGNATURES, "signatures"
        found = ANNEX.match(text)
        if found:
            return SectionKind.ANNEX, f"annex {found.group(1)}"
    return None


def split_sections(lines: list[Line]) -> list[Section]:
    """Return the parts of a draft in order; lines before the first article are the front
    matter, and lines the partner added are in the part they sit in."""
    sections = [Section(SectionKind.FRONT, "front matter")]
    for line in lines:
        start = _starts(line)
        if start is not None:
            sections.append(Section(start[0], start[1], [line]))
        else:
            sections[-1].lines.append(line)
    return [s for s in sections if s.lines or s.kind is not SectionKind.FRONT]


def has_articles(sections: list[Section]) -> bool:
    """Return True when the file marks any article (by bookmark or heading style)."""
    return any(s.kind is SectionKind.ARTICLE for s in sections)
