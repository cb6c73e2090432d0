"""Locating a clause library and reading its organisation settings."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from agreements.errors import LibraryError, NoLibraryError, UnreadableFileError, YamlError
from agreements.industries import Industry
from agreements.problems import Problem, Severity
from agreements.yamlsafe import load_yaml_file

_PACKAGE_DIR = Path(__file__).resolve().parent


# A setting that is printed in drafts or matched against specs: never empty or blank (an
# empty phrase would match every spec; an empty name would leave a gap in every draft).
Text = Annotated[str, Field(min_length=1, max_length=500, pattern=r"\S")]


class OrganisationIdentity(BaseModel):
    """Who "the organisation" is: the party every agreement of this library is made with."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    legal_name: Text = Field(description="Legal name a spec's party must carry exactly.")
    short_name: Text = Field(description="Name used in clause texts, e.g. 'ILO'.")
    acting_through: Text = Field(description="Secretariat acting for it, e.g. the Office.")
    seat: Text = Field(description="Seat of the organisation.")
    address: Text | None = Field(
        default=None,
        description=(
            "Postal address of the seat as this language writes it; a draft prints it in its "
            "own language when the spec gives the seat's address in any language."
        ),
    )


class LanguageSettings(BaseModel):
    """What the settings say in one more language of the library (French, Spanish): the
    organisation's names, the terms of the groups of parties, the glossary of defined terms
    and the recitals, each as a legal text in that language writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    organisation: OrganisationIdentity
    role_terms: dict[str, Text] = Field(
        default_factory=dict,
        description="The defined term of each group of parties in this language (see role_terms).",
    )
    terms: dict[Text, Text] = Field(
        default_factory=dict,
        description=(
            "Glossary of defined terms: each English term (singular and plural forms are "
            "separate terms) and the term this language uses for it."
        ),
    )
    recitals: list[Annotated[str, Field(min_length=1, max_length=2000, pattern=r"\S")]] = Field(
        default_factory=list, description="The recitals of the preamble in this language."
    )
    feminine_terms: list[Text] = Field(
        default_factory=list,
        description=(
            "Terms of this language (role terms or glossary terms) that take feminine "
            "articles; every other term is masculine (Partie and Parte are known)."
        ),
    )


def _letters(text: str) -> str:
    """Return the letters and digits of `text`, folded: what two spellings of one address
    share."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


class NumberStyle(StrEnum):
    """How clause texts write periods and counts: "thirty (30) days" or "30 days"."""

    WORDS_AND_DIGITS = "words_and_digits"
    DIGITS = "digits"


ROLE_TERM_DEFAULTS = {
    "partner": "Partner",
    "donor": "Donor",
    "in_kind_contributor": "In-kind Contributor",
    "implementing_partner": "Implementing Partner",
    "co_organiser": "Co-organiser",
    "sponsor": "Sponsor",
    "research_partner": "Research Partner",
    "research_funder": "Research Funder",
}


class ForbiddenPosition(BaseModel):
    """A position the organisation may never take, and the phrases that take it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Stable name of the position.")
    title: str = Field(min_length=3, description="What the position is, for messages.")
    fix: str = Field(min_length=3, description="What to write instead, for messages.")
    patterns: list[str] = Field(
        min_length=1, description="Phrases that take the position (see agreements.screening)."
    )
    unless: list[str] = Field(
        default_factory=list, description="Phrases that show a sentence does not take it."
    )
    negatable: bool = Field(
        default=True, description="False when the position's own words are negative."
    )

    @field_validator("patterns", "unless")
    @classmethod
    def _no_empty_pattern(cls, value: list[str]) -> list[str]:
        if any(not p.strip() or p.strip() == "*" for p in value):
            raise ValueError("a pattern must hold at least one word")
        return value


class Settings(BaseModel):
    """Policy choices of one organisation, configured in `clauses/settings.yaml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    organisation: OrganisationIdentity
    support_cost_rate: Decimal = Field(
        ge=0, le=100, allow_inf_nan=False, description="Default support-cost rate, percent."
    )
    due_diligence_max_age_months: int = Field(ge=1, le=60)
    excluded_industries: list[Industry] = Field(
        default_factory=list, description="Industries that block a partnership (P12)."
    )
    escalation_industries: list[Industry] = Field(
        default_factory=list, description="Industries that need senior clearance (P15)."
    )
    endorsement_phrases: list[Text] = Field(
        default_factory=list, description="Phrases that claim the organisation endorses a party."
    )
    role_terms: dict[str, Text] = Field(
        default_factory=lambda: dict(ROLE_TERM_DEFAULTS),
        description=(
            "Defined term of each group of parties in clause texts, in the singular: partner "
            "(every non-state party), donor, in_kind_contributor, implementing_partner, "
            "co_organiser, sponsor, research_partner, research_funder."
        ),
    )
    number_style: NumberStyle = Field(
        default=NumberStyle.WORDS_AND_DIGITS,
        description='Periods as "thirty (30) days" (words_and_digits) or "30 days" (digits).',
    )
    forbidden_positions: list[ForbiddenPosition] = Field(
        default_factory=list,
        description="Positions refused in spec text and clause texts, with their phrases.",
    )
    signed_approvals: bool = Field(
        default=False,
        description=(
            "True: an approval counts only when signed with a key listed in "
            "clauses/allowed_signers (see `clauses approve --sign-with`)."
        ),
    )
    recitals: list[Annotated[str, Field(min_length=1, max_length=2000, pattern=r"\S")]] = Field(
        default_factory=list,
        description="Recitals of the preamble that cite the organisation's founding texts.",
    )
    languages: dict[Annotated[str, Field(pattern=r"^(fr|es)$")], LanguageSettings] = Field(
        default_factory=dict,
        description=(
            "Languages of the library besides English (fr, es), each with its names, terms "
            "and recitals; every clause must then have a text in each of them."
        ),
    )
    register_location: str | None = Field(
        default=None,
        alias="register",
        min_length=1,
        description=(
            "The agreement register: a SQLite file (relative to the library folder) or a "
            "postgresql:// URL; AGREEMENTS_REGISTER and --register take precedence."
        ),
    )

    def organisation_names(self) -> tuple[str, ...]:
        """Return every name of the organisation in every language of the library: legal
        name, short name and the secretariat it acts through without its article (so that
        a French spec naming the "Organisation internationale du Travail" is recognised)."""
        identities = (self.organisation, *(s.organisation for s in self.languages.values()))
        names: list[str] = []
        for identity in identities:
            acting = re.sub(r"^(?:the|le|la|les|el|los|las)\s+|^l'", "", identity.acting_through)
            for name in (identity.legal_name, identity.short_name, acting.strip()):
                if name and name not in names:
                    names.append(name)
        return tuple(names)

    def organisation_legal_names(self) -> tuple[str, ...]:
        """Return the organisation's legal name in each language of the library, English
        first: a spec's organisation party carries one of them."""
        identities = (self.organisation, *(s.organisation for s in self.languages.values()))
        return tuple(dict.fromkeys(identity.legal_name for identity in identities))

    def organisation_address(self, written: str, language: str) -> str:
        """Return the address of the organisation's seat as a draft in `language` prints
        it, when `written` is that address in any language of the library (letters and
        digits compared, so "4, route des Morillons" is "4 route des Morillons"); any other
        address (a country office) is returned as the spec writes it."""
        identities = {"en": self.organisation}
        identities.update({code: extra.organisation for code, extra in self.languages.items()})
        known = {_letters(i.address) for i in identities.values() if i.address}
        wanted = identities.get(language)
        if wanted is None or wanted.address is None or _letters(written) not in known:
            return written
        return wanted.address

    @property
    def library_languages(self) -> tuple[str, ...]:
        """Return the languages every clause of the library is written in: English first."""
        return ("en", *self.languages)

    def role_term(self, role: str) -> str:
        """Return the defined term of a group of parties (e.g. 'Donor')."""
        if role not in ROLE_TERM_DEFAULTS:
            raise ValueError(f"unknown group of parties {role!r}")
        return self.role_terms.get(role, ROLE_TERM_DEFAULTS[role])

    def language_settings(self, language: str) -> LanguageSettings:
        """Return the section of `language` (raises `LibraryError` naming the setting to add:
        a draft in a language the library does not declare cannot name the organisation)."""
        extra = self.languages.get(language)
        if extra is None:
            raise LibraryError(
                f"the library settings have no {language!r} section: add languages.{language} "
                "(the organisation's names, role terms, glossary and recitals in that language)"
            )
        return extra

    def in_language(self, language: str) -> Settings:
        """Return the settings as a draft in `language` prints them: the organisation's
        names, the groups' terms and the recitals of that language (the same settings for
        English). Every other setting is policy and stays as it is."""
        if language == "en":
            return self
        extra = self.language_settings(language)
        missing = [role for role in ROLE_TERM_DEFAULTS if role not in extra.role_terms]
        if missing:
            raise LibraryError(
                f"languages.{language}.role_terms has no term for {', '.join(missing)}: "
                f"add the {language} term of each group of parties"
            )
        if len(extra.recitals) != len(self.recitals):
            raise LibraryError(
                f"languages.{language}.recitals has {len(extra.recitals)} recitals and the "
                f"English {len(self.recitals)}: translate each recital once"
            )
        return self.model_copy(
            update={
                "organisation": extra.organisation,
                "role_terms": dict(extra.role_terms),
                "recitals": list(extra.recitals),
            }
        )

    def defined_term(self, term: str, language: str) -> str:
        """Return the term `language` uses for the English defined term `term`, from the
        glossary (raises `LibraryError` naming the term and the language when it has none,
        as a draft would otherwise mix an English term into the text)."""
        if language == "en":
            return term
        extra = self.language_settings(language)
        translated = extra.terms.get(term) or _PARTY_TERMS.get(language, {}).get(term)
        if translated is None:
            raise LibraryError(
                f"the {language} glossary (languages.{language}.terms in the settings) has no "
                f"translation of the defined term {term!r}: add '{term}: <{language} term>'"
            )
        return translated


# The terms `the_others()` and `each_other()` print, used when the glossary does not give
# them (TRANSLATING.md fixes them).
_PARTY_TERMS = {
    "fr": {
        "Party": "Partie",
        "Parties": "Parties",
        "Participant": "Participant",
        "Participants": "Participants",
    },
    "es": {
        "Party": "Parte",
        "Parties": "Partes",
        "Participant": "Participante",
        "Participants": "Participantes",
    },
}


def default_library() -> Path:
    """Return the library used without `--library`: $AGREEMENTS_LIBRARY, the checkout, or
    the copy shipped inside the wheel."""
    env = os.environ.get("AGREEMENTS_LIBRARY")
    if env:
        return Path(env)
    checkout = _PACKAGE_DIR.parent
    if (checkout / "clauses" / "settings.yaml").is_file():
        return checkout
    return _PACKAGE_DIR / "_library"


def resolve_library(library: Path | None) -> Path:
    """Return a library folder that exists and holds `clauses/settings.yaml`."""
    root = library if library is not None else default_library()
    if not (root / "clauses" / "settings.yaml").is_file():
        raise NoLibraryError(
            f"{root}: not a clause library (no clauses/settings.yaml); "
            "pass --library DIR pointing at a folder with clauses/ and templates/"
        )
    return root


def load_settings(library: Path) -> Settings:
    """Return the organisation settings of `library`, or raise `LibraryError` saying why."""
    path = resolve_library(library) / "clauses" / "settings.yaml"
    try:
        loaded = load_yaml_file(path)
    except (YamlError, UnreadableFileError) as exc:
        raise LibraryError(str(exc)) from None
    if loaded.problems:
        raise LibraryError("\n".join(p.format() for p in loaded.problems))
    try:
        return Settings.model_validate(loaded.data)
    except ValidationError as exc:
        problems = [
            Problem(
                str(path),
                loaded.locate(tuple(error["loc"])),
                Severity.ERROR,
                "L22",
                ".".join(str(part) for part in error["loc"]) or "(file)",
                _settings_message(error),
                "correct the setting; see the settings section of README",
            )
            for error in exc.errors(include_url=False, include_input=False)
        ]
        raise LibraryError(
            f"{path}: the organisation settings have {len(problems)} "
            f"problem{'s' if len(problems) != 1 else ''}:\n"
            + "\n".join(p.format() for p in problems)
        ) from None


def _settings_message(error: Any) -> str:
    """Return pydantic's message about one setting in the words of a settings file."""
    kind = error["type"]
    if kind == "missing":
        return "this setting is required"
    if kind == "extra_forbidden":
        return "unknown setting (check its spelling)"
    if kind in ("string_pattern_mismatch", "string_too_short"):
        return "must not be empty or blank"
    return str(error["msg"]).removeprefix("Value error, ")
