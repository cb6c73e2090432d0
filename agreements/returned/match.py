"""Which clause each article of a returned draft comes from, and how that was found out.

In order of trust: the bookmark the tool put on the article's heading; the heading's text
against the titles of the clauses the draft had (or, failing that, of the whole library);
the article's text against every approved wording. A file with no article marked at all
(not one of our drafts, or one retyped) is matched paragraph by paragraph.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from agreements.returned.form import form, form_of
from agreements.returned.lines import Line
from agreements.returned.reference import Reference, bookmark_ids
from agreements.returned.sections import ANNEX, SIGNATURES, Section, SectionKind

TITLE_THRESHOLD = 0.85
TEXT_THRESHOLD = 0.6
STRONG_THRESHOLD = 0.9
_SHORTLIST = 6


@dataclass(frozen=True)
class Match:
    """A part of the returned draft, the clause found for it (None: none), and how."""

    section: Section
    clause_id: str | None
    how: str
    titled: bool = True


MAX_COMPARED_WORDS = 3_000


def similarity(a: str, b: str) -> float:
    """Return how alike two texts are (0 to 1), word by word (up to a few thousand words:
    no clause is longer, and a longer text is unlike every clause anyway)."""
    left, right = a.split()[:MAX_COMPARED_WORDS], b.split()[:MAX_COMPARED_WORDS]
    if not left and not right:
        return 1.0
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _candidates(reference: Reference, taken: set[str]) -> list[str]:
    expected = [c for c in reference.expected if c not in taken]
    rest = [s.clause.id for s in reference.library.ordered() if s.clause.id not in taken]
    return expected + [c for c in rest if c not in expected]


def _by_title(heading: str, candidates: list[str], reference: Reference) -> str | None:
    wanted = form(heading)
    best, best_score = None, 0.0
    for cid in candidates:
        for title in reference.titles(cid):
            score = similarity(wanted.lower(), form(title).lower())
            if score > best_score:
                best, best_score = cid, score
    return best if best_score >= TITLE_THRESHOLD else None


def _by_text(
    text: str, candidates: list[str], reference: Reference, *, paragraph: bool = False
) -> tuple[str | None, float]:
    """Return the clause whose wording (or, for one `paragraph`, one of whose paragraphs)
    is most like `text`, when alike enough, and the score."""
    words = set(text.lower().split())
    scored: list[tuple[float, str, str]] = []
    for cid in candidates:
        clause = reference.clause(cid)
        for position in clause.positions if clause else ():
            pieces = [form(p) for p in position.paragraphs] if paragraph else []
            for other in pieces or [form_of(position.text())]:
                scored.append((_jaccard(words, set(other.lower().split())), cid, other))
    scored.sort(reverse=True)
    best, best_score = None, 0.0
    for _, cid, other in scored[:_SHORTLIST]:
        score = similarity(text, other)
        if score > best_score:
            best, best_score = cid, score
    return (best, best_score) if best_score >= TEXT_THRESHOLD else (None, best_score)


def match_articles(sections: list[Section], reference: Reference) -> list[Match]:
    """Return a match for every part of the draft, in order (front matter, signatures and
    annexes match no clause)."""
    by_mark = bookmark_ids(reference.library)
    taken: set[str] = set()
    found: dict[int, Match] = {}
    for index, section in enumerate(sections):
        cid = by_mark.get(section.key) if section.kind is SectionKind.ARTICLE else None
        if cid is not None and cid not in taken and reference.clause(cid) is not None:
            taken.add(cid)
            found[index] = Match(section, cid, "bookmark")
    for index, section in enumerate(sections):
        if index in found:
            continue
        if section.kind is not SectionKind.ARTICLE:
            found[index] = Match(section, None, "")
            continue
        candidates = _candidates(reference, taken)
        cid = _by_title(section.heading(), candidates, reference)
        how = "heading"
        if cid is None:
            text = form_of(section.partner() or section.sent())
            cid, score = _by_text(text, candidates, reference)
            how = f"text similarity {score:.2f}"
        if cid is not None:
            taken.add(cid)
        found[index] = Match(section, cid, how if cid else "no clause of the library")
    return [found[i] for i in range(len(sections))]


def _starts_other(text: str) -> Section | None:
    """Return the signature page or annex a retyped line starts, if it starts one."""
    found = ANNEX.match(text)
    if found:
        return Section(SectionKind.ANNEX, f"annex {found.group(1)}")
    return Section(SectionKind.SIGNATURES, "signatures") if SIGNATURES.match(text) else None


def match_unmarked(lines: list[Line], reference: Reference) -> list[Match]:
    """Return the parts of a file that marks no article, found paragraph by paragraph.

    A paragraph like the heading of a clause not met yet starts that clause's article; so
    does one like its text, when no article has started or the likeness is strong. Any
    other paragraph stays in the part it follows (a paragraph the partner added). After
    the articles, "Signatures" and "Annex N: Title" start the parts they name.
    """
    matches = [Match(Section(SectionKind.FRONT, "front matter"), None, "")]
    candidates = _candidates(reference, set())
    taken: set[str] = set()
    in_articles = True
    for line in lines:
        text = form(line.partner or line.sent)
        other = _starts_other(text) if text and taken else None
        if other is not None:
            in_articles = False
            matches.append(Match(other, None, "heading text"))
        if not text or other is not None or not in_articles:
            if other is None:
                matches[-1].section.lines.append(line)
            else:
                other.lines.append(line)
            continue
        free = [c for c in candidates if c not in taken]
        title = _by_title(text, free, reference) if len(text) < 120 else None
        cid, score = (title, 1.0) if title else _by_text(text, free, reference, paragraph=True)
        started = len(matches) > 1
        if cid is None or (title is None and started and score < STRONG_THRESHOLD):
            matches[-1].section.lines.append(line)
            continue
        taken.add(cid)
        section = Section(SectionKind.ARTICLE, "", [line])
        how = "heading text" if title else f"text similarity {score:.2f}"
        matches.append(Match(section, cid, how, titled=title is not None))
    return [m for m in matches if m.section.lines]
