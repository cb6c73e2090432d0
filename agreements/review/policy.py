"""Draft policy: a draft never silently carries clause text that legal has not approved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.errors import UnapprovedClausesError
from agreements.formatting import counted
from agreements.review.approvals import Status, read_lock, statuses

if TYPE_CHECKING:
    from agreements.clauses.load import Library
    from agreements.clauses.plan import DocumentPlan


def approval_statuses(plan: DocumentPlan, library: Library) -> dict[str, Status]:
    """Return the approval status of every planned clause in the draft's language."""
    key = "approval-statuses"
    if key not in library.derived:  # a batch drafts many specs from one loaded library
        library.derived[key] = {
            (s.clause_id, s.language): s.status for s in statuses(library, read_lock(library))
        }
    known = library.derived[key]
    assert isinstance(known, dict)
    found = {cid: status for (cid, language), status in known.items() if language == plan.language}
    return {c.clause.id: found.get(c.clause.id, Status.NEVER) for c in plan.clauses}


def enforce(plan: DocumentPlan, library: Library, *, allow_unapproved: bool) -> dict[str, Status]:
    """Return the statuses, or raise listing the clauses that are not approved."""
    found = approval_statuses(plan, library)
    pending = {cid: status for cid, status in found.items() if status is not Status.APPROVED}
    if pending and not allow_unapproved:
        listed = ", ".join(f"{cid} ({status.value})" for cid, status in pending.items())
        raise UnapprovedClausesError(
            f"the draft would use {counted(len(pending), 'clause')} that legal has not approved: "
            f"{listed}; have them approved (`agreements clauses approve`), or pass "
            "--allow-unapproved to draft with a notice on the first page"
        )
    return found
