"""What the reviewer commands print: clause tables, one clause in full, and lint runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from agreements.clauses.load import Library, load_library
from agreements.errors import UsageError
from agreements.spec.models import AgreementKind


def clause_rows(
    library: Path | None, *, topic: str | None, kind: str | None
) -> list[dict[str, Any]]:
    """Return one row per clause (in agreement order), filtered by topic and kind."""
    from agreements.clauses.kinds import can_apply

    loaded = load_library(library)
    chosen_kind = None
    if kind is not None:
        try:
            chosen_kind = AgreementKind(kind)
        except ValueError:
            allowed = ", ".join(k.value for k in AgreementKind)
            raise UsageError(f"unknown kind {kind!r}; choose one of: {allowed}") from None
    topics = {s.clause.topic for s in loaded.clauses.values()}
    if topic is not None and topic not in topics:
        raise UsageError(f"unknown topic {topic!r}; choose one of: {', '.join(sorted(topics))}")
    rows = []
    for source in loaded.ordered():
        clause = source.clause
        if topic is not None and clause.topic != topic:
            continue
        if chosen_kind is not None and not can_apply(clause, chosen_kind):
            continue
        rows.append(
            {
                "id": clause.id,
                "version": clause.version,
                "topic": clause.topic,
                "position": clause.position.value,
                "title": clause.title.get("en", ""),
                "applies when": clause.applies_when or "always",
            }
        )
    return rows


def nearest_id(clause_id: str, library: Library) -> str:
    """Return a hint naming the library's clause id nearest to `clause_id`."""
    import difflib

    close = difflib.get_close_matches(clause_id, list(library.clauses), n=1, cutoff=0.0)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return hint + " (`agreements clauses list` shows every id)"


def describe_clause(library: Path | None, clause_id: str, lang: str) -> str:
    """Return a clause printed in full for a reviewer."""
    loaded = load_library(library)
    source = loaded.clauses.get(clause_id)
    if source is None:
        raise UsageError(f"no clause has the id {clause_id!r}{nearest_id(clause_id, loaded)}")
    clause = source.clause
    if lang not in clause.text:
        raise UsageError(
            f"clause {clause_id!r} has no {lang!r} text; it has: {', '.join(sorted(clause.text))}"
        )
    lines = [
        f"{clause.id}@{clause.version}  {clause.title.get(lang, '')}",
        f"file:        {source.path}",
        f"topic:       {clause.topic}",
        f"position:    {clause.position.value} (order {clause.order})",
        f"applies when: {clause.applies_when or 'always'}",
    ]
    if clause.requires:
        lines.append(f"requires:    {', '.join(clause.requires)}")
    if clause.excludes:
        lines.append(f"excludes:    {', '.join(clause.excludes)}")
    lines += ["", clause.text[lang].rstrip()]
    for alternative in clause.alternatives:
        lines += [
            "",
            f"--- alternative {alternative.name!r} when {alternative.when}",
            alternative.text.get(lang, "(no text in this language)").rstrip(),
        ]
    for fallback in clause.fallbacks:
        lines += [
            "",
            f"--- fallback {fallback.name!r} (terms.fallbacks.{clause.fallback_topic})"
            f": {fallback.summary}",
            fallback.text.get(lang, "").rstrip(),
        ]
    for definition in clause.defines:
        term = definition.term or f"«{definition.role}»"
        lines.append(f"  \u201c{term}\u201d {definition.text.get(lang, '')}")
    return "\n".join(lines)
