"""Review status of each clause in each language: approved, changed, never approved, or a
translation out of date (approved at an older version than the English approval)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from agreements.clauses.load import Library
from agreements.review.approvals import (
    Approval,
    ClauseApprovals,
    LockFile,
    approval_in,
    read_lock,
)
from agreements.review.canonical import clause_text, text_hash
from agreements.review.signing import ALLOWED_SIGNERS, approval_message, verify


class Status(StrEnum):
    """Review status of one clause in one language."""

    APPROVED = "approved"
    CHANGED = "changed since approval"
    NEVER = "never approved"
    DEPRECATED = "deprecated"
    UNSIGNED = "approval signature not verified"
    OUT_OF_DATE = "translation out of date"


@dataclass(frozen=True)
class ClauseStatus:
    """The status of a clause in a language, with the approved text when there is one."""

    clause_id: str
    language: str
    status: Status
    approval: Approval | None
    approved_text: str | None
    current_text: str


def library_languages(library: Library) -> list[str]:
    """Return the languages of the library's texts: those the settings declare, English
    first, then any other a clause has."""
    declared = list(library.settings.library_languages)
    found = {lang for s in library.clauses.values() for lang in s.clause.text}
    return declared + sorted(found - set(declared))


def _status(
    library: Library, clause_id: str, language: str, entry: ClauseApprovals | None
) -> Status:
    clause = library.clauses[clause_id].clause
    approval = approval_in(entry, language)
    english = approval_in(entry, "en")
    if clause.deprecated:
        return Status.DEPRECATED
    if approval is None:
        return Status.NEVER
    if language != "en" and english is not None and approval.version < english.version:
        return Status.OUT_OF_DATE
    current = clause_text(clause, language)
    if approval.languages[language].sha256 != text_hash(current) or (
        approval.version != clause.version
    ):
        return Status.CHANGED
    if library.settings.signed_approvals and not _signed(library, clause_id, language, approval):
        return Status.UNSIGNED
    return Status.APPROVED


def status_in(library: Library, clause_id: str, language: str, lock: LockFile) -> Status:
    """Return the status of one clause of the library in one language, as `statuses` gives
    it (never approved in a language the clause has no text in)."""
    if language not in library.clauses[clause_id].clause.text:
        return Status.NEVER
    return _status(library, clause_id, language, lock.clauses.get(clause_id))


def statuses(library: Library, lock: LockFile | None = None) -> list[ClauseStatus]:
    """Return the status of every clause in every language it has, each language judged by
    its own newest approval: a translation approved at an older version than the English
    approval is out of date."""
    lock = lock or read_lock(library)
    languages = library_languages(library)
    out: list[ClauseStatus] = []
    for source in library.ordered():
        clause = source.clause
        entry = lock.clauses.get(clause.id)
        for language in languages:
            if language not in clause.text:
                continue
            approval = approval_in(entry, language)
            approved = approval.languages[language] if approval else None
            out.append(
                ClauseStatus(
                    clause.id,
                    language,
                    _status(library, clause.id, language, entry),
                    approval,
                    approved.text if approved else None,
                    clause_text(clause, language),
                )
            )
    return out


def _signed(library: Library, clause_id: str, language: str, approval: Approval) -> bool:
    """Return True when the approval of `language` carries a signature that verifies
    against the library's allowed signers for the approval's signer."""
    approved = approval.languages[language]
    if approved.signature is None or approval.signer is None:
        return False
    message = approval_message(
        clause_id,
        approval.version,
        language,
        approved.sha256,
        approval.approved_by,
        approval.date.isoformat(),
    )
    allowed = library.root / "clauses" / ALLOWED_SIGNERS
    return verify(message, approved.signature, approval.signer, allowed)
