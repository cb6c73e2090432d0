"""Countries as a French or Spanish legal text writes them: the short name the United
Nations uses in that language (Babel's name, unless the UN writes it otherwise: "Viet Nam",
"République de Corée", "Federación de Rusia"), and the preposition or article the name
takes ("au Sénégal", "en France", "du Maroc", "au Royaume-Uni"; "en el Perú", "de los
Estados Unidos", "del Reino Unido", "en Colombia").

English names are written by `agreements.formatting.country_name` without Babel; this module
is imported only for the other languages.
"""

from __future__ import annotations

import re
from functools import cache

# Where the United Nations' short name in the language (UNTERM) differs from Babel's
# common name: an agreement of the Organization names a State as the UN does.
_UN_NAMES = {
    "fr": {
        "BO": "Bolivie (État plurinational de)", "CD": "République démocratique du Congo",
        "CI": "Côte d’Ivoire", "CV": "Cabo Verde", "CZ": "Tchéquie",
        "IR": "Iran (République islamique d’)", "KP": "République populaire démocratique de Corée",
        "KR": "République de Corée", "LA": "République démocratique populaire lao",
        "MD": "République de Moldova", "MM": "Myanmar", "PS": "État de Palestine",
        "RU": "Fédération de Russie", "SY": "République arabe syrienne",
        "TR": "Türkiye", "TZ": "République-Unie de Tanzanie",
        "VE": "Venezuela (République bolivarienne du)", "VN": "Viet Nam",
    },
    "es": {
        "BD": "Bangladesh", "BO": "Bolivia (Estado Plurinacional de)",
        "CD": "República Democrática del Congo", "CI": "Côte d’Ivoire", "IQ": "Iraq",
        "IR": "Irán (República Islámica del)", "KP": "República Popular Democrática de Corea",
        "KR": "República de Corea", "LA": "República Democrática Popular Lao",
        "MD": "República de Moldova", "MM": "Myanmar", "PS": "Estado de Palestina",
        "RU": "Federación de Rusia", "SA": "Arabia Saudita", "SY": "República Árabe Siria",
        "TR": "Türkiye", "TZ": "República Unida de Tanzanía",
        "VE": "Venezuela (República Bolivariana de)", "VN": "Viet Nam",
    },
}  # fmt: skip


@cache
def _names(language: str) -> dict[str, str]:
    """Return the country names of `language` by ISO 3166 alpha-2 code: Babel's, with the
    United Nations' short names where they differ."""
    from babel import Locale

    names = {
        code: str(name)
        for code, name in Locale.parse(language).territories.items()
        if len(code) == 2 and code.isalpha()
    }
    names.update(_UN_NAMES.get(language, {}))
    return names


@cache
def _codes(language: str) -> dict[str, str]:
    """Return ISO codes by folded country name, in English (pycountry) and in `language`."""
    return {name.casefold(): code for code, name in _names(language).items()}


# English names in UN usage that the ISO records do not give.
_ENGLISH_ALIASES = {
    "turkey": "TR", "palestine": "PS", "state of palestine": "PS",
    "democratic republic of the congo": "CD", "republic of the congo": "CG",
    "democratic people's republic of korea": "KP", "north korea": "KP", "south korea": "KR",
    "iran (islamic republic of)": "IR", "bolivia (plurinational state of)": "BO",
    "venezuela (bolivarian republic of)": "VE", "micronesia (federated states of)": "FM",
}  # fmt: skip


def country_code(text: str, language: str) -> str | None:
    """Return the ISO 3166 alpha-2 code of a country written as a code, as its English name
    (ISO's or the UN's) or as its name in `language`, French or Spanish; None when the text
    is not a known country."""
    import pycountry

    written = text.strip()
    # The UN's English short names put the State's form first ("Republic of Korea"); the
    # ISO record puts it after a comma ("Korea, Republic of").
    inverted = re.sub(r"^(.+? of(?: the)?) (.+)$", r"\2, \1", written)
    alias = _ENGLISH_ALIASES.get(written.casefold())
    if alias:
        return alias
    for candidate in (written, inverted):
        try:
            return str(pycountry.countries.lookup(candidate).alpha_2)
        except LookupError:
            continue
    # A spec written in another language names its countries in that language ("Sénégal"
    # in a French spec drafted in Spanish).
    for other in dict.fromkeys((language, "fr", "es")):
        code = _codes(other).get(written.casefold())
        if code:
            return code
    return None


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
                             "Suriname", "Zaïre", "Liechtenstein", "Royaume"})  # fmt: skip
# Names that start with a word other than a country's (the State of Palestine) take "dans".
_FR_STATE = ("État ",)


def _french_gender(name: str) -> str:
    """Return how a French country name takes its article: "none", "plural", "vowel",
    "feminine" or "masculine"."""
    if name in _FR_NO_ARTICLE:
        return "none"
    if name.startswith(_FR_STATE):
        return "state"
    if name.startswith(_FR_PLURAL):
        return "plural"
    if name[:1] in "AEIOUYÉÈÊÎÏÔÂ":
        return "vowel"
    first = name.split()[0].split("-")[0]
    if first.endswith("e") and first not in _FR_MASCULINE_E:
        return "feminine"
    return "masculine"


_FR_FORMS = {
    "in": {"none": "à ", "plural": "aux ", "vowel": "en ", "feminine": "en ", "masculine": "au ",
           "state": "dans l’"},
    "of": {"none": "de ", "plural": "des ", "vowel": "de l’", "feminine": "de la ",
           "masculine": "du ", "state": "de l’"},
}  # fmt: skip

# Spanish names the United Nations writes with their article ("el Perú", "los Países
# Bajos", "la India"); names of the form "República de ..." take it too.
_ES_ARTICLES = {
    "AF": "el", "AR": "la", "BR": "el", "CG": "el", "CM": "el", "EC": "el", "GB": "el",
    "IN": "la", "IQ": "el", "JP": "el", "LB": "el", "NE": "el", "NL": "los", "PE": "el",
    "PK": "el", "PY": "el", "SA": "la", "SD": "el", "SN": "el", "TD": "el", "US": "los",
    "UY": "el", "YE": "el", "AE": "los", "BS": "las", "PH": "",
}  # fmt: skip
_ES_BY_FIRST_WORD = {"República": "la", "Federación": "la", "Estado": "el", "Reino": "el",
                     "Estados": "los", "Islas": "las", "Emiratos": "los"}  # fmt: skip


def _spanish_article(code: str | None, name: str) -> str:
    """Return the article a Spanish country name takes ("el", "la", "los", "las" or "")."""
    if code in _ES_ARTICLES:
        return _ES_ARTICLES[code]
    if code is None:
        return ""
    return _ES_BY_FIRST_WORD.get(name.split()[0], "")


def country_phrase(text: str, language: str, case: str) -> str:
    """Return "in <country>" (`case` "in") or "of <country>" (`case` "of") in `language`:
    "au Sénégal", "en France", "aux États-Unis", "du Maroc"; "en el Perú", "del Reino Unido",
    "de Costa Rica". A text that is not a known country keeps its words, after a plain
    preposition."""
    code = country_code(text, language)
    name = _names(language).get(code, text.strip()) if code else text.strip()
    if language == "fr":
        gender = _french_gender(name) if code else "none"
        return _FR_FORMS[case][gender] + name
    article = _spanish_article(code, name)
    if case == "in":
        return f"en {article} {name}" if article else f"en {name}"
    if article == "el":
        return f"del {name}"
    return f"de {article} {name}" if article else f"de {name}"
