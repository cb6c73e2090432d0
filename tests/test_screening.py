"""The screening of text for forbidden positions: what it catches and what it must not."""

from __future__ import annotations

import pytest

from agreements.clauses.load import load_library
from agreements.library import Settings
from agreements.screening import normalise, screen

ORG = ["International Labour Organization", "ILO"]
PARTIES = ["BP Berau Ltd.", "BP"]


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_library().settings


CAUGHT = [
    ("This Agreement shall be construed under English law.", "national_law", False),
    ("The courts in London have jurisdiction.", "national_courts", False),
    ("The parties submit to the exclusive jurisdiction of Swiss courts.", "national_courts", False),
    ("The ILO waives its immunity from legal process.", "waiver_of_immunities", False),
    ("The ILO agrees to indemnify BP against losses.", "organisation_indemnity", False),
    ("Indemnify BP against any claim.", "organisation_indemnity", True),
    ("Publications require the prior written approval of BP.", "publication_veto", False),
    ("Submit every draft publication to BP for its prior approval.", "publication_veto", True),
    ("BP is the sole partner of the ILO in the province.", "exclusivity", False),
    ("BP's external auditors may audit the ILO's accounts.", "partner_audit", False),
    (
        "The amount of BP\u2019s contribution shall not be disclosed.",
        "confidential_basic_facts",
        False,
    ),
    ("The existence of this partnership is confidential.", "confidential_basic_facts", False),
    ("The ILO shall procure the equipment from BP.", "buying_from_contributor", False),
    # Hyphen and space variants, line breaks and capitals are read as plain words.
    ("THE ILO\u00a0WAIVES\nits immunities in\u2011country.", "waiver_of_immunities", False),
]

INNOCENT = [
    "The ILO retains its privileges and immunities.",
    "Nothing in this Agreement is a waiver of the immunities of the ILO.",
    "No partner has a veto over publications.",
    "The licence is non-exclusive.",
    "Each party bears its own costs.",
    "Materials approved by the ILO in advance are used in the training.",
    "The ILO publishes the findings after BP has pointed out factual errors.",
    "The ILO's external auditors audit the ILO.",
    "Court reporters will attend the forum.",
    "The ILO keeps the names of trainees confidential.",
    "The ILO may make public the amount of each contribution.",
    "The ILO has no obligation to buy from BP.",
    "The partner shall indemnify the ILO against claims arising from its acts.",
]


@pytest.mark.parametrize(("text", "key", "org_task"), CAUGHT, ids=[c[1] for c in CAUGHT])
def test_a_forbidden_position_is_caught(
    text: str, key: str, org_task: bool, settings: Settings
) -> None:
    found = screen(
        text,
        settings.forbidden_positions,
        org_names=ORG,
        party_names=PARTIES,
        org_is_subject=org_task,
    )
    assert key in [f.key for f in found]


@pytest.mark.parametrize("text", INNOCENT)
def test_innocent_wording_is_not_a_false_alarm(text: str, settings: Settings) -> None:
    found = screen(text, settings.forbidden_positions, org_names=ORG, party_names=PARTIES)
    assert found == []


def test_normalise_folds_case_quotes_hyphens_and_spaces() -> None:
    assert (
        normalise("The\u00a0ILO\u2019s  NON\u2011exclusive\nlicence")
        == "the ilo's non-exclusive licence"
    )
