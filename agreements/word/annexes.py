"""The annexes of a draft, in the order and with the numbers the plan decided.

Each annex starts on a new page with a heading "Annex N: Title" whose number is a bookmark,
so the clause texts' references to annexes are REF fields like those to articles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from agreements.formatting import format_date, format_money
from agreements.word.annex_tables import action, budget, bullets, goods
from agreements.word.measure import Column
from agreements.word.ooxml import paragraph, run
from agreements.word.tables import CellValue, grid, pairs

if TYPE_CHECKING:
    from agreements.clauses.render import RenderedDocument


def _heading(number: int, title: str, bookmark: str, mark_id: int) -> str:
    number_run = (
        f'<w:bookmarkStart w:id="{mark_id}" w:name="{bookmark}"/>{run(str(number))}'
        f'<w:bookmarkEnd w:id="{mark_id}"/>'
    )
    return paragraph(
        "AnnexHeading",
        run("Annex ") + number_run + run(f": {title}"),
        keep_next=True,
        page_break=True,
    )


def _event(rendered: RenderedDocument) -> list[str]:
    spec, language = rendered.plan.selection.spec, rendered.language
    event = spec.event
    assert event is not None
    dates = format_date(event.start_date, language)
    if event.end_date != event.start_date:
        dates += f" to {format_date(event.end_date, language)}"
    rows: list[tuple[str, CellValue]] = [
        ("Name", event.name),
        ("Dates", dates),
        ("Venue", event.venue),
    ]
    if event.expected_participants:
        rows.append(("Expected participants", str(event.expected_participants)))
    if event.budget:
        rows.append(("Budget", format_money(event.budget.amount, event.budget.currency, language)))
    return [pairs(rows)]


def _reports(rendered: RenderedDocument) -> list[str]:
    selection = rendered.plan.selection
    spec, language = selection.spec, rendered.language
    org = selection.context.org.short_name
    reports = sorted(spec.terms.reports, key=lambda r: (r.due_date, r.title))
    rows: list[list[CellValue]] = []
    # A report covers the time since the end of the period of the report before it of the
    # same series (narrative, financial...), not the whole agreement again.
    last_end: dict[bool, dt.date] = {}
    for index, report in enumerate(reports):
        start = last_end.get(report.financial_statement)
        start = start + dt.timedelta(days=1) if start else spec.agreement.start_date
        last_end[report.financial_statement] = report.period_end
        final = index == max(
            (i for i, r in enumerate(reports) if r.financial_statement), default=-1
        )
        statement = "No"
        if report.financial_statement:
            statement = "Certified" if final else "Yes (interim)"
        rows.append(
            [
                report.title,
                f"{format_date(start, language)} to {format_date(report.period_end, language)}",
                format_date(report.due_date, language),
                statement,
                org,
            ]
        )
    columns = [
        Column("Report"),
        Column("Period covered"),
        Column("Due date", whole=True),
        Column("Financial statement"),
        Column("Submitted by"),
    ]
    return [grid(columns, rows)]


def _data(rendered: RenderedDocument) -> list[str]:
    spec = rendered.plan.selection.spec
    data = spec.terms.personal_data
    names = {p.id: p.short_name for p in spec.parties}
    retention = f"{data.retention_months} months after collection" if data.retention_months else ""
    rows: list[tuple[str, CellValue]] = [
        ("Description", data.description or ""),
        ("Persons concerned", list(data.data_subjects)),
        ("Categories of data", list(data.data_categories)),
        (
            "Special categories",
            [c.value.replace("_", " ").capitalize() for c in data.special_categories],
        ),
        ("Purposes", list(data.purposes)),
        ("Controller", names.get(data.controller or "", "")),
        ("Retention", retention),
        ("Recipients", list(data.recipients)),
    ]
    return [pairs(rows)]


def _emblem(rendered: RenderedDocument) -> list[str]:
    logos = rendered.plan.selection.spec.terms.names_and_logos
    approval = logos.approval
    assert approval is not None
    language = rendered.language
    rows: list[tuple[str, CellValue]] = [
        ("Approved uses", [use.rstrip(".;") for use in logos.uses]),
        ("Approval reference", approval.reference),
        ("Approved by", approval.approved_by),
        ("Date of approval", format_date(approval.date, language)),
        ("Valid until", format_date(approval.valid_until, language)),
    ]
    return [pairs(rows)]


def _conditions(rendered: RenderedDocument) -> list[str]:
    from agreements.clauses.annexes import screened_with_conditions

    out: list[str] = []
    for party in screened_with_conditions(rendered.plan.selection.spec):
        record = party.due_diligence
        assert record is not None
        out.append(paragraph("AnnexSubheading", run(party.short_name), keep_next=True))
        out.extend(bullets(list(dict.fromkeys(record.conditions))))  # each condition once
    return out


def _risks(rendered: RenderedDocument) -> list[str]:
    spec = rendered.plan.selection.spec
    names = {p.id: p.short_name for p in spec.parties}
    rows: list[list[CellValue]] = [
        [
            r.category.value.replace("_", " ").capitalize(),
            r.description,
            names.get(r.owner, r.owner),
            r.mitigation,
        ]
        for r in spec.risks
    ]
    columns = [Column("Category"), Column("Description"), Column("Owner"), Column("Mitigation")]
    return [grid(columns, rows)]


_WRITERS: dict[str, Callable[[RenderedDocument], list[str]]] = {
    "action": action,
    "budget": budget,
    "goods": goods,
    "event": _event,
    "reports": _reports,
    "data": _data,
    "emblem": _emblem,
    "conditions": _conditions,
    "risks": _risks,
}


def annexes(rendered: RenderedDocument, first_bookmark_id: int) -> list[str]:
    """Return the paragraphs and tables of every annex the plan decided, each under its
    numbered heading; bookmark ids start at `first_bookmark_id` (after the articles')."""
    out: list[str] = []
    for index, annex in enumerate(rendered.plan.selection.context.annexes):
        out.append(_heading(annex.number, annex.title, annex.bookmark, first_bookmark_id + index))
        out.extend(_WRITERS[annex.key](rendered))
    return out
