"""Checks of a draft in French or Spanish, read back from the .docx: no English word outside
the spec's own values, amounts and dates as Babel writes them, references that point at the
right article or annex."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency

from agreements.currencies import MINOR_UNITS
from tests.drafts import Draft

# Common English words that French and Spanish never use as words of their own.
_WORDS = """the and of shall with between which this that these those page draft annex annexes
    parties party agreement signatures signed witness whereof hereby whereas any each other
    from within under after before must will would should may its their other such per cent
    days months years working name title reference payment schedule notice approved legal
    total amount report due delivery goods item quantity value valuation owner mitigation
    category description purpose objectives timeline entry end term focal personnel
    facilities services networks tools means"""
ENGLISH_WORDS = frozenset(_WORDS.split())
# English words that are words of the language too ("Page X sur Y", "les Parties").
_ALSO = {
    "fr": {"page", "parties", "services", "signatures", "cent", "focal", "total", "description",
           "personnel", "notice", "annexes", "report"},
    "es": {"total", "legal", "personnel", "focal"},
}  # fmt: skip
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def spec_values(spec: Path) -> list[str]:
    """Return every text the spec itself gives (names, descriptions, titles...), longest
    first, so they can be taken out of a draft before its fixed words are checked."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.append(" ".join(value.split()))

    walk(yaml.safe_load(spec.read_text(encoding="utf-8")))
    return sorted(set(found), key=len, reverse=True)


def all_text(draft: Draft) -> str:
    """Return the text of the body, tables, header and footer of a draft."""
    parts = [draft.text()]
    with zipfile.ZipFile(draft.path) as archive:
        for name in archive.namelist():
            if re.match(r"word/(header|footer)\d*\.xml$", name):
                xml = archive.read(name).decode("utf-8")
                parts.append("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))
    return "\n".join(parts)


def english_words(text: str, values: list[str], language: str) -> list[str]:
    """Return the English words of `text` once the spec's `values` are taken out."""
    flat = " ".join(text.replace("\u2019", "'").split())
    # Longest values first, so a name inside a longer value does not break its removal; a
    # value of two letters (a language code) would cut words apart.
    for value in sorted(values, key=len, reverse=True):
        if len(value) > 2:
            written = " ".join(value.replace("\u2019", "'").split())
            # A list item or table cell may print the value without its closing stop, the
            # list of parties a legal form in lower case ("société anonyme"), a table cell a
            # name with a capital ("La Fundación").
            for form in (
                written,
                written[0].lower() + written[1:],
                written[0].upper() + written[1:],
            ):
                flat = flat.replace(form, " ").replace(form.rstrip(".;"), " ")
    words = re.findall(r"[^\W\d_]+", flat)
    english = ENGLISH_WORDS - _ALSO[language]
    return sorted({w for w in words if w.lower() in english})


def babel_money(amount: Decimal, currency: str, language: str) -> str:
    """Return an amount as Babel writes it for `language`, with the ISO code where the
    locale puts its currency sign."""
    places = MINOR_UNITS.get(currency, 2)
    pattern = Locale.parse(language).currency_formats["standard"].pattern.replace("¤", "¤¤")
    pattern = pattern.replace("0.00", "0" + ("." + "0" * places if places else ""))
    quantised = amount.quantize(Decimal(1).scaleb(-places))
    return str(format_currency(quantised, currency, format=pattern, locale=language))


def expected_amounts_and_dates(spec: Path, language: str) -> list[str]:
    """Return the amounts of financial contributions and the agreement's dates as Babel
    writes them in `language`; each must appear in the draft."""
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    found = []
    for contribution in data.get("contributions", []):
        if contribution["type"] == "financial":
            currency = contribution["currency"]
            found.append(babel_money(Decimal(contribution["amount"]), currency, language))
            for instalment in contribution.get("instalments", []):
                found.append(babel_money(Decimal(instalment["amount"]), currency, language))
    agreement = data["agreement"]
    for key in ("signature_date", "start_date", "end_date"):
        written = str(format_date(agreement[key], format="long", locale=language))
        if language == "fr" and agreement[key].day == 1:  # French: "1er juin 2026"
            written = "1er" + written[1:]
        found.append(written)
    return found


def wrong_references(draft: Draft) -> list[str]:
    """Return each REF field of the draft whose bookmark is missing or whose shown number
    is not that of the article or annex it points at."""
    numbers = {c.planned.bookmark: str(c.number) for c in draft.plan.clauses}
    numbers.update({a.bookmark: str(a.number) for a in draft.plan.plan.selection.context.annexes})
    marks = draft.bookmarks()
    return [
        f"{bookmark} shows {shown}"
        for bookmark, shown in draft.refs()
        if bookmark not in marks or numbers.get(bookmark) != shown
    ]
