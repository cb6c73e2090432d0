"""Amounts and dates as the agreement's language writes them.

English is formatted without Babel so that validation starts fast; these tests prove it
writes exactly what Babel writes (British English, the UN's usage), and that other
languages go through Babel.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date as babel_date
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from agreements.currencies import MINOR_UNITS
from agreements.formatting import format_date, format_money, format_percent, join_names


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_english_dates_match_babel(value: dt.date) -> None:
    assert format_date(value) == babel_date(value, format="long", locale="en_GB")


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999999.99"), places=2),
    st.sampled_from(sorted(MINOR_UNITS)),
)
def test_english_amounts_match_babel(amount: Decimal, currency: str) -> None:
    places = MINOR_UNITS[currency]
    pattern = "#,##0" + ("." + "0" * places if places else "")
    quantised = amount.quantize(Decimal(1).scaleb(-places))
    expected = f"{currency} {format_decimal(quantised, format=pattern, locale='en_GB')}"
    assert format_money(amount, currency) == expected


def test_examples_of_the_issue() -> None:
    assert format_money(Decimal("230000"), "USD") == "USD 230,000.00"
    assert format_money(Decimal("1500"), "JPY") == "JPY 1,500"
    assert format_date(dt.date(2026, 1, 15)) == "15 January 2026"
    assert format_percent(Decimal("13.0")) == "13 per cent"
    assert join_names(["A", "B", "C"]) == "A, B and C"


def test_other_languages_use_babel() -> None:
    assert format_date(dt.date(2026, 1, 15), "fr") == "15 janvier 2026"
    assert format_date(dt.date(2026, 1, 15), "es") == "15 de enero de 2026"
    assert format_date(dt.date(2026, 6, 1), "fr") == "1er juin 2026"
    assert format_date(dt.date(2026, 6, 1), "es") == "1 de junio de 2026"
    assert format_money(Decimal("1250000"), "USD", "fr") == "1\u202f250\u202f000,00\u00a0USD"
    assert format_money(Decimal("1250000"), "USD", "es") == "1.250.000,00\u00a0USD"
    assert format_money(Decimal("1500"), "JPY", "fr") == "1\u202f500\u00a0JPY"
    assert format_percent(Decimal("7.5"), "fr") == "7,5 pour cent"
    assert format_percent(Decimal("13"), "es") == "13 por ciento"
    assert join_names(["A", "B"], "es") == "A y B"
    assert join_names(["A", "B", "C"], "fr") == "A, B et C"


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999999.99"), places=2),
    st.sampled_from(["fr", "es"]),
)
def test_french_and_spanish_amounts_are_what_babel_writes(amount: Decimal, language: str) -> None:
    from babel import Locale
    from babel.numbers import format_currency

    # The locale's own currency pattern, with the ISO code (¤¤) where it puts the symbol.
    pattern = Locale.parse(language).currency_formats["standard"].pattern.replace("¤", "¤¤")
    expected = format_currency(amount, "USD", format=pattern, locale=language)
    assert format_money(amount, "USD", language) == expected
    assert format_percent(amount, language).startswith(format_decimal(amount, locale=language))


def test_periods_agree_with_their_noun() -> None:
    from agreements.formatting import format_period

    assert format_period(30, "days", "fr") == "trente (30) jours"
    assert format_period(1, "hours", "fr") == "une (1) heure"
    assert format_period(1, "days", "es") == "un (1) día"
    assert format_period(21, "days", "es") == "veintiún (21) días"
    assert format_period(31, "hours", "es") == "treinta y una (31) horas"
    assert format_period(2, "number", "es") == "dos (2)"
