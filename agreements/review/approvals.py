"""The approvals lock file (`clauses/approvals.yaml`), written only by the tool.

For each clause it records the approved version, and per language the approved text and
its hash, who approved it, when, and an optional note; earlier approvals are kept, so a
draft made from an older approved text can still be compared with today's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydantic
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agreements import diskcache
from agreements.clauses.load import Library
from agreements.clauses.parity import language_name
from agreements.errors import LibraryError, UnreadableFileError, UsageError, YamlError
from agreements.review.canonical import clause_text, text_hash
from agreements.review.signing import approval_message, sign
from agreements.writer import write_text_file
from agreements.yamlsafe import load_yaml_file, read_text

LOCK_NAME = "approvals.yaml"
_MAX_LOCK_BYTES = 50_000_000
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
    signature: str | None = Field(
        default=None, description="SSH signature of the approval (see review.signing)."
    )


class Approval(_Model):
    """One approval of one clause version."""

    version: int = Field(ge=1)
    approved_by: str = Field(min_length=1)
    date: dt.date
    note: str | None = None
    signer: str | None = Field(
        default=None, description="Principal of the key that signed, in allowed_signers."
    )
    languages: dict[str, ApprovedText]


class ClauseApprovals(_Model):
    """The current approval of a clause and the earlier ones, newest first."""

    current: Approval
    earlier: list[Approval] = Field(default_factory=list)


class LockFile(_Model):
    """The whole lock file."""

    format: int = 1
    clauses: dict[str, ClauseApprovals] = Field(default_factory=dict)


@dataclass(frozen=True)
class Signing:
    """How a reviewer signs approvals: the private key file and its principal (the name
    under which `clauses/allowed_signers` lists the public key)."""

    key: Path
    signer: str


def lock_path(library: Library) -> Path:
    """Return the path of the library's lock file."""
    return library.root / "clauses" / LOCK_NAME


def read_lock(library: Library) -> LockFile:
    """Return the library's lock file (empty when there is none); raise if it is broken.

    The lock file holds every approved text: a lock file read before, byte for byte, is
    taken from its authenticated JSON copy in the cache (see `diskcache`)."""
    path = lock_path(library)
    if not path.exists():
        return LockFile()
    key = _lock_key(path)
    if key is not None:
        body = diskcache.read("approvals", key)
        if body is not None:
            with suppress(ValueError):  # pydantic's ValidationError is a ValueError
                return LockFile.model_validate_json(body)
    lock = _parse_lock(path)
    if key is not None:
        body = lock.model_dump_json(exclude_unset=True).encode("utf-8")
        if LockFile.model_validate_json(body) == lock:
            diskcache.write("approvals", key, body)
    return lock


def _lock_key(path: Path) -> str | None:
    """Return the cache key of the lock file's exact bytes, or None (no cache)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    fingerprint = diskcache.fingerprint(
        f"approvals {pydantic.VERSION}", "agreements.review.approvals", "agreements.yamlsafe"
    )
    if not fingerprint or len(raw) > _MAX_LOCK_BYTES:
        return None
    return hashlib.sha256(fingerprint + raw).hexdigest()


def _parse_lock(path: Path) -> LockFile:
    try:
        loaded = load_yaml_file(path, max_bytes=_MAX_LOCK_BYTES)
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
    signing: Signing | None = None,
    language: str = "en",
) -> list[str]:
    """Record the current text of the clauses in `language` as approved; return the ids
    approved. A reviewer approves one language: the other languages' approvals are kept.

    Refused, before anything is written, for an unknown clause, one without a text in
    `language`, one that fails lint in that language, one whose text changed since its
    approval without a new version, or one whose file changed since the library was read.
    The lock file is read, changed and written under a file lock, so concurrent approvals
    of different clauses are all kept.
    """
    unknown = [cid for cid in clause_ids if cid not in library.clauses]
    if unknown:
        from agreements.clauses.listing import nearest_id

        raise UsageError(f"no clause has the id {unknown[0]!r}{nearest_id(unknown[0], library)}")
    untranslated = [cid for cid in clause_ids if language not in library.clauses[cid].clause.text]
    if untranslated:
        raise UsageError(
            f"{', '.join(repr(c) for c in untranslated)} "
            f"{'has' if len(untranslated) == 1 else 'have'} no {language!r} text to approve; "
            f"add text.{language} to the clause file first"
        )
    failing = [cid for cid in clause_ids if lint_errors.get(cid)]
    if failing:
        details = "; ".join(f"{cid}: {lint_errors[cid][0]}" for cid in failing)
        raise UsageError(
            f"refusing to approve clauses that fail lint ({details}); "
            "fix them and run `agreements clauses lint`"
        )
    if not by.strip():
        raise UsageError("--by must name who approves")
    with _locked(lock_path(library)):
        lock = read_lock(library)
        entries = dict(lock.clauses)
        for cid in clause_ids:
            entries[cid] = _approval_of(
                library, cid, language, (by.strip(), note, today), entries, signing
            )
        _unchanged_since_read(library, clause_ids)
        write_lock(library, LockFile(clauses=dict(sorted(entries.items()))))
    return clause_ids


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold the lock beside the lock file while the block reads and rewrites it."""
    from filelock import FileLock, Timeout

    try:
        with FileLock(f"{path}.lock", timeout=30):
            yield
    except Timeout:
        raise UsageError(
            f"{path} is being written by another approval; try again in a moment"
        ) from None


def _unchanged_since_read(library: Library, clause_ids: list[str]) -> None:
    """Raise when a clause file's bytes differ from those the library was loaded from (an
    editor saving it meanwhile): the text recorded must be the text that is on disk."""
    for cid in clause_ids:
        source = library.clauses[cid]
        try:
            now = hashlib.sha256(read_text(source.path).encode("utf-8")).hexdigest()
        except (UnreadableFileError, OSError):
            now = ""
        if now != source.sha256:
            raise UsageError(
                f"{source.path} changed while it was being approved; nothing was recorded. "
                "Check the clause and approve it again"
            )


def approval_in(entry: ClauseApprovals | None, language: str) -> Approval | None:
    """Return the newest approval of a clause that covers `language` (None if none does):
    each reviewer approves one language, so the newest approval may cover another one."""
    if entry is None:
        return None
    return next((a for a in (entry.current, *entry.earlier) if language in a.languages), None)


def _approval_of(
    library: Library,
    cid: str,
    language: str,
    who: tuple[str, str | None, dt.date],
    entries: dict[str, ClauseApprovals],
    signing: Signing | None,
) -> ClauseApprovals:
    by, note, today = who
    clause = library.clauses[cid].clause
    text = clause_text(clause, language)
    digest = text_hash(text)
    signature = None
    if signing is not None:
        message = approval_message(cid, clause.version, language, digest, by, today.isoformat())
        signature = sign(message, signing.key)
    approval = Approval(
        version=clause.version,
        approved_by=by,
        date=today,
        note=note,
        signer=signing.signer if signing else None,
        languages={language: ApprovedText(sha256=digest, text=text, signature=signature)},
    )
    previous = entries.get(cid)
    if previous is None:
        return ClauseApprovals(current=approval)
    last = approval_in(previous, language)
    history = [previous.current, *previous.earlier]
    if last is not None and last.version == clause.version:
        if last.languages[language].sha256 != digest:
            raise UsageError(
                f"the {language_name(language)} text of {cid!r} changed since version "
                f"{clause.version} was approved, but its version is still {clause.version}: "
                f"set `version: {clause.version + 1}` in the clause file, then approve"
            )
        # Re-approving the same text (to sign it, say) replaces that language's record.
        history = [_without(a, language) if a is last else a for a in history]
        history = [a for a in history if a.languages]
    return ClauseApprovals(current=approval, earlier=history)


def _without(approval: Approval, language: str) -> Approval:
    """Return `approval` no longer covering `language`."""
    kept = {k: v for k, v in approval.languages.items() if k != language}
    return approval.model_copy(update={"languages": kept})


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
