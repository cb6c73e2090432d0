"""Stage 1, `load_spec`: read a spec file and check it against the schema and every rule.

Problems are collected, never raised one by one, so a user sees them all at once. The
organisation party and each party's category are resolved here, once, for every later stage.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from pydantic import ValidationError

from agreements.clauses.load import Library
from agreements.errors import SpecInvalidError, YamlError
from agreements.problems import Problem, display_path, sort_key
from agreements.rules import RULES, Finding, check_spec, check_text_values
from agreements.rules.partial import party_findings
from agreements.rules.parties import organisation_indexes
from agreements.rules.positions import check_positions
from agreements.rules.schema import schema_findings
from agreements.spec import PartnershipSpec, Party
from agreements.spec.loaded import LoadedSpec
from agreements.spec.parties import PartyCategory, PartyRole
from agreements.spec.roles import derive_roles
from agreements.yamlsafe import LoadedYaml, load_yaml, read_text


def _to_problem(
    name: str, finding: Finding, loaded: LoadedYaml, *, at_key: bool = False
) -> Problem:
    rule = RULES[finding.code]
    return Problem(
        file=name,
        location=loaded.locate(finding.path, key=at_key),
        severity=rule.severity,
        code=finding.code,
        path=display_path(finding.path),
        message=finding.message,
        fix=finding.fix or rule.fix,
    )


def _not_a_mapping(name: str, loaded: LoadedYaml) -> SpecInvalidError:
    what = "a list" if isinstance(loaded.data, list) else "a single value"
    rule = RULES["Y08"]
    return SpecInvalidError(
        [
            Problem(
                name,
                loaded.locate(()),
                rule.severity,
                "Y08",
                "",
                f"is {what}, but a spec is a mapping with agreement, parties, ...",
                "start from `agreements new --kind KIND`",
            )
        ]
    )


def _resolve_parties(
    spec: PartnershipSpec, library: Library
) -> tuple[Party | None, Mapping[str, PartyCategory], Mapping[str, frozenset[PartyRole]]]:
    """Return the organisation party (the first match, None if none), every party's
    category, and the roles of every other party."""
    found = organisation_indexes(spec, library.settings)
    org = spec.parties[found[0]] if found else None
    categories = {p.id: p.category(is_organisation=p is org) for p in spec.parties}
    roles = derive_roles(spec, org.id) if org is not None else MappingProxyType({})
    return org, MappingProxyType(categories), roles


def load_spec_text(text: str, name: str, library: Library) -> LoadedSpec:
    """Return the loaded spec whose YAML source is `text` (named `name` in messages).

    Raises `SpecInvalidError` for YAML that is unsafe or unparseable, or is not a mapping;
    every other problem is collected in the result.
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        loaded = load_yaml(text, name)
    except YamlError as exc:
        raise SpecInvalidError(exc.problems) from None
    if not isinstance(loaded.data, dict):
        raise _not_a_mapping(name, loaded)
    settings = library.settings
    problems = list(loaded.problems)
    org_names = list(settings.organisation_names())
    text_findings = list(check_text_values(loaded.data, settings.endorsement_phrases, org_names))
    text_findings += check_positions(loaded.data, settings)
    placeholders = {f.path for f in text_findings if f.code == "T02"}
    problems.extend(_to_problem(name, f, loaded, at_key=f.at_key) for f in text_findings)
    spec: PartnershipSpec | None = None
    try:
        spec = PartnershipSpec.model_validate(loaded.data)
    except ValidationError as exc:
        # A value the loader already refused (an impossible date, an infinite number) is
        # one mistake: its schema error ("got None") would only repeat it.
        refused = {p.location for p in loaded.problems if p.location is not None}
        for finding, at_key in schema_findings(exc, loaded.data):
            if any(finding.path[: len(p)] == p for p in placeholders):
                continue
            problem = _to_problem(name, finding, loaded, at_key=at_key)
            if finding.code == "V03" and problem.location in refused:
                continue
            problems.append(problem)
        problems.extend(_to_problem(name, f, loaded) for f in party_findings(loaded.data, settings))
    if spec is None:
        problems.sort(key=sort_key)
        return LoadedSpec(name, digest, None, tuple(problems), loaded)
    findings, decisions = check_spec(spec, settings)
    problems.extend(_to_problem(name, f, loaded) for f in findings)
    problems.sort(key=sort_key)
    org, categories, roles = _resolve_parties(spec, library)
    return LoadedSpec(
        name, digest, spec, tuple(problems), loaded, org, categories, roles, tuple(decisions)
    )


def load_spec(path: Path, library: Library) -> LoadedSpec:
    """Return the loaded spec of the file at `path` (see `load_spec_text`)."""
    return load_spec_text(read_text(path), str(path), library)
