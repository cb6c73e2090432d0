"""The one place where outcomes become exit codes.

0 success; 1 the input is wrong in substance (an invalid spec, a broken library, unapproved
clauses, a failed PDF conversion); 2 the command cannot run as called (usage, unreadable
file, an output that exists or cannot be written, a register that cannot be used); 3 a bug;
130 interrupted.
"""

from __future__ import annotations

from agreements.errors import (
    AgreementsError,
    OutputError,
    RegisterError,
    UnreadableDocumentError,
    UnreadableFileError,
    UsageError,
)

OK = 0
INVALID = 1
USAGE = 2
BUG = 3
INTERRUPTED = 130

_USAGE_ERRORS: tuple[type[AgreementsError], ...] = (
    UsageError,
    UnreadableFileError,
    UnreadableDocumentError,
    OutputError,
    RegisterError,
)


def exit_code_of(error: AgreementsError) -> int:
    """Return the exit code for an engine error."""
    return USAGE if isinstance(error, _USAGE_ERRORS) else INVALID


def os_error_code(error: OSError) -> int:
    """Return the exit code when the file system refuses a path the user gave (a name too
    long, a missing folder, no permission, a full disk): the command cannot run as called."""
    return USAGE


def validation_exit_code(all_readable: bool, all_valid: bool) -> int:
    """Return the exit code of `validate`: 2 if a file was unreadable, 1 if any is invalid."""
    if not all_readable:
        return USAGE
    return OK if all_valid else INVALID


def review_exit_code(needs_legal_review: bool) -> int:
    """Return the exit code of `review-returned`: 1 when any change needs legal review."""
    return INVALID if needs_legal_review else OK
