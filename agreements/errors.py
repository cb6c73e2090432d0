"""The one exception hierarchy of the engine.

Each error's message is shown to users as it is: it names the bad value, where it is, and
the fix. The engine never decides exit codes; the CLI maps these types to codes in one place
(`agreements.cli.exit_codes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agreements.problems import Problem


class AgreementsError(Exception):
    """Base of every error the engine raises on purpose; its message is shown to users."""


class UsageError(AgreementsError):
    """A command was called wrongly: a missing file, a directory, a bad option value."""


class NoLibraryError(UsageError):
    """A folder given as the clause library is not one (a usage error: the path is wrong)."""


class UnreadableFileError(AgreementsError):
    """A file cannot be read at all (encoding, size, binary, not a file)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


class UnreadableDocumentError(AgreementsError):
    """A Word file cannot be read safely: not a .docx, damaged, or built to exhaust memory
    (a zip bomb, entity expansion, parts larger than a draft ever has)."""


class ProblemsError(AgreementsError):
    """Base of the errors that carry located problems (each printed with its fix)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


class YamlError(ProblemsError):
    """A YAML file (spec, clause, settings or lock file) is unsafe or cannot be parsed."""


class SpecInvalidError(ProblemsError):
    """A spec has errors; carries every problem found. Raised only for specs."""


class LibraryError(AgreementsError):
    """The clause library, its settings, lock file or master template are broken."""


class UnapprovedClausesError(AgreementsError):
    """A draft would use clause text that legal has not approved."""


class OutputError(AgreementsError):
    """An output file cannot be written safely (exists, is a directory, folder missing)."""


class PdfError(AgreementsError):
    """LibreOffice is missing or could not convert a draft to PDF."""


class RegisterError(AgreementsError):
    """The agreement register cannot be opened or used: none is configured, the file is
    damaged or belongs to another application, or a record asked for does not exist."""
