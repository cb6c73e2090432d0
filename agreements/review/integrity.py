"""Checks of the approvals lock file that lint reports (rule L16)."""

from __future__ import annotations

from agreements.clauses.load import Library, shown_path
from agreements.errors import LibraryError
from agreements.problems import Problem, Severity
from agreements.review.approvals import lock_path, read_lock, tampered


def lock_problems(library: Library) -> list[Problem]:
    """Return a problem for an unreadable lock file, or for each approved text whose hash
    no longer matches (the file was edited by hand)."""
    path = shown_path(lock_path(library))

    def problem(where: str, message: str, fix: str) -> Problem:
        return Problem(path, None, Severity.ERROR, "L16", where, message, fix)

    try:
        lock = read_lock(library)
    except LibraryError as exc:
        return [problem("", str(exc), "restore the file from version control and approve again")]
    return [
        problem(
            f"clauses.{cid}",
            f"the approved {language} text of {cid!r} does not match "
            "its recorded hash (edited by hand)",
            "restore the file, or approve the clause again",
        )
        for cid, language in tampered(lock)
    ]
