"""The clause library: selection per kind, planning, lint fixtures and the sandbox."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from agreements.build import check
from agreements.clauses.load import Library, load_library
from agreements.clauses.render import RenderedDocument
from agreements.library_check import lint_all as lint_library
from tests.conftest import EXAMPLES, ROOT, run_cli

LINT = ROOT / "tests" / "data" / "lint"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def _plan(example: str, library: Library) -> RenderedDocument:
    checked = check(ROOT / "examples" / example, library)
    assert checked.rendered is not None
    return checked.rendered


def _ids(plan: RenderedDocument) -> list[str]:
    return [c.clause_id for c in plan.clauses]


def test_the_library_has_at_least_45_clauses_covering_every_kind(library: Library) -> None:
    assert len(library.clauses) >= 45
    topics = {s.clause.topic for s in library.clauses.values()}
    for topic in (
        "kind-funding",
        "kind-in-kind",
        "kind-joint-implementation",
        "kind-event",
        "kind-advocacy",
        "kind-research",
        "mou",
        "data",
        "ip",
    ):
        assert topic in topics


def test_fallbacks_exist_for_ip_termination_and_acknowledgement(library: Library) -> None:
    topics = {s.clause.fallback_topic for s in library.clauses.values() if s.clause.fallbacks}
    assert {"ip_ownership", "termination_notice", "acknowledgement"} <= topics


def test_funding_agreement_has_support_costs_and_audit(library: Library) -> None:
    ids = _ids(_plan("bp-west-papua-youth.yaml", library))
    assert {"support-costs", "audit", "payment-schedule", "financial-reporting"} <= set(ids)


def test_mou_is_non_binding_and_has_no_payment_clause(library: Library) -> None:
    plan = _plan("mou-skills-dialogue.yaml", library)
    ids = _ids(plan)
    assert "mou-non-binding" in ids
    assert not {"payment-schedule", "support-costs", "liability-and-indemnity"} & set(ids)
    assert all(c.planned.clause.topic != "finance" for c in plan.clauses)
    text = " ".join(b.plain() for c in plan.clauses for b in c.blocks)
    assert "not legally binding" in text
    assert " shall " not in text


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_data_clause_appears_exactly_when_personal_data_is_processed(
    example: Path, library: Library
) -> None:
    processed = yaml.safe_load(example.read_text(encoding="utf-8"))["terms"]["personal_data"][
        "processed"
    ]
    assert ("personal-data" in _ids(_plan(example.name, library))) is processed


def test_six_party_programme_gets_a_steering_committee(library: Library) -> None:
    plan = _plan("mianzhu-livelihoods.yaml", library)
    assert len(plan.plan.selection.spec.parties) == 6
    assert "steering-committee" in _ids(plan)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_plans_without_issues(example: Path, library: Library) -> None:
    plan = _plan(example.name, library)
    assert plan.plan.issues + plan.issues == ()
    assert [c.number for c in plan.clauses] == list(range(1, len(plan.clauses) + 1))


def test_references_resolve_to_the_target_number(library: Library) -> None:
    plan = _plan("bp-west-papua-youth.yaml", library)
    numbers = plan.plan.numbers
    refs = [r for c in plan.clauses for b in c.blocks for r in b.runs if r.kind == "ref"]
    annexes = {f"annex:{a.key}": a.number for a in plan.plan.selection.context.annexes}
    assert refs and any(r.target in annexes for r in refs)
    for run in refs:
        assert run.text == str(numbers.get(run.target) or annexes[run.target])


def test_unused_definitions_are_dropped(library: Library) -> None:
    mou = _plan("mou-skills-dialogue.yaml", library)
    funding = _plan("bp-west-papua-youth.yaml", library)

    def defined(plan: RenderedDocument) -> set[str]:
        return {
            r.text for c in plan.clauses for b in c.blocks for r in b.runs if r.kind == "define"
        }

    assert "Funds" in defined(funding)
    assert "Funds" not in defined(mou)


def test_fallback_replaces_the_text(library: Library) -> None:
    plan = _plan("in-kind-solar-equipment.yaml", library)
    chosen = {
        c.clause_id: c.planned.decision.fallback
        for c in plan.clauses
        if c.planned.decision.fallback
    }
    assert chosen
    spec = plan.plan.selection.spec
    for clause_id, name in chosen.items():
        clause = library.clauses[clause_id].clause
        assert spec.terms.fallbacks[clause.fallback_topic or ""] == name


def test_shipped_library_lints_clean(library: Library) -> None:
    problems = lint_library(library, EXAMPLES)
    assert [p.format() for p in problems] == []


# Translation parity rules run on a library whose settings declare French.
PARITY_CODES = frozenset({"L17", "L18", "L19", "L23", "L24", "L25"})


def _lint_fixture(code: str, tmp_path: Path) -> list[str]:
    base = "bilingual" if code in PARITY_CODES else "base"
    shutil.copytree(LINT / base, tmp_path, dirs_exist_ok=True)
    shutil.copytree(LINT / code, tmp_path / "clauses", dirs_exist_ok=True)
    examples = [ROOT / "tests/data/rules/base.yaml"] if code == "L12" else None
    problems = lint_library(load_library(tmp_path), examples)
    return [p.format().splitlines()[0].replace(str(tmp_path), "<lib>") for p in problems]


LINT_CASES = {
    "L01": ["<lib>/clauses/core/gamma.yaml:1:1: error L01 title: required field title is missing"],
    "L02": [
        "<lib>/clauses/core/gamma.yaml:1:5: error L02 id: id 'delta' differs from the file "
        "name 'gamma'"
    ],
    "L03": [
        "<lib>/clauses/general/gamma.yaml:3:8: error L03 topic: topic 'core' differs from "
        "its folder 'general'"
    ],
    "L04": [
        "<lib>/clauses/core/gamma.yaml:7:15: error L04 applies_when: names agreement.titel, "
        "which is not a field of the spec"
    ],
    "L05": ["<lib>/clauses/core/gamma.yaml:8:7: error L05 text.en: uses the unknown name 'lookup'"],
    "L06": [
        "<lib>/clauses/core/gamma.yaml:7:1: error L06 text: ref('nowhere') names no clause "
        "of the library"
    ],
    "L07": [
        "<lib>/clauses/core/gamma.yaml:7:1: error L07 requires: requires form a cycle: "
        "gamma -> gamma-two -> gamma"
    ],
    "L08": [
        "<lib>/clauses/core/gamma.yaml:7:1: error L08 text: uses the term 'Widget', which "
        "no clause defines"
    ],
    "L09": [
        "<lib>/clauses/core/gamma.yaml:7:1: error L09 text: defines 'Agreement', which "
        "'alpha' defines too"
    ],
    "L10": ["<lib>/clauses/core/gamma.yaml:8:7: error L10 text.en: text is empty"],
    "L11": [
        "<lib>/clauses/core/alpha.yaml:8:1: error L11 text: has no 'fr' text while other "
        "clauses have one",
        "<lib>/clauses/core/beta.yaml:8:1: error L11 text: has no 'fr' text while other "
        "clauses have one",
    ],
    "L12": [
        "<lib>/clauses/core/gamma.yaml:7:15: warning L12 applies_when: no example spec "
        "selects this clause"
    ],
    "L13": [
        "<lib>/clauses/core/gamma.yaml:7:15: error L13 applies_when: reaches for the "
        "internal attribute '__mro__'; only spec fields may be used",
        "<lib>/clauses/core/gamma.yaml:7:15: error L13 applies_when: reaches for the "
        "internal attribute '__class__'; only spec fields may be used",
        "<lib>/clauses/core/gamma.yaml:9:7: error L13 text.en: reaches for the internal "
        "attribute '__globals__'; only spec fields may be used",
        "<lib>/clauses/core/gamma.yaml:9:7: error L13 text.en: reaches for the internal "
        "attribute '__init__'; only spec fields may be used",
    ],
    # Each phrase takes a forbidden position in its own words (issue 13's misses included).
    "L14": [
        "<lib>/clauses/core/delta.yaml:8:7: error L14 text.en: takes a forbidden position: a "
        "national law governing the agreement ('This Agreement shall be construed under "
        "English law.')",
        "<lib>/clauses/core/epsilon.yaml:8:7: error L14 text.en: takes a forbidden position: the "
        "jurisdiction of national courts ('The courts in London have jurisdiction over any "
        "dispute.')",
        "<lib>/clauses/core/eta.yaml:8:7: error L14 text.en: takes a forbidden position: a "
        "partner's approval or veto over the organisation's publications ('Any publication "
        "shall require the prior written approval of the Partner.')",
        "<lib>/clauses/core/gamma.yaml:8:7: error L14 text.en: takes a forbidden position: a "
        "national law governing the agreement ('This Agreement is governed by the laws of "
        "Switzerland.')",
        "<lib>/clauses/core/theta.yaml:8:7: error L14 text.en: takes a forbidden position: "
        "exclusivity or sole-partner status ('The Partner is the sole partner of the ILO in the "
        "sector.')",
        "<lib>/clauses/core/zeta.yaml:8:7: error L14 text.en: takes a forbidden position: an "
        "indemnity or unlimited liability of the organisation ('The ILO agrees to indemnify "
        "the Partner against third-party claims.')",
    ],
    "L15": [
        "<lib>/clauses/core/gamma.yaml:8:7: error L15 text.en: template syntax error: "
        "expected name or number"
    ],
    # A part without its French text, in the main text and in a variant.
    "L17": [
        "<lib>/clauses/core/gamma.yaml:6:1: error L17 title.fr: has no French text, though the "
        "library is written in French",
        "<lib>/clauses/core/gamma.yaml:14:5: error L17 alternatives[0].text.fr: has no French "
        "text, though the library is written in French",
    ],
    # Placeholders compare whatever their spacing; a dropped condition and a new value show.
    "L18": [
        "<lib>/clauses/core/gamma.yaml:12:7: error L18 text.fr: its placeholders and conditions "
        "differ from the English: lacks {% if donors %}, {% endif %}; adds "
        "{{ agreement.end_date | date }}"
    ],
    "L19": [
        "<lib>/clauses/core/gamma.yaml:12:7: error L19 text.fr: cites other articles or annexes "
        "than the English: lacks ref('alpha'), annex('budget'); adds ref('beta')"
    ],
    "L23": [
        "<lib>/clauses/core/gamma.yaml:16:7: error L23 text.fr: has 2 paragraphs where the "
        "English has 1 paragraph, 2 items, 1 paragraph"
    ],
    "L24": [
        "<lib>/clauses/core/gamma.yaml:11:7: error L24 text.fr: its defined terms differ from the "
        "English: lacks [[Accord]]; marks **Contrat**, which translates no term of text.en"
    ],
    # Reported once, where first met, although two clauses use the term.
    "L25": [
        "<lib>/clauses/core/delta.yaml:11:7: error L25 text.fr: the glossary has no French term "
        "for 'Widget'"
    ],
    "L21": [
        "<lib>/clauses/core/gamma.yaml:8:7: error L21 text.en: cites 'annexes to this' in words, "
        "which may name an annex or document the draft does not contain"
    ],
    # The Donor is named in drafts without donors; the Sponsor only under `if sponsors`.
    "L20": [
        "<lib>/clauses/core/gamma.yaml:9:7: error L20 text.en: names the donor group, which "
        "a draft that selects this clause may not have"
    ],
}


@pytest.mark.parametrize("code", sorted(LINT_CASES))
def test_each_lint_rule_has_a_failing_fixture(code: str, tmp_path: Path) -> None:
    assert _lint_fixture(code, tmp_path) == LINT_CASES[code]


@pytest.mark.parametrize("base", ["base", "bilingual"])
def test_the_lint_base_fixtures_are_clean(base: str, tmp_path: Path) -> None:
    shutil.copytree(LINT / base, tmp_path, dirs_exist_ok=True)
    assert lint_library(load_library(tmp_path)) == []


def test_a_library_reaching_for_python_internals_is_refused_before_anything_runs(
    tmp_path: Path,
) -> None:
    shutil.copytree(LINT / "base", tmp_path, dirs_exist_ok=True)
    shutil.copytree(LINT / "L13", tmp_path / "clauses", dirs_exist_ok=True)
    result = run_cli("validate", "--library", str(tmp_path), "tests/data/rules/base.yaml")
    assert result.returncode == 1
    assert "has 4 errors; run `agreements clauses lint`" in result.stderr
    assert (
        "error L13 applies_when: reaches for the internal attribute '__class__'; "
        "only spec fields may be used"
    ) in result.stderr
    assert "Traceback" not in result.stderr


def test_the_sandbox_still_refuses_internals_asked_for_directly() -> None:
    from agreements.clauses.select import ConditionError, evaluate

    with pytest.raises(ConditionError, match=r"cannot compile .*: reaches for the internal"):
        evaluate("''.__class__.__mro__", {})


def _library_with(tmp_path: Path, clauses: dict[str, str]) -> None:
    """Copy the lint base library into tmp_path and add core clauses (id -> extra YAML)."""
    shutil.copytree(LINT / "base", tmp_path, dirs_exist_ok=True)
    for order, (clause_id, extra) in enumerate(clauses.items(), start=20):
        (tmp_path / f"clauses/core/{clause_id}.yaml").write_text(
            f"id: {clause_id}\nversion: 1\ntopic: core\nposition: final_provisions\n"
            f"order: {order}\n"
            + ("" if "title:" in extra else f"title: {{en: {clause_id}}}\n")
            + extra,
            encoding="utf-8",
        )


def test_reference_to_an_unselected_clause_names_the_condition(tmp_path: Path) -> None:
    _library_with(
        tmp_path,
        {
            "gamma": "applies_when: \"kind == 'event'\"\ntext:\n  en: Events only.\n",
            "delta": "text:\n  en: 'See Article {{ ref(\"gamma\") }}.'\n",
        },
    )
    result = run_cli("validate", "--library", str(tmp_path), "tests/data/rules/base.yaml")
    assert result.returncode == 1
    assert (
        "error C04 clause delta: refers to 'gamma', but it is not selected (condition "
        "false: kind == 'event' with kind = 'funding')"
    ) in result.stdout


def test_excludes_conflict_names_both_clauses_and_the_values(tmp_path: Path) -> None:
    _library_with(
        tmp_path,
        {
            "gamma": "applies_when: \"has_contribution('financial')\"\nexcludes: [beta]\n"
            "text:\n  en: Money clause.\n",
        },
    )
    result = run_cli("validate", "--library", str(tmp_path), "tests/data/rules/base.yaml")
    assert result.returncode == 1
    assert (
        "error C01 clause beta: 'beta' excludes 'gamma', but both are selected" not in result.stdout
    )
    assert (
        "error C01 clause gamma: 'gamma' excludes 'beta', but both are selected "
        "(has_contribution('financial') = True)"
    ) in result.stdout


def test_unknown_fallback_lists_the_offered_ones(tmp_path: Path) -> None:
    text = (ROOT / "examples/in-kind-solar-equipment.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "spec.yaml"
    bad.write_text(text.replace("one_hundred_eighty_days", "ten_days"), encoding="utf-8")
    result = run_cli("validate", str(bad))
    assert result.returncode == 1
    assert (
        "error C02 clause termination: terms.fallbacks.termination_notice is 'ten_days', "
        "which the clause 'termination' does not offer" in result.stdout
    )


def test_explain_lists_clauses_in_order_with_reasons() -> None:
    result = run_cli("explain", "examples/mou-skills-dialogue.yaml", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    numbers = [c["number"] for c in data["selected"]]
    assert numbers == list(range(1, len(numbers) + 1))
    first = data["selected"][0]
    assert first["id"] == "parties" and first["variant"] == "mou"
    excluded = {c["id"]: c for c in data["excluded"]}
    assert excluded["payment-schedule"]["values"] == [
        "donors = none",
        "is_mou = True",
    ]
    text = run_cli("explain", "examples/mou-skills-dialogue.yaml").stdout
    assert re.search(r"^  4\. Nature of this Memorandum  \[mou-non-binding@\d+\]$", text, re.M)


def test_clauses_list_filters_by_topic_and_kind() -> None:
    by_topic = run_cli("clauses", "list", "--topic", "finance", "--format", "json")
    rows = json.loads(by_topic.stdout)
    assert rows and all(r["topic"] == "finance" for r in rows)
    mou = json.loads(run_cli("clauses", "list", "--kind", "mou", "--format", "json").stdout)
    ids = {r["id"] for r in mou}
    assert "mou-non-binding" in ids and "support-costs" not in ids
    table = run_cli("clauses", "list").stdout.splitlines()
    assert table[0].split() == ["id", "ver", "applies", "when"]


def test_clauses_show_and_unknown_id() -> None:
    shown = run_cli("clauses", "show", "support-costs")
    assert shown.returncode == 0
    assert re.match(r"support-costs@\d+  Programme support costs\n", shown.stdout)
    missing = run_cli("clauses", "show", "suport-costs")
    assert missing.returncode == 2
    assert missing.stderr.strip() == (
        "Error: no clause has the id 'suport-costs'; did you mean 'support-costs'? "
        "(`agreements clauses list` shows every id)"
    )
    far = run_cli("clauses", "show", "nope")
    assert far.returncode == 2
    assert far.stderr.startswith("Error: no clause has the id 'nope'; did you mean '")


def test_clauses_lint_command_exits_zero_on_the_shipped_library() -> None:
    result = run_cli("clauses", "lint")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 errors, 0 warnings")


def test_clause_wording_gets_typographic_quotes_but_spec_values_stay_literal() -> None:
    from agreements.clauses.markup import parse_inline
    from agreements.clauses.sandbox import LITERAL_CLOSE, LITERAL_OPEN

    runs = parse_inline(f'(the "**Agreement**") with {LITERAL_OPEN}A "B" & C\'s{LITERAL_CLOSE}')
    assert [(r.kind, r.text) for r in runs] == [
        ("text", "(the \u201c"),
        ("define", "Agreement"),
        ("text", '\u201d) with A "B" & C\'s'),
    ]


PLAN_CASES = [
    (
        "C11",
        {"gamma": "text:\n  en: \"{{ The('sponsor') }} pays for the event.\"\n"},
        "tests/data/rules/base.yaml: error C11 clause gamma: names the sponsor group, but no "
        "party of this spec is in it",
    ),
    (
        "C03",
        {},
        "tests/data/rules/base.yaml: error C03 terms.fallbacks: terms.fallbacks names the topic "
        "'payment_terms', which no selected clause offers",
    ),
    (
        "C05",
        {"gamma": "text:\n  en: The [[Sponsor]] pays.\n"},
        "tests/data/rules/base.yaml: error C05 clause gamma: uses the term 'Sponsor', which no "
        "selected clause defines",
    ),
    (
        "C06",
        {
            "gamma": "text:\n  en: The **Sponsor** pays.\n",
            "delta": "text:\n  en: The **Sponsor** pays again.\n",
        },
        "tests/data/rules/base.yaml: error C06 clause delta: defines 'Sponsor', which 'gamma' "
        "defines too",
    ),
    (
        "C09",
        {"gamma": "title: {fr: Gamma}\ntext:\n  fr: Texte.\n"},
        "tests/data/rules/base.yaml: error C09 clause gamma: has no text in the agreement's "
        "language 'en'",
    ),
]


@pytest.mark.parametrize(("code", "clauses", "line"), PLAN_CASES, ids=[c[0] for c in PLAN_CASES])
def test_plan_problem_is_reported_by_validate_with_its_exact_message(
    code: str, clauses: dict[str, str], line: str, tmp_path: Path
) -> None:
    _library_with(tmp_path, clauses)
    spec = Path("tests/data/rules/base.yaml")
    if code == "C03":
        text = (ROOT / spec).read_text(encoding="utf-8")
        spec = tmp_path / "base.yaml"
        spec.write_text(text.replace("terms:\n", "terms:\n  fallbacks: {payment_terms: x}\n", 1))
        line = line.replace("tests/data/rules/base.yaml", str(spec))
    result = run_cli("validate", "--library", str(tmp_path), str(spec))
    assert result.returncode == 1, result.stdout + result.stderr
    assert line in result.stdout.splitlines(), result.stdout
    assert "1 error," in result.stdout  # one problem for one mistake
