"""The review pack: a Word document legal reviewers read, with changes as tracked changes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from agreements.clauses.analyse import analyse_clause
from agreements.clauses.load import ClauseSource, Library
from agreements.errors import LibraryError, UsageError
from agreements.formatting import counted
from agreements.review.approvals import ClauseStatus, Status, read_lock, statuses
from agreements.review.plain import plain_condition
from agreements.review.redline import Revisions, redline_paragraphs
from agreements.word.ooxml import paragraph, row, run, table, text_cell

TEMPLATE = "review-pack.docx"
_PLACEHOLDER = re.compile(r"\{\{\s*(?!\s|ref\()([^}|]+?)\s*(?:\|[^}]*)?\}\}")


@dataclass(frozen=True)
class PackChoice:
    """Which clauses a pack shows: only changed ones, all, or one topic."""

    changed_only: bool = False
    topic: str | None = None


def _status_line(items: list[ClauseStatus]) -> str:
    return "; ".join(f"{s.language}: {s.status.value}" for s in items)


def _approved_line(items: list[ClauseStatus]) -> str:
    approval = next((s.approval for s in items if s.approval), None)
    if approval is None:
        return "never"
    signed = f", signed by {approval.signer}" if approval.signer else ""
    return f"v{approval.version}, {approval.approved_by}, {approval.date.isoformat()}{signed}"


def _placeholders(source: ClauseSource, language: str) -> list[str]:
    texts = [source.clause.text.get(language, "")]
    texts += [a.text.get(language, "") for a in source.clause.alternatives]
    texts += [f.text.get(language, "") for f in source.clause.fallbacks]
    found: list[str] = []
    for text in texts:
        for match in _PLACEHOLDER.findall(text):
            if match not in found:
                found.append(match)
    return found


def _summary(groups: dict[str, list[ClauseStatus]], library: Library) -> list[str]:
    widths = [4.6, 1.8, 2.6, 3.6, 3.4]
    headers = ["Clause", "Version", "Topic", "Status", "Approved"]
    rows = [
        row([text_cell(w, h, bold=True) for h, w in zip(headers, widths, strict=True)], header=True)
    ]
    for cid, items in groups.items():
        clause = library.clauses[cid].clause
        values = [
            cid,
            str(clause.version),
            clause.topic,
            _status_line(items),
            _approved_line(items),
        ]
        rows.append(row([text_cell(w, v) for v, w in zip(values, widths, strict=True)]))
    return [
        paragraph("AnnexHeading", run("Summary of statuses"), keep_next=True),
        table(widths, rows),
    ]


def _clause_section(
    source: ClauseSource, items: list[ClauseStatus], revisions: Revisions
) -> list[str]:
    clause = source.clause
    facts = analyse_clause(clause)
    out = [
        paragraph(
            "AnnexSubheading",
            run(f"{clause.id} \u2014 {clause.title.get('en', '')}"),
            keep_next=True,
            page_break=True,
        )
    ]
    details = [
        ("Version", str(clause.version)),
        ("Topic", clause.topic),
        ("Position", clause.position.value.replace("_", " ")),
        ("Applies", plain_condition(clause.applies_when)),
        ("Placeholders", ", ".join(_placeholders(source, items[0].language)) or "none"),
        ("Cross-references", ", ".join(facts.refs) or "none"),
        ("Status", _status_line(items)),
        ("Last approval", _approved_line(items)),
    ]
    widths = [3.6, 12.4]
    out.append(
        table(
            widths,
            [
                row([text_cell(widths[0], k, bold=True), text_cell(widths[1], v)])
                for k, v in details
            ],
        )
    )
    for item in items:
        heading = f"Text ({item.language})"
        if item.status is Status.CHANGED and item.approved_text is not None:
            heading += ": changes since the last approval are shown as tracked changes"
            out.append(paragraph("AnnexSubheading", run(heading), keep_next=True))
            out.extend(
                redline_paragraphs(item.approved_text, item.current_text, revisions, "Recital")
            )
        else:
            out.append(paragraph("AnnexSubheading", run(heading), keep_next=True))
            out.extend(
                paragraph("Recital", run(line))
                for line in item.current_text.split("\n")
                if line.strip()
            )
    return out


def build_review_pack(library: Library, choice: PackChoice) -> tuple[bytes, int]:
    """Return the pack's bytes and the number of clauses it shows."""
    from agreements.word.package import package_bytes
    from agreements.word.template import render_template

    template = library.root / "templates" / TEMPLATE
    if not template.is_file() or template.is_symlink():
        raise LibraryError(f"{template}: the library has no review-pack template")
    lock = read_lock(library)
    groups: dict[str, list[ClauseStatus]] = {}
    for status in statuses(library, lock):
        groups.setdefault(status.clause_id, []).append(status)
    if choice.topic is not None:
        topics = {s.clause.topic for s in library.clauses.values()}
        if choice.topic not in topics:
            raise UsageError(
                f"unknown topic {choice.topic!r}; choose one of: {', '.join(sorted(topics))}"
            )
        groups = {
            c: s for c, s in groups.items() if library.clauses[c].clause.topic == choice.topic
        }
    if choice.changed_only:
        groups = {
            c: s
            for c, s in groups.items()
            if any(i.status in (Status.CHANGED, Status.NEVER) for i in s)
        }
    dates = [e.current.date for e in lock.clauses.values()]
    stamp = max(dates, default=dt.date(2026, 1, 1)).isoformat() + "T00:00:00Z"
    revisions = Revisions("Changes since approval", stamp)
    body = _summary(groups, library)
    for cid, items in groups.items():
        body.extend(_clause_section(library.clauses[cid], items, revisions))
    document = render_template(
        template,
        {
            "title": "Clause library review pack",
            "subtitle": (
                f"Library version {library.version}: {counted(len(groups), 'clause')} shown"
            ),
            "header": f"REVIEW PACK \u2014 clause library {library.version}",
        },
    )
    core = document.core_properties
    fixed = dt.datetime.fromisoformat(stamp.removesuffix("Z"))
    core.created = core.modified = fixed
    core.title = "Clause library review pack"
    core.last_modified_by = "agreements"
    return package_bytes(document, {"agreements.library_version": library.version}, body), len(
        groups
    )
