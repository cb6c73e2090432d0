"""The roles each party holds, derived from what the spec says it does.

A donor pays money to the organisation; an in-kind contributor gives it goods.
A party with tasks implements, except a donor in a funding agreement (the organisation
implements what it funds), in an event (a party that pays is a sponsor, one that
organises is a co-organiser) and in research (a party that pays is a funder, one that does
research is a research partner). Roles a spec lists under a party are added to these, and
replace the derived event or research role they contradict.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from agreements.spec.models import AgreementKind, PartnershipSpec
from agreements.spec.money import FinancialContribution, InKindContribution
from agreements.spec.parties import PartyRole

_EXCLUSIVE = (
    {PartyRole.CO_ORGANISER, PartyRole.SPONSOR},
    {PartyRole.RESEARCH_PARTNER, PartyRole.RESEARCH_FUNDER},
)


def _derived(spec: PartnershipSpec, party_id: str, org_id: str) -> set[PartyRole]:
    roles: set[PartyRole] = set()
    for c in spec.contributions:
        if c.party != party_id:
            continue
        if isinstance(c, FinancialContribution) and c.recipient == org_id:
            roles.add(PartyRole.DONOR)
        elif isinstance(c, InKindContribution):
            roles.add(PartyRole.IN_KIND_CONTRIBUTOR)
    has_tasks = any(r.party == party_id for r in spec.responsibilities)
    kind = spec.agreement.kind
    if kind is AgreementKind.EVENT:
        roles.add(PartyRole.SPONSOR if PartyRole.DONOR in roles else PartyRole.CO_ORGANISER)
    elif kind is AgreementKind.RESEARCH:
        funder = PartyRole.DONOR in roles
        roles.add(PartyRole.RESEARCH_FUNDER if funder else PartyRole.RESEARCH_PARTNER)
    # In a funding agreement the organisation implements and the donor funds: a donor's own
    # tasks there (paying, sharing information) do not make it an implementing partner; a
    # spec that wants one says so under `roles`.
    elif (
        has_tasks
        and kind is not AgreementKind.MOU
        and not (kind is AgreementKind.FUNDING and PartyRole.DONOR in roles)
    ):
        roles.add(PartyRole.IMPLEMENTING_PARTNER)
    return roles


def derive_roles(spec: PartnershipSpec, org_id: str) -> Mapping[str, frozenset[PartyRole]]:
    """Return the roles of every party other than the organisation, by party id."""
    out: dict[str, frozenset[PartyRole]] = {}
    for party in spec.parties:
        if party.id == org_id:
            continue
        roles = _derived(spec, party.id, org_id)
        explicit = set(party.roles)
        for pair in _EXCLUSIVE:
            if explicit & pair:
                roles -= pair
        out[party.id] = frozenset(roles | explicit)
    return MappingProxyType(out)
