"""What the review commands do: approve, report statuses, write review packs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from agreements.clauses.lint import lint_library
from agreements.clauses.load import Library, shown_path
from agreements.errors import UsageError
from agreements.problems import Severity
from agreements.review.approvals import Approval, Signing, approve
from agreements.review.pack import PackChoice, build_review_pack
from agreements.review.status import library_languages, statuses
from agreements.writer import write_bytes_atomic


def _concerns(where: str, language: str, languages: set[str]) -> bool:
    """Return True when a problem at `where` (e.g. `text.fr`, `alternatives[0].title.es`)
    concerns `language`: it names that language, or names none (the clause as a whole)."""
    named = {part for part in where.replace("[", ".").split(".") if part in languages}
    return not named or language in named


def lint_errors_by_clause(library: Library, language: str = "en") -> dict[str, list[str]]:
    """Return the lint error messages of each clause id that concern `language` (without
    the example check): a missing or faulty translation never blocks approving English."""
    by_file = {shown_path(s.path): cid for cid, s in library.clauses.items()}
    languages = set(library_languages(library))
    errors: dict[str, list[str]] = {}
    for problem in lint_library(library):
        cid = by_file.get(problem.file)
        if (
            cid is not None
            and problem.severity is Severity.ERROR
            and _concerns(problem.path, language, languages)
        ):
            errors.setdefault(cid, []).append(f"{problem.code} {problem.message}")
    return errors


def approve_clauses(
    library: Library,
    ids: list[str],
    by: str,
    note: str | None,
    approve_all: bool,
    signing: Signing | None = None,
    language: str = "en",
) -> list[str]:
    """Approve the text in `language` of the named clauses (or, with `approve_all`, of
    every clause that has one), signed when `signing` is given; return the ids approved."""
    if language not in library_languages(library):
        known = ", ".join(library_languages(library))
        raise UsageError(f"the library has no language {language!r}; its languages: {known}")
    chosen = (
        sorted(cid for cid, s in library.clauses.items() if language in s.clause.text)
        if approve_all
        else ids
    )
    errors = lint_errors_by_clause(library, language)
    return approve(library, chosen, by, note, dt.date.today(), errors, signing, language)


def status_rows(library: Library, language: str | None = None) -> list[dict[str, str]]:
    """Return one row per clause and language (only `language`'s when given): id,
    version, language, status, and the approval of that language."""
    rows = []
    for item in statuses(library):
        if language is not None and item.language != language:
            continue
        approval = item.approval
        rows.append(
            {
                "id": item.clause_id,
                "version": str(library.clauses[item.clause_id].clause.version),
                "language": item.language,
                "status": item.status.value,
                "approved": _approved(approval) if approval else "",
            }
        )
    return rows


def _approved(approval: Approval) -> str:
    signed = f", signed by {approval.signer}" if approval.signer else ""
    return f"v{approval.version} by {approval.approved_by} on {approval.date.isoformat()}{signed}"


def write_review_pack(library: Library, output: Path, choice: PackChoice, force: bool) -> int:
    """Write the review pack to `output`; return how many clauses it shows."""
    data, count = build_review_pack(library, choice)
    write_bytes_atomic(output, data, force=force)
    return count
