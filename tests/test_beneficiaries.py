"""Who selects beneficiaries and how old they may be: facts of the spec the draft states."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from agreements.build import check
from agreements.clauses.load import Library, load_library
from tests.conftest import ROOT
from tests.drafts import make_draft

EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def _text(spec: Path, library: Library, folder: Path) -> str:
    draft = make_draft(spec, library, folder)
    return "\n".join(p.text for p in Document(str(draft.path)).paragraphs)


def test_the_party_the_spec_names_selects_and_the_minimum_age_is_the_spec_s(
    library: Library, tmp_path: Path
) -> None:
    text = _text(EXAMPLES / "grameen-shakti-solar.yaml", library, tmp_path)
    assert "set in writing before selection begins by the ILO together with Grameen Shakti" in text
    assert (
        "selected on the basis of those criteria, by Grameen Shakti, subject to the final "
        "decision of the ILO." in text
    )
    assert "in no case below eighteen (18) years of age, shall be enrolled as a trainee" in text
    # A minimum of 18 makes the rule on hazardous tasks for younger trainees moot.
    assert "No trainee under eighteen (18) years" not in text


def test_an_age_range_bounds_enrolment_on_both_sides(library: Library, tmp_path: Path) -> None:
    text = _text(EXAMPLES / "bp-west-papua-youth.yaml", library, tmp_path)
    assert (
        "in no case below eighteen (18) years of age, and no person above twenty-nine (29) "
        "years of age, shall be enrolled as a trainee"
    ) in text


def test_without_a_selecting_party_the_organisation_has_the_final_decision(
    library: Library, tmp_path: Path
) -> None:
    text = _text(EXAMPLES / "mianzhu-livelihoods.yaml", library, tmp_path)
    assert "by a process in which the ILO has the final decision." in text
    assert "in no case below fifteen (15) years of age" in text


def _problems(tmp_path: Path, library: Library, block: str) -> list[str]:
    source = (EXAMPLES / "grameen-shakti-solar.yaml").read_text(encoding="utf-8")
    old = "  selected_by: [gshakti]\n  minimum_age: 18\n"
    assert old in source
    spec = tmp_path / "spec.yaml"
    spec.write_text(source.replace(old, block), encoding="utf-8")
    return [p.format().splitlines()[0] for p in check(spec, library).problems]


def test_a_selecting_party_that_does_not_exist_is_located(library: Library, tmp_path: Path) -> None:
    lines = _problems(tmp_path, library, "  selected_by: [gshakty]\n")
    assert any(
        "P06 beneficiaries.selected_by[0]: no party has the id 'gshakty'" in line for line in lines
    ), lines


def test_ages_out_of_order_or_below_fifteen_are_refused(library: Library, tmp_path: Path) -> None:
    lines = _problems(tmp_path, library, "  minimum_age: 25\n  maximum_age: 20\n")
    assert any("maximum_age is below minimum_age" in line for line in lines), lines
    lines = _problems(tmp_path, library, "  minimum_age: 14\n")
    assert any("beneficiaries.minimum_age" in line for line in lines), lines
