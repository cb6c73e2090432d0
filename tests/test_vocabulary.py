"""Industries by words and ISIC codes, endorsements by the organisation, recorded decisions.

Each case runs the whole validation of a small spec whose one party carries the words or
codes under test, and checks the rule codes a user would see.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agreements.clauses.load import Library, load_library
from agreements.load import load_spec_text

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "tests" / "data" / "rules" / "base.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def _codes(text: str, library: Library) -> list[str]:
    return [p.code for p in load_spec_text(text, "spec.yaml", library).problems]


def _with_industry(industry: str) -> str:
    return BASE.replace("      - manufacturing", f"      - {industry}")


@pytest.mark.parametrize(
    ("industry", "code"),
    [
        ("cigarettes", "P12"),
        ("nicotine products", "P12"),
        ("e-cigarettes", "P12"),
        ("arms manufacturing", "P12"),
        ("ammunition", "P12"),
        ("firearms retail", "P12"),
        ("defence equipment", "P12"),
        ("alcoholic beverages", "P15"),
        ("brewing", "P15"),
        ("casinos", "P15"),
        ("sports betting", "P15"),
        ("petroleum refining", "P15"),
        ('"oil & gas"', "P15"),
    ],
)
def test_an_industry_is_recognised_by_its_words(industry: str, code: str, library: Library) -> None:
    assert code in _codes(_with_industry(industry), library)


@pytest.mark.parametrize(
    "industry",
    [
        "tobacco control advocacy",
        "mine clearance",
        "data mining software",
        "alcohol-free beverages",
        "manufacturing of hand tools",
    ],
)
def test_an_innocent_industry_is_not_blocked_or_warned(industry: str, library: Library) -> None:
    codes = _codes(_with_industry(industry), library)
    assert "P12" not in codes and "P15" not in codes


def test_an_isic_class_places_a_party_in_an_industry(library: Library) -> None:
    text = BASE.replace("    industries:\n", '    isic: ["0610"]\n    industries:\n')
    problems = load_spec_text(text, "spec.yaml", library).problems
    assert [p.message for p in problems if p.code == "P15"] == [
        "Acme operates in extractives (ISIC class 0610), which needs escalation"
    ]


@pytest.mark.parametrize(
    ("purpose", "blocked"),
    [
        ("Training endorsed by the ILO for hand-tool makers.", True),
        ("ILO-certified training for hand-tool makers.", True),
        ("Acme is an official partner of the International Labour Organization.", True),
        ("Trainees are certified by the provincial training authority.", False),
        ("The course is recommended by the provincial government.", False),
        ("Training materials approved by the ILO in advance are used.", False),
    ],
)
def test_endorsement_counts_only_when_it_names_the_organisation(
    purpose: str, blocked: bool, library: Library
) -> None:
    text = BASE.replace(
        "purpose: Acme funds vocational training for young workers run by the ILO in Kenya.",
        f"purpose: {purpose}",
    )
    assert ("N03" in _codes(text, library)) is blocked


DECISION = """
acknowledgements:
  - rule: P15
    party: acme
    reference: ILO-PARDEV-2026-SA-001
    decided_by: Director, Partnerships Department
    date: 2026-04-01
"""


def test_a_recorded_decision_clears_the_escalation_warning(library: Library) -> None:
    text = _with_industry("casinos")
    assert "P15" in _codes(text, library)
    loaded = load_spec_text(text + DECISION, "spec.yaml", library)
    assert "P15" not in [p.code for p in loaded.problems]
    assert loaded.decisions == (
        "P15 acme: ILO-PARDEV-2026-SA-001, decided by Director, Partnerships Department on "
        "2026-04-01",
    )


def test_a_decision_for_an_unknown_party_or_rule_is_refused(library: Library) -> None:
    bad = DECISION.replace("party: acme", "party: acmee").replace("rule: P15", "rule: P03")
    problems = load_spec_text(_with_industry("casinos") + bad, "spec.yaml", library).problems
    messages = [p.message for p in problems if p.code == "K01"]
    assert messages == ["a decision cannot clear rule P03", "no party has the id 'acmee'"]
