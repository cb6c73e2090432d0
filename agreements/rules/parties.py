"""Rules on who the parties are and how they were screened."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from agreements.industries import first_match
from agreements.problems import PathKey
from agreements.rules.catalogue import Finding
from agreements.spec.parties import BORDERLINE_SECTORS, Party, RiskLevel, ScreeningOutcome

if TYPE_CHECKING:
    from agreements.library import Settings
    from agreements.spec import PartnershipSpec


def _months_between(earlier: dt.date, later: dt.date) -> int:
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    return months - 1 if later.day < earlier.day else months


def organisation_indexes(spec: PartnershipSpec, settings: Settings) -> list[int]:
    """Return the positions of the parties that are the library's organisation."""
    names = {name.casefold() for name in settings.organisation_legal_names()}
    return [i for i, party in enumerate(spec.parties) if party.legal_name.casefold() in names]


def _names_of(settings: Settings) -> list[str]:
    return list(settings.organisation_names())


def _near_miss(spec: PartnershipSpec, settings: Settings) -> int | None:
    """Return the index of the party whose name is closest to the organisation's, if close."""
    best, best_ratio = None, 0.0
    for i, party in enumerate(spec.parties):
        for name in _names_of(settings):
            ratio = difflib.SequenceMatcher(
                None, party.legal_name.casefold(), name.casefold()
            ).ratio()
            if ratio > best_ratio:
                best, best_ratio = i, ratio
    return best if best_ratio >= 0.8 else None


def _resembles_organisation(party: Party, settings: Settings) -> bool:
    """Return True when a party's names look like the organisation's (another spelling,
    its secretariat's name, or its short name), which would make two organisation parties."""

    def plain(text: str) -> str:
        return re.sub(r"[^a-z]", "", text.casefold().replace("organisation", "organization"))

    mine = {plain(n) for n in _names_of(settings)}
    theirs = {plain(party.legal_name), plain(party.short_name)}
    if mine & theirs:
        return True
    for a in mine:
        for b in theirs:
            if len(b) <= 5:
                continue
            matcher = difflib.SequenceMatcher(None, a, b)
            # The quick upper bounds rule out most names before the exact ratio is computed.
            if (
                matcher.real_quick_ratio() >= 0.85
                and matcher.quick_ratio() >= 0.85
                and matcher.ratio() >= 0.85
            ):
                return True
    return False


def check_parties(spec: PartnershipSpec, settings: Settings) -> Iterator[Finding]:
    """Yield breaches of the party rules P01-P05, P07-P15 and P18."""
    org_name = settings.organisation.legal_name
    orgs = organisation_indexes(spec, settings)
    near = _near_miss(spec, settings) if not orgs else None
    if not orgs:
        if near is not None:
            yield Finding(
                "P01",
                ("parties", near, "legal_name"),
                f"no party is the organisation ({org_name!r}); did you mean "
                f"{spec.parties[near].legal_name!r} (parties[{near}])?",
                f"write the legal name exactly: {org_name}",
            )
        else:
            yield Finding(
                "P01",
                ("parties",),
                f"no party is the organisation ({org_name!r})",
                f"add a party with legal_name: {org_name} (spelled exactly)",
            )
    for extra in orgs[1:]:
        yield Finding("P02", ("parties", extra), f"{org_name!r} appears more than once")
    if not any(not p.is_public() for p in spec.parties):
        yield Finding(
            "P03",
            ("parties",),
            "every party is public, so this is not a public-private partnership",
        )
    seen: dict[str, int] = {}
    for i, party in enumerate(spec.parties):
        if party.id in seen:
            yield Finding(
                "P05",
                ("parties", i, "id"),
                f"party id {party.id!r} is already used by parties[{seen[party.id]}]",
            )
        seen.setdefault(party.id, i)
        if party.classification is not None and party.sector not in BORDERLINE_SECTORS:
            yield Finding(
                "P16",
                ("parties", i, "classification"),
                f"{party.short_name} is a {party.sector.value.replace('_', ' ')}, whose category "
                "follows from its sector; classification is only for borderline sectors",
                "delete the classification (state-owned enterprises, Red Cross and Red Crescent "
                "societies and the IFRC need one)",
            )
        # The near miss of a missing organisation is reported once, as P01.
        if i not in orgs and i != near and _resembles_organisation(party, settings):
            yield Finding(
                "P17",
                ("parties", i, "legal_name"),
                f"{party.legal_name!r} resembles the organisation but is not its legal name",
                f"use one party for the organisation, with legal_name: {org_name}",
            )
        if party.sector in BORDERLINE_SECTORS and party.classification is None:
            yield Finding(
                "P04",
                ("parties", i, "sector"),
                f"{party.short_name} is a {party.sector.value.replace('_', ' ')}, "
                "a borderline sector: "
                "say whether it is public or non-state",
            )
        if i not in orgs:
            yield from _check_screening(spec, settings, i)


def _check_screening(spec: PartnershipSpec, settings: Settings, i: int) -> Iterator[Finding]:
    party = spec.parties[i]
    here: PathKey = ("parties", i)
    evidence: list[tuple[str, int, str, str | None]] = [
        ("industries", j, text, None) for j, text in enumerate(party.industries)
    ]
    evidence += [("isic", j, "", code) for j, code in enumerate(party.isic)]
    for key, j, text, code in evidence:
        shown = text or f"ISIC class {code}"
        excluded = first_match(settings.excluded_industries, text, code)
        if excluded is not None:
            yield Finding(
                "P12",
                (*here, key, j),
                f"{party.short_name} operates in an excluded industry: {excluded.name} ({shown})",
            )
            continue
        escalated = first_match(settings.escalation_industries, text, code)
        if escalated is not None:
            yield Finding(
                "P15",
                (*here, key, j),
                f"{party.short_name} operates in {escalated.name} ({shown}), which needs "
                "escalation",
            )
    if party.is_public():
        return
    dd = party.due_diligence
    if dd is None:
        yield Finding(
            "P07",
            here,
            f"{party.short_name} is non-state but has no due-diligence record",
            "add due_diligence with date, risk_level, outcome and reference",
        )
        return
    where = (*here, "due_diligence")
    signature = spec.agreement.signature_date
    if dd.date > signature:
        yield Finding(
            "P08",
            (*where, "date"),
            f"screening of {party.short_name} is dated {dd.date}, after signature on {signature}",
        )
    else:
        age = _months_between(dd.date, signature)
        limit = settings.due_diligence_max_age_months
        if age > limit or (age == limit and dd.date.day != signature.day):
            yield Finding(
                "P09",
                (*where, "date"),
                f"screening of {party.short_name} ({dd.date}) will be {age} months "
                f"old at signature; the limit is {limit} months",
            )
    if dd.outcome is ScreeningOutcome.REJECTED:
        yield Finding("P10", (*where, "outcome"), f"screening of {party.short_name} was rejected")
    if dd.outcome is ScreeningOutcome.APPROVED_WITH_CONDITIONS and not dd.conditions:
        # The mitigation plan stays in the register; only listed conditions reach the
        # articles of the agreement and bind the party.
        yield Finding(
            "P18",
            (*where, "outcome"),
            f"screening of {party.short_name} was approved with conditions, but none is "
            "listed for the agreement",
        )
    if dd.risk_level is RiskLevel.HIGH and (
        dd.mitigation_plan is None or dd.senior_approval_reference is None
    ):
        missing = [
            name
            for name, value in (
                ("mitigation_plan", dd.mitigation_plan),
                ("senior_approval_reference", dd.senior_approval_reference),
            )
            if value is None
        ]
        yield Finding(
            "P11",
            (*where, "risk_level"),
            f"{party.short_name} is high risk but lacks {' and '.join(missing)}",
        )
    if dd.sanctions_listed:
        yield Finding(
            "P13", (*where, "sanctions_listed"), f"{party.short_name} is on a UN sanctions list"
        )
    if dd.unremedied_abuses:
        yield Finding(
            "P14",
            (*where, "unremedied_abuses"),
            f"{party.short_name} has unremedied complicity in labour or human-rights abuse",
        )
