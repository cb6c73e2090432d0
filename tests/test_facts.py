"""No fact lost: every value of every example spec reaches its draft, and annexes are
cited only when the draft has them.

The leaf test walks the spec as the user wrote it and looks for each value in the text of
the draft read back with python-docx, as written or as the draft formats it (dates, amounts,
periods, country names, party ids as names). The few fields that only steer the tool are
listed in METADATA, each with the reason it does not appear.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document

from agreements.clauses.load import Library, load_library
from agreements.countries import localised_country
from agreements.formatting import (
    country_name,
    format_amount,
    format_date,
    format_money,
    format_percent,
    format_period,
    format_range,
)
from agreements.words import WORDS, words
from tests.conftest import EXAMPLES, ROOT, run_cli
from tests.drafts import make_draft

SPECS = [*EXAMPLES, *sorted((ROOT / "tests" / "data" / "roles").glob("*.yaml"))]

# Fields that steer the tool rather than state a fact of the agreement (reviewed list).
METADATA = {
    "id": "a key other parts of the spec use; parties appear by name",
    "language": "selects the clause texts' language",
    "kind": "selects the clauses of the kind",
    "sector": "decides the party's category",
    "classification": "decides the party's category",
    "roles": "decide which obligations the party bears",
    "industries": "screening input, checked against exclusions",
    "isic": "screening input, checked against exclusions",
    "acknowledgements": "decisions on screening findings, kept in the draft's provenance",
    "due_diligence.date": "screening record, kept by the organisation",
    "due_diligence.risk_level": "screening record, kept by the organisation",
    "due_diligence.outcome": "screening record, kept by the organisation",
    "due_diligence.reference": "screening record, kept by the organisation",
    "due_diligence.senior_approval_reference": "internal approval, not for the partner",
    "due_diligence.sanctions_listed": "screening flag",
    "due_diligence.mitigation_plan": "the organisation's screening narrative, not for the partner",
    "due_diligence.unremedied_abuses": "screening flag",
    "terms.fallbacks": "selects a pre-approved clause text",
    "legal_form@organisation": "the organisation is described by its settings",
}
# Booleans only select clauses or annexes; they are checked by the clause tests.


def _leaves(
    node: Any, path: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], Any, Any]]:
    if isinstance(node, dict):
        return [leaf for key, value in node.items() for leaf in _leaves(value, (*path, key))] + [
            ((*path, "__parent__"), node, None)
        ]
    if isinstance(node, list):
        return [leaf for i, value in enumerate(node) for leaf in _leaves(value, (*path, i))]
    return [(path, node, None)]


def _key(path: tuple[str | int, ...]) -> str:
    return ".".join(str(p) for p in path if not isinstance(p, int))


def _skipped(path: tuple[str | int, ...], value: Any, spec: dict[str, Any]) -> bool:
    key = _key(path)
    if isinstance(value, bool) or path[-1] in ("__parent__", "$schema"):
        return True
    steps = key.split(".")
    if steps[-1] in METADATA or any(
        ".".join(steps[i:j]) in METADATA
        for i in range(len(steps))
        for j in range(i + 1, len(steps) + 1)
    ):
        return True
    if key == "parties.legal_form":
        org = spec["parties"][path[1]]
        return org.get("sector") == "un_or_international_organisation" and org["id"] == "ilo"
    return False


def _forms(
    path: tuple[str | int, ...],
    value: Any,
    parent: dict[str, Any],
    names: dict[str, str],
    language: str = "en",
) -> list[str]:
    """Return the ways a draft in `language` may write `value`."""
    last = path[-1]
    if isinstance(value, dt.date):
        end = parent.get("end_date") if last == "start_date" else None
        if isinstance(end, dt.date):  # a period: "du 17 au 19 novembre 2026"
            return [format_date(value, language), format_range(value, end, language)]
        return [format_date(value, language)]
    party_keys = ("party", "recipient", "owner", "controller", "chair")
    if (last in party_keys or "selected_by" in path) and isinstance(value, str):
        return [names.get(value, value)]
    if last in ("amount", "unit_value") and "currency" in parent:
        amount, currency = Decimal(str(value)), parent["currency"]
        if last == "unit_value":
            # A goods table of one currency names it in its headers, once.
            return [
                format_money(amount, currency, language),
                format_amount(amount, currency, language),
            ]
        return [format_money(amount, currency, language)]
    if last == "currency":
        return [str(value)]
    if last == "support_cost_rate":
        return [format_percent(Decimal(str(value)), language)]
    if last == "country":
        return [country_name(str(value)), localised_country(str(value), language), str(value)]
    if last == "quantity":
        return [f"{Decimal(str(value)).normalize():f}"]
    if last in ("termination_notice_days", "retention_months"):
        unit = "days" if last == "termination_notice_days" else "months"
        return [
            format_period(int(value), unit, language),
            format_period(int(value), unit, language, words=False),
        ]
    if last == "type" and value == "in_kind":  # "contributions in kind", "en nature"
        return ["in kind", "en nature", "en especie"]
    if isinstance(value, str) and re.fullmatch(r"[a-z_]+", value):
        # A category the draft names in its language (the catalogue's words for it).
        worded = [words(key, language) for key in WORDS if key.endswith(f".{value}")]
        return [value.replace("_", " "), *worded]
    text = " ".join(str(value).split())
    return [text, text.rstrip(".;")]  # a list item may lose its closing stop


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def texts(library: Library, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("facts")
    out: dict[str, str] = {}
    for spec in SPECS:
        document = Document(str(make_draft(spec, library, folder).path))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.extend(cell.text for cell in row.cells)
        out[spec.stem] = " ".join(" ".join(parts).split())
    return out


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_every_value_of_the_spec_is_in_the_draft(spec: Path, texts: dict[str, str]) -> None:
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    names = {p["id"]: p["short_name"] for p in data["parties"]}
    language = data["agreement"]["language"]
    text = texts[spec.stem].replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    missing = []
    for path, value, _ in _leaves(data):
        if _skipped(path, value, data):
            continue
        context: dict[str, Any] = {}
        node: Any = data
        for step in path[:-1]:  # the nearest enclosing currency (amounts) and end (periods)
            node = node[step]
            if isinstance(node, dict):
                context = {
                    **context,
                    **{k: v for k, v in node.items() if k in ("currency", "end_date")},
                }
        forms = _forms(path, value, context, names, language)
        folded = text.casefold()
        forms = [" ".join(form.replace("\u2019", "'").split()) for form in forms]
        if not any(form.casefold() in folded for form in forms):
            missing.append(f"{_key(path)} = {value!r}")
    assert missing == [], "\n".join(missing)


def test_a_clause_citing_an_annex_the_draft_lacks_is_a_plan_error(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    text = (ROOT / "examples" / "bp-west-papua-youth.yaml").read_text(encoding="utf-8")
    spec.write_text(text.replace("\n  reports:\n", "\n  unused_reports:\n", 1), encoding="utf-8")
    library = tmp_path / "library"
    import shutil

    shutil.copytree(ROOT / "clauses", library / "clauses")
    shutil.copytree(ROOT / "templates", library / "templates")
    clause = library / "clauses" / "finance" / "financial-reporting.yaml"
    source = clause.read_text(encoding="utf-8")
    clause.write_text(
        re.sub(
            r"\{% if has_annex\(\"reports\"\) %\}(.*?)\{% else %\}.*?\{% endif %\}", r"\1", source
        ),
        encoding="utf-8",
    )
    spec.write_text(re.sub(r"\n  reports:\n(    .*\n|      .*\n)*", "\n", text), encoding="utf-8")
    result = run_cli("validate", "--library", str(library), str(spec))
    assert result.returncode == 1, result.stdout
    assert (
        "error C10 clause financial-reporting: cites the annex 'reports', which this draft "
        "does not have: the spec has no terms.reports"
    ) in result.stdout
