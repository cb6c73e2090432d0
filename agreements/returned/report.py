"""The review of a returned draft for people: a Word report for the legal officer, with a
summary table and every changed part as real tracked changes, and a plain-text one."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from agreements.errors import LibraryError
from agreements.formatting import counted
from agreements.returned.model import PartReview, ReturnedReview, Status
from agreements.returned.sections import SectionKind
from agreements.review.redline import MAX_COMPARED_PAIRS, Revisions, redline_paragraphs
from agreements.word.ooxml import paragraph, row, run, table, text_cell
from agreements.word.package import package_bytes
from agreements.word.template import render_template

TEMPLATE = "review-pack.docx"
_AUTHOR = "Partner's changes (agreements review-returned)"
_STAMP = "2026-01-01T00:00:00Z"
_TOKENS = re.compile(r"\s+|[^\s]+")


def review_label(part: PartReview) -> str:
    """Return the legal-review column: "no", "yes" or "yes, blocking"."""
    if part.blocking:
        return "yes, blocking"
    return "yes" if part.needs_legal_review else "no"


def _heading(part: PartReview) -> str:
    return f"{part.name} {part.title}" if part.kind is SectionKind.ARTICLE else part.name


def _status(part: PartReview) -> str:
    label = part.status.label
    return f"{label}: {part.position}" if part.position else label


def summary_line(review: ReturnedReview) -> str:
    """Return one sentence counting the parts by what happened to them."""
    flagged = review.for_review()
    blocking = sum(p.blocking for p in flagged)
    counts = {s: sum(p.status is s for p in review.parts) for s in Status}
    needs = "needs" if len(flagged) == 1 else "need"
    pieces = [f"{len(flagged)} of {counted(len(review.parts), 'part')} {needs} legal review"]
    if blocking:
        pieces[0] += f" ({blocking} blocking)"
    for status in (Status.FORM_ONLY, Status.APPROVED_POSITION, Status.NOT_COMPARED):
        if counts[status]:
            pieces.append(f"{counts[status]} {status.label}")
    pieces.append(f"{counts[Status.UNCHANGED]} unchanged")
    return "; ".join(pieces) + "."


def _word_diff(old: str, new: str) -> str:
    """Return `new` with the words changed from `old` marked [-deleted-] and {+inserted+};
    changes separated only by a space are shown as one."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    if len(a) * len(b) > MAX_COMPARED_PAIRS:
        return f"[-{old}-]{{+{new}+}}"
    pieces: list[list[str]] = []  # [equal text] or [deleted, inserted]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(["".join(b[j1:j2])])
        elif len(pieces) >= 2 and len(pieces[-2]) == 2 and not pieces[-1][0].strip():
            space = pieces.pop()[0]
            pieces[-1][0] += space + "".join(a[i1:i2])
            pieces[-1][1] += space + "".join(b[j1:j2])
        else:
            pieces.append(["".join(a[i1:i2]), "".join(b[j1:j2])])
    out: list[str] = []
    for piece in pieces:
        if len(piece) == 1:
            out.append(piece[0])
            continue
        out.append(f"[-{piece[0]}-]" if piece[0] else "")
        out.append(f"{{+{piece[1]}+}}" if piece[1] else "")
    return "".join(out)


def paragraph_diff(old: tuple[str, ...], new: tuple[str, ...]) -> list[str]:
    """Return the changed paragraphs only: a changed one with its words marked, an added
    one as {+...+}, a removed one as [-...-]."""
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        out += [_word_diff(old[i1 + k], new[j1 + k]) for k in range(pairs)]
        out += [f"[-{text}-]" for text in old[i1 + pairs : i2]]
        out += [f"{{+{text}+}}" for text in new[j1 + pairs : j2]]
    return out


def text_report(review: ReturnedReview) -> list[str]:
    """Return the lines of the plain-text report: every part that is not unchanged, with
    why it needs legal review and a word-level diff, then the summary."""
    lines = [f"{review.file}: compared with {review.basis}"]
    lines += [f"  note: {note}" for note in review.notes]
    not_compared = [p.name for p in review.parts if p.status is Status.NOT_COMPARED]
    if not_compared:
        lines.append(
            "  not compared (no tracked change, and no --spec or --original to show untracked "
            f"edits): {', '.join(not_compared)}"
        )
    for part in review.parts:
        if part.status in (Status.UNCHANGED, Status.NOT_COMPARED) and not part.findings:
            continue
        review_flag = review_label(part)
        lines.append(
            f"{_heading(part)}: {_status(part)}; legal review: {review_flag}"
            + (f" (matched by {part.how})" if part.how else "")
        )
        lines += [f"    note: {note}" for note in part.notes]
        for finding in part.findings:
            flag = "BLOCKING " if finding.blocking else ""
            lines.append(f"    {flag}{finding.message}: {finding.excerpt!r}")
            lines.append(f"      fix: {finding.fix}")
        if part.status in (Status.CHANGED, Status.APPROVED_POSITION, Status.FORM_ONLY):
            lines += [f"    | {line}" for line in paragraph_diff(part.approved, part.returned)]
        if part.nearest:
            lines.append(f"    nearest approved wording: {part.nearest}")
    lines.append(summary_line(review))
    return lines


def _summary_table(review: ReturnedReview) -> str:
    widths = [3.4, 4.6, 5.0, 3.0]
    headers = ["Article", "Clause", "Status", "Legal review"]
    rows = [row([text_cell(w, h, bold=True) for h, w in zip(headers, widths, strict=True)])]
    for part in review.parts:
        article = f"Article {part.number}" if part.number and part.clause_id else part.name
        clause = f"{part.clause_id}: {part.title}" if part.clause_id else part.title
        values = [article, clause, _status(part), review_label(part)]
        rows.append(row([text_cell(w, v) for v, w in zip(values, widths, strict=True)]))
    rows[0] = rows[0].replace("<w:trPr><w:cantSplit/>", "<w:trPr><w:cantSplit/><w:tblHeader/>")
    return table(widths, rows)


def _part_section(part: PartReview, revisions: Revisions) -> list[str]:
    heading = f"{_heading(part)}: {_status(part)}"
    out = [paragraph("AnnexSubheading", run(heading), keep_next=True)]
    out.append(paragraph("Recital", run(f"Needs legal review: {review_label(part)}.")))
    if part.how:
        out.append(paragraph("Recital", run(f"Matched to its clause by {part.how}.")))
    for note in part.notes:
        out.append(paragraph("Recital", run(f"Note: {note}.")))
    for finding in part.findings:
        flag = "Blocking: " if finding.blocking else ""
        text = f"{flag}{finding.message} (\u201c{finding.excerpt}\u201d). Fix: {finding.fix}."
        out.append(paragraph("Notice", run(text)))
    out.append(
        paragraph(
            "Recital",
            run("The partner's version, as tracked changes against the approved text:"),
            keep_next=True,
        )
    )
    out += redline_paragraphs(
        "\n".join(part.approved), "\n".join(part.returned), revisions, "Recital"
    )
    if part.nearest and part.nearest_text:
        out.append(
            paragraph(
                "Recital",
                run(f"Against the nearest approved wording, {part.nearest}:"),
                keep_next=True,
            )
        )
        out += redline_paragraphs(
            "\n".join(part.nearest_text), "\n".join(part.returned), revisions, "Recital"
        )
    return out


def word_report(review: ReturnedReview, library_root: Path) -> bytes:
    """Return the Word report: summary, table of every part, then each part that is not
    unchanged with the partner's version as tracked changes (same input, same bytes)."""
    template = library_root / "templates" / TEMPLATE
    if not template.is_file() or template.is_symlink():
        raise LibraryError(f"{template}: the library has no review-pack template")
    revisions = Revisions(_AUTHOR, _STAMP)
    body = [paragraph("AnnexHeading", run("Summary"), keep_next=True)]
    body.append(paragraph("Recital", run(f"Compared with {review.basis}.")))
    body.append(paragraph("Recital", run(summary_line(review))))
    body += [paragraph("Recital", run(f"Note: {note}.")) for note in review.notes]
    for part in review.for_review():
        flag = "Blocking" if part.blocking else "Needs legal review"
        reasons = [f.message for f in part.findings] or [_status(part)]
        text = f"{flag}: {_heading(part)}: {'; '.join(reasons)}."
        body.append(paragraph("Notice" if part.blocking else "Recital", run(text)))
    body.append(_summary_table(review))
    shown = [p for p in review.parts if p.status is not Status.UNCHANGED or p.findings]
    shown = [p for p in shown if p.status is not Status.NOT_COMPARED]
    if shown:
        body.append(paragraph("AnnexHeading", run("Changes"), keep_next=True, page_break=True))
    for part in sorted(shown, key=lambda p: (not p.blocking, not p.needs_legal_review)):
        body += _part_section(part, revisions)
    name = Path(review.file).name
    document = render_template(
        template,
        {
            "title": "Review of a returned draft",
            "subtitle": f"{name}: {summary_line(review)}",
            "header": f"RETURNED DRAFT REVIEW \u2014 {name}",
        },
    )
    core = document.core_properties
    core.created = core.modified = dt.datetime(2026, 1, 1)
    core.title = f"Review of {name}"
    core.last_modified_by = "agreements"
    return package_bytes(document, {"agreements.review_of": name}, body)
