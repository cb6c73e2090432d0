"""Reviewing a returned draft, in one function: read it, find what it is compared with,
match its parts to clauses, classify each part and check what the partner wrote."""

from __future__ import annotations

from pathlib import Path

from agreements.clauses.load import Library
from agreements.library import Settings
from agreements.returned.classify import Checker
from agreements.returned.document import read_draft_file
from agreements.returned.mandatory import MANDATORY_CLAUSES
from agreements.returned.match import match_articles, match_unmarked
from agreements.returned.model import PartReview, ReturnedReview
from agreements.returned.reference import Reference, build_reference
from agreements.returned.sections import SectionKind, has_articles
from agreements.screening import Screener, screener


def make_screener(settings: Settings, party_names: tuple[str, ...]) -> Screener:
    """Return the forbidden-position screener of the organisation, for these parties."""
    org_names = settings.organisation_names()
    others = tuple(n for n in party_names if n not in org_names)
    return screener(settings.forbidden_positions, org_names=org_names, party_names=others)


def _missing(parts: list[PartReview], reference: Reference, checker: Checker) -> list[PartReview]:
    """Return `parts` with an entry for each clause the draft had and the file lost, at its
    place in the agreement's order."""
    seen = {p.clause_id for p in parts if p.clause_id}
    expected = list(reference.expected)
    if not expected:
        expected = [
            cid
            for cid in MANDATORY_CLAUSES
            if cid in reference.library.clauses
            and reference.library.clauses[cid].clause.applies_when is None
        ]
    order = {cid: index for index, cid in enumerate(expected)}
    out = list(parts)
    for cid in expected:
        clause = reference.clause(cid)
        if cid in seen or clause is None:
            continue
        at = next(
            (i for i, p in enumerate(out) if p.kind is not SectionKind.FRONT),
            len(out),
        )
        for index, part in enumerate(out):
            if part.clause_id in order and order[part.clause_id] < order[cid]:
                at = index + 1
        out.insert(at, checker.deleted(clause, "not found in the file", clause.sent or ()))
    return out


def review_returned(
    path: Path,
    library: Library,
    *,
    original: Path | None = None,
    spec: Path | None = None,
    search: list[Path] | None = None,
) -> ReturnedReview:
    """Return the review of the returned draft at `path` (see `agreements.returned`).

    `original` is the draft as it was sent, `spec` the spec it was made from; without a
    spec, one whose hash the draft records is looked for in `search` (default: the
    folders of the two drafts and the working directory).
    """
    library.require_clean()
    returned = read_draft_file(path)
    sent = read_draft_file(original) if original is not None else None
    folders = search if search is not None else [path.parent, Path.cwd()]
    if original is not None and search is None:
        folders.insert(1, original.parent)
    reference = build_reference(returned, library, spec=spec, original=sent, search=folders)
    checker = Checker(reference, make_screener(library.settings, reference.party_names))
    notes = list(reference.notes)
    if not returned.properties:
        notes.append("the file has no provenance (stripped, or not one of our drafts)")
    sections = list(returned.sections)
    if has_articles(sections):
        matches = match_articles(sections, reference)
    else:
        matches = match_unmarked(list(returned.lines), reference)
        notes.append("no article is marked in the file: paragraphs matched by text similarity")
    parts: list[PartReview] = []
    ordinal = 0
    for match in matches:
        if match.section.kind is SectionKind.ARTICLE:
            ordinal += 1
            parts.append(checker.article(match, ordinal))
        else:
            parts.append(checker.other(match))
    parts = _missing(parts, reference, checker)
    return ReturnedReview(
        str(path), reference.basis, bool(returned.properties), tuple(parts), tuple(notes)
    )
