"""Every domain rule, one fixture each: the exact lines a user sees for each breach.

`tests/data/rules/base.yaml` is a small valid funding spec; `tests/data/rules/<CODE>.yaml` is
that spec with the smallest change that breaks rule CODE (its first lines say what changed).
The expected lines were worked out from the fixtures by hand (line, column, path, message)
and then confirmed against the validator.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from agreements.build import check as check_spec_file
from agreements.rules import RULES
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = Path("tests/data/rules")
GROUPS = ("T", "P", "K", "D", "M", "N", "S", "V")


def _load_library() -> Any:
    """Return what `check_spec_file` takes: the loaded clause library, or (in older
    versions of the engine) the organisation settings."""
    try:
        from agreements.clauses.load import load_library
    except ImportError:  # pragma: no cover - engine without a clause library
        from agreements.library import default_library, load_settings

        return load_settings(default_library())
    return load_library()


@pytest.fixture(scope="module")
def library() -> Any:
    return _load_library()


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root so the file names in the lines are stable."""
    monkeypatch.chdir(ROOT)


def _lines(path: Path, library: Any) -> list[str]:
    report = check_spec_file(path, library)
    return [p.format().splitlines()[0] for p in report.problems]


# (code, expected lines after "tests/data/rules/<code>.yaml:"), in the validator's order.
CASES: list[tuple[str, list[str]]] = [
    (
        "T01",
        [
            "40:10: error T01 purpose: contains the character U+0007, "
            "which a Word document cannot hold"
        ],
    ),
    (
        "T02",
        [
            "5:10: error T02 agreement.title: placeholder not filled in: "
            "'TODO title of the agreement'"
        ],
    ),
    (
        "T03",
        [
            "40:10: error T03 purpose: takes a position the organisation never takes: a national "
            "law governing the agreement ('This Agreement is governed by the laws of the Republic "
            "of Kenya and the ILO waives its immunity.')",
            "40:10: error T03 purpose: takes a position the organisation never takes: a waiver of "
            "the organisation's privileges and immunities ('This Agreement is governed by the laws "
            "of the Republic of Kenya and the ILO waives its immunity.')",
            "49:9: error T03 responsibilities[0].tasks[1]: takes a position the organisation "
            "never takes: an indemnity or unlimited liability of the organisation ('Indemnify Acme "
            "against any claim.')",
            "50:9: error T03 responsibilities[0].tasks[2]: takes a position the organisation "
            "never takes: a partner's approval or veto over the organisation's publications "
            "('Submit every draft publication to Acme for its prior approval.')",
            "54:9: error T03 responsibilities[1].tasks[1]: takes a position the organisation "
            "never takes: exclusivity or sole-partner status ('Act as the exclusive private-sector "
            "partner of the ILO.')",
            "74:17: error T03 risks[0].mitigation: takes a position the organisation never takes: "
            "an audit of the organisation by a partner's auditors (\"Acme's external auditors may "
            "audit the ILO's accounts.\")",
        ],
    ),
    (
        "K01",
        ["87:11: error K01 acknowledgements[0].rule: a decision cannot clear rule P03"],
    ),
    (
        "P16",
        [
            "27:21: error P16 parties[1].classification: Acme is a company, whose category "
            "follows from its sector; classification is only for borderline sectors"
        ],
    ),
    (
        "P17",
        [
            "24:17: error P17 parties[1].legal_name: 'International Labour Office' resembles the "
            "organisation but is not its legal name"
        ],
    ),
    (
        "P18",
        [
            "37:16: warning P18 parties[1].due_diligence.outcome: screening of Acme was approved "
            "with conditions, but none is listed for the agreement"
        ],
    ),
    (
        "T04",
        [
            "38:18: error T04 parties[1].due_diligence.reference: 'pending' is not a reference: "
            "the record it should point to does not exist yet"
        ],
    ),
    (
        "T05",
        [
            "25:17: error T05 parties[1].short_name: 'Acme  Foundation' has two spaces in a row "
            "or a line break; a name is printed exactly as written",
            "33:16: error T01 parties[1].signatories[0].title: contains the character U+000D, "
            "which a Word document cannot hold",
            "33:16: error T05 parties[1].signatories[0].title: 'Managing\\rDirector' has two "
            "spaces in a row or a line break; a name is printed exactly as written",
        ],
    ),
    (
        "P01",
        [
            # The near miss is named; with no organisation party, where the money goes is
            # not judged (no S02), and the near miss is not also reported as a look-alike.
            "15:17: error P01 parties[0].legal_name: no party is the organisation "
            "('International Labour Organization'); did you mean 'International Labour Office' "
            "(parties[0])?",
        ],
    ),
    (
        "P02",
        ["39:5: error P02 parties[2]: 'International Labour Organization' appears more than once"],
    ),
    (
        "P03",
        [
            "13:1: error P03 parties: every party is public, "
            "so this is not a public-private partnership"
        ],
    ),
    (
        "P04",
        [
            "26:13: warning P04 parties[1].sector: Acme is a state owned enterprise, "
            "a borderline sector: say whether it is public or non-state"
        ],
    ),
    ("P05", ["39:9: error P05 parties[2].id: party id 'acme' is already used by parties[1]"]),
    ("P06", ["49:12: error P06 responsibilities[1].party: no party has the id 'acmee'"]),
    ("P07", ["23:5: error P07 parties[1]: Acme is non-state but has no due-diligence record"]),
    (
        "P08",
        [
            "35:13: error P08 parties[1].due_diligence.date: screening of Acme is dated "
            "2026-06-15, after signature on 2026-06-01"
        ],
    ),
    (
        "P09",
        [
            "35:13: warning P09 parties[1].due_diligence.date: screening of Acme (2025-03-15) "
            "will be 14 months old at signature; the limit is 12 months"
        ],
    ),
    ("P10", ["37:16: error P10 parties[1].due_diligence.outcome: screening of Acme was rejected"]),
    (
        "P11",
        [
            "36:19: error P11 parties[1].due_diligence.risk_level: Acme is high risk but lacks "
            "mitigation_plan and senior_approval_reference"
        ],
    ),
    (
        "P12",
        [
            "30:9: error P12 parties[1].industries[0]: "
            "Acme operates in an excluded industry: tobacco (tobacco)"
        ],
    ),
    (
        "P13",
        [
            "39:25: error P13 parties[1].due_diligence.sanctions_listed: "
            "Acme is on a UN sanctions list"
        ],
    ),
    (
        "P14",
        [
            "39:26: error P14 parties[1].due_diligence.unremedied_abuses: "
            "Acme has unremedied complicity in labour or human-rights abuse"
        ],
    ),
    (
        "P15",
        [
            "30:9: warning P15 parties[1].industries[0]: "
            "Acme operates in gambling (gambling), which needs escalation"
        ],
    ),
    (
        "D01",
        [
            "10:13: error D01 agreement.end_date: end_date 2025-12-31 "
            "is before start_date 2026-07-01",
            # Consequences: with start after end, no instalment or report can be in the term.
            "62:15: error D03 contributions[0].instalments[0].date: instalment dated 2026-07-15 "
            "falls outside the term 2026-07-01 to 2025-12-31",
            "64:15: error D03 contributions[0].instalments[1].date: instalment dated 2027-03-15 "
            "falls outside the term 2026-07-01 to 2025-12-31",
            "82:19: error D06 terms.reports[0].period_end: 'Final narrative and financial report' "
            "covers a period ending 2027-12-31, outside the term 2026-07-01 to 2025-12-31",
        ],
    ),
    (
        "D02",
        [
            "9:15: error D02 agreement.start_date: start_date 2026-05-01 is before "
            "signature_date 2026-06-01"
        ],
    ),
    (
        "D03",
        [
            "64:15: error D03 contributions[0].instalments[1].date: instalment dated 2028-01-15 "
            "falls outside the term 2026-07-01 to 2027-12-31"
        ],
    ),
    (
        "D04",
        [
            "83:17: error D04 terms.reports[0].due_date: 'Final narrative and financial report' "
            "is due on 2027-12-15, not after the end of its period (2027-12-31)"
        ],
    ),
    (
        "D05",
        [
            "84:20: error D05 terms.names_and_logos.approval.valid_until: logo permission runs "
            "to 2028-06-30, after the agreement ends on 2027-12-31"
        ],
    ),
    (
        "D06",
        [
            "82:19: error D06 terms.reports[0].period_end: 'Final narrative and financial report' "
            "covers a period ending 2028-01-31, outside the term 2026-07-01 to 2027-12-31"
        ],
    ),
    (
        "M01",
        [
            "67:17: error M01 contributions[0].instalments[2].amount: "
            "instalment must be greater than zero, not 0.00"
        ],
    ),
    ("M02", ["58:15: error M02 contributions[0].currency: 'RMB' is not an ISO 4217 currency code"]),
    (
        "M03",
        [
            "63:17: error M03 contributions[0].instalments[0].amount: "
            "instalment 60000.005 has 3 decimals; USD has 2",
            "65:17: error M03 contributions[0].instalments[1].amount: "
            "instalment 39999.995 has 3 decimals; USD has 2",
        ],
    ),
    (
        "M04",
        [
            "64:15: error M04 contributions[0].instalments[1].date: "
            "instalment dated 2026-07-15 does not come after 2027-03-15"
        ],
    ),
    (
        "M05",
        [
            "61:5: error M05 contributions[0].instalments: instalments sum to 90000.00, "
            "not to the amount 100000.00 (difference 10000.00)"
        ],
    ),
    ("M06", ["54:5: error M06 contributions[0]: no support_cost_rate is stated"]),
    (
        "M07",
        [
            "60:24: error M07 contributions[0].support_cost_rate: a support-cost rate of 8% "
            "differs from the default 13% and has no approval reference"
        ],
    ),
    ("M08", ["54:5: error M08 contributions[0]: no earmarking is stated"]),
    (
        "M09",
        [
            "61:33: error M09 contributions[0].conditional_on_procurement: "
            "the funding is conditional on buying from the contributor"
        ],
    ),
    (
        "M10",
        [
            "55:12: error M10 contributions[0].party: money flows from the organisation to a "
            "partner; this agreement is for contributions to the organisation"
        ],
    ),
    ("M11", ["54:5: warning M11 contributions[0]: no payment schedule (instalments) is given"]),
    (
        "M12",
        [
            "68:19: error M12 contributions[1].items[0].quantity: 900000000000 units at 45000.00 "
            "USD are worth a thousand trillion or more"
        ],
    ),
    (
        "N01",
        [
            "79:18: error N01 terms.names_and_logos.use_planned: "
            "use of names or logos is planned but no approval is recorded"
        ],
    ),
    (
        "N02",
        [
            "65:18: error N02 terms.names_and_logos.use_planned: "
            "an MoU cannot grant use of names or logos"
        ],
    ),
    ("N03", ["40:10: error N03 purpose: the words 'endorsed by the ILO' imply endorsement"]),
    (
        "S01",
        ["54:5: error S01 contributions[0]: an MoU carries no amounts, values or payment dates"],
    ),
    (
        "S02",
        [
            "53:1: error S02 contributions: "
            "a funding agreement has no financial contribution to the organisation"
        ],
    ),
    ("S03", ["67:1: warning S03 risks: a partnership with a company records no reputational risk"]),
    (
        "S04",
        [
            "74:3: error S04 terms.personal_data: "
            "personal data is processed but its description and controller are missing"
        ],
    ),
    (
        "S05",
        ["52:12: error S05 responsibilities[2].party: 'ilo' has a second responsibilities entry"],
    ),
    ("V01", ["59:5: error V01 contributions[0].earmarkng: unknown key 'earmarkng'"]),
    ("V02", ["3:1: error V02 agreement.place: required field place is missing"]),
    (
        "V03",
        [
            "36:19: error V03 parties[1].due_diligence.risk_level: "
            "is not one of the allowed values (got 'very_high')"
        ],
    ),
]


def _fixture(code: str) -> Path:
    return RULES_DIR / f"{code}.yaml"


@pytest.mark.parametrize(("code", "expected"), CASES, ids=[code for code, _ in CASES])
def test_each_fixture_reports_exactly_its_rule(
    code: str, expected: list[str], library: Any
) -> None:
    path = _fixture(code)
    assert _lines(path, library) == [f"{path}:{line}" for line in expected]


@pytest.mark.parametrize(("code", "expected"), CASES, ids=[code for code, _ in CASES])
def test_each_fixture_breaks_its_own_rule_and_says_why(code: str, expected: list[str]) -> None:
    assert any(f" {code} " in line for line in expected)
    first = _fixture(code).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(f"# {code}: "), "start the fixture with a comment saying what changed"


def test_base_spec_has_no_problems(library: Any) -> None:
    assert _lines(RULES_DIR / "base.yaml", library) == []


def test_every_rule_of_the_spec_groups_has_a_fixture_and_a_case() -> None:
    codes = sorted(code for code in RULES if code.startswith(GROUPS))
    assert codes, "the catalogue lost its rules"
    missing = [code for code in codes if not (ROOT / _fixture(code)).is_file()]
    assert missing == [], f"add tests/data/rules/<CODE>.yaml for {missing}"
    assert sorted(code for code, _ in CASES) == codes


def test_every_fixture_names_a_rule_of_the_catalogue() -> None:
    stems = sorted(p.stem for p in (ROOT / RULES_DIR).glob("*.yaml") if p.stem != "base")
    assert [s for s in stems if s not in RULES] == []


def test_cli_prints_the_exact_line_and_exits_1_on_an_error() -> None:
    result = run_cli("validate", "tests/data/rules/P10.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "tests/data/rules/P10.yaml:37:16: error P10 parties[1].due_diligence.outcome: "
        "screening of Acme was rejected\n    fix: remove the party\n"
    ) in result.stdout


@pytest.mark.parametrize("code", ["P09", "P15"])
def test_cli_strict_turns_a_warning_into_failure(code: str) -> None:
    relaxed = run_cli("validate", f"tests/data/rules/{code}.yaml")
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr
    assert f" warning {code} " in relaxed.stdout
    strict = run_cli("validate", "--strict", f"tests/data/rules/{code}.yaml")
    assert strict.returncode == 1, strict.stdout + strict.stderr
    assert f" warning {code} " in strict.stdout


def test_cli_json_carries_code_location_path_and_fix() -> None:
    result = run_cli("validate", "--format", "json", "tests/data/rules/V01.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["valid"] is False
    problems = [p for f in data["files"] for p in f["problems"]]
    assert len(problems) == 1
    problem = problems[0]
    assert {k: problem[k] for k in ("file", "severity", "code", "line", "column", "path")} == {
        "file": "tests/data/rules/V01.yaml",
        "severity": "error",
        "code": "V01",
        "line": 59,
        "column": 5,
        "path": "contributions[0].earmarkng",
    }
    assert problem["message"] == "unknown key 'earmarkng'"
    assert problem["fix"] == "did you mean 'earmarking'?"


def test_every_rule_code_of_every_group_is_asserted_by_some_test() -> None:
    """Each code in the catalogue (F, Y, V, T, P, D, M, N, S, C) appears in an expected
    output line of a test, or has a fixture named after it."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    fixtures = {p.stem for p in (ROOT / RULES_DIR).glob("*.yaml")}
    groups = {code[0] for code in RULES}
    assert groups >= {"F", "Y", "V", "T", "P", "K", "D", "M", "N", "S", "C"}
    missing = [
        code
        for code in RULES
        if code not in fixtures
        and f"error {code}" not in sources
        and f"warning {code}" not in sources
        and f'("{code}",' not in sources
    ]
    assert missing == []
