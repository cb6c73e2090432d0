"""Draft policy: a draft never silently carries clause text that legal has not approved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.errors import UnapprovedClausesError
from agreements.formatting import counted
from agreements.review.approvals import LockFile, read_lock
from agreements.review.status import Status, status_in

if TYPE_CHECKING:
    from agreements.clauses.load import Library
    from agreements.clauses.plan import DocumentPlan


def approval_statuses(
    plan: DocumentPlan, library: Library, language: str | None = None
) -> dict[str, Status]:
    """Return the approval status of every planned clause in `language` (default: the
    draft's main language); a clause without an approval in it is never approved.

    Only the planned clauses are judged, each once per loaded library: a batch drafts many
    specs from one library, and a draft needs none of the other clauses' statuses."""
    language = language or plan.language
    known = library.derived.setdefault("approval-statuses", {})
    assert isinstance(known, dict)
    lock = library.derived.get("approvals-lock")
    if lock is None:
        lock = library.derived["approvals-lock"] = read_lock(library)
    assert isinstance(lock, LockFile)
    found: dict[str, Status] = {}
    for planned in plan.clauses:
        cid = planned.clause.id
        if (cid, language) not in known:
            known[(cid, language)] = status_in(library, cid, language, lock)
        found[cid] = known[(cid, language)]
    return found


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
