"""The content of each annex, built from the spec as tables and lists.

Each writer takes the rendered document (the spec, the organisation's settings, the
language) and returns paragraphs and tables; `agreements.word.annexes` numbers and heads
them in the order the plan decided.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from agreements.formatting import format_amount, format_date, format_money, format_percent
from agreements.money_split import support_cost_split
from agreements.spec.money import ServiceContribution
from agreements.word.measure import Column
from agreements.word.ooxml import paragraph, run
from agreements.word.tables import CellValue, grid, pairs

if TYPE_CHECKING:
    from agreements.clauses.render import RenderedDocument
    from agreements.spec import PartnershipSpec

_SERVICE_NAMES = {
    "services": "Services and expertise",
    "staff": "Personnel",
    "facilities": "Facilities",
    "technical_tools": "Technical tools",
    "networks": "Access to networks",
}


_EARMARKING = {
    "unearmarked": "Unearmarked: any activity within the mandate and programme of the organization",
    "softly_earmarked": "Softly earmarked: any activity within the stated theme or region",
    "project": "Earmarked to the project: its activities and budget only",
}


def _subheading(text: str) -> str:
    return paragraph("AnnexSubheading", run(text), keep_next=True)


def _names(spec: PartnershipSpec) -> dict[str, str]:
    return {p.id: p.short_name for p in spec.parties}


def bullets(items: list[str]) -> list[str]:
    """Return `items` as a bulleted list with a hanging indent."""
    return [paragraph("AnnexList", run(item)) for item in items]


def _estimate(c: ServiceContribution, language: str) -> str:
    value = c.estimated_value
    if value is None:
        return ""
    return f" (estimated value {format_money(value.amount, value.currency, language)})"


def _people_and_material(spec: PartnershipSpec) -> list[str]:
    """Return who the action reaches, the new material it creates, and the focal points."""
    names = _names(spec)
    out: list[str] = []
    if spec.beneficiaries.description:
        out += [
            _subheading("Beneficiaries"),
            paragraph("BodyText", run(spec.beneficiaries.description)),
        ]
    material = spec.terms.intellectual_property
    if material.new_material and material.description:
        out += [_subheading("New material"), paragraph("BodyText", run(material.description))]
    focal = spec.terms.governance.focal_points
    if focal:
        rows = [[names.get(f.party, f.party), f.name, f.email or ""] for f in focal]
        columns = [Column("Party"), Column("Focal point"), Column("E-mail", whole=True)]
        out += [_subheading("Focal points"), grid(columns, rows)]
    return out


def action(rendered: RenderedDocument) -> list[str]:
    """Return the description of the action: purpose, objectives, each party's tasks and
    other contributions, and the timeline of the term."""
    spec = rendered.plan.selection.spec
    language = rendered.language
    names = _names(spec)
    out = [_subheading("Purpose"), paragraph("BodyText", run(spec.purpose.strip()))]
    out += [_subheading("Objectives"), *bullets(list(spec.objectives))]
    rows: list[list[CellValue]] = []
    for party in spec.parties:
        tasks = [t for r in spec.responsibilities if r.party == party.id for t in r.tasks]
        given = [
            f"{_SERVICE_NAMES[c.type]}: {c.description}" + _estimate(c, language)
            for c in spec.contributions
            if isinstance(c, ServiceContribution) and c.party == party.id
        ]
        if tasks or given:
            rows.append([names[party.id], [*tasks, *given]])
    mou = rendered.plan.selection.context.is_mou
    heading = (
        "Intended activities of each Participant"
        if mou
        else "Tasks and contributions of each Party"
    )
    out += [_subheading(heading), grid([Column("Party"), Column(heading.split(" of ")[0])], rows)]
    out += _people_and_material(spec)
    agreement = spec.agreement
    out += [
        _subheading("Timeline"),
        pairs(
            [
                (
                    "Signature",
                    f"{format_date(agreement.signature_date, language)} in {agreement.place}",
                ),
                (
                    "Beginning of the cooperation" if mou else "Entry into force",
                    format_date(agreement.start_date, language),
                ),
                ("End of the term", format_date(agreement.end_date, language)),
            ]
        ),
    ]
    return out


def budget(rendered: RenderedDocument) -> list[str]:
    """Return each financial contribution to the organisation: total, direct costs and
    programme support costs at the rate that applies, and its payment schedule."""
    selection = rendered.plan.selection
    spec, settings, language = selection.spec, selection.context.settings, rendered.language
    org = selection.context.org
    names = _names(spec)
    out: list[str] = []
    for c in spec.financial():
        if c.recipient != org.id:
            continue
        rate = (
            c.support_cost_rate if c.support_cost_rate is not None else settings.support_cost_rate
        )
        direct, support = support_cost_split(c.amount, rate, c.currency)
        approval = c.support_cost_approval or ""
        out.append(_subheading(f"Financial contribution of {names[c.party]}"))
        out.append(
            pairs(
                [
                    ("Total contribution", format_money(c.amount, c.currency, language)),
                    ("Direct costs", format_money(direct, c.currency, language)),
                    (
                        "Programme support costs",
                        f"{format_money(support, c.currency, language)}, at "
                        f"{format_percent(rate, language)} of direct costs",
                    ),
                    ("Approval of the rate", approval),
                    ("Earmarking", _EARMARKING.get(c.earmarking.value, "") if c.earmarking else ""),
                    ("Purpose", c.purpose or ""),
                ]
            )
        )
        rows: list[list[CellValue]] = [
            [str(n), format_date(i.date, language), format_money(i.amount, c.currency, language)]
            for n, i in enumerate(c.instalments, start=1)
        ]
        total = sum((i.amount for i in c.instalments), Decimal(0))
        rows.append(["", "Total", format_money(total, c.currency, language)])
        out.append(_subheading(f"Payment schedule of {names[c.party]}"))
        # One amount a row, so each keeps its currency code (a returned draft's amounts are
        # checked by it).
        columns = [
            Column("No.", align="right", whole=True),
            Column("Due date", whole=True),
            Column("Amount", align="right", whole=True),
        ]
        out.append(grid(columns, rows, totals=1))
    return out


def _plural(unit: str, quantity: Decimal) -> str:
    if quantity == 1:
        return unit
    if unit.endswith("y") and unit[-2:-1] not in "aeiou":
        return unit[:-1] + "ies"
    if unit.endswith(("s", "x", "ch", "sh")):
        return unit + "es"
    return unit + "s"


def goods(rendered: RenderedDocument) -> list[str]:
    """Return the goods given in kind, item by item, with their values and delivery.

    Amounts are aligned right with the currency named once: in the value columns' headers
    when every item has the same currency, else in a column of its own.
    """
    spec, language = rendered.plan.selection.spec, rendered.language
    names = _names(spec)
    out: list[str] = []
    for c in spec.in_kind():
        currencies = sorted({item.currency for item in c.items})
        single = currencies[0] if len(currencies) == 1 else None
        rows: list[list[CellValue]] = []
        totals: dict[str, Decimal] = {}
        for item in c.items:
            value = item.quantity * item.unit_value
            totals[item.currency] = totals.get(item.currency, Decimal(0)) + value
            quantity = item.quantity.normalize()
            described = item.description + (
                " (durable or hazardous)" if item.durable_or_hazardous else ""
            )
            amounts = [
                format_amount(item.unit_value, item.currency, language),
                format_amount(value, item.currency, language),
            ]
            rows.append(
                [
                    described,
                    f"{quantity:f} {_plural(item.unit, quantity)}",
                    *([] if single else [item.currency]),
                    *amounts,
                    item.valuation_basis,
                ]
            )
        for currency, total in sorted(totals.items()):
            amount = format_amount(total, currency, language)
            rows.append(["Total", "", *([] if single else [currency]), "", amount, ""])
        suffix = f" ({single})" if single else ""
        columns = [
            Column("Item"),
            Column("Quantity", whole=True),
            *([] if single else [Column("Currency", whole=True)]),
            Column(f"Unit value{suffix}", align="right", whole=True),
            Column(f"Total value{suffix}", align="right", whole=True),
            Column("Valuation basis"),
        ]
        out.append(_subheading(f"Goods given by {names[c.party]}"))
        out.append(grid(columns, rows, totals=len(totals)))
        if c.delivery_terms:
            out.append(_subheading("Delivery"))
            out.append(paragraph("BodyText", run(c.delivery_terms)))
    return out
