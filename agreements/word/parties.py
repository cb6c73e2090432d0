"""How the list of parties describes each party, in the draft's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.formatting import country_name
from agreements.spec.parties import PartyCategory, Sector
from agreements.words import words

if TYPE_CHECKING:
    from agreements.spec import Party


def _country(text: str, language: str, case: str) -> str:
    """Return "in <country>" or "of <country>" as `language` writes it."""
    if language == "en":
        return f"{case} {country_name(text)}"
    from agreements.countries import country_phrase

    return country_phrase(text, language, case)


# Sectors whose bodies a French text says are "immatriculées" (entered in a trade
# register); associations, foundations and other bodies are "enregistrées".
_TRADE_REGISTER = frozenset(
    {Sector.COMPANY, Sector.STATE_OWNED_ENTERPRISE, Sector.FINANCIAL_INSTITUTION}
)


def _legal_form(text: str | None, language: str) -> str | None:
    """Return a legal form as it reads after a comma: French and Spanish write "société
    anonyme" and "fundación sin fines de lucro" in lower case mid-sentence (an acronym such
    as "S.A." or "ONG" is kept); English keeps the spec's capitals, which may be a name."""
    if not text or language == "en":
        return text
    first = text.split()[0]
    if first[:1].isupper() and first[1:].islower() and first.isalpha():
        return text[0].lower() + text[1:]
    return text


def party_line(
    party: Party, category: PartyCategory, acting_through: str, language: str, address: str
) -> str:
    """Return how the list of parties describes one party, as its category requires: a
    company is registered in a country; a government is not; an international organization
    is established by its constituent instrument. The party's own words (legal form,
    `address`) are kept as the spec writes them, a legal form in the case the language
    writes it mid-sentence."""
    legal_form = _legal_form(party.legal_form, language)
    if category is PartyCategory.ORGANISATION:
        details = [
            words("parties.organisation", language),
            words("parties.acting_through", language, name=acting_through),
        ]
    elif category is PartyCategory.PUBLIC_AUTHORITY:
        key = (
            "parties.authority"
            if party.sector is Sector.PUBLIC_AUTHORITY
            else "parties.public_body"
        )
        details = [
            legal_form or words(key, language, of_country=_country(party.country, language, "of"))
        ]
    elif category is PartyCategory.INTERGOVERNMENTAL:
        details = [legal_form or words("parties.intergovernmental", language)]
    else:
        details = [legal_form] if legal_form else []
        in_country = _country(party.country, language, "in")
        key = "parties.registered" if party.sector in _TRADE_REGISTER else "parties.registered_body"
        details.append(words(key, language, in_country=in_country))
    return ", ".join([*details, address])
