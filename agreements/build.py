"""The pipeline in one place: six stages, each a plain function taking the last one's result.

    load_spec ─▶ select_clauses ─▶ plan_document ─▶ render_text ─▶ compose_docx ─▶ write_output
    (LoadedSpec)   (Selection)       (DocumentPlan)  (RenderedDocument)  (bytes)      (files)

`check` runs the stages that find problems in a spec (all but compose and write: a missing
value in a clause text shows only when the text is rendered); `build` runs all six.
Every command (validate, explain, generate, batch, lint's example check) goes through these.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from agreements.clauses.load import Library
from agreements.clauses.parity import language_name
from agreements.clauses.plan import DocumentPlan, plan_document
from agreements.clauses.render import RenderedDocument, render_text
from agreements.clauses.select import PlanIssue, select_clauses
from agreements.errors import LibraryError, SpecInvalidError
from agreements.load import load_spec
from agreements.output import Outputs, default_output, plan_outputs, write_output
from agreements.problems import Problem, ProblemSummary, sort_key
from agreements.rules import RULES
from agreements.spec.loaded import LoadedSpec

if TYPE_CHECKING:
    from agreements.provenance import Provenance


@dataclass(frozen=True)
class CheckedSpec(ProblemSummary):
    """A spec taken as far as it can go without Word: every problem, and the rendered text
    when there was no error in the spec itself. A bilingual agreement has its text in the
    second language in `translations`: the same plan, so the same articles and numbers."""

    loaded: LoadedSpec
    rendered: RenderedDocument | None
    problems: tuple[Problem, ...]
    translations: tuple[RenderedDocument, ...] = ()


@dataclass(frozen=True)
class BuiltDraft:
    """What `build` wrote, with the text it drafted and the warnings to show."""

    outputs: Outputs
    rendered: RenderedDocument
    warnings: tuple[Problem, ...]


def _issue_problems(file: str, issues: tuple[PlanIssue, ...]) -> list[Problem]:
    return [
        Problem(
            file,
            None,
            RULES[i.code].severity,
            i.code,
            f"clause {i.clause_id}" if i.clause_id else "terms.fallbacks",
            i.message,
            i.fix or RULES[i.code].fix,
        )
        for i in issues
    ]


def check(spec_path: Path, library: Library) -> CheckedSpec:
    """Return the checked spec: load → select → plan → render, stopping at the first stage
    whose input has errors, with every problem found on the way."""
    return check_loaded(load_spec(spec_path, library), library)


def check_loaded(loaded: LoadedSpec, library: Library) -> CheckedSpec:
    """Return the checked spec of one already loaded (see `check`): planned once, in its
    main language, and rendered in each of its languages."""
    if not loaded.is_draftable():
        return CheckedSpec(loaded, None, loaded.problems)
    library.require_clean()
    unwritten = _unwritten_languages(loaded, library)
    if unwritten:
        return CheckedSpec(
            loaded, None, tuple(sorted((*loaded.problems, *unwritten), key=sort_key))
        )
    plan = plan_document(select_clauses(loaded, library))
    assert loaded.spec is not None
    texts = [render_text(plan, language.value) for language in loaded.spec.agreement.languages]
    issues = plan.issues + tuple(i for text in texts for i in text.issues)
    found = _issue_problems(loaded.file, tuple(dict.fromkeys(issues)))
    problems = tuple(sorted((*loaded.problems, *found), key=sort_key))
    return CheckedSpec(loaded, texts[0], problems, tuple(texts[1:]))


def _unwritten_languages(loaded: LoadedSpec, library: Library) -> list[Problem]:
    """Return an error (C12) for each language of the spec the library is not written in:
    its settings do not declare it, so its clauses are not all translated and reviewed."""
    assert loaded.spec is not None
    declared = library.settings.library_languages
    return [
        Problem(
            loaded.file,
            loaded.positions.locate(("agreement", "language")),
            RULES["C12"].severity,
            "C12",
            "agreement.language",
            f"the clause library is not written in {language_name(language.value)} "
            f"({language.value!r}); its languages: {', '.join(declared)}",
            RULES["C12"].fix,
        )
        for language in loaded.spec.agreement.languages
        if language.value not in declared
    ]


def checked_text(spec_path: Path, library: Library) -> tuple[CheckedSpec, RenderedDocument]:
    """Return the checked spec and its rendered text; raise `SpecInvalidError` on errors."""
    checked = check(spec_path, library)
    if checked.rendered is None or checked.errors:
        raise SpecInvalidError(checked.errors)
    return checked, checked.rendered


def provenance_of(
    rendered: RenderedDocument, spec_sha256: str, approvals: dict[str, str]
) -> Provenance:
    """Return the provenance of a draft: each article as `id@version#hash` and its approval.

    The hash is that of the clause's reviewable text in the draft's language, so `inspect`
    can find the approved text a draft was made from.
    """
    # Imported here: checking a spec (validate) needs neither provenance nor review.
    from agreements.provenance import Provenance
    from agreements.review.canonical import clause_text, text_hash

    clauses = [c.planned.clause for c in rendered.clauses]
    return Provenance(
        spec_sha256,
        rendered.plan.selection.library.version,
        rendered.language,
        tuple(
            f"{c.id}@{c.version}#{text_hash(clause_text(c, rendered.language))[:16]}"
            for c in clauses
        ),
        tuple(approvals.get(c.id, "never approved") for c in clauses),
        rendered.plan.selection.loaded.decisions,
        rendered.plan.selection.spec.agreement.reference,
        tuple(p.legal_name for p in rendered.plan.selection.spec.parties),
    )


def template_path(library: Library) -> Path:
    """Return the master template of the library, or raise when it has none."""
    path = library.root / "templates" / "agreement.docx"
    if not path.is_file() or path.is_symlink():
        raise LibraryError(f"{path}: the library has no master template templates/agreement.docx")
    return path


def compose(
    rendered: RenderedDocument,
    spec_sha256: str,
    *,
    allow_unapproved: bool,
    translations: tuple[RenderedDocument, ...] = (),
) -> bytes:
    """Return the Word draft of rendered text, beside its `translations` for a bilingual
    agreement; refuse clauses legal has not approved in each language unless
    `allow_unapproved` (the draft then says so on its first page and at each clause)."""
    from docx.opc.exceptions import PackageNotFoundError  # Word libraries only when drafting

    from agreements.review.policy import enforce
    from agreements.word.compose import compose_docx

    library = rendered.plan.selection.library
    template = template_path(library)
    languages = (rendered.language, *(t.language for t in translations))
    approvals = enforce(
        rendered.plan, library, allow_unapproved=allow_unapproved, languages=languages
    )
    provenance = provenance_of(rendered, spec_sha256, approvals)
    try:
        return compose_docx(rendered, template, provenance, translations)
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise LibraryError(f"{template}: not a usable Word template ({exc})") from None


def build(
    spec_path: Path,
    library: Library,
    output: Path | None = None,
    *,
    force: bool = False,
    pdf: bool = False,
    allow_unapproved: bool = False,
) -> BuiltDraft:
    """Run the whole pipeline for one spec and return what was written.

    Outputs are checked before any work and written atomically, so a failure never leaves
    a partial file and an existing file is kept unless `force`.
    """
    checked, rendered = checked_text(spec_path, library)
    spec = rendered.plan.selection.spec
    outputs = plan_outputs(output or default_output(spec.agreement.reference), pdf=pdf, force=force)
    data = compose(
        rendered,
        checked.loaded.sha256,
        allow_unapproved=allow_unapproved,
        translations=checked.translations,
    )
    return BuiltDraft(write_output(data, outputs, force=force), rendered, tuple(checked.warnings))


__all__ = [
    "DocumentPlan",
    "build",
    "check",
    "compose",
    "load_spec",
    "plan_document",
    "render_text",
    "select_clauses",
    "write_output",
]
