"""The content of each annex, built from the spec as tables and lists.

Each writer takes the rendered document (the spec, the organisation's settings, the
language) and returns paragraphs and tables; `agreements.word.annexes` numbers and heads
them in the order the plan decided.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from agreements.clauses.grammar import capitalised
from agreements.formatting import format_amount, format_date, format_money, format_percent
from agreements.money_split import support_cost_split
from agreements.spec.money import ServiceContribution
from agreements.word.measure import Column
from agreements.word.ooxml import paragraph, run
from agreements.word.tables import CellValue, grid, pairs
from agreements.words import words

if TYPE_CHECKING:
    from agreements.clauses.render import RenderedDocument


def _subheading(text: str) -> str:
    return paragraph("AnnexSubheading", run(text), keep_next=True)


def _names(rendered: RenderedDocument) -> dict[str, str]:
    """Return each party's short name as the draft's language gives it (the
    organisation's from the settings)."""
    return {p.id: p.short_name for p in rendered.context.parties}


def _party_word(rendered: RenderedDocument) -> str:
    """Return the key of the word a table's party column is headed with: "Participant" in a
    memorandum of understanding, whose signatories are not parties to an agreement."""
    return "party_mou" if rendered.context.is_mou else "party"


def bullets(items: list[str]) -> list[str]:
    """Return `items` as a bulleted list with a hanging indent."""
    return [paragraph("AnnexList", run(item)) for item in items]


def _described(c: ServiceContribution, language: str) -> str:
    """Return a service contribution's description with its estimated value, if any, inside
    the sentence: "Two trainers (estimated value USD 5,000.00)." keeps its full stop last."""
    text = c.description.strip()
    value = c.estimated_value
    if value is None:
        return text
    money = format_money(value.amount, value.currency, language)
    estimate = words("action.estimate", language, value=money)
    if text.endswith("."):
        return text[:-1] + estimate + "."
    return text + estimate


def _people_and_material(rendered: RenderedDocument) -> list[str]:
    """Return who the action reaches, the new material it creates, and the focal points."""
    spec, language = rendered.plan.selection.spec, rendered.language
    names = _names(rendered)
    out: list[str] = []
    if spec.beneficiaries.description:
        out += [
            _subheading(words("action.beneficiaries", language)),
            paragraph("BodyText", run(spec.beneficiaries.description)),
        ]
    material = spec.terms.intellectual_property
    if material.new_material and material.description:
        out += [
            _subheading(words("action.new_material", language)),
            paragraph("BodyText", run(material.description)),
        ]
    focal = spec.terms.governance.focal_points
    if focal:
        rows = [[capitalised(names.get(f.party, f.party)), f.name, f.email or ""] for f in focal]
        columns = [
            Column(words(_party_word(rendered), language)),
            Column(words("action.focal_point", language)),
            Column(words("action.email", language), whole=True),
        ]
        out += [_subheading(words("action.focal_points", language)), grid(columns, rows)]
    return out


def action(rendered: RenderedDocument) -> list[str]:
    """Return the description of the action: purpose, objectives, each party's tasks and
    other contributions, and the timeline of the term."""
    spec = rendered.plan.selection.spec
    language = rendered.language
    names = _names(rendered)
    out = [
        _subheading(words("purpose", language)),
        paragraph("BodyText", run(spec.purpose.strip())),
    ]
    out += [_subheading(words("action.objectives", language)), *bullets(list(spec.objectives))]
    rows: list[list[CellValue]] = []
    for party in spec.parties:
        tasks = [t for r in spec.responsibilities if r.party == party.id for t in r.tasks]
        given = [
            words(f"service.{c.type}", language)
            + words("colon", language)
            + _described(c, language)
            for c in spec.contributions
            if isinstance(c, ServiceContribution) and c.party == party.id
        ]
        if tasks or given:
            rows.append([capitalised(names[party.id]), [*tasks, *given]])
    mou = "_mou" if rendered.context.is_mou else ""
    columns = [
        Column(words(_party_word(rendered), language)),
        Column(words(f"action.tasks{mou}_column", language)),
    ]
    out += [_subheading(words(f"action.tasks{mou}", language)), grid(columns, rows)]
    out += _people_and_material(rendered)
    agreement = spec.agreement
    signed = format_date(agreement.signature_date, language)
    out += [
        _subheading(words("action.timeline", language)),
        pairs(
            [
                (
                    words("action.signature", language),
                    words("action.signed_at", language, date=signed, place=agreement.place),
                ),
                (
                    words(f"action.start{mou}", language),
                    format_date(agreement.start_date, language),
                ),
                (words(f"action.end{mou}", language), format_date(agreement.end_date, language)),
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
    names = _names(rendered)
    out: list[str] = []
    for c in spec.financial():
        if c.recipient != org.id:
            continue
        rate = (
            c.support_cost_rate if c.support_cost_rate is not None else settings.support_cost_rate
        )
        direct, support = support_cost_split(c.amount, rate, c.currency)
        approval = c.support_cost_approval or ""
        out.append(_subheading(words("budget.contribution", language, party=names[c.party])))
        support_at = words(
            "budget.support_at",
            language,
            amount=format_money(support, c.currency, language),
            rate=format_percent(rate, language),
        )
        earmarking = words(f"earmarking.{c.earmarking.value}", language) if c.earmarking else ""
        out.append(
            pairs(
                [
                    (words("budget.total", language), format_money(c.amount, c.currency, language)),
                    (words("budget.direct", language), format_money(direct, c.currency, language)),
                    (words("budget.support", language), support_at),
                    (words("budget.approval", language), approval),
                    (words("budget.earmarking", language), earmarking),
                    (words("purpose", language), c.purpose or ""),
                ]
            )
        )
        rows: list[list[CellValue]] = [
            [str(n), format_date(i.date, language), format_money(i.amount, c.currency, language)]
            for n, i in enumerate(c.instalments, start=1)
        ]
        total = sum((i.amount for i in c.instalments), Decimal(0))
        rows.append(["", words("total", language), format_money(total, c.currency, language)])
        out.append(_subheading(words("budget.schedule", language, party=names[c.party])))
        # One amount a row, so each keeps its currency code (a returned draft's amounts are
        # checked by it).
        columns = [
            Column(words("budget.number", language), align="right", whole=True),
            Column(words("due_date", language), whole=True),
            Column(words("budget.amount", language), align="right", whole=True),
        ]
        out.append(grid(columns, rows, totals=1))
    return out


def _plural(unit: str, quantity: Decimal, language: str) -> str:
    """Return an English unit in the plural for a quantity other than one; a unit in another
    language is the spec's own word, printed as written."""
    if quantity == 1 or language != "en":
        return unit
    if unit.endswith("y") and unit[-2:-1] not in "aeiou":
        return unit[:-1] + "ies"
    if unit.endswith(("s", "x", "ch", "sh")):
        return unit + "es"
    return unit + "s"


def _quantity(quantity: Decimal, language: str) -> str:
    """Return a quantity as the language writes numbers ("2.5" in English, "2,5" in French)."""
    if language == "en":
        return f"{quantity:f}"
    from babel.numbers import format_decimal

    return str(format_decimal(quantity, format="#,##0.######", locale=language))


def goods(rendered: RenderedDocument) -> list[str]:
    """Return the goods given in kind, item by item, with their values and delivery.

    Amounts are aligned right with the currency named once: in the value columns' headers
    when every item has the same currency, else in a column of its own.
    """
    spec, language = rendered.plan.selection.spec, rendered.language
    names = _names(rendered)
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
                words("goods.hazardous", language) if item.durable_or_hazardous else ""
            )
            amounts = [
                format_amount(item.unit_value, item.currency, language),
                format_amount(value, item.currency, language),
            ]
            rows.append(
                [
                    described,
                    f"{_quantity(quantity, language)} {_plural(item.unit, quantity, language)}",
                    *([] if single else [item.currency]),
                    *amounts,
                    item.valuation_basis,
                ]
            )
        for currency, total in sorted(totals.items()):
            amount = format_amount(total, currency, language)
            total_word = words("total", language)
            rows.append([total_word, "", *([] if single else [currency]), "", amount, ""])
        suffix = f" ({single})" if single else ""
        columns = [
            Column(words("goods.item", language)),
            Column(words("goods.quantity", language), whole=True),
            *([] if single else [Column(words("goods.currency", language), whole=True)]),
            Column(words("goods.unit_value", language) + suffix, align="right", whole=True),
            Column(words("goods.total_value", language) + suffix, align="right", whole=True),
            Column(words("goods.valuation", language)),
        ]
        out.append(_subheading(words("goods.given_by", language, party=names[c.party])))
        out.append(grid(columns, rows, totals=len(totals)))
        if c.delivery_terms:
            out.append(_subheading(words("goods.delivery", language)))
            out.append(paragraph("BodyText", run(c.delivery_terms)))
    return out
