"""Reading a clause library from disk: every clause file, validated, with its location."""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from agreements.clauses.compiled import checked
from agreements.clauses.model import Clause, clause_sources
from agreements.errors import LibraryError, UnreadableFileError, YamlError
from agreements.formatting import counted
from agreements.library import Settings, load_settings, resolve_library
from agreements.problems import Problem, Severity
from agreements.yamlsafe import LoadedYaml, load_yaml, read_text

MAX_CLAUSE_BYTES = 200_000
RESERVED_FILES = frozenset({"settings.yaml", "approvals.yaml"})


@dataclass(frozen=True)
class ClauseSource:
    """A clause with the file it came from and the hash of that file."""

    clause: Clause
    path: Path
    sha256: str
    loaded: LoadedYaml


@dataclass
class Library:
    """A loaded clause library: its clauses by id, settings, version and load problems."""

    root: Path
    settings: Settings
    clauses: dict[str, ClauseSource] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    version: str = ""
    # Results derived from the files, computed once per process (e.g. approval statuses).
    derived: dict[str, object] = field(default_factory=dict, repr=False)

    def ordered(self) -> list[ClauseSource]:
        """Return the clauses in agreement order: by position, then order, then id."""
        from agreements.clauses.model import POSITION_ORDER

        return sorted(
            self.clauses.values(),
            key=lambda s: (POSITION_ORDER[s.clause.position], s.clause.order, s.clause.id),
        )

    def require_clean(self) -> None:
        """Raise `LibraryError` listing the load errors, so nothing drafts from a broken library."""
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        if errors:
            details = "\n".join(p.format() for p in errors[:20])
            raise LibraryError(
                f"the clause library {self.root} has {counted(len(errors), 'error')}; "
                f"run `agreements clauses lint`:\n{details}"
            )


def shown_path(path: Path) -> str:
    """Return `path` relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _problem(
    path: Path,
    code: str,
    message: str,
    fix: str = "",
    loaded: LoadedYaml | None = None,
    key: str = "",
) -> Problem:
    location = loaded.locate((key,)) if loaded is not None and key else None
    return Problem(shown_path(path), location, Severity.ERROR, code, key, message, fix)


def clause_files(root: Path) -> list[Path]:
    """Return the clause files under `root/clauses`, sorted, excluding settings and approvals."""
    folder = (root / "clauses").resolve()
    # Symbolic links, and anything that resolves outside the library, are never read.
    return sorted(
        p
        for p in folder.rglob("*.yaml")
        if p.name not in RESERVED_FILES
        and p.is_file()
        and not p.is_symlink()
        and p.resolve().is_relative_to(folder)
        and not any(
            parent.is_symlink()
            for parent in p.parents
            if parent != folder and parent.is_relative_to(folder)
        )
    )


def _clause_message(kind: str, message: str, where: str) -> str:
    if kind == "missing":
        return f"required field {where} is missing"
    if kind == "extra_forbidden":
        return f"unknown key {where.rsplit('.', 1)[-1]!r}"
    return message


def _load_one(path: Path, root: Path, library: Library) -> None:
    try:
        text = read_text(path, max_bytes=MAX_CLAUSE_BYTES)
        loaded = load_yaml(text, shown_path(path))
    except (YamlError, UnreadableFileError) as exc:
        problems = exc.problems if isinstance(exc, YamlError) else [exc.problem]
        library.problems.extend(problems)
        return
    library.problems.extend(loaded.problems)
    try:
        clause = Clause.model_validate(loaded.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False, include_input=False):
            where = ".".join(str(part) for part in error["loc"]) or "(file)"
            location = loaded.locate(tuple(error["loc"]))
            library.problems.append(
                Problem(
                    str(path),
                    location,
                    Severity.ERROR,
                    "L01",
                    where,
                    _clause_message(error["type"], str(error["msg"]), where),
                    "see the clause format in README",
                )
            )
        return
    relative = path.relative_to(root / "clauses")
    if clause.id != path.stem:
        library.problems.append(
            _problem(
                path,
                "L02",
                f"id {clause.id!r} differs from the file name {path.stem!r}",
                f"rename the file to {clause.id}.yaml or change the id",
                loaded,
                "id",
            )
        )
    if len(relative.parts) != 2 or clause.topic != relative.parts[0]:
        library.problems.append(
            _problem(
                path,
                "L03",
                f"topic {clause.topic!r} differs from its folder "
                f"{'/'.join(relative.parts[:-1]) or '(none)'!r}",
                f"move the file to clauses/{clause.topic}/",
                loaded,
                "topic",
            )
        )
    if clause.id in library.clauses:
        other = library.clauses[clause.id].path
        library.problems.append(
            _problem(
                path,
                "L02",
                f"duplicate clause id {clause.id!r}, also in {other}",
                "give each clause its own id",
                loaded,
                "id",
            )
        )
        return
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    library.clauses[clause.id] = ClauseSource(clause, path, digest, loaded)
    library.problems.extend(_unsafe_sources(clause, path, loaded))


def _unsafe_sources(clause: Clause, path: Path, loaded: LoadedYaml) -> Iterator[Problem]:
    """Yield an error for each condition or text that may not run (see `clauses.safety`):
    what lint refuses is refused at load, so an unlinted library cannot run it."""
    for where, source, expression in clause_sources(clause):
        if "{" not in source and not expression:
            continue  # plain text is never run through the template engine
        for violation in checked(source, expression=expression):
            key = tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", where) if p)
            location = loaded.locate(key)
            # No fix of its own: the same problem, found by lint's analysis, is reported once.
            yield Problem(
                shown_path(path),
                location,
                Severity.ERROR,
                violation.code,
                where,
                violation.message,
                "",
            )


def load_library(root: Path | None = None) -> Library:
    """Return the library at `root` (default: the built-in one) with its load problems."""
    folder = resolve_library(root).resolve()
    library = Library(folder, load_settings(folder))
    version = hashlib.sha256()
    # Loading builds many small objects that live as long as the library; pausing the
    # cyclic collector meanwhile keeps the cost per clause flat as libraries grow.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for path in clause_files(folder):
            _load_one(path, folder, library)
            version.update(str(path.relative_to(folder)).encode() + b"\0")
            version.update(path.read_bytes() if path.stat().st_size <= MAX_CLAUSE_BYTES else b"")
    finally:
        if collecting:
            gc.enable()
    library.version = version.hexdigest()[:12]
    return library
