"""How the list of parties describes each party, in the draft's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.articles import legal_form_mid_sentence
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


def _names_country(text: str, country: str, language: str) -> bool:
    """Return True when `text` names `country`, as the spec writes it or by its name in
    English or in `language`."""
    folded = text.casefold()
    if not folded:
        return False
    names = {
        country,
        country_name(country, article=False),
        country_name(country, language=language),
    }
    return any(name.casefold() in folded for name in names if name)


def party_line(
    party: Party, category: PartyCategory, acting_through: str, language: str, address: str
) -> str:
    """Return how the list of parties describes one party, as its category requires: a
    company is registered in a country; a government is not; an international organization
    is established by its constituent instrument. The party's own words (legal form,
    `address`) are kept as the spec writes them, a legal form in the case the language
    writes it mid-sentence."""
    legal_form = legal_form_mid_sentence(party.legal_form or "", language) or None
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
        # A legal form that names the country already ("registered under the law of Viet
        # Nam") is not followed by "registered in Viet Nam" again.
        if not _names_country(legal_form or "", party.country, language):
            in_country = _country(party.country, language, "in")
            key = (
                "parties.registered"
                if party.sector in _TRADE_REGISTER
                else "parties.registered_body"
            )
            details.append(words(key, language, in_country=in_country))
    return ", ".join([*details, address])
