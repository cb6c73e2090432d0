"""Countries as a French or Spanish legal text writes them: the name Babel gives for the
language, and the preposition or article the name takes ("au Sénégal", "en France", "du
Maroc", "de la France"; "en el Perú" is simply "en Perú").

English names are written by `agreements.formatting.country_name` without Babel; this module
is imported only for the other languages.
"""

from __future__ import annotations

from functools import cache


@cache
def _names(language: str) -> dict[str, str]:
    """Return Babel's country names of `language` by ISO 3166 alpha-2 code."""
    from babel import Locale

    return {
        code: str(name)
        for code, name in Locale.parse(language).territories.items()
        if len(code) == 2 and code.isalpha()
    }


@cache
def _codes(language: str) -> dict[str, str]:
    """Return ISO codes by folded country name, in English (pycountry) and in `language`."""
    return {name.casefold(): code for code, name in _names(language).items()}


def country_code(text: str, language: str) -> str | None:
    """Return the ISO 3166 alpha-2 code of a country written as a code, as its English name
    or as its name in `language`; None when the text is not a known country."""
    import pycountry

    written = text.strip()
    try:
        return str(pycountry.countries.lookup(written).alpha_2)
    except LookupError:
        return _codes(language).get(written.casefold())


def localised_country(text: str, language: str) -> str:
    """Return a country's name in `language` (Babel's), or the text as written when it is
    not a known country (the spec's own words are never guessed at)."""
    code = country_code(text, language)
    return _names(language).get(code, text) if code else text


# French names of countries that take no article ("à Madagascar", "de Cuba"), are plural
# ("aux États-Unis") or end in -e but are masculine ("au Mexique").
_FR_NO_ARTICLE = frozenset(
    {"Madagascar", "Cuba", "Haïti", "Maurice", "Singapour", "Chypre", "Malte", "Bahreïn",
     "Monaco", "Sri Lanka", "Oman", "Israël", "Djibouti", "Nauru", "Tuvalu", "Kiribati",
     "Vanuatu", "Samoa", "Tonga", "Palaos", "Sainte-Lucie", "Trinité-et-Tobago", "Grenade",
     "Antigua-et-Barbuda", "Saint-Marin", "Brunéi Darussalam", "Hong Kong", "Macao",
     "Porto Rico", "Taïwan", "Timor oriental", "Saint-Kitts-et-Nevis", "Sao Tomé-et-Principe"}
)  # fmt: skip
_FR_PLURAL = ("États-Unis", "Pays-Bas", "Philippines", "Émirats", "Comores", "Maldives",
              "Seychelles", "Bahamas", "Fidji", "Îles")  # fmt: skip
_FR_MASCULINE_E = frozenset({"Mexique", "Cambodge", "Mozambique", "Zimbabwe", "Belize",
                             "Suriname", "Zaïre", "Liechtenstein"})  # fmt: skip


def _french_gender(name: str) -> str:
    """Return how a French country name takes its article: "none", "plural", "vowel",
    "feminine" or "masculine"."""
    if name in _FR_NO_ARTICLE:
        return "none"
    if name.startswith(_FR_PLURAL):
        return "plural"
    if name[:1] in "AEIOUYÉÈÊÎÏÔÂ":
        return "vowel"
    first = name.split()[0].split("-")[0]
    if first.endswith("e") and first not in _FR_MASCULINE_E:
        return "feminine"
    return "masculine"


_FR_FORMS = {
    "in": {"none": "à ", "plural": "aux ", "vowel": "en ", "feminine": "en ", "masculine": "au "},
    "of": {"none": "de ", "plural": "des ", "vowel": "de l'", "feminine": "de la ",
           "masculine": "du "},
}  # fmt: skip


def country_phrase(text: str, language: str, case: str) -> str:
    """Return "in <country>" (`case` "in") or "of <country>" (`case` "of") in `language`:
    "au Sénégal", "en France", "aux États-Unis", "du Maroc"; "en Perú", "de Costa Rica".
    A text that is not a known country keeps its words, after a plain preposition."""
    code = country_code(text, language)
    name = _names(language).get(code, text.strip()) if code else text.strip()
    if language == "fr":
        gender = _french_gender(name) if code else "none"
        return _FR_FORMS[case][gender] + name
    return ("en " if case == "in" else "de ") + name
