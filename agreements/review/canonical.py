"""The reviewable text of a clause: everything a lawyer approves, in one normalised form.

A clause's meaning lies not only in its main text but in its title, the condition that
selects it, its variants, fallbacks and definitions. All of them, per language, make up
the text an approval covers, so changing any of them shows as "changed since approval".
"""

from __future__ import annotations

import hashlib
import unicodedata

from agreements.clauses.model import Clause


def _normalise(text: str) -> str:
    lines = [line.rstrip() for line in unicodedata.normalize("NFC", text).strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out)


_TEXTS: dict[tuple[int, str], tuple[Clause, str]] = {}


def clause_text(clause: Clause, language: str) -> str:
    """Return the normalised reviewable text of `clause` in `language` ('' if it has none).

    Clauses are immutable, so the text is worked out once per clause object and language.
    """
    cached = _TEXTS.get((id(clause), language))
    if cached is not None and cached[0] is clause:
        return cached[1]
    text = _clause_text(clause, language)
    _TEXTS[(id(clause), language)] = (clause, text)
    return text


def _clause_text(clause: Clause, language: str) -> str:
    if language not in clause.text:
        return ""
    parts = [
        f"Title: {clause.title.get(language, '')}",
        f"Applies when: {clause.applies_when or 'always'}",
        "",
        clause.text[language],
    ]
    for alternative in clause.alternatives:
        title = (alternative.title or {}).get(language)
        parts += ["", f"Variant {alternative.name} (when {alternative.when})"]
        if title:
            parts.append(f"Title: {title}")
        parts += ["", alternative.text.get(language, "")]
    for fallback in clause.fallbacks:
        parts += [
            "",
            f"Fallback {fallback.name}: {fallback.summary}",
            "",
            fallback.text.get(language, ""),
        ]
    for definition in clause.defines:
        parts += [
            "",
            f"Definition of \u201c{definition.term or '«' + str(definition.role) + '»'}\u201d",
            "",
            definition.text.get(language, ""),
        ]
    return _normalise("\n".join(parts))


def text_hash(text: str) -> str:
    """Return the sha256 of a normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
