"""Dates, amounts and lists of names as they appear in an agreement's language.

English is formatted here without Babel so validation starts fast; other languages use
Babel, imported only when needed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import os
import re
from decimal import Decimal, localcontext
from functools import cache

from agreements import diskcache
from agreements.currencies import MINOR_UNITS

_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_AND = {"en": "and", "fr": "et", "es": "y"}


def format_date(value: dt.date, language: str = "en") -> str:
    """Return `value` as a long date as the language writes it: '15 January 2026', '1er juin
    2026' (Babel's long format, with the French ordinal first day), '15 de enero de 2026'."""
    if language == "en":
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    from babel.dates import format_date as babel_date

    text = str(babel_date(value, format="long", locale=language))
    # French writes the first day of a month as an ordinal: "1er juin 2026".
    if language == "fr" and value.day == 1 and text.startswith("1 "):
        text = "1er" + text[1:]
    return text


# How a period is written: "17 to 19 November 2026", "du 17 au 19 novembre 2026", "del 17
# al 19 de noviembre de 2026"; the start drops the month and year it shares with the end.
_RANGE = {"en": "{start} to {end}", "fr": "du {start} au {end}", "es": "del {start} al {end}"}
_START_PATTERNS = {"en": ("d", "d MMMM"), "fr": ("d", "d MMMM"), "es": ("d", "d 'de' MMMM")}


def format_range(start: dt.date, end: dt.date, language: str = "en") -> str:
    """Return the period from `start` to `end` as the language writes it in a legal text,
    without repeating the month or year the two dates share ("du 1er au 3 juin 2026")."""
    if start == end:
        return format_date(start, language)
    first = format_date(start, language)
    if start.year == end.year:
        same_month = start.month == end.month
        if language == "en":
            first = str(start.day) if same_month else f"{start.day} {_MONTHS[start.month - 1]}"
        else:
            from babel.dates import format_date as babel_date

            pattern = _START_PATTERNS[language][0 if same_month else 1]
            first = str(babel_date(start, format=pattern, locale=language))
            if language == "fr" and start.day == 1:
                first = "1er" + first[1:]
    return _RANGE.get(language, _RANGE["en"]).format(start=first, end=format_date(end, language))


def format_money(amount: Decimal | int, currency: str, language: str = "en") -> str:
    """Return the amount with its ISO code and the currency's decimals, placed as the
    language's locale places a currency: 'USD 230,000.00' in English (the UN's usage),
    '1 250 000,00 USD' in French, '1.250.000,00 USD' in Spanish (Babel's patterns, with the
    ISO code where the locale puts its symbol, so no reader mistakes one dollar for another)."""
    if language == "en":
        return f"{currency} {format_amount(amount, currency, language)}"
    from babel.numbers import format_currency

    places = MINOR_UNITS.get(currency, 2)
    return str(
        format_currency(
            _quantised(amount, places),
            currency,
            format=_currency_pattern(language, places),
            locale=language,
            currency_digits=False,
        )
    )


@cache
def _currency_pattern(language: str, places: int) -> str:
    """Return the locale's currency pattern with the ISO code (¤¤) for its symbol and the
    currency's number of decimals."""
    from babel import Locale

    pattern = str(Locale.parse(language).currency_formats["standard"].pattern).split(";")[0]
    decimals = "." + "0" * places if places else ""
    return re.sub(r"0(?:\.0+)?", "0" + decimals, pattern, count=1).replace("\xa4", "\xa4\xa4")


def _quantised(amount: Decimal | int, places: int) -> Decimal:
    with localcontext() as exact:
        exact.prec = 60  # room for any product of two spec amounts, so quantize never fails
        return Decimal(amount).quantize(Decimal(1).scaleb(-places))


def format_amount(amount: Decimal | int, currency: str, language: str = "en") -> str:
    """Return the amount alone with the currency's decimals, e.g. '230,000.00', for a
    column whose header names the currency."""
    places = MINOR_UNITS.get(currency, 2)
    quantised = _quantised(amount, places)
    if language == "en":
        return f"{quantised:,.{places}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * places if places else "")
    return str(format_decimal(quantised, format=pattern, locale=language))


_PER_CENT = {"en": "per cent", "fr": "pour cent", "es": "por ciento"}


def format_percent(value: Decimal | int, language: str = "en") -> str:
    """Return a rate in percent as a legal text writes it, e.g. '13 per cent', '7,5 pour
    cent' (the number as Babel writes it for the language, the words as legal texts do)."""
    number = Decimal(value).normalize()
    if language == "en":
        return f"{number:f} {_PER_CENT['en']}"
    from babel.numbers import format_decimal

    text = format_decimal(number, format="#,##0.######", locale=language)
    return f"{text} {_PER_CENT.get(language, _PER_CENT['en'])}"


def join_names(names: list[str], language: str = "en") -> str:
    """Return names joined as 'A, B and C' (Spanish "e" before a name that opens with the
    sound i: "PSBC e IFRC")."""
    if len(names) <= 1:
        return "".join(names)
    last = names[-1]
    conjunction = _AND.get(language, "and")
    if language == "es" and re.match(r"(?i)h?[ií](?![aeiouáéó])", last):
        conjunction = "e"
    return f"{', '.join(names[:-1])} {conjunction} {last}"


_UNITS = {
    "en": {
        "days": ("day", "days"),
        "working_days": ("working day", "working days"),
        "hours": ("hour", "hours"),
        "months": ("month", "months"),
        "years": ("year", "years"),
    },
    "fr": {
        "days": ("jour", "jours"),
        "working_days": ("jour ouvrable", "jours ouvrables"),
        "hours": ("heure", "heures"),
        "months": ("mois", "mois"),
        "years": ("an", "ans"),
    },
    "es": {
        "days": ("día", "días"),
        "working_days": ("día hábil", "días hábiles"),
        "hours": ("hora", "horas"),
        "months": ("mes", "meses"),
        "years": ("año", "años"),
    },
}


@cache
def format_period(count: int, unit: str, language: str = "en", *, words: bool = True) -> str:
    """Return a period as a legal text writes it: 'thirty (30) days', or '30 days' when
    `words` is off (unit "number" gives the count alone: 'two (2)'). Number words come from
    num2words, in the draft's language."""
    if unit == "number":
        noun = ""
    else:
        singular, plural = _UNITS.get(language, _UNITS["en"])[unit]
        noun = " " + (singular if count == 1 else plural)
    if not words:
        return f"{count}{noun}"
    spelled = spelled_number(count, language)
    if noun and language in _ONE:
        spelled = _agreed(spelled, language, feminine=unit in _FEMININE_UNITS)
    return f"{spelled} ({count}){noun}"


def spelled_number(count: int, language: str) -> str:
    """Return num2words' spelling of `count` in `language` ("thirty", "trente").

    Importing num2words loads every language it knows; a number spelled before, by the same
    num2words, is read from the disk cache instead (see `diskcache`)."""
    from_cache = type(count) is int  # a whole number, as the cache writes it
    known = _spelled_numbers() if from_cache else {}
    words = known.get(language, {}).get(str(count))
    if words is None:
        from num2words import num2words

        words = str(num2words(count, lang=language))
        if not from_cache:
            return words
        known.setdefault(language, {})[str(count)] = words
        name = _num2words_key()
        if name is not None:
            diskcache.write("numbers", name, json.dumps(known, ensure_ascii=False).encode())
    return words


@cache
def _num2words_key() -> str | None:
    """Return the cache key of the installed num2words (its files, their sizes and times)."""
    found = importlib.util.find_spec("num2words")
    folders = list(found.submodule_search_locations or []) if found is not None else []
    if len(folders) != 1:
        return None
    digest = hashlib.sha256(diskcache.fingerprint("num2words"))
    try:
        with os.scandir(folders[0]) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                info = entry.stat(follow_symlinks=False)
                digest.update(f"{entry.name}|{info.st_size}|{info.st_mtime_ns}\0".encode())
    except OSError:
        return None
    return digest.hexdigest()


@cache
def _spelled_numbers() -> dict[str, dict[str, str]]:
    """Return the numbers spelled before by this num2words, by language ({} when none)."""
    name = _num2words_key()
    body = diskcache.read("numbers", name) if name is not None else None
    try:
        data = json.loads(body) if body is not None else {}
    except ValueError:
        return {}
    valid = isinstance(data, dict) and all(
        isinstance(words, dict)
        and all(
            isinstance(k, str) and k.removeprefix("-").isdigit() and isinstance(v, str)
            for k, v in words.items()
        )
        for words in data.values()
    )
    return data if valid else {}


# num2words writes numbers as counted ("uno", "vingt et un"); before a noun, "one" agrees
# with it: Spanish "un día", "veintiún días", "una hora"; French "une heure".
_ONE = {"fr": "un", "es": "uno"}
_FEMININE_UNITS = frozenset({"hours"})


def _agreed(spelled: str, language: str, *, feminine: bool) -> str:
    """Return a spelled number ending in "one" agreeing with the noun after it."""
    one = _ONE[language]
    if not (spelled == one or spelled.endswith((" " + one, "i" + one))):
        return spelled
    stem = spelled[: -len(one)]
    if feminine:
        return stem + ("une" if language == "fr" else "una")
    if language == "es":
        return stem + ("ún" if stem.endswith("i") else "un")
    return spelled


# Words that make an English country name take "the" (the Netherlands, the United States of
# America, the Republic of Korea, the Philippines, the Russian Federation).
_TAKES_THE = re.compile(
    r"^(?:United|Republic|Kingdom|Federated|Democratic|Islamic|Plurinational|Bolivarian|Holy)\b"
    r"|\b(?:Republic|Federation|Islands|Emirates|Netherlands|Philippines|Bahamas|Comoros"
    r"|Maldives|Gambia|Congo|Sudan)$"
)


def country_name(text: str, *, article: bool = True, language: str = "en") -> str:
    """Return a country as an English legal text writes it, from a name or ISO code (in
    another language, Babel's name for it: see `agreements.countries`).

    The ISO 3166 record (pycountry) gives the name; its official name is used when it only
    completes the short one ("United States" becomes "United States of America"); an
    inverted name ("Korea, Republic of") is put in reading order; "the" is added where
    English uses it. Text that is not a known country is returned as written.
    """
    if language != "en":
        from agreements.countries import localised_country

        return localised_country(text, language)
    import pycountry

    try:
        record = pycountry.countries.lookup(text.strip())
    except LookupError:
        return text
    name = str(record.name)
    official = getattr(record, "official_name", None)
    if official and official.startswith(name) and official != name:
        name = str(official)
    if ", " in name:
        head, tail = name.split(", ", 1)
        name = f"{tail} {head}"
    if article and _TAKES_THE.search(name):
        return f"the {name}"
    return name


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """Return "1 clause" or "2 clauses": a count with its noun in the right number."""
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"
