"""The names a clause condition or text may use, computed once per spec.

A typed object rather than a loose dictionary: each name is a field or a method here, and
`names()` hands exactly these to the sandbox (lint checks clause sources against the same
list, see `sandbox.SPEC_ROOTS`, `FLAGS` and `FUNCTIONS`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from agreements.clauses import grammar
from agreements.clauses.annexes import (
    ANNEX_KEYS,
    Annex,
    annex_title,
    annexes_of,
    screened_with_conditions,
)
from agreements.clauses.sandbox import (
    ANNEX_REF,
    CONTRIBUTION_TYPES,
    FLAGS,
    FUNCTIONS,
    REF_CLOSE,
    REF_OPEN,
    SPEC_ROOTS,
    Markup,
    ref,
    refs,
)
from agreements.spec.models import AgreementKind
from agreements.spec.parties import PartyCategory, PartyRole, Sector
from agreements.words import words

if TYPE_CHECKING:
    from agreements.clauses.model import Definition
    from agreements.library import Settings
    from agreements.spec import Agreement, Contribution, Party, Risk, Terms
    from agreements.spec.loaded import LoadedSpec
    from agreements.spec.models import Beneficiaries, Event
    from agreements.spec.terms import Responsibility


@dataclass(frozen=True)
class ClauseContext:
    """Everything clause conditions and texts can see of one spec and its library, in one
    language: `in_language` gives the same context as a text in another language sees it
    (the organisation's names, the groups' terms, what each function prints)."""

    agreement: Agreement
    parties: tuple[Party, ...]
    org: Party
    partners: tuple[Party, ...]
    purpose: str
    objectives: tuple[str, ...]
    responsibilities: tuple[Responsibility, ...]
    contributions: tuple[Contribution, ...]
    risks: tuple[Risk, ...]
    terms: Terms
    settings: Settings
    non_state: tuple[Party, ...]
    public_authorities: tuple[Party, ...]
    governments: tuple[Party, ...]
    intergovernmental: tuple[Party, ...]
    public_parties: tuple[Party, ...]
    constituents: tuple[Party, ...]
    non_constituents: tuple[Party, ...]
    donors: tuple[Party, ...]
    in_kind_contributors: tuple[Party, ...]
    in_kind_only: tuple[Party, ...]
    implementing_partners: tuple[Party, ...]
    co_organisers: tuple[Party, ...]
    sponsors: tuple[Party, ...]
    research_partners: tuple[Party, ...]
    research_funders: tuple[Party, ...]
    event: Event | None
    beneficiaries: Beneficiaries
    annexes: tuple[Annex, ...]
    kind: str
    is_mou: bool
    party_count: int
    personal_data: bool
    new_material: bool
    logo_use: bool
    steering_committee: bool
    confidentiality: bool
    duration_days: int
    any_item_hazardous: bool
    children: bool
    beneficiary_contact: bool
    trainees: bool
    special_category_data: bool
    screening_conditions: bool
    # A bilingual agreement has two equally authentic texts; `languages` lists the
    # draft's language codes, the first leading (e.g. ('en', 'fr')).
    bilingual: bool
    languages: tuple[str, ...]
    language: str = "en"
    english: ClauseContext | None = field(default=None, repr=False, compare=False)

    def in_language(self, language: str) -> ClauseContext:
        """Return this context as clause texts in `language` see it: the organisation's
        names (`org`, its entry in `parties`, `settings.organisation`), the terms of the
        groups of parties, the recitals and the annex titles of that language, and the
        functions printing that language. Raises `LibraryError` when the settings lack it."""
        base = self.english or self
        if language == base.language:
            return base
        settings = base.settings.in_language(language)
        names = settings.organisation
        org = base.org.model_copy(
            update={"legal_name": names.legal_name, "short_name": names.short_name}
        )
        return replace(
            base,
            settings=settings,
            org=org,
            parties=tuple(org if p is base.org else p for p in base.parties),
            annexes=tuple(
                replace(a, title=annex_title(a.key, language, mou=base.is_mou))
                for a in base.annexes
            ),
            language=language,
            english=base,
        )

    def defined_term(self, definition: Definition) -> str:
        """Return the term a definition defines in this context's language: a group's term
        from the settings, else the glossary's translation of the English term (raises
        `LibraryError` when the glossary lacks it)."""
        if definition.role:
            return self.settings.role_term(definition.role)
        return self.settings.defined_term(definition.term, self.language)

    def party_terms(self) -> tuple[str, str]:
        """Return the terms of one and of several parties in this language: Party and
        Parties, or in a memorandum Participant and Participants."""
        one, many = ("Participant", "Participants") if self.is_mou else ("Party", "Parties")
        return (
            self.settings.defined_term(one, self.language),
            self.settings.defined_term(many, self.language),
        )

    def _feminine(self, term: str) -> bool:
        """Return True when `term` takes feminine articles in this language."""
        declared = self.settings.languages.get(self.language)
        return term in grammar.FEMININE_TERMS or (
            declared is not None and term in declared.feminine_terms
        )

    def annex(self, key: str) -> Markup:
        """Return "Annex 2" for the annex `key` ("annexe 2", "anexo 2"), the number a
        reference to it (an annex the draft does not have is reported by the plan)."""
        if key not in ANNEX_KEYS:
            raise ValueError(f"unknown annex {key!r}; annexes are: {', '.join(ANNEX_KEYS)}")
        word = words("annex.in_text", self.language)
        return Markup(f"{word} {REF_OPEN}{ANNEX_REF}{key}{REF_CLOSE}")

    def has_annex(self, key: str) -> bool:
        """Return True when the draft has the annex `key` (its data is in the spec)."""
        if key not in ANNEX_KEYS:
            raise ValueError(f"unknown annex {key!r}; annexes are: {', '.join(ANNEX_KEYS)}")
        return any(a.key == key for a in self.annexes)

    def has_contribution(self, kind: str) -> bool:
        """Return True when some party makes a contribution of this type."""
        if kind not in CONTRIBUTION_TYPES:
            raise ValueError(f"has_contribution: unknown type {kind!r}")
        return any(c.type == kind for c in self.contributions)

    def any_party(self, sector: str | None = None, classification: str | None = None) -> bool:
        """Return True when a party has this sector (and classification, when given)."""
        return any(
            (sector is None or p.sector.value == sector)
            and (classification is None or (p.classification or "") == classification)
            for p in self.parties
        )

    def fallback(self, topic: str) -> str | None:
        """Return the fallback position chosen for `topic` in the spec, or None."""
        return self.terms.fallbacks.get(topic)

    def group(self, role: str) -> tuple[Party, ...]:
        """Return the parties of a group named in clause texts: "partner" (every non-state
        party) or a role such as "donor"."""
        if role == "partner":
            return self.non_state
        try:
            return getattr(self, _GROUP_FIELDS[PartyRole(role)])  # type: ignore[no-any-return]
        except ValueError:
            raise ValueError(f"unknown group of parties {role!r}") from None

    def the(self, role: str) -> Markup:
        """Return "the Donor" when one party has the role, else "each Donor" (the defined
        term always singular, so the verb that follows agrees either way)."""
        parties = self.group(role)
        if not parties:
            raise ValueError(f"no party of this spec is in the group {role!r}")
        term = self.settings.role_term(role)
        if self.language != "en":
            one, feminine = len(parties) == 1, self._feminine(term)
            return Markup(grammar.the_phrase(term, self.language, one=one, feminine=feminine))
        article = "the" if len(parties) == 1 else "each"
        return Markup(f"{article} [[{term}]]")

    def The(self, role: str) -> Markup:
        """Return `the(role)` with a capital letter, to start a sentence."""
        return Markup(grammar.capitalised(self.the(role)))

    def a(self, role: str) -> Markup:
        """Return "the Partner" when one party has the role, else "a Partner" ("an" before a
        vowel): the form for a condition that any one of them may meet."""
        parties = self.group(role)
        if not parties:
            raise ValueError(f"no party of this spec is in the group {role!r}")
        term = self.settings.role_term(role)
        if self.language != "en":
            one, feminine = len(parties) == 1, self._feminine(term)
            return Markup(grammar.a_phrase(term, self.language, one=one, feminine=feminine))
        if len(parties) == 1:
            return Markup(f"the [[{term}]]")
        return Markup(f"{'an' if term[:1] in 'AEIOU' else 'a'} [[{term}]]")

    def Shall_not(self, role: str) -> Markup:  # the capitalised form starts sentences
        """Return "The Partner shall not" for one party, else "No Partner shall": a
        prohibition that reads right for one party or several."""
        parties = self.group(role)
        if not parties:
            raise ValueError(f"no party of this spec is in the group {role!r}")
        term = self.settings.role_term(role)
        if self.language != "en":
            one, feminine = len(parties) == 1, self._feminine(term)
            phrase = grammar.shall_not_phrase(term, self.language, one=one, feminine=feminine)
            return Markup(phrase)
        if len(parties) == 1:
            return Markup(f"The [[{term}]] shall not")
        return Markup(f"No [[{term}]] shall")

    def term(self, role: str) -> Markup:
        """Return the bare defined term of a group of parties, e.g. "Donor" in "no Donor"."""
        self.group(role)  # an unknown group is an error
        return Markup(f"[[{self.settings.role_term(role)}]]")

    def the_others(self) -> Markup:
        """Return "the other Party" in a bilateral agreement, else "the other Parties" (in a
        memorandum, Participant and Participants)."""
        one, many = self.party_terms()
        two = self.party_count == 2
        if self.language != "en":
            feminine = self._feminine(one)
            return Markup(
                grammar.others_phrase(one, many, self.language, two=two, feminine=feminine)
            )
        return Markup(f"the other [[{one if two else many}]]")

    def each_other(self) -> Markup:
        """Return "the other Party" in a bilateral agreement, else "each other Party": the
        subject of an obligation every party but the organisation bears."""
        one, many = self.party_terms()
        two = self.party_count == 2
        if self.language != "en":
            feminine = self._feminine(one)
            phrase = grammar.each_other_phrase(one, many, self.language, two=two, feminine=feminine)
            return Markup(phrase)
        return Markup(f"{'the' if two else 'each'} other [[{one}]]")

    def Each_other(self) -> Markup:  # the capitalised form starts sentences
        """Return `each_other()` with a capital letter, to start a sentence."""
        return Markup(grammar.capitalised(self.each_other()))

    def names(self, present: frozenset[str] | None = None) -> dict[str, Any]:
        """Return the mapping the sandbox renders with: spec roots, flags and functions.

        `present` holds the ids of the clauses in the draft, for `included()` in texts;
        conditions are evaluated before that is known, so there it is an error.
        """

        def included(clause_id: str) -> bool:
            if present is None:
                raise ValueError("included() can be used in clause texts only")
            return clause_id in present

        values: dict[str, Any] = {name: getattr(self, name) for name in SPEC_ROOTS + FLAGS}
        values.update(
            has_contribution=self.has_contribution,
            any_party=self.any_party,
            fallback=self.fallback,
            ref=ref,
            refs=refs,
            included=included,
            the=self.the,
            The=self.The,
            a=self.a,
            Shall_not=self.Shall_not,
            term=self.term,
            the_others=self.the_others,
            each_other=self.each_other,
            Each_other=self.Each_other,
            annex=self.annex,
            has_annex=self.has_annex,
        )
        assert tuple(values) == SPEC_ROOTS + FLAGS + FUNCTIONS
        return values


_GROUP_FIELDS = {
    PartyRole.DONOR: "donors",
    PartyRole.IN_KIND_CONTRIBUTOR: "in_kind_contributors",
    PartyRole.IMPLEMENTING_PARTNER: "implementing_partners",
    PartyRole.CO_ORGANISER: "co_organisers",
    PartyRole.SPONSOR: "sponsors",
    PartyRole.RESEARCH_PARTNER: "research_partners",
    PartyRole.RESEARCH_FUNDER: "research_funders",
}


def build_context(loaded: LoadedSpec, settings: Settings) -> ClauseContext:
    """Return the clause context of a draftable spec (one with an organisation party)."""
    spec, org = loaded.spec, loaded.org
    assert spec is not None and org is not None, "only a draftable spec has a clause context"
    terms = spec.terms
    agreement = spec.agreement
    partners = tuple(p for p in spec.parties if p is not org)

    def category(wanted: PartyCategory) -> tuple[Party, ...]:
        return tuple(p for p in partners if loaded.categories[p.id] is wanted)

    def role(wanted: PartyRole) -> tuple[Party, ...]:
        return tuple(p for p in partners if wanted in loaded.roles.get(p.id, ()))

    non_state = category(PartyCategory.NON_STATE)
    return ClauseContext(
        agreement=agreement,
        parties=tuple(spec.parties),
        org=org,
        partners=partners,
        purpose=spec.purpose,
        objectives=tuple(spec.objectives),
        responsibilities=tuple(spec.responsibilities),
        contributions=tuple(spec.contributions),
        risks=tuple(spec.risks),
        terms=terms,
        settings=settings,
        non_state=non_state,
        public_authorities=category(PartyCategory.PUBLIC_AUTHORITY),
        governments=tuple(
            p
            for p in category(PartyCategory.PUBLIC_AUTHORITY)
            if p.sector is Sector.PUBLIC_AUTHORITY
        ),
        intergovernmental=category(PartyCategory.INTERGOVERNMENTAL),
        public_parties=tuple(
            p for p in partners if loaded.categories[p.id] is not PartyCategory.NON_STATE
        ),
        constituents=tuple(p for p in non_state if p.is_constituent()),
        non_constituents=tuple(p for p in non_state if not p.is_constituent()),
        donors=role(PartyRole.DONOR),
        in_kind_contributors=role(PartyRole.IN_KIND_CONTRIBUTOR),
        in_kind_only=tuple(
            p for p in role(PartyRole.IN_KIND_CONTRIBUTOR) if p not in role(PartyRole.DONOR)
        ),
        implementing_partners=role(PartyRole.IMPLEMENTING_PARTNER),
        co_organisers=role(PartyRole.CO_ORGANISER),
        sponsors=role(PartyRole.SPONSOR),
        research_partners=role(PartyRole.RESEARCH_PARTNER),
        research_funders=role(PartyRole.RESEARCH_FUNDER),
        event=spec.event,
        beneficiaries=spec.beneficiaries,
        annexes=annexes_of(spec, org),
        kind=agreement.kind.value,
        is_mou=agreement.kind is AgreementKind.MOU,
        party_count=len(spec.parties),
        personal_data=terms.personal_data.processed,
        new_material=terms.intellectual_property.new_material,
        logo_use=terms.names_and_logos.use_planned,
        steering_committee=terms.governance.steering_committee,
        confidentiality=terms.confidentiality,
        duration_days=(agreement.end_date - agreement.start_date).days + 1,
        any_item_hazardous=any(i.durable_or_hazardous for c in spec.in_kind() for i in c.items),
        children=spec.beneficiaries.children,
        beneficiary_contact=spec.beneficiaries.contact_with_personnel,
        trainees=spec.beneficiaries.trainees,
        special_category_data=bool(terms.personal_data.special_categories),
        screening_conditions=bool(screened_with_conditions(spec)),
        bilingual=len(agreement.languages) > 1,
        languages=tuple(language.value for language in agreement.languages),
    )
