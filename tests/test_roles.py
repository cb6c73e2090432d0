"""Who owes what: each obligation of a draft names the party whose category and role bear it.

Every test reads the generated .docx back, finds an article by its heading and checks the
sentences a legal officer would check; none looks at internal flags.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from agreements.build import check
from agreements.clauses.load import Library, load_library
from agreements.spec.parties import PartyCategory, PartyRole
from tests.conftest import ENGLISH_EXAMPLES, ROOT, run_cli
from tests.drafts import make_draft

ROLES = ROOT / "tests" / "data" / "roles"
SPECS = [*ENGLISH_EXAMPLES, *sorted(ROLES.glob("*.yaml"))]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def drafts(library: Library, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("roles")
    return {spec.stem: make_draft(spec, library, folder).path for spec in SPECS}


def articles(path: Path) -> dict[str, str]:
    """Return the text of each article of a draft by its heading, and the list of parties."""
    found: dict[str, list[str]] = {"(parties)": []}
    current = "(parties)"
    for paragraph in Document(str(path)).paragraphs:
        if paragraph.style.style_id == "ClauseHeading":
            current = paragraph.text
            found[current] = []
        elif paragraph.style.style_id == "AnnexHeading":
            current = "(annex)"
            found.setdefault(current, [])
        else:
            found[current].append(paragraph.text)
    return {title: "\n".join(lines) for title, lines in found.items()}


def _facts(
    spec: Path, library: Library
) -> tuple[dict[str, str], dict[str, PartyCategory], dict[str, set[PartyRole]]]:
    loaded = check(spec, library).loaded
    assert loaded.spec is not None
    names = {p.id: p.short_name for p in loaded.spec.parties}
    roles = {pid: set(r) for pid, r in loaded.roles.items()}
    return names, dict(loaded.categories), roles


def _named(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_the_acknowledgement_names_exactly_the_donors(
    spec: Path, library: Library, drafts: dict[str, Path]
) -> None:
    _, _, roles = _facts(spec, library)
    loaded = check(spec, library).loaded
    assert loaded.spec is not None
    names = {p.id: p.legal_name for p in loaded.spec.parties}  # written in full, as they sign
    text = articles(drafts[spec.stem]).get("Acknowledgement of the contribution")
    donors = {names[p] for p, r in roles.items() if PartyRole.DONOR in r}
    if not donors:
        assert text is None
        return
    assert text is not None
    quoted = re.search(
        r"\u201cThis project is carried out with the support of ([^\u201d]*)\u201d", text
    )
    assert quoted is not None, text
    funded_by = quoted.group(1).split(", with support in kind from ")[0]
    assert {n for n in names.values() if _named(funded_by, n)} == donors


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_public_and_intergovernmental_parties_give_no_company_undertakings(
    spec: Path, library: Library, drafts: dict[str, Path]
) -> None:
    names, categories, _ = _facts(spec, library)
    public = [
        names[p]
        for p, c in categories.items()
        if c in (PartyCategory.PUBLIC_AUTHORITY, PartyCategory.INTERGOVERNMENTAL)
    ]
    non_state = [names[p] for p, c in categories.items() if c is PartyCategory.NON_STATE]
    found = articles(drafts[spec.stem])
    definitions = found.get("Definitions", "")
    partner = re.search(r"\u201cPartner\u201d means ([^\n]*)", definitions)
    if partner is not None:
        listed = {n for n in names.values() if _named(partner.group(1), n)}
        assert listed == set(non_state)
    for title in (
        "Labour standards and human rights",
        "Sanctions and source of funds",
        "Insurance",
    ):
        text = found.get(title, "")
        for name in public:
            assert not _named(text, name), f"{name} in {title}"
    indemnity = found.get("Liability and indemnity", "")
    for line in indemnity.splitlines():
        if "shall indemnify" in line:
            assert not any(_named(line, name) for name in public)
    for line in found["(parties)"].splitlines():
        if any(
            line.startswith(n) or f"(\u201c{name}\u201d)" in line for n in public for name in [n]
        ):
            assert "registered in" not in line, line


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_the_unspent_balance_goes_back_to_the_donor(
    spec: Path, library: Library, drafts: dict[str, Path]
) -> None:
    names, _, roles = _facts(spec, library)
    found = articles(drafts[spec.stem])
    text = found.get("Interest and unspent balance")
    donors = [names[p] for p, r in roles.items() if PartyRole.DONOR in r]
    if not donors:
        assert text is None
        return
    assert text is not None and "returned to it" in text and "Donor" in text
    assert "Partner" not in text
    donor_definition = re.search(r"\u201cDonor\u201d means ([^\n]*)", found["Definitions"])
    assert donor_definition is not None
    listed = donor_definition.group(1).split(", as the")[0]
    assert {n for n in names.values() if _named(listed, n)} == set(donors)


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_text_follows_the_party_count(
    spec: Path, library: Library, drafts: dict[str, Path]
) -> None:
    names, _, _ = _facts(spec, library)
    body = "\n".join(articles(drafts[spec.stem]).values())
    if len(names) == 2:
        assert "the other Parties" not in body and "the other Participants" not in body
        assert "more than two" not in body
    is_mou = "Memorandum" in body.split("\n", 1)[0] or "Participants" in body[:4000]
    assert body.count("In witness whereof") == (0 if is_mou else 1)


def test_constituents_keep_their_role_and_are_not_kept_from_standard_setting(
    library: Library, drafts: dict[str, Path]
) -> None:
    found = articles(drafts["better-work-brands"])
    assert (
        "SGMA is an employers\u2019 organization. Employers\u2019 and workers\u2019 "
        "organizations take "
        "part in the work of the ILO within its tripartite structure"
        in found["Role of employers\u2019 and workers\u2019 organizations"]
    )
    conflict = found["Conflict of interest"]
    standard_setting = [line for line in conflict.splitlines() if "standard-setting" in line]
    assert standard_setting and not any("SGMA" in line for line in standard_setting)
    assert all("Northwind" in line for line in standard_setting)


def test_event_limits_bind_the_sponsor_and_not_the_co_organiser(drafts: dict[str, Path]) -> None:
    found = articles(drafts["event-youth-forum"])
    assert re.search(r"\u201cSponsor\u201d means Lumen Digital,", found["Definitions"])
    assert re.search(r"\u201cCo-organiser\u201d means RJECI,", found["Definitions"])
    visibility = found["Visibility of sponsors"]
    assert "The Sponsor shall not:" in visibility
    assert "RJECI" not in visibility and "Co-organiser" not in visibility
    assert found["The event and the roles of the Parties"].startswith(
        "The ILO and RJECI shall organize together the event"
    )


def test_research_co_author_is_credited_and_the_funder_has_no_control(
    drafts: dict[str, Path],
) -> None:
    found = articles(drafts["research-platform-workers"])
    authorship = found["Authorship, acknowledgement and disclaimers"]
    assert (
        "Researchers of the Research Partner who make such a contribution shall be credited"
        in authorship
    )
    assert "Hollis Foundation provided financial support and had no control" in authorship
    assert "the University" not in authorship.split("had no control")[0].split("statement that")[-1]
    ethics = found["Research ethics and informed consent"]
    assert "shall not be disclosed to any employer or to Hollis Foundation" in ethics


def test_intergovernmental_party_keeps_its_immunities(drafts: dict[str, Path]) -> None:
    found = articles(drafts["better-work-brands"])
    assert "privileges and immunities of IFC" in found["Privileges and immunities"]
    assert "IFC" not in found["Sanctions and source of funds"]


def test_in_kind_goods_are_owed_by_the_in_kind_contributor_only(drafts: dict[str, Path]) -> None:
    found = articles(drafts["government-company-ngo"])
    assert "\u201cIn-kind Contributor\u201d means Grameen Shakti," in found["Definitions"]
    delivery = found["Delivery, title and risk"]
    assert delivery.startswith("The In-kind Contributor shall deliver the goods it contributes")
    acknowledgement = found["Acknowledgement of the contribution"]
    assert (
        "with the support of Solara Components Bangladesh Limited, with support in kind from "
        "Grameen Shakti."
    ) in acknowledgement


def test_explain_shows_each_party_with_its_category_and_roles() -> None:
    from tests.conftest import run_cli

    result = run_cli("explain", "examples/mianzhu-livelihoods.yaml")
    assert result.returncode == 0, result.stderr
    assert "  IFRC: intergovernmental organization; donor, implementing partner" in result.stdout
    assert "  Mianzhu Government: public authority; implementing partner" in result.stdout


def test_an_organisation_can_rename_the_terms_in_its_settings(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "library"
    shutil.copytree(ROOT / "clauses", root / "clauses")
    shutil.copytree(ROOT / "templates", root / "templates")
    settings = root / "clauses" / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("  partner: Partner\n", "  partner: Collaborator\n").replace(
            "  donor: Donor\n", "  donor: Donor Collaborator\n"
        ),
        encoding="utf-8",
    )
    library = load_library(root)
    draft = make_draft(ROOT / "examples" / "bp-west-papua-youth.yaml", library, tmp_path)
    found = articles(draft.path)
    assert "\u201cCollaborator\u201d means BP." in found["Definitions"]
    assert "\u201cDonor Collaborator\u201d means BP," in found["Definitions"]
    assert found["Sanctions and source of funds"].startswith("The Collaborator warrants")
    assert "Partner" not in "\n".join(found.values())


def test_the_steering_committee_has_the_chair_of_the_spec_and_funders_as_observers(
    tmp_path: Path,
) -> None:
    """A sponsor or research funder does not decide on the work it funds, and the chair is
    the party the spec names (the organisation only by default)."""
    texts = {}
    for name in ("mianzhu-livelihoods", "event-youth-forum", "research-platform-workers"):
        result = run_cli("generate", f"examples/{name}.yaml", "-o", str(tmp_path / f"{name}.docx"))
        assert result.returncode == 0, result.stderr
        texts[name] = "\n".join(p.text for p in Document(str(tmp_path / f"{name}.docx")).paragraphs)
    assert "chaired by the representative of Mianzhu Government." in texts["mianzhu-livelihoods"]
    assert (
        "The representative of Lumen Digital attends the meetings of the steering committee as "
        "an observer, without taking part in its decisions"
    ) in texts["event-youth-forum"]
    assert "The representative of Hollis Foundation attends" in texts["research-platform-workers"]
    assert "observer" not in texts["mianzhu-livelihoods"]


def test_a_donor_with_tasks_in_a_funding_agreement_funds_and_does_not_implement(
    library: Library, drafts: dict[str, Path]
) -> None:
    """BP pays and shares information: the organisation implements what it funds. Alone
    beside the organisation, it sits on the steering committee as a member (an observer
    needs members other than the organisation to observe)."""
    _, _, roles = _facts(ROOT / "examples" / "bp-west-papua-youth.yaml", library)
    assert roles["bp"] == {PartyRole.DONOR}
    committee = articles(drafts["bp-west-papua-youth"])["Steering committee"]
    assert "one senior representative of each Party" in committee
    assert "observer" not in committee


def test_only_non_state_partners_assign_new_material_to_the_organisation(
    drafts: dict[str, Path],
) -> None:
    """A government, an intergovernmental organisation or a research co-author keeps what its
    personnel create and licenses it to the organisation; a company or NGO assigns it."""
    mianzhu = articles(drafts["mianzhu-livelihoods"])["Ownership and use of new material"]
    assignment = next(s for s in re.split(r"(?<=\.)\s+", mianzhu) if "hereby assigns" in s)
    assert "PSBC" in assignment and "PlaNet Finance" in assignment
    for keeper in ("Mianzhu Government", "IFRC", "RCSC"):
        assert keeper not in assignment
    assert (
        "New Material created by the personnel of Mianzhu Government, of IFRC and of RCSC is "
        "owned by the Party whose personnel created it, which grants the ILO a worldwide"
    ) in mianzhu
    research = articles(drafts["research-platform-workers"])["Ownership and use of new material"]
    assert "the University hereby assigns" not in research
    assert "personnel of the University is owned by the Party" in research
    bp = articles(drafts["bp-west-papua-youth"])["Ownership and use of new material"]
    assert "To that end, BP hereby assigns to the ILO" in bp


def test_researchers_a_university_contributes_are_not_loaned_to_the_organisation(
    drafts: dict[str, Path],
) -> None:
    """A co-author's researchers work on its own share under its own direction; engineers a
    company lends to the organisation work under the organisation's direction."""
    assert "Loaned personnel" not in articles(drafts["research-platform-workers"])
    loaned = articles(drafts["in-kind-solar-equipment"])["Loaned personnel"]
    assert "shall work under the direction of the ILO" in loaned


def test_the_risk_annex_allocates_management_not_liability(drafts: dict[str, Path]) -> None:
    """A risk owner manages the risk; losses follow the liability and force majeure
    articles (so a force majeure risk "owned" by one party does not make it bear them)."""
    text = articles(drafts["mianzhu-livelihoods"])["Responsibilities and costs"]
    assert "allocates the management of risks only: it does not extend the obligations" in text
    assert "and it does not allocate liability or losses between the Parties" in text
    # A risk owner applies the mitigation within its own tasks, not those of another party.
    assert (
        "within its own responsibilities under this Agreement, shall apply the mitigation" in text
    )
    assert "is responsible for the risks allocated to it" not in text
    assert re.search(r"which Articles \d+ and \d+ govern", text)


def test_a_government_that_signs_endorses_the_project_by_signing(
    drafts: dict[str, Path],
) -> None:
    """Asking the organisation to seek the endorsement of a government that is itself a
    party would be absurd; without one, the organisation seeks it."""
    grameen = articles(drafts["grameen-shakti-solar"])["Government endorsement and social dialogue"]
    assert grameen.startswith(
        "By signing this Agreement, the Ministry endorses the Project on behalf of the "
        "government authorities it represents."
    )
    brands = articles(drafts["better-work-brands"])["Government endorsement and social dialogue"]
    assert brands.startswith(
        "Activities in a country shall be carried out only with the endorsement"
    )


def test_the_personal_data_article_names_the_controller_of_the_spec(
    drafts: dict[str, Path],
) -> None:
    data = articles(drafts["mianzhu-livelihoods"])["Personal data"]
    assert re.search(r"The controller of the Personal Data described in Annex \d+ is PSBC,", data)
    assert "requires PSBC to keep that data for longer than this Article allows" in data
