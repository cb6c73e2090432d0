"""Reading a clause library from disk: every clause file, validated, with its location."""

from __future__ import annotations

import gc
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from agreements.clauses import stored
from agreements.clauses.compiled import checked
from agreements.clauses.model import Clause, clause_sources
from agreements.errors import LibraryError, UnreadableFileError, YamlError
from agreements.formatting import counted
from agreements.library import Settings, load_settings, resolve_library
from agreements.problems import Problem, Severity
from agreements.yamlsafe import LoadedYaml, decode_text, load_yaml, read_text

MAX_CLAUSE_BYTES = 200_000
RESERVED_FILES = frozenset({"settings.yaml", "approvals.yaml"})
_BOM = "\ufeff".encode()


@dataclass(frozen=True)
class ClauseSource:
    """A clause with the file it came from, the hash of that file and its text."""

    clause: Clause
    path: Path
    sha256: str
    text: str = field(repr=False, compare=False)
    parsed: LoadedYaml | None = field(default=None, repr=False, compare=False)

    @cached_property
    def loaded(self) -> LoadedYaml:
        """Return the file's data with the position of every key and value (parsed when
        first asked for, when the clause came from the stored library)."""
        if self.parsed is not None:
            return self.parsed
        return load_yaml(self.text, shown_path(self.path))


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
    # Symbolic links are never followed, to files or to folders (os.walk does not descend
    # into a linked folder), so nothing that resolves outside the library is read.
    found: list[Path] = []
    for top, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(top, name)
            if (
                fnmatch(name, "*.yaml")
                and name not in RESERVED_FILES
                and not os.path.islink(path)
                and os.path.isfile(path)
            ):
                found.append(Path(path))
    return sorted(found)


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
    library.clauses[clause.id] = ClauseSource(clause, path, digest, text, loaded)
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
    """Return the library at `root` (default: the built-in one) with its load problems.

    A library that loaded without problems before, with exactly the same files, comes from
    the stored library (`clauses.stored`); any other is read from its files."""
    folder = resolve_library(root).resolve()
    library = Library(folder, load_settings(folder))
    files = clause_files(folder)
    contents = _contents(folder, files)
    key = stored.content_key(contents) if contents is not None else None
    # Loading builds many small objects that live as long as the library; pausing the
    # cyclic collector meanwhile keeps the cost per clause flat as libraries grow.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if contents is None or key is None or not _from_store(library, files, contents, key):
            _from_files(library, files, contents, key)
    finally:
        if collecting:
            gc.enable()
    return library


def _contents(folder: Path, files: list[Path]) -> list[tuple[str, bytes]] | None:
    """Return each clause file's path relative to the library and its bytes, or None when
    one cannot be read or is too large (reading it file by file then says why)."""
    contents: list[tuple[str, bytes]] = []
    for path in files:
        try:
            with path.open("rb") as stream:
                raw = stream.read(MAX_CLAUSE_BYTES + 1)  # never more than a clause may hold
        except OSError:
            return None
        if len(raw) > MAX_CLAUSE_BYTES:
            return None
        contents.append((str(path.relative_to(folder)), raw))
    return contents


def _from_store(
    library: Library, files: list[Path], contents: list[tuple[str, bytes]], key: str
) -> bool:
    """Fill `library` from the stored library of exactly these files; return False (and
    leave it empty) when there is none, or when the files do not read as that entry says."""
    found = stored.read_stored(key, [relative for relative, _ in contents])
    if found is None:
        return False
    sources: dict[str, ClauseSource] = {}
    version = hashlib.sha256()
    for path, (relative, raw), (clause, sha256) in zip(files, contents, found, strict=True):
        try:
            text = decode_text(raw, str(path), max_bytes=MAX_CLAUSE_BYTES)
        except UnreadableFileError:
            return False
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha256 or clause.id in sources:
            return False
        sources[clause.id] = ClauseSource(clause, path, sha256, text)
        version.update(relative.encode() + b"\0" + raw)
    library.clauses.update(sources)
    library.version = version.hexdigest()[:12]
    return True


def _from_files(
    library: Library, files: list[Path], contents: list[tuple[str, bytes]] | None, key: str | None
) -> None:
    """Read every clause file of `library`, collecting its problems; keep the library in the
    store when there are none (`contents` and `key` are those of the files, read before)."""
    folder = library.root
    version = hashlib.sha256()
    for path in files:
        _load_one(path, folder, library)
        version.update(str(path.relative_to(folder)).encode() + b"\0")
        version.update(path.read_bytes() if path.stat().st_size <= MAX_CLAUSE_BYTES else b"")
    library.version = version.hexdigest()[:12]
    if not library.problems and contents is not None and key is not None:
        _keep(library, files, contents, key)


def _keep(library: Library, files: list[Path], contents: list[tuple[str, bytes]], key: str) -> None:
    """Store the clauses of `library` under `key` when each was read from exactly the bytes
    the key was made of (a file changed meanwhile is not stored)."""
    by_path = {source.path: source for source in library.clauses.values()}
    if len(by_path) != len(files):
        return
    entries: list[tuple[str, Clause, str]] = []
    for path, (relative, raw) in zip(files, contents, strict=True):
        source = by_path.get(path)
        if source is None or hashlib.sha256(raw.removeprefix(_BOM)).hexdigest() != source.sha256:
            return
        entries.append((relative, source.clause, source.sha256))
    stored.store(key, entries)
