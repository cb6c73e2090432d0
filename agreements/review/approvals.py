"""The approvals lock file (`clauses/approvals.yaml`), written only by the tool.

For each clause it records the approved version, and per language the approved text and
its hash, who approved it, when, and an optional note; earlier approvals are kept, so a
draft made from an older approved text can still be compared with today's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agreements.clauses.load import Library
from agreements.errors import LibraryError, UnreadableFileError, UsageError, YamlError
from agreements.review.canonical import clause_text, text_hash
from agreements.writer import write_text_file
from agreements.yamlsafe import load_yaml_file

LOCK_NAME = "approvals.yaml"
_HEADER = (
    "# Clause approvals, written by `agreements clauses approve`. Do not edit by hand:\n"
    "# `agreements clauses lint` reports any text whose hash no longer matches.\n"
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ApprovedText(_Model):
    """The approved text of one language and its sha256."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    text: str


class Approval(_Model):
    """One approval of one clause version."""

    version: int = Field(ge=1)
    approved_by: str = Field(min_length=1)
    date: dt.date
    note: str | None = None
    languages: dict[str, ApprovedText]


class ClauseApprovals(_Model):
    """The current approval of a clause and the earlier ones, newest first."""

    current: Approval
    earlier: list[Approval] = Field(default_factory=list)


class LockFile(_Model):
    """The whole lock file."""

    format: int = 1
    clauses: dict[str, ClauseApprovals] = Field(default_factory=dict)


class Status(StrEnum):
    """Review status of one clause in one language."""

    APPROVED = "approved"
    CHANGED = "changed since approval"
    NEVER = "never approved"
    DEPRECATED = "deprecated"


@dataclass(frozen=True)
class ClauseStatus:
    """The status of a clause in a language, with the approved text when there is one."""

    clause_id: str
    language: str
    status: Status
    approval: Approval | None
    approved_text: str | None
    current_text: str


def lock_path(library: Library) -> Path:
    """Return the path of the library's lock file."""
    return library.root / "clauses" / LOCK_NAME


def read_lock(library: Library) -> LockFile:
    """Return the library's lock file (empty when there is none); raise if it is broken."""
    path = lock_path(library)
    if not path.exists():
        return LockFile()
    try:
        loaded = load_yaml_file(path, max_bytes=50_000_000)
        if loaded.problems:
            raise LibraryError("\n".join(p.format() for p in loaded.problems))
        return LockFile.model_validate(loaded.data or {})
    except (YamlError, UnreadableFileError) as exc:
        raise LibraryError(str(exc)) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise LibraryError(
            f"{path}: {where}: {first['msg']}; the lock file is written by "
            "`agreements clauses approve` and must not be edited by hand"
        ) from None


class _LiteralDumper(yaml.SafeDumper):
    """Writes multi-line texts as literal blocks, so the lock file reads like the clauses."""


def _literal(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LiteralDumper.add_representer(str, _literal)


def dump_lock(lock: LockFile) -> str:
    """Return the text of the lock file; reading it back gives an equal `LockFile`."""
    data: dict[str, Any] = lock.model_dump(mode="json", exclude_none=True)
    return _HEADER + yaml.dump(
        data, Dumper=_LiteralDumper, sort_keys=True, allow_unicode=True, width=100
    )


def write_lock(library: Library, lock: LockFile) -> Path:
    """Write the lock file atomically and return its path."""
    path = lock_path(library)
    write_text_file(path, dump_lock(lock), force=True)
    return path


def approve(
    library: Library,
    clause_ids: list[str],
    by: str,
    note: str | None,
    today: dt.date,
    lint_errors: dict[str, list[str]],
) -> list[str]:
    """Record the current text of the clauses as approved; return the ids approved.

    Refused, before anything is written, for an unknown clause or one that fails lint.
    """
    unknown = [cid for cid in clause_ids if cid not in library.clauses]
    if unknown:
        raise UsageError(f"no clause has the id {', '.join(map(repr, unknown))}")
    failing = [cid for cid in clause_ids if lint_errors.get(cid)]
    if failing:
        details = "; ".join(f"{cid}: {lint_errors[cid][0]}" for cid in failing)
        raise UsageError(
            f"refusing to approve clauses that fail lint ({details}); "
            "fix them and run `agreements clauses lint`"
        )
    if not by.strip():
        raise UsageError("--by must name who approves")
    lock = read_lock(library)
    entries = dict(lock.clauses)
    for cid in clause_ids:
        clause = library.clauses[cid].clause
        languages = {}
        for language in sorted(clause.text):
            text = clause_text(clause, language)
            languages[language] = ApprovedText(sha256=text_hash(text), text=text)
        approval = Approval(
            version=clause.version,
            approved_by=by.strip(),
            date=today,
            note=note,
            languages=languages,
        )
        previous = entries.get(cid)
        earlier = [previous.current, *previous.earlier] if previous else []
        if (
            previous
            and previous.current.languages == languages
            and previous.current.version == clause.version
        ):
            earlier = previous.earlier  # re-approving the same text replaces the record
        entries[cid] = ClauseApprovals(current=approval, earlier=earlier)
    write_lock(library, LockFile(clauses=dict(sorted(entries.items()))))
    return clause_ids


def statuses(library: Library, lock: LockFile | None = None) -> list[ClauseStatus]:
    """Return the status of every clause in every language of the library."""
    lock = lock or read_lock(library)
    languages = sorted({lang for s in library.clauses.values() for lang in s.clause.text})
    out: list[ClauseStatus] = []
    for source in library.ordered():
        clause = source.clause
        entry = lock.clauses.get(clause.id)
        for language in languages:
            if language not in clause.text:
                continue
            current = clause_text(clause, language)
            approved = entry.current.languages.get(language) if entry else None
            if clause.deprecated:
                status = Status.DEPRECATED
            elif approved is None:
                status = Status.NEVER
            elif (
                approved.sha256 == text_hash(current)
                and entry is not None
                and entry.current.version == clause.version
            ):
                status = Status.APPROVED
            else:
                status = Status.CHANGED
            out.append(
                ClauseStatus(
                    clause.id,
                    language,
                    status,
                    entry.current if entry else None,
                    approved.text if approved else None,
                    current,
                )
            )
    return out


def tampered(lock: LockFile) -> list[tuple[str, str]]:
    """Return (clause id, language) of approved texts whose hash does not match the text."""
    found = []
    for cid, entry in lock.clauses.items():
        for approval in (entry.current, *entry.earlier):
            for language, approved in approval.languages.items():
                if text_hash(approved.text) != approved.sha256:
                    found.append((cid, language))
    return found


def approved_text_by_hash(lock: LockFile, clause_id: str, language: str, sha256: str) -> str | None:
    """Return an approved text of the clause with this hash, from any approval, or None."""
    entry = lock.clauses.get(clause_id)
    if entry is None:
        return None
    for approval in (entry.current, *entry.earlier):
        approved = approval.languages.get(language)
        if approved is not None and sha256 and approved.sha256.startswith(sha256):
            return approved.text
    return None
