"""The pre-approved wordings of a clause: its standard text, its alternatives and its
fallbacks, each either rendered for the spec (exact) or taken from the library as a
pattern (placeholders unchecked)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from agreements.clauses.model import Clause
from agreements.clauses.plan import ChosenText, DocumentPlan, PlannedClause
from agreements.clauses.render import render_clause
from agreements.clauses.select import PlanIssue
from agreements.library import Settings
from agreements.returned.form import form, form_of
from agreements.returned.template import (
    Pattern,
    compile_template,
    display_paragraphs,
    template_matches,
)

STANDARD = "standard"
ALTERNATIVE = "alternative"
FALLBACK = "fallback"


@dataclass(frozen=True)
class Position:
    """One pre-approved wording of an article: title and paragraphs, and, when it could
    not be rendered for the spec, the patterns that recognise it."""

    kind: str
    name: str
    summary: str
    title: str
    paragraphs: tuple[str, ...]
    title_pattern: Pattern | None = None
    pattern: Pattern | None = None

    @property
    def label(self) -> str:
        """Return how people name it: "standard text", "fallback 'thirty_days'"."""
        return "standard text" if self.kind == STANDARD else f"{self.kind} {self.name!r}"

    @property
    def rendered(self) -> bool:
        """Return True when the wording was rendered for the spec (compared exactly)."""
        return self.pattern is None

    def text(self) -> tuple[str, ...]:
        """Return the heading then the paragraphs."""
        return (self.title, *self.paragraphs)

    def matches(self, paragraphs: list[str]) -> bool:
        """Return True when an article (heading first) says what this wording says, up to
        form (and, for a library pattern, up to the values of its placeholders)."""
        if not paragraphs:
            return False
        title, body = paragraphs[0], paragraphs[1:]
        if self.rendered:
            return form(title) == form(self.title) and form_of(body) == form_of(self.paragraphs)
        title_ok = form(title) == form(self.title) or template_matches(
            self.title_pattern, form(title)
        )
        return title_ok and template_matches(self.pattern, form_of(body))


def _sources(
    clause: Clause, language: str, variant_title: str | None
) -> list[tuple[str, str, str, str, str]]:
    """Return (kind, name, summary, title source, text source) of every approved wording."""
    title = clause.title.get(language, "")
    found = [(STANDARD, STANDARD, "the clause's standard text", title, clause.text[language])]
    for alternative in clause.alternatives:
        if language in alternative.text:
            alt_title = (alternative.title or {}).get(language) or title
            summary = f"approved wording for drafts where {alternative.when}"
            found.append(
                (ALTERNATIVE, alternative.name, summary, alt_title, alternative.text[language])
            )
    for fallback in clause.fallbacks:
        if language in fallback.text:
            found.append(
                (
                    FALLBACK,
                    fallback.name,
                    fallback.summary,
                    variant_title or title,
                    fallback.text[language],
                )
            )
    return found


def library_positions(clause: Clause, language: str, settings: Settings) -> tuple[Position, ...]:
    """Return every approved wording of a clause as library patterns (no spec)."""
    # The draft prints the definitions it uses in alphabetical order, as the plan does.
    ordered = sorted(clause.defines, key=lambda d: d.term_in(settings.role_term).casefold())
    definitions = tuple(
        f'"{d.term_in(settings.role_term)}" {d.text.get(language, "")}'
        for d in ordered
        if language in d.text
    )
    style = settings.number_style.value
    out = []
    for kind, name, summary, title, text in _sources(clause, language, None):
        shown = display_paragraphs(text, style, language) + tuple(
            " ".join(display_paragraphs(d, style, language)) for d in definitions
        )
        out.append(
            Position(
                kind,
                name,
                summary,
                " ".join(display_paragraphs(title, style, language)),
                shown,
                compile_template(title, (), style, language),
                compile_template(text, definitions, style, language),
            )
        )
    return tuple(out)


def _drafted(planned: PlannedClause) -> tuple[str, str]:
    decision = planned.decision
    if decision.fallback is not None:
        return FALLBACK, decision.fallback
    if decision.variant is not None:
        return ALTERNATIVE, decision.variant
    return STANDARD, STANDARD


def rendered_positions(
    plan: DocumentPlan, planned: PlannedClause, names: dict[str, Any], settings: Settings
) -> tuple[Position, ...]:
    """Return every approved wording of a planned article rendered for its spec, the one
    the draft used first; a wording that cannot be rendered for this spec is kept as a
    library pattern."""
    language = plan.language
    clause = planned.clause
    patterns = {(p.kind, p.name): p for p in library_positions(clause, language, settings)}
    variant_title = planned.chosen.title.get(language)
    drafted = _drafted(planned)
    out: list[Position] = []
    for kind, name, summary, title, text in _sources(clause, language, variant_title):
        chosen = ChosenText(MappingProxyType({language: title}), MappingProxyType({language: text}))
        issues: list[PlanIssue] = []
        rendered = render_clause(plan, replace(planned, chosen=chosen), names, language, issues)
        if rendered is None or issues:
            out.append(patterns[(kind, name)])
            continue
        paragraphs = tuple(block.plain() for block in rendered.blocks)
        out.append(Position(kind, name, summary, rendered.title, paragraphs))
    out.sort(key=lambda p: (p.kind, p.name) != drafted)
    return tuple(out)
