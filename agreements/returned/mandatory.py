"""Clauses a draft may never lose: deleting one is a blocking issue, whatever else moved.

The clause files do not say which clauses are essential, so the list is kept here, in one
place, by clause id. A clause is mandatory *for a draft* when it is listed here and the
draft's kind of agreement selects it (the audit clause, for example, is not in an MoU).
"""

from __future__ import annotations

MANDATORY_CLAUSES: dict[str, str] = {
    "privileges-and-immunities": "the organisation's privileges and immunities are never waived",
    "dispute-settlement": "disputes go to arbitration, never to a national court",
    "audit": "the single audit principle: only the organisation's own auditors audit it",
    "name-and-emblem": "the organisation's name and emblem are used only with its approval",
}


def mandatory_reason(clause_id: str) -> str | None:
    """Return why a clause may not be deleted, or None when it may be."""
    return MANDATORY_CLAUSES.get(clause_id)
