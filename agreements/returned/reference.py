"""What a returned draft is compared with: the draft as it was sent, and every wording of
each clause that legal has approved.

The best reference is the spec the draft was made from: the draft is made again from it
(exactly as sent, when the library has not changed since) and every alternative and
fallback is rendered for it, so comparisons are exact, values included. The spec is given
with `--spec`, or found by the hash the draft's provenance records. `--original` gives the
draft as it was really sent. Without either, clauses are compared with the library's texts
as patterns, and the values in their placeholders cannot be checked.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from agreements.build import CheckedSpec, checked_text, compose
from agreements.clauses.load import Library
from agreements.clauses.plan import clause_bookmark
from agreements.clauses.render import RenderedDocument, render_names
from agreements.errors import SpecInvalidError, UnreadableFileError, UsageError
from agreements.returned.document import ReadDraft, read_draft_bytes
from agreements.returned.positions import Position, library_positions, rendered_positions
from agreements.returned.sections import SectionKind
from agreements.review.compare import changes_since
from agreements.yamlsafe import read_text

MAX_SPECS_SEARCHED = 500


@dataclass(frozen=True)
class ClauseReference:
    """One clause of the draft: its article number and text as sent (when known) and its
    approved wordings, the one the draft used first when that is known."""

    clause_id: str
    number: int | None
    sent: tuple[str, ...] | None
    positions: tuple[Position, ...]
    drafted_known: bool


@dataclass(frozen=True)
class Reference:
    """Everything a returned draft is compared with."""

    basis: str
    library: Library
    language: str
    expected: tuple[str, ...]
    sent_sections: dict[str, tuple[str, ...]]
    party_names: tuple[str, ...]
    drafted_text: str
    values_checked: bool
    notes: tuple[str, ...]
    spec_path: Path | None
    _clauses: dict[str, ClauseReference] = field(default_factory=dict, repr=False)

    def clause(self, clause_id: str) -> ClauseReference | None:
        """Return the reference of a clause of the library (None for an unknown id)."""
        known = self._clauses.get(clause_id)
        if known is not None:
            return known
        source = self.library.clauses.get(clause_id)
        if source is None or self.language not in source.clause.text:
            return None
        positions = library_positions(source.clause, self.language, self.library.settings)
        number = self.expected.index(clause_id) + 1 if clause_id in self.expected else None
        made = ClauseReference(clause_id, number, None, positions, False)
        self._clauses[clause_id] = made
        return made

    def titles(self, clause_id: str) -> tuple[str, ...]:
        """Return every heading an article of this clause may carry."""
        reference = self.clause(clause_id)
        return tuple({p.title for p in reference.positions}) if reference else ()


def bookmark_ids(library: Library) -> dict[str, str]:
    """Return the clause id of each article bookmark the library's drafts carry."""
    return {clause_bookmark(cid): cid for cid in sorted(library.clauses, reverse=True)}


def find_spec(sha256: str, folders: list[Path]) -> Path | None:
    """Return a spec in one of `folders` whose text has this sha256, or None."""
    seen = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            seen += 1
            if seen > MAX_SPECS_SEARCHED:
                return None
            if path.is_symlink() or not path.is_file():
                continue
            try:
                text = read_text(path)
            except UnreadableFileError:
                continue
            if hashlib.sha256(text.encode("utf-8")).hexdigest() == sha256:
                return path
    return None


def _made_again(spec: Path, library: Library) -> tuple[CheckedSpec, RenderedDocument]:
    """Return the checked spec and its text; a spec that fails validation cannot serve as
    the reference, which is a usage error (the review did not run)."""
    try:
        return checked_text(spec, library)
    except SpecInvalidError as exc:
        raise UsageError(
            f"{spec}: is not a valid spec, so the draft cannot be made again from it "
            f"(run `agreements validate {spec}`):\n{exc}"
        ) from None


def _sent_articles(draft: ReadDraft, library: Library) -> dict[str, tuple[int, tuple[str, ...]]]:
    by_mark = bookmark_ids(library)
    found: dict[str, tuple[int, tuple[str, ...]]] = {}
    articles = [s for s in draft.sections if s.kind is SectionKind.ARTICLE]
    for number, section in enumerate(articles, start=1):
        cid = by_mark.get(section.key)
        if cid is not None and cid not in found:
            found[cid] = (number, tuple(section.sent()))
    return found


def build_reference(
    returned: ReadDraft,
    library: Library,
    *,
    spec: Path | None,
    original: ReadDraft | None,
    search: list[Path],
) -> Reference:
    """Return the reference for a returned draft (see the module docstring)."""
    notes: list[str] = []
    language = returned.properties.get("agreements.language") or "en"
    wanted = returned.properties.get("agreements.spec_sha256", "")
    rendered: RenderedDocument | None = None
    if spec is not None:
        checked, rendered = _made_again(spec, library)
    elif wanted and (found := find_spec(wanted, search)) is not None:
        try:
            checked, rendered = checked_text(found, library)
            spec = found
            notes.append(f"the spec {spec} was found by the hash in the draft's provenance")
        except SpecInvalidError:
            notes.append(f"the spec {found} has the draft's hash but no longer validates")
    drafted: ReadDraft | None = original
    clauses: dict[str, ClauseReference] = {}
    party_names: tuple[str, ...] = ()
    expected = returned.clause_ids() or (original.clause_ids() if original else ())
    basis = "the clause library's texts (no spec: values in placeholders are not checked)"
    if spec is not None and rendered is not None:
        language = rendered.language
        if wanted and wanted != checked.loaded.sha256:
            notes.append(
                f"{spec} is not the spec the returned draft was made from (its sha256 differs)"
            )
        if drafted is None:
            data = compose(rendered, checked.loaded.sha256, allow_unapproved=True)
            drafted = read_draft_bytes(data, f"draft made again from {spec}")
        spec_model = rendered.plan.selection.spec
        party_names = tuple(n for p in spec_model.parties for n in (p.legal_name, p.short_name))
        expected = expected or tuple(c.clause_id for c in rendered.clauses)
        names = render_names(rendered.plan)
        sent = _sent_articles(drafted, library)
        for planned in rendered.plan.clauses:
            cid = planned.clause.id
            positions = rendered_positions(rendered.plan, planned, names, library.settings)
            number, text = sent.get(cid, (planned.number, None))
            clauses[cid] = ClauseReference(cid, number, text, positions, True)
        basis = f"the spec {spec}"
    provenance = returned.properties or (original.properties if original else {})
    if provenance:
        notes.extend(change.describe() for change in changes_since(provenance, library))
    if original is not None:
        expected = expected or tuple(_sent_articles(original, library))
        basis = f"the draft as sent, {original.name}, and " + basis
        for cid, (number, text) in _sent_articles(original, library).items():
            known = clauses.get(cid)
            if known is not None:
                clauses[cid] = ClauseReference(cid, number, text, known.positions, True)
            else:
                positions = library_positions(
                    library.clauses[cid].clause, language, library.settings
                )
                clauses[cid] = ClauseReference(cid, number, text, positions, False)
    sent_sections = {
        s.key: tuple(s.sent())
        for s in (drafted.sections if drafted else ())
        if s.kind is not SectionKind.ARTICLE
    }
    drafted_text = "\n".join(line.sent for line in drafted.lines) if drafted else ""
    return Reference(
        basis,
        library,
        language,
        expected,
        sent_sections,
        party_names,
        drafted_text,
        spec is not None,
        tuple(notes),
        spec,
        clauses,
    )
