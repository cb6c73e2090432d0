"""Forbidden positions and endorsements are refused in French and Spanish spec text too.

The library drafts in English, French and Spanish, so an officer may write a spec's purpose
or tasks in any of them; each case below is the base rule fixture with one sentence changed.
A negated sentence, as a translated clause writes it, takes no position.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from agreements.build import check as check_spec_file
from agreements.clauses.load import load_library

BASE = Path(__file__).resolve().parent / "data" / "rules" / "base.yaml"
PURPOSE = "purpose: Acme funds vocational training for young workers run by the ILO in Kenya."


@pytest.fixture(scope="module")
def library() -> Any:
    return load_library()


def _problems(
    tmp_path: Path, library: Any, purpose: str, *, replace: dict[str, str] | None = None
) -> list[str]:
    text = BASE.read_text(encoding="utf-8")
    assert PURPOSE in text
    text = text.replace(PURPOSE, f"purpose: {json.dumps(purpose, ensure_ascii=False)}")
    for old, new in (replace or {}).items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    report = check_spec_file(path, library)
    return [f"{p.code} {p.message}" for p in report.problems]


TAKEN = [
    # Multi-word alternatives are written as separate patterns; these two never matched when
    # they were written "exclusivity|exclusive right|exclusive rights" and
    # "applicable law|laws is|are|shall be|will be".
    ("Acme holds exclusive rights to the training in Kenya.", "exclusivity"),
    ("The applicable law is the law of Kenya.", "a national law governing"),
    ("Le présent Accord est régi par le droit sénégalais.", "a national law governing"),
    ("Tout différend est soumis aux tribunaux de Dakar.", "the jurisdiction of national courts"),
    ("L'OIT renonce à ses privilèges et immunités.", "a waiver of the organisation's privileges"),
    ("L'OIT indemnisera Acme de toute perte.", "an indemnity or unlimited liability"),
    ("Acme sera le partenaire exclusif de l'OIT au Kenya.", "exclusivity"),
    ("Acme approuvera toute publication des conclusions.", "approval or veto over"),
    ("Le montant de la contribution reste confidentiel.", "confidentiality over the basic facts"),
    ("El presente Acuerdo se regirá por las leyes de la República de Kenya.", "a national law"),
    ("Las controversias se someterán a los tribunales de Nairobi.", "national courts"),
    ("La OIT renuncia a sus privilegios e inmunidades.", "a waiver of the organisation's"),
    ("Acme será el proveedor exclusivo de la OIT.", "exclusivity"),
    ("Los auditores de Acme podrán auditar las cuentas de la OIT.", "an audit of the organisation"),
    ("La OIT deberá comprar los equipos a Acme.", "an obligation to buy from a contributor"),
]


@pytest.mark.parametrize(("sentence", "position"), TAKEN, ids=[s[:40] for s, _ in TAKEN])
def test_a_position_taken_in_french_or_spanish_is_refused(
    tmp_path: Path, library: Any, sentence: str, position: str
) -> None:
    found = [p for p in _problems(tmp_path, library, sentence) if p.startswith("T03 ")]
    assert any(position in p for p in found), found


NOT_TAKEN = [
    "Aucune disposition du présent Accord ne constitue une renonciation aux privilèges et "
    "immunités de l'OIT.",
    "Le présent Accord n'est régi par aucun droit national.",
    "Ninguna disposición del presente Acuerdo constituye una renuncia a los privilegios e "
    "inmunidades de la OIT.",
    "Acme n'est pas un partenaire exclusif de l'OIT.",
    "La OIT podrá hacer públicos el monto de la contribución y el nombre de Acme.",
]


@pytest.mark.parametrize("sentence", NOT_TAKEN, ids=[s[:40] for s in NOT_TAKEN])
def test_a_negated_or_cleared_sentence_takes_no_position(
    tmp_path: Path, library: Any, sentence: str
) -> None:
    assert [p for p in _problems(tmp_path, library, sentence) if p.startswith("T03 ")] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Un programme de formation cautionné par l'OIT au Kenya.",
        "Un programa de formación avalado por la Organización Internacional del Trabajo.",
    ],
)
def test_an_endorsement_by_the_organisation_in_french_or_spanish_is_refused(
    tmp_path: Path, library: Any, sentence: str
) -> None:
    assert any("endors" in p for p in _problems(tmp_path, library, sentence))


def test_the_organisation_party_may_carry_its_french_or_spanish_legal_name(
    tmp_path: Path, library: Any
) -> None:
    for name in (
        "Organisation internationale du Travail",
        "Organización Internacional del Trabajo",
    ):
        problems = _problems(
            tmp_path,
            library,
            "Acme finance une formation professionnelle au Kenya.",
            replace={"legal_name: International Labour Organization": f"legal_name: {name}"},
        )
        assert [p for p in problems if p.startswith(("P01", "P17"))] == [], problems
