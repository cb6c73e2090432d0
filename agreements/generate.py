"""`agreements generate`: the whole pipeline from a spec file to a written draft."""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError

from agreements.clauses.load import Library
from agreements.clauses.plan import DocumentPlan, plan_document
from agreements.clauses.select import select_clauses
from agreements.errors import LibraryError, OutputError, SpecInvalidError
from agreements.problems import Problem, Severity
from agreements.validate import SpecReport, check_spec_file
from agreements.writer import check_target, write_bytes_atomic


@dataclass
class GeneratedDraft:
    """What `generate` wrote and what the user should know about it."""

    docx: Path
    pdf: Path | None
    plan: DocumentPlan
    warnings: list[Problem]


def default_output(reference: str, folder: Path = Path()) -> Path:
    """Return the default draft name for an agreement reference, e.g. ILO-PPP-2026-014.docx."""
    return folder / (re.sub(r"[^A-Za-z0-9._-]+", "_", reference) + ".docx")


def template_path(library: Library) -> Path:
    """Return the master template of the library, or raise when it has none."""
    path = library.root / "templates" / "agreement.docx"
    if not path.is_file() or path.is_symlink():
        raise LibraryError(f"{path}: the library has no master template templates/agreement.docx")
    return path


def checked_spec(spec_path: Path, library: Library) -> SpecReport:
    """Return the report of a spec that has no errors; raise `SpecInvalidError` otherwise."""
    report = check_spec_file(spec_path, library)
    if report.spec is None or report.errors:
        raise SpecInvalidError(report.errors)
    return report


def build_draft(
    report: SpecReport, library: Library, *, allow_unapproved: bool = False
) -> tuple[bytes, DocumentPlan]:
    """Return the bytes and the plan of the draft of a checked spec.

    Refuses clauses legal has not approved unless `allow_unapproved`; then the draft says
    so on its first page and at each such clause.
    """
    from agreements.review.policy import enforce
    from agreements.word.compose import compose_docx

    assert report.spec is not None
    library.require_clean()
    plan = report.plan or plan_document(select_clauses(report.spec, library))
    template = template_path(library)
    approvals = enforce(plan, library, allow_unapproved=allow_unapproved)
    try:
        return compose_docx(plan, report.sha256, template, approvals), plan
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise LibraryError(f"{template}: not a usable Word template ({exc})") from None


def generate(
    spec_path: Path,
    library: Library,
    output: Path | None,
    *,
    force: bool,
    pdf: bool,
    allow_unapproved: bool = False,
) -> GeneratedDraft:
    """Validate, plan, compose and write one draft (and its PDF); return what was written.

    Output paths are checked before any work, and written atomically, so a failure never
    leaves a partial file and an existing file is kept unless `force`.
    """
    report = checked_spec(spec_path, library)
    assert report.spec is not None
    target = output or default_output(report.spec.agreement.reference)
    pdf_target = target.with_suffix(".pdf") if pdf else None
    check_target(target, force=force)
    if pdf_target == target:
        raise OutputError(
            f"{target}: the draft and its PDF would have the same name; "
            "name the draft with -o NAME.docx"
        )
    if pdf_target is not None:
        check_target(pdf_target, force=force)
    data, plan = build_draft(report, library, allow_unapproved=allow_unapproved)
    warnings = [p for p in report.problems if p.severity is Severity.WARNING]
    written_pdf = None
    if pdf_target is not None:
        from agreements.pdf import convert_to_pdf

        with tempfile.TemporaryDirectory(prefix="agreements-pdf-") as tmp:
            staged = Path(tmp) / target.name
            staged.write_bytes(data)
            produced = convert_to_pdf([staged], Path(tmp))[0]
            write_bytes_atomic(target, data, force=force)
            write_bytes_atomic(pdf_target, produced.read_bytes(), force=force)
            written_pdf = pdf_target
    else:
        write_bytes_atomic(target, data, force=force)
    return GeneratedDraft(target, written_pdf, plan, warnings)
