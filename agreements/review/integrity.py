"""Checks of the approvals lock file that lint reports: a text edited by hand (L16), a
translation approved at an older version than the English approval (L26)."""

from __future__ import annotations

from agreements.clauses.load import Library, shown_path
from agreements.clauses.parity import language_name
from agreements.errors import LibraryError
from agreements.problems import Problem, Severity
from agreements.review.approvals import LockFile, approval_in, lock_path, read_lock, tampered
from agreements.review.status import Status, statuses


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
    return out_of_date(library, lock) + [
        problem(
            f"clauses.{cid}",
            f"the approved {language} text of {cid!r} does not match "
            "its recorded hash (edited by hand)",
            "restore the file, or approve the clause again",
        )
        for cid, language in tampered(lock)
    ]


def out_of_date(library: Library, lock: LockFile) -> list[Problem]:
    """Return an error (L26) for each translation approved at an older version than the
    clause's English approval: the English changed and no one has reviewed the translation
    against it since, so drafts in that language must not use it as approved."""
    found = []
    for item in statuses(library, lock):
        if item.status is not Status.OUT_OF_DATE or item.approval is None:
            continue
        source = library.clauses[item.clause_id]
        english = approval_in(lock.clauses[item.clause_id], "en")
        assert english is not None  # out of date means older than an English approval
        name = language_name(item.language)
        found.append(
            Problem(
                shown_path(source.path),
                source.loaded.locate(("text", item.language)),
                Severity.ERROR,
                "L26",
                f"text.{item.language}",
                f"the {name} text was approved at version {item.approval.version}, before the "
                f"English text's approval at version {english.version}: the translation is "
                "out of date",
                f"review the {name} text against the English, then `agreements clauses approve "
                f"{item.clause_id} --language {item.language} --by NAME`",
            )
        )
    return found
