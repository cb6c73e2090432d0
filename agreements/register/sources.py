"""Turning the files given to `register add` into records, each from a validated spec.

A spec (.yaml) is validated as `agreements validate` would (errors refuse it; warnings do
not) and its articles are those it selects from the library today. A draft (.docx) names
its spec by hash in its provenance: the spec must be given in the same command or already
be in the register, and the draft's own articles replace those the spec would select. A
draft does not carry its spec (it goes to partners; the spec holds the screening of them).
Every file is read and checked before anything is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from agreements.build import check_loaded, provenance_of
from agreements.clauses.load import Library
from agreements.errors import RegisterError, SpecInvalidError, UnreadableFileError, UsageError
from agreements.inspect import read_provenance
from agreements.load import load_spec_text
from agreements.problems import Problem
from agreements.register.record import AgreementRecord, DraftRecord, record_of, with_draft
from agreements.review.policy import approval_statuses
from agreements.yamlsafe import read_text

SPEC_SUFFIXES = (".yaml", ".yml")
DRAFT_SUFFIX = ".docx"

# Given a spec hash, return the (name, text) of a spec the register holds, or None.
StoredSpec = Callable[[str], tuple[str, str] | None]


def spec_record(text: str, name: str, library: Library) -> AgreementRecord:
    """Return the record of the spec `text`; raise `SpecInvalidError` if it has errors."""
    checked = check_loaded(load_spec_text(text, name, library), library)
    if checked.rendered is None or checked.errors:
        raise SpecInvalidError(list(checked.errors))
    rendered = checked.rendered
    statuses = approval_statuses(rendered.plan, library)
    approvals = {clause_id: status.value for clause_id, status in statuses.items()}
    provenance = provenance_of(rendered, checked.loaded.sha256, approvals)
    return record_of(checked, rendered, text, provenance)


def _split(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    specs: list[Path] = []
    drafts: list[Path] = []
    for path in paths:
        suffix = path.suffix.lower()
        if suffix in SPEC_SUFFIXES:
            specs.append(path)
        elif suffix == DRAFT_SUFFIX:
            drafts.append(path)
        else:
            raise UsageError(f"{path}: neither a spec (.yaml) nor a draft (.docx)")
    return specs, drafts


def _draft_spec(path: Path, properties: dict[str, str]) -> str:
    digest = properties.get("agreements.spec_sha256", "")
    if len(digest) != 64:
        raise UsageError(f"{path}: its provenance names no spec; it was not written by agreements")
    return digest


def _stored_record(
    path: Path, digest: str, library: Library, stored_spec: StoredSpec
) -> AgreementRecord:
    stored = stored_spec(digest)
    if stored is None:
        raise RegisterError(
            f"{path}: was drafted from a spec (sha256 {digest[:12]}...) that is neither given "
            f"here nor in the register; add the spec with it: agreements register add {path} "
            "SPEC.yaml"
        )
    return spec_record(stored[1], stored[0], library)


def read_records(
    paths: Iterable[Path], library: Library, stored_spec: StoredSpec
) -> list[AgreementRecord]:
    """Return one record per agreement version named by `paths` (specs and drafts).

    Raises `SpecInvalidError` with the problems of every invalid spec at once, and
    `RegisterError` for a draft whose spec is neither given nor in the register.
    """
    specs, drafts = _split(paths)
    records: dict[str, AgreementRecord] = {}
    problems: list[Problem] = []
    for path in specs:
        try:
            text = read_text(path)
            record = spec_record(text, str(path), library)
        except UnreadableFileError as exc:
            problems.append(exc.problem)
            continue
        except SpecInvalidError as exc:
            problems.extend(exc.problems)
            continue
        records.setdefault(record.spec_sha256, record)
    if problems:
        raise SpecInvalidError(problems)
    for path in drafts:
        properties = read_provenance(path)
        digest = _draft_spec(path, properties)
        record = records.get(digest) or _stored_record(path, digest, library, stored_spec)
        draft = DraftRecord(path.name, hashlib.sha256(path.read_bytes()).hexdigest())
        try:
            records[digest] = with_draft(record, properties, draft)
        except (KeyError, ValueError):
            raise UsageError(
                f"{path}: its provenance is incomplete; regenerate the draft"
            ) from None
    return list(records.values())
