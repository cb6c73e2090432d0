"""`agreements clauses lint`: the clause files, the lock file, and the example specs.

This sits above the clause, review and pipeline packages because it uses all three: lint of
the files themselves (`clauses.lint`), the lock file's integrity (`review.integrity`), and
which clauses no example spec selects (the pipeline's `check`).
"""

from __future__ import annotations

from pathlib import Path

from agreements.build import check
from agreements.clauses.lint import lint_library
from agreements.clauses.load import Library, load_library, shown_path
from agreements.errors import AgreementsError, UsageError
from agreements.problems import Problem, Severity, sort_key
from agreements.review.integrity import lock_problems


def unused_clauses(library: Library, examples: list[Path]) -> list[Problem]:
    """Return a warning (L12) for each clause that no example spec selects."""
    selected: set[str] = set()
    for example in examples:
        try:
            checked = check(example, library)
        except AgreementsError:
            continue  # an unreadable example is the examples' problem, not the library's
        if checked.rendered is not None:
            selection = checked.rendered.plan.selection
            selected.update(d.clause_id for d in selection.selected())
    return [
        Problem(
            shown_path(source.path),
            source.loaded.locate(("applies_when",)),
            Severity.WARNING,
            "L12",
            "applies_when",
            "no example spec selects this clause",
            "add an example that needs it, or deprecate it",
        )
        for cid, source in sorted(library.clauses.items())
        if cid not in selected and not source.clause.deprecated
    ]


def lint_all(library: Library, examples: list[Path] | None = None) -> list[Problem]:
    """Return every problem of the library: its files, its lock file, and unused clauses."""
    problems = lint_library(library) + lock_problems(library)
    if examples and not any(p.severity is Severity.ERROR for p in problems):
        problems += unused_clauses(library, examples)
    return sorted(problems, key=sort_key)


def run_lint(library: Path | None, examples: Path | None) -> tuple[list[Problem], int]:
    """Return the lint problems of the library and how many clauses it has."""
    loaded = load_library(library)
    folder = examples if examples is not None else loaded.root / "examples"
    if examples is not None and not folder.is_dir():
        raise UsageError(f"{folder}: not a folder of example specs")
    specs = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    return lint_all(loaded, specs), len(loaded.clauses)
