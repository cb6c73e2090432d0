"""Draft policy: a draft never silently carries clause text that legal has not approved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.errors import UnapprovedClausesError
from agreements.formatting import counted
from agreements.review.approvals import read_lock
from agreements.review.status import Status, statuses

if TYPE_CHECKING:
    from agreements.clauses.load import Library
    from agreements.clauses.plan import DocumentPlan


def approval_statuses(
    plan: DocumentPlan, library: Library, language: str | None = None
) -> dict[str, Status]:
    """Return the approval status of every planned clause in `language` (default: the
    draft's main language); a clause without an approval in it is never approved."""
    language = language or plan.language
    key = "approval-statuses"
    if key not in library.derived:  # a batch drafts many specs from one loaded library
        library.derived[key] = {
            (s.clause_id, s.language): s.status for s in statuses(library, read_lock(library))
        }
    known = library.derived[key]
    assert isinstance(known, dict)
    found = {cid: status for (cid, lang), status in known.items() if lang == language}
    return {c.clause.id: found.get(c.clause.id, Status.NEVER) for c in plan.clauses}


def draft_approvals(
    plan: DocumentPlan, library: Library, languages: tuple[str, ...]
) -> dict[str, str]:
    """Return each planned clause's approval as a draft records it: "approved" when its
    text is approved in every language of the draft, else what is not, e.g. "changed since
    approval", or for a bilingual draft "fr: translation out of date"."""
    by_language = {lang: approval_statuses(plan, library, lang) for lang in languages}
    out: dict[str, str] = {}
    for planned in plan.clauses:
        cid = planned.clause.id
        pending = [
            f"{lang}: {found[cid].value}" if len(languages) > 1 else found[cid].value
            for lang, found in by_language.items()
            if found[cid] is not Status.APPROVED
        ]
        out[cid] = "; ".join(pending) or Status.APPROVED.value
    return out


def enforce(
    plan: DocumentPlan,
    library: Library,
    *,
    allow_unapproved: bool,
    languages: tuple[str, ...] | None = None,
) -> dict[str, str]:
    """Return each clause's approval in the draft's languages (default: its main one), or
    raise listing the clauses whose text in one of them legal has not approved."""
    found = draft_approvals(plan, library, languages or (plan.language,))
    pending = {cid: status for cid, status in found.items() if status != Status.APPROVED.value}
    if pending and not allow_unapproved:
        listed = ", ".join(f"{cid} ({status})" for cid, status in pending.items())
        raise UnapprovedClausesError(
            f"the draft would use {counted(len(pending), 'clause')} that legal has not approved: "
            f"{listed}; have them approved (`agreements clauses approve`), or pass "
            "--allow-unapproved to draft with a notice on the first page"
        )
    return found
