"""The annexes of a draft, in the order and with the numbers the plan decided.

Each annex starts on a new page with a heading "Annex N: Title" whose number is a bookmark,
so the clause texts' references to annexes are REF fields like those to articles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from agreements.formatting import format_date, format_money, format_range
from agreements.word.annex_tables import action, budget, bullets, goods
from agreements.word.measure import Column
from agreements.word.ooxml import paragraph, run
from agreements.word.tables import CellValue, grid, pairs
from agreements.words import words

if TYPE_CHECKING:
    from agreements.clauses.render import RenderedDocument


def _heading(number: int, title: str, bookmark: str, mark_id: int, language: str) -> str:
    number_run = (
        f'<w:bookmarkStart w:id="{mark_id}" w:name="{bookmark}"/>{run(str(number))}'
        f'<w:bookmarkEnd w:id="{mark_id}"/>'
    )
    return paragraph(
        "AnnexHeading",
        run(words("annex", language) + " ")
        + number_run
        + run(words("annex.colon", language) + title),
        keep_next=True,
        page_break=True,
    )


def _event(rendered: RenderedDocument) -> list[str]:
    spec, language = rendered.plan.selection.spec, rendered.language
    event = spec.event
    assert event is not None
    dates = format_range(event.start_date, event.end_date, language)
    rows: list[tuple[str, CellValue]] = [
        (words("event.name", language), event.name),
        (words("event.dates", language), dates),
        (words("event.venue", language), event.venue),
    ]
    if event.expected_participants:
        rows.append((words("event.participants", language), str(event.expected_participants)))
    if event.budget:
        amount = format_money(event.budget.amount, event.budget.currency, language)
        rows.append((words("event.budget", language), amount))
    return [pairs(rows)]


def _reports(rendered: RenderedDocument) -> list[str]:
    selection = rendered.plan.selection
    spec, language = selection.spec, rendered.language
    org = rendered.context.org.short_name
    reports = sorted(spec.terms.reports, key=lambda r: (r.due_date, r.title))
    rows: list[list[CellValue]] = []
    # An interim report covers the time since the end of the period of the report before it
    # of the same series (narrative, financial...); the last report of a series is the final
    # report, which covers the whole term from entry into force.
    last_end: dict[bool, dt.date] = {}
    series_last = {
        series: max(i for i, r in enumerate(reports) if r.financial_statement is series)
        for series in {r.financial_statement for r in reports}
    }
    for index, report in enumerate(reports):
        start = last_end.get(report.financial_statement)
        start = start + dt.timedelta(days=1) if start else spec.agreement.start_date
        if index == series_last[report.financial_statement]:
            start = spec.agreement.start_date
        last_end[report.financial_statement] = report.period_end
        final = index == max(
            (i for i, r in enumerate(reports) if r.financial_statement), default=-1
        )
        statement = words("no", language)
        if report.financial_statement:
            statement = words("certified" if final else "yes_interim", language)
        rows.append(
            [
                report.title,
                format_range(start, report.period_end, language),
                format_date(report.due_date, language),
                statement,
                org,
            ]
        )
    columns = [
        Column(words("reports.report", language)),
        Column(words("reports.period", language)),
        Column(words("due_date", language), whole=True),
        Column(words("reports.statement", language)),
        Column(words("reports.by", language)),
    ]
    return [grid(columns, rows)]


def _data(rendered: RenderedDocument) -> list[str]:
    language = rendered.language
    data = rendered.plan.selection.spec.terms.personal_data
    names = {p.id: p.short_name for p in rendered.context.parties}
    months = str(data.retention_months or "")
    retention = words("data.retention_months", language, months=months) if months else ""
    rows: list[tuple[str, CellValue]] = [
        (words("description", language), data.description or ""),
        (words("data.subjects", language), list(data.data_subjects)),
        (words("data.categories", language), list(data.data_categories)),
        (
            words("data.special", language),
            [words(f"special.{c.value}", language) for c in data.special_categories],
        ),
        (words("data.purposes", language), list(data.purposes)),
        (words("data.controller", language), names.get(data.controller or "", "")),
        (words("data.retention", language), retention),
        (words("data.recipients", language), list(data.recipients)),
    ]
    return [pairs(rows)]


def _emblem(rendered: RenderedDocument) -> list[str]:
    logos = rendered.plan.selection.spec.terms.names_and_logos
    approval = logos.approval
    assert approval is not None
    language = rendered.language
    rows: list[tuple[str, CellValue]] = [
        (words("emblem.uses", language), [use.rstrip(".;") for use in logos.uses]),
        (words("emblem.reference", language), approval.reference),
        (words("emblem.by", language), approval.approved_by),
        (words("emblem.date", language), format_date(approval.date, language)),
        (words("emblem.until", language), format_date(approval.valid_until, language)),
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
    spec, language = rendered.plan.selection.spec, rendered.language
    names = {p.id: p.short_name for p in rendered.context.parties}
    rows: list[list[CellValue]] = [
        [
            words(f"risk.{r.category.value}", language),
            r.description,
            names.get(r.owner, r.owner),
            r.mitigation,
        ]
        for r in spec.risks
    ]
    columns = [
        Column(words("risks.category", language)),
        Column(words("description", language)),
        Column(words("risks.owner_mou" if rendered.context.is_mou else "risks.owner", language)),
        Column(words("risks.mitigation", language)),
    ]
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
    for index, annex in enumerate(rendered.context.annexes):
        mark_id = first_bookmark_id + index
        out.append(_heading(annex.number, annex.title, annex.bookmark, mark_id, rendered.language))
        out.extend(_WRITERS[annex.key](rendered))
    return out
