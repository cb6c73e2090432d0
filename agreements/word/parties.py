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


def party_line(party: Party, category: PartyCategory, acting_through: str, language: str) -> str:
    """Return how the list of parties describes one party, as its category requires: a
    company is registered in a country; a government is not; an international organization
    is established by its constituent instrument. The party's own words (legal form,
    address) are kept as the spec writes them."""
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
            party.legal_form
            or words(key, language, of_country=_country(party.country, language, "of"))
        ]
    elif category is PartyCategory.INTERGOVERNMENTAL:
        details = [party.legal_form or words("parties.intergovernmental", language)]
    else:
        details = [party.legal_form] if party.legal_form else []
        in_country = _country(party.country, language, "in")
        details.append(words("parties.registered", language, in_country=in_country))
    return ", ".join([*details, party.address])
