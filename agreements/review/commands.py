"""What the review commands do: approve, report statuses, write review packs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from agreements.clauses.lint import lint_library
from agreements.clauses.load import Library, shown_path
from agreements.problems import Severity
from agreements.review.approvals import Approval, Signing, approve, statuses
from agreements.review.pack import PackChoice, build_review_pack
from agreements.writer import write_bytes_atomic


def lint_errors_by_clause(library: Library) -> dict[str, list[str]]:
    """Return the lint error messages of each clause id (without the example check)."""
    by_file = {shown_path(s.path): cid for cid, s in library.clauses.items()}
    errors: dict[str, list[str]] = {}
    for problem in lint_library(library):
        cid = by_file.get(problem.file)
        if cid is not None and problem.severity is Severity.ERROR:
            errors.setdefault(cid, []).append(f"{problem.code} {problem.message}")
    return errors


def approve_clauses(
    library: Library,
    ids: list[str],
    by: str,
    note: str | None,
    approve_all: bool,
    signing: Signing | None = None,
) -> list[str]:
    """Approve the named clauses (or all with `approve_all`), signed when `signing` is
    given; return the ids approved."""
    chosen = sorted(library.clauses) if approve_all else ids
    errors = lint_errors_by_clause(library)
    return approve(library, chosen, by, note, dt.date.today(), errors, signing)


def status_rows(library: Library) -> list[dict[str, str]]:
    """Return one row per clause and language: id, version, language, status, approval."""
    rows = []
    for item in statuses(library):
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
