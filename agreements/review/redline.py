"""Word-level tracked changes between two texts, as WordprocessingML paragraphs.

Reviewers accept or reject each change in Word, so the differences are real `w:ins` and
`w:del` elements with a fixed author and date (the pack is deterministic).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

_TOKENS = re.compile(r"\s+|[^\s]+")
MAX_COMPARED_PAIRS = 4_000_000


@dataclass
class Revisions:
    """Numbers revision marks and stamps them with one author and date."""

    author: str
    date: str
    next_id: int = 1

    def _mark(self, tag: str, inner: str) -> str:
        mark = (
            f'<w:{tag} w:id="{self.next_id}" w:author="{escape(self.author)}" '
            f'w:date="{self.date}">{inner}</w:{tag}>'
        )
        self.next_id += 1
        return mark

    def inserted(self, text: str) -> str:
        """Return a tracked insertion of `text`."""
        return self._mark("ins", f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>')

    def deleted(self, text: str) -> str:
        """Return a tracked deletion of `text`."""
        return self._mark(
            "del", f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r>'
        )


def _plain(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""


def word_diff(old: str, new: str, revisions: Revisions) -> str:
    """Return runs turning `old` into `new` with word-level tracked changes.

    Two very long paragraphs (a returned draft may hold anything) are shown as one
    deletion and one insertion: a word-level comparison would take minutes.
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    if len(a) * len(b) > MAX_COMPARED_PAIRS:
        return revisions.deleted(old) + revisions.inserted(new)
    runs = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(_plain("".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(revisions.deleted("".join(a[i1:i2])))
        if j2 > j1:
            runs.append(revisions.inserted("".join(b[j1:j2])))
    return "".join(runs)


def _paragraph(style: str, runs: str, mark: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{mark}</w:pPr>{runs}</w:p>'


def redline_paragraphs(old: str, new: str, revisions: Revisions, style: str) -> list[str]:
    """Return paragraphs showing `new` with the changes from `old` as tracked changes.

    Paragraphs are aligned first; changed pairs get a word-level diff, added or removed
    paragraphs are wholly inserted or deleted.
    """
    a = [p for p in old.split("\n") if p.strip()]
    b = [p for p in new.split("\n") if p.strip()]
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(_paragraph(style, _plain(text)) for text in b[j1:j2])
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            out.append(_paragraph(style, word_diff(a[i1 + k], b[j1 + k], revisions)))
        for text in a[i1 + pairs : i2]:
            mark = _run_mark(revisions, "del")
            out.append(_paragraph(style, revisions.deleted(text), mark))
        for text in b[j1 + pairs : j2]:
            mark = _run_mark(revisions, "ins")
            out.append(_paragraph(style, revisions.inserted(text), mark))
    return out


def _run_mark(revisions: Revisions, tag: str) -> str:
    """Return paragraph-mark run properties recording the paragraph itself as changed."""
    mark = (
        f'<w:rPr><w:{tag} w:id="{revisions.next_id}" w:author="{escape(revisions.author)}" '
        f'w:date="{revisions.date}"/></w:rPr>'
    )
    revisions.next_id += 1
    return mark
