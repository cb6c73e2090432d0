"""The common nouns institutions' names and legal forms open with, in French and Spanish:
they decide the definite article a language puts before a name on the signature page ("For
the Ministry of Labour", "Pour le Réseau ...", "Por la Fundación ...") and the lower case of
a legal form mid-sentence ("société anonyme", "fundación sin fines de lucro")."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """Return the words of `text`: a list of nouns written as one string."""
    return frozenset(text.split())


# Names that open with a common noun take its definite article after "For" on the
# signature page, whatever language the name is in: "For the International Labour
# Organization", "Pour le Réseau ...", "Pour la Fundación ...", "Por la Fundación ...". A
# name that opens with anything else (a brand, an acronym) is printed as it is.
_MASCULINE = _words(
    "bureau gouvernement ministère réseau conseil centre fonds syndicat comité secrétariat "
    "programme groupement mouvement collectif département service consortium institut "
    "office observatoire gobierno ministerio instituto consejo centro fondo sindicato "
    "banco servicio departamento programa movimiento colectivo consorcio observatorio"
)  # fmt: skip
_FEMININE = _words(
    "organisation association université agence union école entreprise alliance fondation "
    "fédération confédération chambre banque commission direction coopérative société "
    "caisse croix-rouge mutuelle plateforme maison communauté organización oficina "
    "fundación federación confederación asociación universidad cámara red comisión agencia "
    "cooperativa sociedad central secretaría dirección unión cruz mesa alianza plataforma "
    "corporación"
)  # fmt: skip
_ENGLISH = _words(
    "international united ministry government university federation confederation national world"
)


# The head nouns of English institutions' names, with the gender of the noun French and
# Spanish use for them ("the Hollis Foundation", "la Hollis Foundation"; "the People's
# Government of ...", "le People's Government", "el People's Government").
_ENGLISH_HEADS = {
    "foundation": "ff", "association": "ff", "society": "ff", "federation": "ff",
    "confederation": "ff", "corporation": "ff", "organization": "ff", "organisation": "ff",
    "university": "ff", "agency": "ff", "union": "ff", "chamber": "ff", "commission": "ff",
    "bank": "fm", "network": "mf", "office": "mf", "government": "mm", "ministry": "mm",
    "institute": "mm", "council": "mm", "fund": "mm", "programme": "mm", "centre": "mm",
    "center": "mm", "department": "mm", "secretariat": "mm", "authority": "ff",
}  # fmt: skip
# A name ending in a company's legal suffix is a trade name: no article in any language.
_COMPANY_SUFFIXES = _words(
    "ltd ltd. limited plc inc inc. llc gmbh ag s.a. sa s.a.s. sas sarl s.a.r.l. b.v. bv n.v. "
    "nv s.r.l. srl s.p.a. spa co. corp. lp llp pte pvt"
)


def _gender(name: str) -> str | None:
    """Return "f" or "m" (French then Spanish, e.g. "fm") for the noun a name is headed
    by, or None for a trade name or a name without a known head noun."""
    words = name.split()
    if not words or _trade(name):
        return None
    first = words[0].casefold()
    if first in _FEMININE:
        return "ff"
    if first in _MASCULINE:
        return "mm"
    head = None
    for word in words:  # the head noun comes before the name's "of" or "for"
        if word.casefold() in ("of", "for"):
            break
        head = _ENGLISH_HEADS.get(word.casefold().strip(",'’"), head)
    return head


def with_article(name: str, language: str) -> str:
    """Return a party's name with the definite article the language puts before it when
    the name is headed by a common noun ("le Réseau Jeunesse et Emploi", "la Fundación
    Andina", "the Ministry of Labour", "the Hollis Foundation", "la Hollis Foundation"); a
    trade name ("Northwind Apparel Group plc") or a name without a known head is unchanged."""
    gender = _gender(name)
    first = name.split(maxsplit=1)[0].casefold() if name.strip() else ""
    if language == "en":
        return "the " + name if gender or (first in _ENGLISH and not _trade(name)) else name
    if gender is None:
        return name
    feminine = gender[0 if language == "fr" else 1] == "f"
    if language == "fr":
        if first[:1] in "aeiouéèêîô":
            return "l\u2019" + name
        return ("la " if feminine else "le ") + name
    return ("la " if feminine else "el ") + name


def _trade(name: str) -> bool:
    """Return True when `name` ends in a company's legal suffix."""
    words = name.split()
    return bool(words) and words[-1].casefold().strip(",") in _COMPANY_SUFFIXES


# Nouns a French or Spanish legal form opens with, besides the institutions' nouns above.
_LEGAL_FORMS = _words(
    "société sociedad établissement entreprise empresa organisme organismo institution "
    "institución groupement association asociación fondation fundación organisation "
    "organización coopérative cooperativa mutuelle mutual corporación compagnie compañía "
    "entité entidad"
)


def legal_form_mid_sentence(text: str, language: str) -> str:
    """Return a legal form as a French or Spanish sentence writes it after a comma: a form
    that opens with a French or Spanish common noun in lower case ("Société anonyme" becomes
    "société anonyme"); any other form (English, German, an acronym) as the spec writes it,
    since its capital may belong to a name or a noun."""
    if language == "en" or not text.strip():
        return text
    first = text.split(maxsplit=1)[0]
    if first.casefold() in _LEGAL_FORMS | _MASCULINE | _FEMININE and first[1:].islower():
        return first[:1].lower() + text[1:]
    return text
