"""Problems found in a spec or library: located, coded, explained, with a fix."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any, NamedTuple

PathKey = tuple[str | int, ...]
"""Where a value sits in a YAML document: keys and list positions, e.g. ("parties", 1, "name")."""


class Severity(StrEnum):
    """How serious a problem is: errors block a draft, warnings need acknowledgement."""

    ERROR = "error"
    WARNING = "warning"


class Location(NamedTuple):
    """A 1-based line and column in a file (a tuple: thousands are made per spec)."""

    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    """One finding, with everything a user needs to find and fix it."""

    file: str
    location: Location | None
    severity: Severity
    code: str
    path: str
    message: str
    fix: str

    def format(self) -> str:
        """Return the problem as `file:line:col: severity CODE path: message` plus a fix line."""
        where = self.file
        if self.location is not None:
            where = f"{self.file}:{self.location.line}:{self.location.column}"
        subject = f" {self.path}:" if self.path else ""
        text = f"{where}: {self.severity.value} {self.code}{subject} {self.message}"
        if self.fix:
            text += f"\n    fix: {self.fix}"
        return text

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary of the problem."""
        data = asdict(self)
        data["severity"] = self.severity.value
        data["line"] = self.location.line if self.location else None
        data["column"] = self.location.column if self.location else None
        del data["location"]
        return data


def sort_key(problem: Problem) -> tuple[str, int, int, str]:
    """Return the key that orders problems by file, then position, then code."""
    loc = problem.location or Location(0, 0)
    return (problem.file, loc.line, loc.column, problem.code)


def display_path(path: PathKey) -> str:
    """Return `path` as users read it, e.g. `parties[1].signatories[0].name`."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
            continue
        shown = step if step.isprintable() else step.encode("unicode_escape").decode("ascii")
        text += f".{shown}" if text else shown
    return text


class ProblemSummary:
    """Errors and warnings of an object that holds `problems` (a mixin for stage results)."""

    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that block a draft."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Return the problems that only need acknowledgement."""
        return [p for p in self.problems if p.severity is Severity.WARNING]
