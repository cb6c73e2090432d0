"""Validate several spec files and summarise the outcome for the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agreements.build import check
from agreements.clauses.load import load_library
from agreements.errors import SpecInvalidError, UnreadableFileError
from agreements.problems import Problem, Severity


@dataclass
class FileOutcome:
    """The problems of one file and whether it could be read at all."""

    file: str
    problems: list[Problem]
    readable: bool = True

    def is_valid(self, strict: bool) -> bool:
        """Return True when the file has no errors (and no warnings when strict)."""
        blocking = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return self.readable and not any(p.severity in blocking for p in self.problems)


@dataclass
class ValidationOutcome:
    """The outcome of `agreements validate` over several files."""

    files: list[FileOutcome] = field(default_factory=list)
    strict: bool = False

    @property
    def all_readable(self) -> bool:
        """Return True when every file could be read as a spec."""
        return all(f.readable for f in self.files)

    @property
    def all_valid(self) -> bool:
        """Return True when every file is valid (under `strict`, without warnings too)."""
        return all(f.is_valid(self.strict) for f in self.files)

    def to_text(self) -> str:
        """Return the report for people: each problem with its fix, then a summary line."""
        lines: list[str] = []
        for f in self.files:
            errors = sum(p.severity is Severity.ERROR for p in f.problems)
            warnings = len(f.problems) - errors
            if not f.readable:
                status = "unreadable"
            elif f.is_valid(self.strict):
                status = "valid"
            else:
                status = "invalid"
            counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
            lines.append(f"{f.file}: {status} ({counts})")
            lines.extend(p.format() for p in f.problems)
        good = sum(f.is_valid(self.strict) for f in self.files)
        lines.append(
            f"{_plural(len(self.files), 'file')} checked: {good} valid, "
            f"{len(self.files) - good} not valid"
        )
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {
            "valid": self.all_valid,
            "strict": self.strict,
            "files": [
                {
                    "file": f.file,
                    "readable": f.readable,
                    "valid": f.is_valid(self.strict),
                    "problems": [p.to_json() for p in f.problems],
                }
                for f in self.files
            ],
        }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def validate_files(paths: list[Path], library: Path | None, *, strict: bool) -> ValidationOutcome:
    """Return the outcome of checking every spec in `paths` against the library's rules."""
    loaded = load_library(library)
    outcome = ValidationOutcome(strict=strict)
    for path in paths:
        try:
            checked = check(path, loaded)
            outcome.files.append(FileOutcome(str(path), list(checked.problems)))
        except SpecInvalidError as exc:
            outcome.files.append(FileOutcome(str(path), exc.problems))
        except UnreadableFileError as exc:
            outcome.files.append(FileOutcome(str(path), [exc.problem], readable=False))
    return outcome
