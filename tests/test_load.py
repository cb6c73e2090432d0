"""Stage 1, load_spec: the spec, its problems, its positions, the organisation resolved once."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreements.clauses.load import Library, load_library
from agreements.errors import SpecInvalidError
from agreements.load import load_spec, load_spec_text
from agreements.spec.parties import PartyCategory

ROOT = Path(__file__).resolve().parent.parent
MIANZHU = ROOT / "examples" / "mianzhu-livelihoods.yaml"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def test_the_organisation_party_is_resolved_once(library: Library) -> None:
    loaded = load_spec(MIANZHU, library)
    assert loaded.org is not None
    assert loaded.org.legal_name == library.settings.organisation.legal_name
    assert loaded.is_draftable()


def test_each_party_gets_its_category(library: Library) -> None:
    loaded = load_spec(MIANZHU, library)
    assert loaded.spec is not None
    by_name = {p.short_name: loaded.categories[p.id] for p in loaded.spec.parties}
    assert by_name == {
        "ILO": PartyCategory.ORGANISATION,
        "Mianzhu Government": PartyCategory.PUBLIC_AUTHORITY,
        "PSBC": PartyCategory.NON_STATE,  # state-owned, classified non_state in the spec
        "IFRC": PartyCategory.INTERGOVERNMENTAL,  # classified public in the spec
        "RCSC": PartyCategory.PUBLIC_AUTHORITY,  # national society classified public
        "PlaNet Finance": PartyCategory.NON_STATE,
    }


def test_the_ifrc_classified_non_state_is_a_non_state_actor(library: Library) -> None:
    text = MIANZHU.read_text(encoding="utf-8")
    assert "sector: ifrc\n    classification: public" in text
    text = text.replace(
        "sector: ifrc\n    classification: public", "sector: ifrc\n    classification: non_state"
    )
    loaded = load_spec_text(text, "spec.yaml", library)
    assert loaded.spec is not None
    ifrc = next(p for p in loaded.spec.parties if p.short_name == "IFRC")
    assert loaded.categories[ifrc.id] is PartyCategory.NON_STATE


def test_no_organisation_means_no_draft_and_no_silent_fallback(library: Library) -> None:
    text = MIANZHU.read_text(encoding="utf-8").replace(
        "legal_name: International Labour Organization", "legal_name: Intl Labour Org"
    )
    loaded = load_spec_text(text, "spec.yaml", library)
    assert loaded.org is None
    assert not loaded.is_draftable()
    assert "P01" in {p.code for p in loaded.errors}


def test_positions_locate_a_problem(library: Library) -> None:
    text = MIANZHU.read_text(encoding="utf-8").replace("kind: joint_implementation", "kind: fundng")
    loaded = load_spec_text(text, "spec.yaml", library)
    (problem,) = [p for p in loaded.errors if p.path == "agreement.kind"]
    assert problem.location is not None
    line = text.splitlines()[problem.location.line - 1]
    assert "fundng" in line


def test_a_list_is_not_a_spec(library: Library) -> None:
    with pytest.raises(SpecInvalidError, match="is a list, but a spec is a mapping"):
        load_spec_text("- a\n- b\n", "list.yaml", library)


def test_a_type_error_does_not_hide_the_party_rules(library: Library) -> None:
    base = (ROOT / "tests" / "data" / "rules" / "base.yaml").read_text(encoding="utf-8")
    text = base.replace('amount: "100000.00"', 'amount: "100,000.00"', 1).replace(
        "      - manufacturing", "      - casinos"
    )
    codes = [p.code for p in load_spec_text(text, "spec.yaml", library).problems]
    assert codes == ["P15", "V03"]
