"""The one exception hierarchy of the engine; the CLI maps each to a message and exit code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agreements.problems import Problem


class AgreementsError(Exception):
    """Base of every error the engine raises on purpose; its message is shown to users."""

    exit_code = 1


class UsageError(AgreementsError):
    """A command was called wrongly: a missing file, a directory, a bad option value."""

    exit_code = 2


class UnreadableFileError(AgreementsError):
    """A file cannot be read as a spec at all (encoding, size, binary, not YAML)."""

    exit_code = 2

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


class SpecInvalidError(AgreementsError):
    """A spec has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


class LibraryError(AgreementsError):
    """The clause library or its settings are broken."""


class OutputError(AgreementsError):
    """An output file cannot be written safely (exists, is a directory, folder missing)."""

    exit_code = 2
