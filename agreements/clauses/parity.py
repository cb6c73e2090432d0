"""Parity of translations: each French or Spanish text says what its English text says.

A translation keeps the English text's placeholders and conditions, its references to
articles and annexes, its paragraphs and items, and its defined terms (each the glossary's
translation of the English term). These are checked in the sources, before any spec is seen,
so a translation that would print another value, cite another article or drop an item is a
lint error (rules L17, L18, L19, L23, L24, L25), not a surprise in a signed agreement.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import TemplateSyntaxError, nodes

from agreements.clauses.analyse import DEFINE, USE
from agreements.clauses.compiled import cached_facts
from agreements.clauses.markup import parse_shape
from agreements.clauses.model import Clause, Localised
from agreements.clauses.sandbox import environment, parse_source
from agreements.library import ROLE_TERM_DEFAULTS, Settings

LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish"}
_REFERENCE_FUNCTIONS = ("ref", "refs", "annex")
# Between these tokens a space is kept when normalising a tag, so `if donors` stays apart.
_WORDLIKE = frozenset({"name", "string", "integer", "float"})
# The disk cache keeps facts per kind: a new kind whenever what `_compute` returns changes.
_FACTS_KIND = "parity-1"


def language_name(code: str) -> str:
    """Return the English name of a language code for messages ('fr' -> 'French')."""
    return LANGUAGE_NAMES.get(code, repr(code))


@dataclass(frozen=True)
class Finding:
    """One parity problem of a clause: rule code, the source it is in, message and fix."""

    code: str
    where: str
    message: str
    fix: str


@dataclass(frozen=True)
class SourceParity:
    """What of one text a translation must keep: placeholders and conditions (normalised),
    references, the shape of paragraphs and items, and the terms it defines and uses."""

    readable: bool
    placeholders: tuple[str, ...]
    references: tuple[str, ...]
    shape: tuple[str, ...]
    defines: tuple[str, ...]
    uses: tuple[str, ...]


def _normalised_tags(source: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the `{{ }}` and `{% %}` tags of a text written the same way whatever the
    spacing, quotes or whitespace control (`{%-`), split into placeholders and references
    (tags that only call ref, refs or annex)."""
    placeholders: list[str] = []
    references: list[str] = []
    tokens: list[tuple[str, str]] = []
    opening = ""
    for _line, kind, value in environment().lex(source):
        if kind in ("variable_begin", "block_begin"):
            opening, tokens = ("{{" if kind == "variable_begin" else "{%"), []
        elif kind in ("variable_end", "block_end"):
            inner = _joined(tokens)
            tag = f"{opening} {inner} {'}}' if opening == '{{' else '%}'}"
            is_reference = opening == "{{" and any(
                inner.startswith(f"{name}(") and inner.endswith(")")
                for name in _REFERENCE_FUNCTIONS
            )
            (references if is_reference else placeholders).append(tag)
            opening = ""
        elif opening and kind != "whitespace":
            tokens.append((kind, value))
    return tuple(dict.fromkeys(placeholders)), tuple(dict.fromkeys(references))


def _joined(tokens: list[tuple[str, str]]) -> str:
    out: list[str] = []
    previous = ""
    for kind, value in tokens:
        if kind == "string":
            value = repr(ast.literal_eval(value))
        if value == "|":
            out.append(" | ")
        elif value == ",":
            out.append(", ")
        else:
            if previous in _WORDLIKE and kind in _WORDLIKE:
                out.append(" ")
            out.append(value)
        previous = kind if value not in ("|", ",") else ""
    return "".join(out).strip()


def _reference_calls(source: str) -> tuple[str, ...]:
    """Return each article or annex a text cites, as `ref('id')` or `annex('key')`: `ref` and
    `refs` both cite articles, so a translation may group them differently."""
    found: dict[str, None] = {}
    tree = parse_source(source, expression=False)
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name in _REFERENCE_FUNCTIONS:
            function = "annex" if call.node.name == "annex" else "ref"
            for arg in call.args:
                if isinstance(arg, nodes.Const):
                    found[f"{function}({str(arg.value)!r})"] = None
    return tuple(found)


def _compute(source: str) -> tuple[bool, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    try:
        placeholders, _ = _normalised_tags(source)
        references = _reference_calls(source)
    except (TemplateSyntaxError, ValueError, SyntaxError):
        return False, (), (), ()  # reported by L15
    return True, placeholders, references, parse_shape(source)


@lru_cache(maxsize=8192)
def source_parity(source: str) -> SourceParity:
    """Return what a translation of `source` must keep (the Jinja part kept in the disk
    cache per text, as lint reads every text of every language)."""
    if "{" in source:
        readable, placeholders, references, shape = cached_facts(_FACTS_KIND, source, _compute)
    else:
        readable, placeholders, references, shape = True, (), (), parse_shape(source)
    defines = tuple(sorted({m.strip() for m in DEFINE.findall(source)}))
    uses = tuple(sorted({m.strip() for m in USE.findall(source)}))
    return SourceParity(readable, placeholders, references, shape, defines, uses)


def paired_sources(clause: Clause) -> Iterator[tuple[str, Localised, bool]]:
    """Yield (where, texts by language, has paragraphs) for each translatable part of a
    clause: title, text, each alternative's text and title, each fallback, each definition."""
    yield "title", clause.title, False
    yield "text", clause.text, True
    for i, alt in enumerate(clause.alternatives):
        yield f"alternatives[{i}].text", alt.text, True
        if alt.title is not None:
            yield f"alternatives[{i}].title", alt.title, False
    for i, fallback in enumerate(clause.fallbacks):
        yield f"fallbacks[{i}].text", fallback.text, True
    for i, definition in enumerate(clause.defines):
        yield f"defines[{i}].text", definition.text, False


def glossary_term(settings: Settings, language: str, english: str) -> str | None:
    """Return the term `language` uses for the English defined term `english`: the
    glossary's, else the language's term for the group of parties it names, else None."""
    extra = settings.languages.get(language)
    if extra is None:
        return None
    if english in extra.terms:
        return extra.terms[english]
    for role in ROLE_TERM_DEFAULTS:
        if settings.role_term(role) == english and role in extra.role_terms:
            return extra.role_terms[role]
    return None


def _describe(shape: tuple[str, ...]) -> str:
    """Return a shape as a reader counts it: '2 paragraphs, 3 items, 1 paragraph'."""
    groups: list[list[str]] = []
    for kind in shape:
        if groups and groups[-1][0] == kind:
            groups[-1].append(kind)
        else:
            groups.append([kind])
    words = {"para": "paragraph", "item": "item"}
    return ", ".join(f"{len(g)} {words[g[0]]}{'s' if len(g) > 1 else ''}" for g in groups)


def _differences(english: tuple[str, ...], other: tuple[str, ...]) -> str:
    lacks = [x for x in english if x not in other]
    adds = [x for x in other if x not in english]
    pieces = []
    if lacks:
        pieces.append("lacks " + ", ".join(lacks))
    if adds:
        pieces.append("adds " + ", ".join(adds))
    return "; ".join(pieces)


def _term_marks(parity: SourceParity) -> set[tuple[str, str]]:
    return {(f"**{t}**", t) for t in parity.defines} | {(f"[[{t}]]", t) for t in parity.uses}


def translation_findings(
    clause: Clause, settings: Settings, languages: tuple[str, ...]
) -> Iterator[Finding]:
    """Yield the parity problems of a clause's translations into `languages`; glossary
    gaps (L25) are yielded as findings too, one per text and term."""
    for part, texts, has_paragraphs in paired_sources(clause):
        english = texts.get("en")
        if english is None:
            continue  # a clause without English fails the schema or L11
        base = source_parity(english)
        for language in languages:
            name = language_name(language)
            where = f"{part}.{language}"
            text = texts.get(language)
            if text is None:
                yield Finding(
                    "L17",
                    where,
                    f"has no {name} text, though the library is written in {name}",
                    f"add `{language}:` under {part}, translated from {part}.en",
                )
                continue
            other = source_parity(text)
            if not (base.readable and other.readable):
                continue
            yield from _compare(part, where, language, base, other, has_paragraphs, settings)


def _compare(
    part: str,
    where: str,
    language: str,
    base: SourceParity,
    other: SourceParity,
    has_paragraphs: bool,
    settings: Settings,
) -> Iterator[Finding]:
    name = language_name(language)
    if set(base.placeholders) != set(other.placeholders):
        yield Finding(
            "L18",
            where,
            "its placeholders and conditions differ from the English: "
            + _differences(base.placeholders, other.placeholders),
            f"use exactly the {{{{ }}}} and {{% %}} of {part}.en; translate only the words",
        )
    if set(base.references) != set(other.references):
        yield Finding(
            "L19",
            where,
            "cites other articles or annexes than the English: "
            + _differences(base.references, other.references),
            f"cite the same articles and annexes as {part}.en",
        )
    if has_paragraphs and base.shape != other.shape:
        yield Finding(
            "L23",
            where,
            f"has {_describe(other.shape)} where the English has {_describe(base.shape)}",
            f"separate paragraphs by a blank line and start each item with '- ', as in {part}.en",
        )
    yield from _term_findings(part, where, language, name, base, other, settings)


def _term_findings(
    part: str,
    where: str,
    language: str,
    name: str,
    base: SourceParity,
    other: SourceParity,
    settings: Settings,
) -> Iterator[Finding]:
    expected: set[str] = set()
    unknown = False
    for mark, english in sorted(_term_marks(base)):
        translated = glossary_term(settings, language, english)
        if translated is None:
            unknown = True
            yield Finding(
                "L25",
                where,
                f"the glossary has no {name} term for {english!r}",
                f"add `{english}: <{name} term>` under languages.{language}.terms in "
                "clauses/settings.yaml",
            )
            continue
        expected.add(mark.replace(english, translated))
    found = {mark for mark, _ in _term_marks(other)}
    missing = sorted(expected - found)
    # With a glossary gap, which marks of the translation are right cannot be known.
    extra = [] if unknown else sorted(found - expected)
    pieces = []
    if missing:
        pieces.append("lacks " + ", ".join(missing))
    if extra:
        pieces.append(f"marks {', '.join(extra)}, which translates no term of {part}.en")
    if pieces:
        yield Finding(
            "L24",
            where,
            "its defined terms differ from the English: " + "; ".join(pieces),
            f"mark the glossary's {name} term for each **Term** and [[Term]] of {part}.en",
        )
