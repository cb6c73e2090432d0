"""The body of a bilingual agreement: both texts side by side, article by article.

Each article is one row of a borderless two-column table, the first language on the left and
the second on the right, so a reader finds the same article at the same height. The left
column carries Word's live numbering and the bookmarks; the right one writes the same
numbers as text, and its cross-references are REF fields to the left headings, so both
texts always cite the same article numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.word.body import clause_paragraphs, preamble
from agreements.word.measure import TEXT_WIDTH_CM
from agreements.word.ooxml import cell, row, table

if TYPE_CHECKING:
    from agreements.clauses.render import RenderedDocument

# Half the text width each, less nothing: the cells' own margins keep the texts apart.
_HALF = TEXT_WIDTH_CM / 2


def side_by_side(left: list[str], right: list[str]) -> str:
    """Return a row of two columns holding the `left` and `right` paragraphs; it may flow
    over pages, as one article may be longer than a page."""
    return row([cell(_HALF, left), cell(_HALF, right)], split=True)


def bilingual_preamble(rendered: RenderedDocument, translation: RenderedDocument) -> list[str]:
    """Return the list of parties and the preamble in both languages, side by side."""
    return [
        table(
            [_HALF, _HALF], [side_by_side(preamble(rendered), preamble(translation))], borders=False
        )
    ]


def bilingual_clauses(
    rendered: RenderedDocument, translation: RenderedDocument, flagged: set[str]
) -> list[str]:
    """Return every article as a row of one borderless table: the article in the first
    language (live numbers, bookmarks) beside the same article in the second language.

    Both texts come from one plan, so they hold the same articles in the same order;
    headings of `flagged` clauses (not approved in some language) say so on both sides.
    """
    targets = {c.clause_id: c.planned.bookmark for c in rendered.clauses}
    second = {c.clause_id: c for c in translation.clauses}
    rows = []
    for bookmark_id, article in enumerate(rendered.clauses, start=1):
        marked = article.clause_id in flagged
        left = clause_paragraphs(article, targets, bookmark_id, marked, rendered.language)
        other = second.get(article.clause_id)
        right = (
            clause_paragraphs(other, targets, 0, marked, translation.language, live=False)
            if other
            else []
        )
        rows.append(side_by_side(left, right))
    return [table([_HALF, _HALF], rows, borders=False)]
