"""Each part of a returned draft classified against what was sent and what is approved.

An article is *unchanged* when it reads exactly as sent; *changed in form only* when it
differs only in spacing, quotes, dashes, typed numbering or paragraph breaks; *now a
pre-approved wording* when it equals another approved wording of the same clause (an
alternative or fallback: the officer may accept it without legal review); *changed* when
it says anything else; *deleted* when the partner's version has nothing left of it, which
blocks the draft for a mandatory clause.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from agreements.returned.checks import check_values, new_sentences, screen_sentences
from agreements.returned.form import form, form_of
from agreements.returned.mandatory import mandatory_reason
from agreements.returned.match import Match, similarity
from agreements.returned.model import Finding, PartReview, Status
from agreements.returned.positions import ALTERNATIVE, STANDARD, Position
from agreements.returned.reference import ClauseReference, Reference
from agreements.returned.sections import SectionKind
from agreements.returned.template import literal_size
from agreements.screening import Screener


@dataclass(frozen=True)
class Verdict:
    """The status of an article, the wording it equals and the text it was compared with."""

    status: Status
    approved: tuple[str, ...]
    position: Position | None = None
    note: str = ""


def _first_match(positions: tuple[Position, ...], text: list[str]) -> Position | None:
    """Return the wording the text is: the first that matches, or, among library patterns,
    the one with the most fixed wording (a fallback "thirty (30) days" rather than the
    standard text's bare placeholder)."""
    matching = [p for p in positions if p.matches(text)]
    if not matching or matching[0].rendered:
        return matching[0] if matching else None
    return max(matching, key=lambda p: literal_size(p.pattern))


def _verdict(reference: ClauseReference, returned: list[str], in_file: list[str]) -> Verdict:
    """Return the verdict on an article with text (see the module docstring)."""
    sent = list(reference.sent) if reference.sent is not None else None
    positions = reference.positions
    if sent is not None:
        if returned == sent:
            return Verdict(Status.UNCHANGED, tuple(sent))
        if form_of(returned) == form_of(sent):
            return Verdict(Status.FORM_ONLY, tuple(sent))
        others = positions[1:] if reference.drafted_known else positions
        found = _first_match(others, returned)
        if found is not None and not found.matches(sent):
            return Verdict(Status.APPROVED_POSITION, tuple(sent), found)
        note = "only values filled in from the spec differ" if found is not None else ""
        return Verdict(Status.CHANGED, tuple(sent), note=note)
    # No text as sent but what the file shows with its tracked changes rejected, and
    # wordings known only as library patterns.
    as_sent = _first_match(positions, in_file)
    found = _first_match(positions, returned)
    approved = tuple(in_file) if as_sent is not None else (found or positions[0]).text()
    if returned == in_file:
        if found is not None:
            named = found if found.kind != STANDARD else None
            return Verdict(Status.UNCHANGED, approved, named, "values in placeholders not checked")
        note = "no tracked change shows it, but it differs from every approved wording"
        return Verdict(Status.CHANGED, approved, note=note)
    if form_of(returned) == form_of(in_file):
        return Verdict(Status.FORM_ONLY, approved)
    if found is not None and found != as_sent:
        return Verdict(Status.APPROVED_POSITION, approved, found)
    note = "only values in placeholders differ from the draft as sent" if found else ""
    return Verdict(Status.CHANGED, approved, note=note)


def _nearest(reference: ClauseReference, returned: list[str]) -> Position | None:
    """Return the fallback (or standard text) most like the partner's text, other than
    the wording the draft used (None when the clause has no other)."""
    others = reference.positions[1:] if reference.drafted_known else reference.positions
    # An alternative is the wording for another kind of agreement: never a near miss.
    positions = tuple(p for p in others if p.kind != ALTERNATIVE)
    text = form_of(returned)
    scored = [(similarity(text, form_of(p.text())), i) for i, p in enumerate(positions)]
    return positions[max(scored)[1]] if scored else None


def _added_removed(
    approved: tuple[str, ...], returned: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the paragraphs the partner added, and those it removed."""
    a, b = [form(p) for p in approved], [form(p) for p in returned]
    added: list[str] = []
    removed: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "insert":
            added.extend(returned[j1:j2])
        elif op == "delete":
            removed.extend(approved[i1:i2])
        elif op == "replace":
            pairs = min(i2 - i1, j2 - j1)
            added.extend(returned[j1 + pairs : j2])
            removed.extend(approved[i1 + pairs : i2])
    return tuple(added), tuple(removed)


@dataclass(frozen=True)
class Checker:
    """What every part is checked with: the reference and the screener."""

    reference: Reference
    screener: Screener

    def findings(
        self, approved: tuple[str, ...], returned: tuple[str, ...], compared: list[tuple[str, ...]]
    ) -> list[Finding]:
        """Return the findings of the sentences new in `returned`."""
        if not returned:
            return []
        new = new_sentences(returned, [approved, *compared])
        source = "the spec" if self.reference.values_checked else "the draft as sent"
        found = screen_sentences(new, self.screener)
        found += check_values(
            new,
            approved,
            returned,
            self.reference.drafted_text,
            self.reference.party_names,
            source,
        )
        return found

    def article(self, match: Match, ordinal: int) -> PartReview:
        """Return the review of an article of the returned draft."""
        section = match.section
        returned, in_file = section.partner(), section.sent()
        cid = match.clause_id
        reference = self.reference.clause(cid) if cid else None
        if reference is None:
            text = tuple(returned)
            title = section.heading()
            found = self.findings((), text, [])
            return PartReview(
                SectionKind.ARTICLE, None, None, title, Status.ADDED, match.how, (), text,
                added=text, findings=tuple(found),
            )  # fmt: skip
        number = reference.number or ordinal
        title = reference.positions[0].title
        notes: list[str] = []
        if not match.titled and returned:
            returned, in_file = [title, *returned], [title, *in_file]
            notes.append("the file has no heading for this article")
        if not returned:
            return self.deleted(reference, match.how, tuple(reference.sent or in_file))
        verdict = _verdict(reference, returned, in_file)
        if verdict.note:
            notes.append(verdict.note)
        text = tuple(returned)
        nearest = None
        if verdict.status is Status.CHANGED:
            nearest = _nearest(reference, returned)
        added, removed = _added_removed(verdict.approved, text)
        compared = [p.text() for p in reference.positions if p.rendered]
        found = (
            self.findings(verdict.approved, text, compared)
            if verdict.status is not Status.UNCHANGED
            else []
        )
        return PartReview(
            SectionKind.ARTICLE,
            number,
            cid,
            title,
            verdict.status,
            match.how,
            verdict.approved,
            text,
            position=verdict.position.label if verdict.position else None,
            nearest=nearest.label if nearest else None,
            nearest_text=nearest.text() if nearest else (),
            added=added,
            removed=removed,
            findings=tuple(found),
            notes=tuple(notes),
        )

    def deleted(
        self, reference: ClauseReference, how: str, approved: tuple[str, ...]
    ) -> PartReview:
        """Return the review of an article the partner deleted."""
        cid = reference.clause_id
        reason = mandatory_reason(cid) if self._selects(cid) else None
        status = Status.DELETED if reason is None else Status.DELETED_MANDATORY
        notes = (f"mandatory: {reason}",) if reason else ()
        text = approved or reference.positions[0].text()
        return PartReview(
            SectionKind.ARTICLE, reference.number, cid, reference.positions[0].title, status,
            how, text, (), removed=text[1:], notes=notes,
        )  # fmt: skip

    def _selects(self, clause_id: str) -> bool:
        """Return True when the draft's kind of agreement has this clause."""
        if self.reference.expected:
            return clause_id in self.reference.expected
        source = self.reference.library.clauses.get(clause_id)
        return source is not None and source.clause.applies_when is None

    def other(self, match: Match) -> PartReview:
        """Return the review of the front matter, the signature page or an annex."""
        section = match.section
        returned = tuple(section.partner())
        approved = self.reference.sent_sections.get(section.key)
        notes: list[str] = []
        if approved is None and section.tracked:
            approved = tuple(section.sent())
            notes.append("compared with the file's own tracked changes")
        title = section.heading() or section.kind.value.capitalize()
        number = int(section.key.split()[-1]) if section.kind is SectionKind.ANNEX else None
        if approved is None:
            notes.append("no tracked change; give --spec or --original to see untracked edits")
            return PartReview(
                section.kind, number, None, title, Status.NOT_COMPARED, "", returned, returned,
                notes=tuple(notes),
            )  # fmt: skip
        if returned == approved:
            status = Status.UNCHANGED
        elif form_of(returned) == form_of(approved):
            status = Status.FORM_ONLY
        else:
            status = Status.DELETED if not returned else Status.CHANGED
        added, removed = _added_removed(approved, returned)
        found = self.findings(approved, returned, [])
        if status is Status.UNCHANGED:
            found = []
        return PartReview(
            section.kind, number, None, title, status, "heading" if number else "", approved,
            returned, added=added, removed=removed, findings=tuple(found), notes=tuple(notes),
        )  # fmt: skip
