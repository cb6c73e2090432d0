"""Annexes built from the spec as real Word tables, only those that apply."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.shared import Cm

from agreements.formatting import format_date, format_money
from agreements.spec.money import FinancialContribution, InKindContribution, ServiceContribution
from agreements.word.xml import add_text, page_break_before, styled_paragraph

if TYPE_CHECKING:
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
TEXT_WIDTH_CM = 16.0


def _table(document: Any, headers: list[str], widths: list[float]) -> Any:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for cell, header, width in zip(table.rows[0].cells, headers, widths, strict=True):
        cell.width = Cm(width)
        paragraph = cell.paragraphs[0]
        paragraph._p.style = "TableText"
        add_text(paragraph, header, bold=True)
    _repeat_header(table.rows[0])
    return table


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    trpr.append(header)


def _row(table: Any, values: list[str], widths: list[float], *, bold: bool = False) -> None:
    cells = table.add_row().cells
    for cell, value, width in zip(cells, values, widths, strict=True):
        cell.width = Cm(width)
        paragraph = cell.paragraphs[0]
        paragraph._p.style = "TableText"
        add_text(paragraph, value, bold=bold)
    trpr = table.rows[-1]._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def _heading(document: Any, text: str, *, new_page: bool) -> None:
    paragraph = styled_paragraph(document, "AnnexHeading")
    add_text(paragraph, text)
    if new_page:
        page_break_before(paragraph)


def _names(spec: PartnershipSpec) -> dict[str, str]:
    return {p.id: p.short_name for p in spec.parties}


def write_annexes(document: Any, spec: PartnershipSpec, language: str) -> list[str]:
    """Write the annexes that apply to the spec; return their titles in order."""
    titles: list[str] = []
    writers = [
        ("Schedule of contributions", bool(spec.contributions), _contributions),
        ("Risk allocation matrix", bool(spec.risks), _risks),
        ("Responsibilities of the parties", bool(spec.responsibilities), _responsibilities),
    ]
    for title, applies, writer in writers:
        if not applies:
            continue
        number = len(titles) + 1
        _heading(document, f"Annex {number}: {title}", new_page=True)
        writer(document, spec, language)
        titles.append(title)
    return titles


def _value(contribution: Any, language: str) -> tuple[str, str]:
    if isinstance(contribution, FinancialContribution):
        return format_money(
            contribution.amount, contribution.currency, language
        ), contribution.currency
    if isinstance(contribution, InKindContribution):
        currencies = {item.currency for item in contribution.items}
        if len(currencies) == 1:
            currency = currencies.pop()
            total = sum((i.quantity * i.unit_value for i in contribution.items), Decimal(0))
            return format_money(total, currency, language), currency
        return "see items", ", ".join(sorted(currencies))
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


def _contributions(document: Any, spec: PartnershipSpec, language: str) -> None:
    names = _names(spec)
    widths = [2.6, 2.4, 6.6, 3.0, 1.4]
    table = _table(
        document, ["Party", "Type", "Description", "Amount or value", "Currency"], widths
    )
    for contribution in spec.contributions:
        amount, currency = _value(contribution, language)
        _row(
            table,
            [
                names.get(contribution.party, contribution.party),
                _TYPE_NAMES[contribution.type],
                _description(contribution),
                amount,
                currency,
            ],
            widths,
        )
    for contribution in spec.financial():
        _schedule(document, spec, contribution, language)
    for contribution in spec.in_kind():
        _items(document, spec, contribution, language)


def _schedule(
    document: Any, spec: PartnershipSpec, c: FinancialContribution, language: str
) -> None:
    names = _names(spec)
    sub = styled_paragraph(document, "AnnexSubheading")
    add_text(
        sub,
        f"Payment schedule: {names.get(c.party, c.party)} to {names.get(c.recipient, c.recipient)}",
    )
    widths = [1.5, 7.0, 7.5]
    table = _table(document, ["No.", "Due date", "Amount"], widths)
    total = Decimal(0)
    for number, instalment in enumerate(c.instalments, start=1):
        total += instalment.amount
        _row(
            table,
            [
                str(number),
                format_date(instalment.date, language),
                format_money(instalment.amount, c.currency, language),
            ],
            widths,
        )
    _row(table, ["", "Total", format_money(total, c.currency, language)], widths, bold=True)


def _items(document: Any, spec: PartnershipSpec, c: InKindContribution, language: str) -> None:
    sub = styled_paragraph(document, "AnnexSubheading")
    add_text(sub, f"Goods given in kind by {_names(spec).get(c.party, c.party)}")
    widths = [5.0, 1.6, 2.8, 3.0, 3.6]
    table = _table(
        document, ["Item", "Quantity", "Unit value", "Total value", "Valuation basis"], widths
    )
    totals: dict[str, Decimal] = {}
    for item in c.items:
        value = item.quantity * item.unit_value
        totals[item.currency] = totals.get(item.currency, Decimal(0)) + value
        _row(
            table,
            [
                item.description,
                f"{item.quantity} {item.unit}",
                format_money(item.unit_value, item.currency, language),
                format_money(value, item.currency, language),
                item.valuation_basis,
            ],
            widths,
        )
    for currency, total in sorted(totals.items()):
        _row(
            table, ["Total", "", "", format_money(total, currency, language), ""], widths, bold=True
        )
    if c.delivery_terms:
        add_text(styled_paragraph(document, "Recital"), f"Delivery: {c.delivery_terms}")


def _risks(document: Any, spec: PartnershipSpec, language: str) -> None:
    names = _names(spec)
    widths = [2.8, 5.2, 2.2, 5.8]
    table = _table(document, ["Category", "Description", "Owner", "Mitigation"], widths)
    for risk in spec.risks:
        _row(
            table,
            [
                risk.category.value.replace("_", " ").capitalize(),
                risk.description,
                names.get(risk.owner, risk.owner),
                risk.mitigation,
            ],
            widths,
        )


def _responsibilities(document: Any, spec: PartnershipSpec, language: str) -> None:
    names = _names(spec)
    widths = [3.0, 13.0]
    table = _table(document, ["Party", "Responsibilities"], widths)
    for entry in spec.responsibilities:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(widths[0]), Cm(widths[1])
        cells[0].paragraphs[0]._p.style = "TableText"
        add_text(cells[0].paragraphs[0], names.get(entry.party, entry.party))
        for i, task in enumerate(entry.tasks):
            paragraph = cells[1].paragraphs[0] if i == 0 else cells[1].add_paragraph()
            paragraph._p.style = "TableText"
            add_text(paragraph, f"\u2022 {task}")
