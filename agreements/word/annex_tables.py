"""The content of each annex, built from the spec as tables and lists.

Each writer takes the rendered document (the spec, the organisation's settings, the
language) and returns paragraphs and tables; `agreements.word.annexes` numbers and heads
them in the order the plan decided.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from agreements.formatting import format_date, format_money, format_percent
from agreements.money_split import support_cost_split
from agreements.spec.money import ServiceContribution
from agreements.word.ooxml import cell, paragraph, row, run, table, text_cell

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


def table_of(headers: list[str], widths: list[float], rows: list[list[str]]) -> str:
    """Return a table with a repeated bold header row."""
    body = [
        row([text_cell(w, h, bold=True) for h, w in zip(headers, widths, strict=True)], header=True)
    ]
    body += [row([text_cell(w, v) for v, w in zip(values, widths, strict=True)]) for values in rows]
    return table(widths, body)


def _pairs(rows: list[tuple[str, str]]) -> str:
    """Return a two-column table of labels and values (rows without a value left out)."""
    widths = [4.5, 11.5]
    body = [
        row([text_cell(widths[0], label, bold=True), text_cell(widths[1], value)])
        for label, value in rows
        if value
    ]
    return table(widths, body)


def _subheading(text: str) -> str:
    return paragraph("AnnexSubheading", run(text), keep_next=True)


def _names(spec: PartnershipSpec) -> dict[str, str]:
    return {p.id: p.short_name for p in spec.parties}


def _bullets(items: list[str]) -> list[str]:
    return [paragraph("ListBullet", run(item)) for item in items]


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
        out += [
            _subheading("Focal points"),
            table_of(["Party", "Focal point", "E-mail"], [3.2, 8.3, 4.5], rows),
        ]
    return out


def action(rendered: RenderedDocument) -> list[str]:
    """Return the description of the action: purpose, objectives, each party's tasks and
    other contributions, and the timeline of the term."""
    spec = rendered.plan.selection.spec
    language = rendered.language
    names = _names(spec)
    out = [_subheading("Purpose"), paragraph("BodyText", run(spec.purpose.strip()))]
    out += [_subheading("Objectives"), *_bullets(list(spec.objectives))]
    widths = [3.2, 12.8]
    body = [
        row(
            [
                text_cell(w, h, bold=True)
                for h, w in zip(["Party", "Tasks and contributions"], widths, strict=True)
            ],
            header=True,
        )
    ]
    for party in spec.parties:
        tasks = [t for r in spec.responsibilities if r.party == party.id for t in r.tasks]
        given = [
            f"{_SERVICE_NAMES[c.type]}: {c.description}" + _estimate(c, language)
            for c in spec.contributions
            if isinstance(c, ServiceContribution) and c.party == party.id
        ]
        if tasks or given:
            lines = [paragraph("TableText", run(f"\u2022\t{t}")) for t in [*tasks, *given]]
            body.append(row([text_cell(widths[0], names[party.id]), cell(widths[1], lines)]))
    mou = rendered.plan.selection.context.is_mou
    heading = (
        "Intended activities of each Participant"
        if mou
        else "Tasks and contributions of each Party"
    )
    out += [_subheading(heading), table(widths, body)]
    out += _people_and_material(spec)
    agreement = spec.agreement
    out += [
        _subheading("Timeline"),
        _pairs(
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
            _pairs(
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
        rows = [
            [str(n), format_date(i.date, language), format_money(i.amount, c.currency, language)]
            for n, i in enumerate(c.instalments, start=1)
        ]
        total = sum((i.amount for i in c.instalments), Decimal(0))
        rows.append(["", "Total", format_money(total, c.currency, language)])
        out.append(_subheading(f"Payment schedule of {names[c.party]}"))
        out.append(table_of(["No.", "Due date", "Amount"], [1.5, 7.0, 7.5], rows))
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
    """Return the goods given in kind, item by item, with their values and delivery."""
    spec, language = rendered.plan.selection.spec, rendered.language
    names = _names(spec)
    out: list[str] = []
    for c in spec.in_kind():
        rows: list[list[str]] = []
        totals: dict[str, Decimal] = {}
        for item in c.items:
            value = item.quantity * item.unit_value
            totals[item.currency] = totals.get(item.currency, Decimal(0)) + value
            quantity = item.quantity.normalize()
            rows.append(
                [
                    item.description
                    + (" (durable or hazardous)" if item.durable_or_hazardous else ""),
                    f"{quantity:f} {_plural(item.unit, quantity)}",
                    format_money(item.unit_value, item.currency, language),
                    format_money(value, item.currency, language),
                    item.valuation_basis,
                ]
            )
        for currency, total in sorted(totals.items()):
            rows.append(["Total", "", "", format_money(total, currency, language), ""])
        out.append(_subheading(f"Goods given by {names[c.party]}"))
        out.append(
            table_of(
                ["Item", "Quantity", "Unit value", "Total value", "Valuation basis"],
                [4.8, 2.0, 2.8, 3.0, 3.4],
                rows,
            )
        )
        if c.delivery_terms:
            out.append(paragraph("BodyText", run(f"Delivery: {c.delivery_terms}")))
    return out
