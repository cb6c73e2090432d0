"""The review pack: a Word document legal reviewers read, with changes as tracked changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from agreements.clauses.analyse import analyse_clause
from agreements.clauses.load import ClauseSource, Library
from agreements.clauses.model import Clause
from agreements.errors import LibraryError, UsageError
from agreements.formatting import counted
from agreements.review.approvals import read_lock
from agreements.review.plain import plain_condition
from agreements.review.readable import fields, readable
from agreements.review.redline import Revisions, redline_paragraphs
from agreements.review.status import ClauseStatus, Status, library_languages, statuses
from agreements.word.measure import Column
from agreements.word.ooxml import paragraph, run
from agreements.word.tables import CellValue, grid, pairs

TEMPLATE = "review-pack.docx"
# What `--changed` shows: texts a reviewer has to read before they can be approved.
_TO_REVIEW = frozenset({Status.CHANGED, Status.NEVER, Status.OUT_OF_DATE})


@dataclass(frozen=True)
class PackChoice:
    """Which clauses a pack shows (only changed ones, all, or one topic) and in which
    language (None: every language the clause has)."""

    changed_only: bool = False
    topic: str | None = None
    language: str | None = None


def _title(clause: Clause, language: str) -> str:
    """Return the clause's title in the language a pack shows first (English if none)."""
    return clause.title.get(language) or clause.title.get("en", clause.id)


def _status_line(items: list[ClauseStatus]) -> str:
    if len({s.status for s in items}) == 1:  # the same in every language: say it once
        return items[0].status.value
    return "; ".join(f"{s.language}: {s.status.value}" for s in items)


def _approved_line(items: list[ClauseStatus]) -> str:
    """Return each language's own last approval (one reviewer approves one language)."""
    lines = []
    for item in items:
        approval = item.approval
        if approval is None:
            said = "never"
        else:
            signed = f", signed by {approval.signer}" if approval.signer else ""
            said = f"v{approval.version}, {approval.approved_by}, {approval.date.isoformat()}"
            said += signed
        lines.append(f"{item.language}: {said}" if len(items) > 1 else said)
    return "; ".join(lines)


def _placeholders(source: ClauseSource, language: str, library: Library) -> str:
    texts = [source.clause.text.get(language, "")]
    texts += [a.text.get(language, "") for a in source.clause.alternatives]
    texts += [f.text.get(language, "") for f in source.clause.fallbacks]
    return ", ".join(fields(texts, library)) or "none"


def _references(ids: list[str] | tuple[str, ...], library: Library) -> str:
    """Return the clauses a text refers to, each by title and id."""
    found = [library.clauses.get(cid) for cid in ids]
    return (
        ", ".join(
            f"{s.clause.title.get('en', cid)} ({cid})" if s else cid
            for cid, s in zip(ids, found, strict=True)
        )
        or "none"
    )


def _summary(groups: dict[str, list[ClauseStatus]], library: Library) -> list[str]:
    columns = [
        Column("Clause"),
        Column("Version", align="right", whole=True),
        Column("Topic"),
        Column("Status"),
        Column("Approved", whole=True),
    ]
    rows: list[list[CellValue]] = []
    for cid, items in groups.items():
        clause = library.clauses[cid].clause
        approval = next((s.approval for s in items if s.approval), None)
        status = _status_line(items) if len(items) > 1 else items[0].status.value
        rows.append(
            [
                f"{_title(clause, items[0].language)}\n{cid}",
                str(clause.version),
                clause.topic,
                status,
                approval.date.isoformat() if approval else "never",
            ]
        )
    return [
        paragraph("AnnexHeading", run("Summary of statuses"), keep_next=True),
        grid(columns, rows),
    ]


def _clause_section(
    source: ClauseSource, items: list[ClauseStatus], revisions: Revisions, library: Library
) -> list[str]:
    clause = source.clause
    facts = analyse_clause(clause)
    out = [
        paragraph(
            "AnnexSubheading",
            run(f"{_title(clause, items[0].language)} ({clause.id})"),
            keep_next=True,
            page_break=True,
        )
    ]
    details = [
        ("Version", str(clause.version)),
        ("Topic", clause.topic),
        ("Position", clause.position.value.replace("_", " ")),
        ("Applies", plain_condition(clause.applies_when)),
        ("Placeholders", _placeholders(source, items[0].language, library)),
        ("Cross-references", _references(facts.refs, library)),
        ("Status", _status_line(items)),
        ("Last approval", _approved_line(items)),
    ]
    out.append(pairs(details))
    for item in items:
        heading = f"Text ({item.language})"
        if item.status in _TO_REVIEW and item.approved_text is not None:
            heading += ": changes since the last approval are shown as tracked changes"
            out.append(paragraph("AnnexSubheading", run(heading), keep_next=True))
            approved, current = (
                readable(t, library) for t in (item.approved_text, item.current_text)
            )
            out.extend(redline_paragraphs(approved, current, revisions, "Recital"))
        else:
            out.append(paragraph("AnnexSubheading", run(heading), keep_next=True))
            out.extend(
                paragraph("Recital", run(line))
                for line in readable(item.current_text, library).split("\n")
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
        if choice.language is None or status.language == choice.language:
            groups.setdefault(status.clause_id, []).append(status)
    if choice.language is not None and choice.language not in library_languages(library):
        known = ", ".join(library_languages(library))
        raise UsageError(f"the library has no language {choice.language!r}; its languages: {known}")
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
        groups = {c: s for c, s in groups.items() if any(i.status in _TO_REVIEW for i in s)}
    dates = [e.current.date for e in lock.clauses.values()]
    stamp = max(dates, default=dt.date(2026, 1, 1)).isoformat() + "T00:00:00Z"
    revisions = Revisions("Changes since approval", stamp)
    body = _summary(groups, library)
    for cid, items in groups.items():
        body.extend(_clause_section(library.clauses[cid], items, revisions, library))
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
