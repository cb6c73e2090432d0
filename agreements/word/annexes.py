"""Annexes built from the spec as real Word tables, only those that apply."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from agreements.formatting import format_date, format_money
from agreements.spec.models import AgreementKind
from agreements.spec.money import FinancialContribution, InKindContribution, ServiceContribution
from agreements.word.ooxml import cell, paragraph, row, run, table, text_cell

if TYPE_CHECKING:
    from collections.abc import Callable

    from agreements.spec import PartnershipSpec

_TYPE_NAMES = {
    "financial": "Financial",
    "in_kind": "In kind",
    "services": "Services and expertise",
    "staff": "Staff",
    "facilities": "Facilities",
    "technical_tools": "Technical tools",
    "networks": "Networks",
}


def _table(
    headers: list[str], widths: list[float], rows: list[list[str]], bold_last: bool = False
) -> str:
    body = [
        row([text_cell(w, h, bold=True) for h, w in zip(headers, widths, strict=True)], header=True)
    ]
    for index, values in enumerate(rows):
        bold = bold_last and index == len(rows) - 1
        body.append(row([text_cell(w, v, bold=bold) for v, w in zip(values, widths, strict=True)]))
    return table(widths, body)


def _subheading(text: str) -> str:
    return paragraph("AnnexSubheading", run(text), keep_next=True)


def annexes(spec: PartnershipSpec, language: str) -> list[str]:
    """Return the paragraphs and tables of the annexes that apply, numbered in order."""
    # A memorandum records intentions: its annexes describe what each Participant intends to
    # bring and do, never a schedule that reads as a binding commitment.
    mou = spec.agreement.kind is AgreementKind.MOU
    writers: list[tuple[str, bool, Callable[[PartnershipSpec, str], list[str]]]] = [
        (
            "Intended contributions of the Participants" if mou else "Schedule of contributions",
            bool(spec.contributions),
            _contributions,
        ),
        ("Risk allocation matrix", bool(spec.risks), _risks),
        (
            "Intended activities of the Participants" if mou else "Responsibilities of the Parties",
            bool(spec.responsibilities),
            _responsibilities,
        ),
    ]
    out: list[str] = []
    number = 0
    for title, applies, writer in writers:
        if applies:
            number += 1
            out.append(
                paragraph(
                    "AnnexHeading",
                    run(f"Annex {number}: {title}"),
                    keep_next=True,
                    page_break=True,
                )
            )
            out.extend(writer(spec, language))
    return out


def _names(spec: PartnershipSpec) -> dict[str, str]:
    return {p.id: p.short_name for p in spec.parties}


def _value(contribution: Any, language: str) -> tuple[str, str]:
    if isinstance(contribution, FinancialContribution):
        amount = format_money(contribution.amount, contribution.currency, language)
        return amount, contribution.currency
    if isinstance(contribution, InKindContribution):
        currencies = {item.currency for item in contribution.items}
        if len(currencies) == 1:
            currency = currencies.pop()
            total = sum((i.quantity * i.unit_value for i in contribution.items), Decimal(0))
            return format_money(total, currency, language), currency
        return "see the items below", ", ".join(sorted(currencies))
    value = contribution.estimated_value
    if value is None:
        return "not valued", ""
    return "estimated " + format_money(value.amount, value.currency, language), value.currency


def _description(contribution: Any) -> str:
    if isinstance(contribution, FinancialContribution):
        parts = [(contribution.purpose or "Financial contribution").rstrip(".")]
        if contribution.earmarking is not None:
            parts.append(f"earmarking: {contribution.earmarking.value.replace('_', ' ')}")
        if contribution.support_cost_rate is not None:
            parts.append(f"programme support costs: {contribution.support_cost_rate}%")
        return "; ".join(parts)
    if isinstance(contribution, InKindContribution):
        return "; ".join(
            f"{item.quantity} {item.unit} \u00d7 {item.description}" for item in contribution.items
        )
    assert isinstance(contribution, ServiceContribution)
    return contribution.description


def _contributions(spec: PartnershipSpec, language: str) -> list[str]:
    names = _names(spec)
    rows = []
    for c in spec.contributions:
        amount, currency = _value(c, language)
        rows.append(
            [names.get(c.party, c.party), _TYPE_NAMES[c.type], _description(c), amount, currency]
        )
    out = [
        _table(
            ["Party", "Type", "Description", "Amount or value", "Currency"],
            [2.6, 2.4, 6.6, 3.0, 1.4],
            rows,
        )
    ]
    for financial in spec.financial():
        out.extend(_schedule(spec, financial, language))
    for in_kind in spec.in_kind():
        out.extend(_items(spec, in_kind, language))
    return out


def _schedule(spec: PartnershipSpec, c: FinancialContribution, language: str) -> list[str]:
    names = _names(spec)
    rows = [
        [str(n), format_date(i.date, language), format_money(i.amount, c.currency, language)]
        for n, i in enumerate(c.instalments, start=1)
    ]
    total = sum((i.amount for i in c.instalments), Decimal(0))
    rows.append(["", "Total", format_money(total, c.currency, language)])
    heading = (
        f"Payment schedule: {names.get(c.party, c.party)} to {names.get(c.recipient, c.recipient)}"
    )
    return [
        _subheading(heading),
        _table(["No.", "Due date", "Amount"], [1.5, 7.0, 7.5], rows, bold_last=True),
    ]


def _items(spec: PartnershipSpec, c: InKindContribution, language: str) -> list[str]:
    rows: list[list[str]] = []
    totals: dict[str, Decimal] = {}
    for item in c.items:
        value = item.quantity * item.unit_value
        totals[item.currency] = totals.get(item.currency, Decimal(0)) + value
        rows.append(
            [
                item.description,
                f"{item.quantity} {item.unit}",
                format_money(item.unit_value, item.currency, language),
                format_money(value, item.currency, language),
                item.valuation_basis,
            ]
        )
    for currency, total in sorted(totals.items()):
        rows.append(["Total", "", "", format_money(total, currency, language), ""])
    out = [
        _subheading(f"Goods given in kind by {_names(spec).get(c.party, c.party)}"),
        _table(
            ["Item", "Quantity", "Unit value", "Total value", "Valuation basis"],
            [5.0, 1.6, 2.8, 3.0, 3.6],
            rows,
            bold_last=True,
        ),
    ]
    if c.delivery_terms:
        out.append(paragraph("Recital", run(f"Delivery: {c.delivery_terms}")))
    return out


def _risks(spec: PartnershipSpec, language: str) -> list[str]:
    names = _names(spec)
    rows = [
        [
            r.category.value.replace("_", " ").capitalize(),
            r.description,
            names.get(r.owner, r.owner),
            r.mitigation,
        ]
        for r in spec.risks
    ]
    return [_table(["Category", "Description", "Owner", "Mitigation"], [2.8, 5.2, 2.2, 5.8], rows)]


def _responsibilities(spec: PartnershipSpec, language: str) -> list[str]:
    names = _names(spec)
    widths = [3.0, 13.0]
    body = [
        row(
            [
                text_cell(w, h, bold=True)
                for h, w in zip(["Party", "Responsibilities"], widths, strict=True)
            ],
            header=True,
        )
    ]
    for entry in spec.responsibilities:
        tasks = [paragraph("TableText", run(f"\u2022\t{task}")) for task in entry.tasks]
        body.append(
            row([text_cell(widths[0], names.get(entry.party, entry.party)), cell(widths[1], tasks)])
        )
    return [table(widths, body)]
