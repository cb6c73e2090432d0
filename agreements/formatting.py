"""Dates, amounts and lists of names as they appear in an agreement's language.

English is formatted here without Babel so validation starts fast; other languages use
Babel, imported only when needed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from agreements.currencies import MINOR_UNITS

_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_AND = {"en": "and", "fr": "et", "es": "y"}


def format_date(value: dt.date, language: str = "en") -> str:
    """Return `value` as a long date, e.g. '15 January 2026'."""
    if language == "en":
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    from babel.dates import format_date as babel_date

    return str(babel_date(value, format="long", locale=language))


def format_money(amount: Decimal | int, currency: str, language: str = "en") -> str:
    """Return the amount with its ISO code and the currency's decimals, e.g. 'USD 230,000.00'."""
    places = MINOR_UNITS.get(currency, 2)
    quantised = Decimal(amount).quantize(Decimal(1).scaleb(-places))
    if language == "en":
        return f"{currency} {quantised:,.{places}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * places if places else "")
    return f"{currency} {format_decimal(quantised, format=pattern, locale=language)}"


_PER_CENT = {"en": "per cent", "fr": "pour cent", "es": "por ciento"}


def format_percent(value: Decimal | int, language: str = "en") -> str:
    """Return a rate in percent as a legal text writes it, e.g. '13 per cent'."""
    number = Decimal(value).normalize()
    text = f"{number:f}"
    if language != "en":
        text = text.replace(".", ",")
    return f"{text} {_PER_CENT.get(language, _PER_CENT['en'])}"


def join_names(names: list[str], language: str = "en") -> str:
    """Return names joined as 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {_AND.get(language, 'and')} {names[-1]}"
