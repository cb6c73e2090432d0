"""Load a spec file and report every problem in it: YAML, schema and domain rules."""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from agreements.clauses.load import Library

if TYPE_CHECKING:
    from agreements.clauses.plan import DocumentPlan
from agreements.errors import SpecInvalidError
from agreements.problems import Problem, Severity, sort_key
from agreements.rules import RULES, Finding, check_spec, check_text_values
from agreements.spec import PartnershipSpec
from agreements.yamlsafe import LoadedYaml, PathKey, load_yaml, read_text


@dataclass
class SpecReport:
    """The outcome of checking one spec file: the spec when schema-valid, and all problems."""

    file: str
    spec: PartnershipSpec | None
    problems: list[Problem] = field(default_factory=list)
    sha256: str = ""
    plan: DocumentPlan | None = None

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that block a draft."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Return the problems that only need acknowledgement."""
        return [p for p in self.problems if p.severity is Severity.WARNING]


def display_path(path: PathKey) -> str:
    """Return `path` as `parties[1].signatories[0].name`."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
            continue
        shown = step if step.isprintable() else step.encode("unicode_escape").decode("ascii")
        text += f".{shown}" if text else shown
    return text


@cache
def _all_field_names() -> tuple[str, ...]:
    names: set[str] = set()
    stack: list[type[BaseModel]] = [PartnershipSpec]
    seen: set[type[BaseModel]] = set()
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(name)
            stack.extend(_models_in(info.annotation))
    return tuple(sorted(names))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_models_in(arg))
    for meta in getattr(annotation, "__metadata__", ()) or ():
        found.extend(_models_in(meta))
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        found.extend(_models_in(origin))
    return found


def strip_union_tags(path: PathKey, data: Any) -> PathKey:
    """Return `path` without the union tags pydantic inserts (e.g. `financial`), which are
    steps the user never wrote."""
    kept: list[str | int] = []
    node = data
    for step in path:
        if isinstance(node, dict) and step not in node and node.get("type") == step:
            continue
        kept.append(step)
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            node = None
    return tuple(kept)


def _raw_value(data: Any, path: PathKey) -> str:
    """Return a short display of the value the user wrote at `path`, or ''."""
    node = data
    for step in path:
        if isinstance(node, dict):
            if step not in node:
                return ""
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return ""
    if isinstance(node, dict | list):
        return "a mapping" if isinstance(node, dict) else "a list"
    shown = repr(node) if isinstance(node, str) else str(node)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _schema_findings(exc: ValidationError, data: Any) -> list[tuple[Finding, bool]]:
    """Return (finding, points-at-key) pairs for each pydantic error."""
    out: list[tuple[Finding, bool]] = []
    for error in exc.errors(include_url=False, include_input=False):
        loc = strip_union_tags(tuple(error["loc"]), data)
        kind = error["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            close = difflib.get_close_matches(key, _all_field_names(), n=1)
            fix = f"did you mean {close[0]!r}?" if close else "remove it or check the spelling"
            out.append((Finding("V01", loc, f"unknown key {key!r}", fix), True))
        elif kind == "missing":
            out.append(
                (
                    Finding(
                        "V02", loc, f"required field {loc[-1]!s} is missing", f"add `{loc[-1]!s}:`"
                    ),
                    False,
                )
            )
        else:
            got = _raw_value(data, loc)
            message = str(error["msg"]) + (f" (got {got})" if got else "")
            out.append((Finding("V03", loc, message), False))
    return out


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


def _plan(name: str, spec: PartnershipSpec, library: Library) -> tuple[DocumentPlan, list[Problem]]:
    """Return the plan of a rule-clean spec and its selection and planning issues."""
    from agreements.clauses.plan import plan_document
    from agreements.clauses.select import select_clauses

    plan = plan_document(select_clauses(spec, library))
    return plan, [
        Problem(
            name,
            None,
            RULES[i.code].severity,
            i.code,
            f"clause {i.clause_id}" if i.clause_id else "terms.fallbacks",
            i.message,
            i.fix or RULES[i.code].fix,
        )
        for i in plan.issues
    ]


def check_spec_text(text: str, name: str, library: Library) -> SpecReport:
    """Return the report of the spec whose YAML source is `text` (named `name`).

    Raises `SpecInvalidError` for YAML that is unsafe or unparseable; every other problem is
    collected in the report so the user sees them all at once.
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    settings = library.settings
    loaded = load_yaml(text, name)
    if not isinstance(loaded.data, dict):
        what = "a list" if isinstance(loaded.data, list) else "a single value"
        rule = RULES["Y08"]
        raise SpecInvalidError(
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
    problems = list(loaded.problems)
    text_findings = list(check_text_values(loaded.data, settings.endorsement_phrases))
    placeholders = {f.path for f in text_findings if f.code == "T02"}
    problems.extend(_to_problem(name, f, loaded, at_key=f.at_key) for f in text_findings)
    spec: PartnershipSpec | None = None
    plan: DocumentPlan | None = None
    try:
        spec = PartnershipSpec.model_validate(loaded.data)
    except ValidationError as exc:
        for finding, at_key in _schema_findings(exc, loaded.data):
            if any(finding.path[: len(p)] == p for p in placeholders):
                continue
            problems.append(_to_problem(name, finding, loaded, at_key=at_key))
    if spec is not None:
        problems.extend(_to_problem(name, f, loaded) for f in check_spec(spec, settings))
        if not any(p.severity is Severity.ERROR for p in problems):
            library.require_clean()
            plan, plan_problems = _plan(name, spec, library)
            problems.extend(plan_problems)
    problems.sort(key=sort_key)
    return SpecReport(name, spec, problems, digest, plan)


def check_spec_file(path: Path, library: Library) -> SpecReport:
    """Return the report of the spec file at `path` (see `check_spec_text`)."""
    return check_spec_text(read_text(path), str(path), library)
