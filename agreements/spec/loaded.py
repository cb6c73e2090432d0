"""The result of the first pipeline stage: a spec as read, with its problems and positions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from agreements.problems import Problem, ProblemSummary
from agreements.spec.models import PartnershipSpec
from agreements.spec.parties import Party, PartyCategory, PartyRole
from agreements.yamlsafe import LoadedYaml


@dataclass(frozen=True)
class LoadedSpec(ProblemSummary):
    """A spec as read: the model when it is schema-valid, every problem, and positions.

    `org` is the party that is the library's organisation (None when no party is), and
    `categories` and `roles` give each party id its category and roles; later stages use
    these and never look the organisation up again. `decisions` lists the recorded decisions
    that cleared screening findings, for the draft's provenance.
    """

    file: str
    sha256: str
    spec: PartnershipSpec | None
    problems: tuple[Problem, ...]
    positions: LoadedYaml = field(repr=False)
    org: Party | None = None
    categories: Mapping[str, PartyCategory] = field(default_factory=lambda: MappingProxyType({}))
    roles: Mapping[str, frozenset[PartyRole]] = field(default_factory=lambda: MappingProxyType({}))
    decisions: tuple[str, ...] = ()

    def is_draftable(self) -> bool:
        """Return True when the spec parsed, has no error and names the organisation."""
        return self.spec is not None and self.org is not None and not self.errors
