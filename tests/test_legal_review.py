"""Findings of a legal officer who read the drafts: each test reads the generated .docx back
and checks the sentence the officer objected to, for the principle rather than one example
(who endorses, which country, who selects, who reports to whom, what a two-party text says).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from agreements.build import check
from agreements.clauses.load import Library, load_library
from tests.conftest import ENGLISH_EXAMPLES, ROOT
from tests.drafts import Draft, make_draft

EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def drafts(library: Library, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Draft]:
    folder = tmp_path_factory.mktemp("legal-review")
    specs = [*ENGLISH_EXAMPLES, EXAMPLES / "senegal-emplois-verts-jeunes.yaml"]
    return {spec.stem: make_draft(spec, library, folder) for spec in specs}


def articles(draft: Draft) -> dict[str, str]:
    """Return the text of each article by its heading; annexes under "(annexes)"."""
    found: dict[str, list[str]] = {"(parties)": []}
    current = "(parties)"
    for paragraph in Document(str(draft.path)).paragraphs:
        style = paragraph.style.style_id
        if style == "ClauseHeading":
            current = paragraph.text
            found[current] = []
        elif style == "AnnexHeading":
            current = "(annexes)"
            found.setdefault(current, [])
        else:
            found[current].append(paragraph.text)
    return {title: "\n".join(lines) for title, lines in found.items()}


def number(draft: Draft, clause_id: str) -> int:
    return dict(draft.plan.plan.numbers)[clause_id]


def test_only_a_government_endorses_and_the_country_is_named(drafts: dict[str, Draft]) -> None:
    mianzhu = articles(drafts["mianzhu-livelihoods"])["Government endorsement and social dialogue"]
    # The Red Cross Society of China is classified public, but it is no government.
    assert "By signing this Agreement, Mianzhu Government endorses the Project" in mianzhu
    assert "RCSC" not in mianzhu
    assert "the priorities of China" in mianzhu
    assert "organizations of employers and of workers of China" in mianzhu
    grameen = articles(drafts["grameen-shakti-solar"])
    assert "the priorities of Bangladesh" in grameen["Government endorsement and social dialogue"]
    trainees = grameen["Safety and health and minimum age of trainees"]
    assert "minimum age for admission to employment applicable in Bangladesh" in trainees
    for stem in ("mianzhu-livelihoods", "grameen-shakti-solar"):
        assert "country concerned" not in "\n".join(articles(drafts[stem]).values())
    senegal = "\n".join(
        p.text for p in Document(str(drafts["senegal-emplois-verts-jeunes"].path)).paragraphs
    )
    assert "l’âge minimum d’admission à l’emploi applicable au Sénégal" in senegal


def test_public_bodies_are_not_called_public_authorities(drafts: dict[str, Draft]) -> None:
    fraud = articles(drafts["mianzhu-livelihoods"])["Fraud and corruption"]
    assert "Each Party that is a public body or an intergovernmental organization, namely" in fraud
    assert "public authority or an intergovernmental" not in fraud


def test_a_partner_that_selects_beneficiaries_may_do_so_despite_the_conflict_rule(
    drafts: dict[str, Draft],
) -> None:
    grameen = drafts["grameen-shakti-solar"]
    conflict = articles(grameen)["Conflict of interest"]
    article = number(grameen, "ji-beneficiaries")
    assert (
        "or the selection of the beneficiaries, participants, trainees or locations of the "
        f"Project, other than in carrying out the selection entrusted to it under Article "
        f"{article}." in conflict
    )
    # Where the ILO selects, the partner has no such exception.
    bp = articles(drafts["bp-west-papua-youth"])["Conflict of interest"]
    assert "other than in carrying out the selection" not in bp


def test_the_sponsor_has_no_say_over_speakers_or_invitees(drafts: dict[str, Draft]) -> None:
    event = articles(drafts["event-youth-forum"])
    details = event["The event and the roles of the Parties"]
    assert (
        "The list of invitees shall be settled by the ILO after consultation with the "
        "Co-organiser, without the participation of the Sponsor," in details
    )
    assert "after consultation with the other Parties" not in details
    programme = event["Agenda, speakers and outcome documents"]
    assert "The Sponsor shall not take part in, or seek to influence, the choice of chairs, " in (
        programme
    )


def test_the_ilo_decides_campaign_messages_and_no_marketing_uses_its_name(
    drafts: dict[str, Draft],
) -> None:
    campaign = articles(drafts["advocacy-decent-work-campaign"])
    assert (
        "The key messages of the campaign are decided by the ILO, after consulting the "
        in (campaign["Campaign messages"])
    )
    marketing = campaign["No cause-related marketing"]
    assert "unless" not in marketing
    assert "in the marketing, advertising or packaging of its products or services or at its " in (
        marketing
    )
    emblem = campaign["Use of name and emblem"]
    assert "none of them extends to a use excluded by the third paragraph of this Article" in (
        emblem
    )
    assert "in-store information panels" not in campaign["(annexes)"]


def test_retention_and_requests_follow_a_controller_other_than_the_ilo(
    drafts: dict[str, Draft],
) -> None:
    grameen = articles(drafts["grameen-shakti-solar"])
    data = grameen["Personal data"]
    assert "Grameen Shakti, as controller, shall keep Personal Data for no longer than " in data
    assert "unless the ILO requests in writing that it be returned to it" not in data
    assert "return it to Grameen Shakti, as Grameen Shakti directs in writing" in data
    rights = grameen["Rights of the persons concerned"]
    assert "Each Party other than Grameen Shakti shall refer to Grameen Shakti without delay" in (
        rights
    )
    # Where the ILO controls the data, requests go to the ILO.
    bp = articles(drafts["bp-west-papua-youth"])
    assert "unless the ILO requests in writing that it be returned to it" in bp["Personal data"]


@pytest.mark.parametrize("stem", [p.stem for p in ENGLISH_EXAMPLES])
def test_new_material_is_project_work_and_its_licence_allows_cc_by(
    stem: str, drafts: dict[str, Draft]
) -> None:
    text = "\n".join(articles(drafts[stem]).values())
    assert "non-commercial purpose, including publication in open access" not in text
    if "“New Material” means" in text:
        assert "“New Material” means any work created by or for a " in text
        assert "in carrying out the Project under this instrument" in text


def test_due_diligence_conditions_are_in_the_articles_and_ground_termination(
    drafts: dict[str, Draft],
) -> None:
    bp = drafts["bp-west-papua-youth"]
    text = articles(bp)
    conditions = text["Conditions of the due diligence"]
    assert "BP receives no personal data of trainees, only aggregate figures." in conditions
    assert "The ILO alone selects beneficiaries and training locations" in conditions
    grounds = text["Termination with immediate effect"].splitlines()[1]
    cited = [int(n) for n in re.findall(r"\d+", grounds)]
    assert number(bp, "due-diligence-conditions") in range(cited[0], cited[-1] + 1)
    assert (
        "within its own responsibilities under this Agreement, shall apply the mitigation"
        in (text["Responsibilities and costs"])
    )


@pytest.mark.parametrize("spec", ENGLISH_EXAMPLES, ids=[p.stem for p in ENGLISH_EXAMPLES])
def test_every_screening_condition_of_the_spec_is_in_the_articles(
    spec: Path, library: Library, drafts: dict[str, Draft]
) -> None:
    loaded = check(spec, library).loaded
    assert loaded.spec is not None
    conditions = [
        c for p in loaded.spec.parties if p.due_diligence for c in p.due_diligence.conditions
    ]
    text = articles(drafts[spec.stem]).get("Conditions of the due diligence", "")
    for condition in conditions:
        assert condition in text


@pytest.mark.parametrize("stem", [p.stem for p in ENGLISH_EXAMPLES])
def test_suspicions_of_fraud_go_to_the_ilo_which_reports_under_its_own_rules(
    stem: str, drafts: dict[str, Draft]
) -> None:
    fraud = articles(drafts[stem]).get("Fraud and corruption")
    if fraud is None:
        return
    assert "shall report to the ILO promptly any credible suspicion" in fraud
    assert "Each Party shall report to the other" not in fraud
    assert "in accordance with its own regulations, rules and procedures, including those on " in (
        fraud
    )


BILATERAL_SLIPS = (
    "Any Party may terminate its participation",
    "if another Party commits",
    "requested by another Party",
    "No Donor",
    "Each Donor",
    "Each In-kind Contributor",
    "the other Parties",
    "Any Party may request",
    "Any Participant may",
    "of another Party without",
    "from any Donor",
    "any In-kind Contributor",
)


@pytest.mark.parametrize("stem", [p.stem for p in ENGLISH_EXAMPLES])
def test_a_two_party_draft_reads_as_one(stem: str, drafts: dict[str, Draft]) -> None:
    text = "\n".join(v for k, v in articles(drafts[stem]).items() if k != "(annexes)")
    if "Either Party" not in text and "Either Participant" not in text:
        assert "and the other Party" not in text  # only a multi-party draft
        return
    for slip in BILATERAL_SLIPS:
        assert slip not in text, slip


def test_in_kind_title_is_one_rule(drafts: dict[str, Draft]) -> None:
    text = articles(drafts["grameen-shakti-solar"])
    delivery = text["Delivery, title and risk"]
    assert "Title to the goods passes to the ILO on their written acceptance" in delivery
    assert (
        "at premises of the In-kind Contributor, the In-kind Contributor holds them for the "
        in (delivery)
    )
    ending = text["Consequences of expiry or termination"]
    assert "remains its property" not in ending
    assert "accepted before termination remain the property of the ILO" in ending


def test_research_ethics_binds_to_the_protocol_and_the_age_limit(drafts: dict[str, Draft]) -> None:
    ethics = articles(drafts["research-platform-workers"])["Research ethics and informed consent"]
    assert "in accordance with the protocol so approved and with any condition attached" in ethics
    assert "Only persons aged eighteen (18) years or more may take part in the research" in ethics
    assert "Research involving children" not in ethics


def test_donated_training_equipment_brings_trainee_safety(drafts: dict[str, Draft]) -> None:
    text = articles(drafts["in-kind-solar-equipment"])
    assert "Safety and health and minimum age of trainees" in text


def test_the_final_report_covers_the_whole_term(drafts: dict[str, Draft]) -> None:
    annexes = articles(drafts["grameen-shakti-solar"])["(annexes)"]
    rows = Document(str(drafts["grameen-shakti-solar"].path)).tables
    cells = [c.text for t in rows for r in t.rows for c in r.cells]
    final = cells.index("Final report with disposal record of training equipment")
    assert cells[final + 1] == "1 April 2026 to 31 March 2028"
    assert annexes is not None
    monitoring = articles(drafts["grameen-shakti-solar"])["Monitoring, reporting and evaluation"]
    assert "the final report covers the whole term of this Agreement" in monitoring


DATA_ARTICLES = (
    "Personal data",
    "Data security and breach notification",
    "Rights of the persons concerned",
    "Health and other sensitive personal data",
)


@pytest.mark.parametrize("stem", [p.stem for p in ENGLISH_EXAMPLES])
def test_data_duties_of_the_un_principles_bind_non_state_parties_only(
    stem: str, drafts: dict[str, Draft]
) -> None:
    text = articles(drafts[stem])
    for title in DATA_ARTICLES:
        assert "Each Party other than the ILO" not in text.get(title, ""), title
    data = text.get("Personal data", "")
    if "Annex" in data:  # a binding agreement, not the memorandum's one paragraph
        assert "process it in a manner consistent with the Personal Data Protection and " in data
        assert "Each Party shall process Personal Data" not in data


def test_public_bodies_apply_their_own_data_rules_and_inform_the_controller(
    drafts: dict[str, Draft],
) -> None:
    mianzhu = articles(drafts["mianzhu-livelihoods"])
    data = mianzhu["Personal data"]
    assert (
        "Each Party that is a public body or an intergovernmental organization, namely Mianzhu "
        "Government, IFRC and RCSC, shall process Personal Data in connection with the Project "
        "in accordance with its own rules on the protection of personal data" in data
    )
    assert "Each Partner shall, in respect of any Personal Data it processes" in data
    security = mianzhu["Data security and breach notification"]
    # The controller is PSBC: breach notices go to it, with a copy to the ILO.
    assert "Each Partner shall notify PSBC, as controller, with a copy to the ILO, without" in (
        security
    )
    assert "shall inform PSBC, as controller, with a copy to the ILO, without undue delay" in (
        security
    )
    assert "cooperate with the controller of the data in any notification" in security
    better_work = articles(drafts["better-work-brands"])
    assert (
        "namely IFC, shall protect the Personal Data it processes"
        in (better_work["Data security and breach notification"])
    )
    assert (
        "Each Partner shall notify the ILO without undue delay"
        in (better_work["Data security and breach notification"])
    )


def test_selection_criteria_are_set_by_the_ilo_without_donors_or_commercial_partners(
    drafts: dict[str, Draft],
) -> None:
    for stem in ("better-work-brands", "mianzhu-livelihoods", "grameen-shakti-solar"):
        selection = articles(drafts[stem])["Selection of beneficiaries and non-discrimination"]
        assert "agreed in writing by the Parties" not in selection
    better_work = articles(drafts["better-work-brands"])
    selection = better_work["Selection of beneficiaries and non-discrimination"]
    # Northwind is a buyer and a donor: it neither sets the criteria nor selects.
    assert "set in writing before selection begins by the ILO together with IFC, after " in (
        selection
    )
    assert "without the participation or influence of Northwind." in selection
    mianzhu = articles(drafts["mianzhu-livelihoods"])
    selection = mianzhu["Selection of beneficiaries and non-discrimination"]
    assert "by the ILO together with Mianzhu Government and RCSC, after consulting PlaNet " in (
        selection
    )
    # The lender and the donor are kept out.
    assert "without the participation or influence of PSBC and IFRC." in selection
    grameen = articles(drafts["grameen-shakti-solar"])
    selection = grameen["Selection of beneficiaries and non-discrimination"]
    # The party the spec names as selector sets the criteria with the ILO.
    assert "by the ILO together with Grameen Shakti, after consulting the Ministry." in selection


def test_each_intergovernmental_party_keeps_its_own_immunities(
    drafts: dict[str, Draft],
) -> None:
    for stem, igo in (("mianzhu-livelihoods", "IFRC"), ("better-work-brands", "IFC")):
        text = articles(drafts[stem])
        immunities = text["Privileges and immunities"]
        assert "reserved in the same terms" not in immunities
        assert (
            f"of any of the privileges and immunities of {igo}, which each intergovernmental "
            "organization concerned holds under its own constituent instrument" in immunities
        )
        disputes = text["Settlement of disputes"]
        assert f"privileges and immunities of the ILO or of {igo} preserved by Article" in disputes
    # With a government party, the arbitrator applies international law, not commercial law.
    for stem in ("mianzhu-livelihoods", "grameen-shakti-solar"):
        disputes = articles(drafts[stem])["Settlement of disputes"]
        assert "general principles of international law, to the exclusion" in disputes
        assert "international commercial law" not in disputes
    bp = articles(drafts["bp-west-papua-youth"])["Settlement of disputes"]
    assert "general principles of international commercial law" in bp


def test_constituents_are_not_said_to_sit_in_the_governing_organs(
    drafts: dict[str, Draft],
) -> None:
    # A national employers' federation takes part through the tripartite structure; it is
    # not itself a member of the Governing Body or the Conference.
    for stem in ("mou-skills-dialogue", "better-work-brands"):
        text = drafts[stem].text()
        assert "International Labour Conference, the Governing Body" not in text, stem
        assert "is an employers\u2019 organization." in text, stem
        assert "directly or through the representative organizations to which they belong" in text


def test_children_clauses_appear_only_where_children_may_take_part(
    drafts: dict[str, Draft],
) -> None:
    # The forum's participants are 18 to 35: no clause about children's images or
    # supervision. A programme whose spec sets no minimum age keeps the children item.
    event = drafts["event-youth-forum"].text()
    assert "Images and recordings of children" not in event
    assert "no child is left without the supervision" not in event
    assert "no child is left without the supervision" in drafts["better-work-brands"].text()


def test_a_two_party_draft_names_the_other_party_not_any_other(
    drafts: dict[str, Draft],
) -> None:
    two = drafts["advocacy-decent-work-campaign"].text()
    assert "recommendation by the ILO of the other Party, its policies" in two
    assert "The other Party shall not state or suggest otherwise" in two
    assert "including competitors of the other Party," in two
    many = drafts["better-work-brands"].text()
    assert "recommendation by the ILO of any other Party, its policies" in many
    assert "No other Party shall state or suggest otherwise" in many
