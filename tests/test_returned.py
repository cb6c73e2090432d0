"""`agreements review-returned`: returned drafts made from generated drafts, each edited as
a partner would, and the exact classification of each change."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from agreements.clauses.load import Library, load_library
from agreements.returned.model import PartReview, ReturnedReview, Status
from agreements.returned.review import review_returned
from tests.conftest import ROOT, require_soffice, run_cli
from tests.drafts import assert_audit_clean, make_draft
from tests.returned_edits import Returned, plain_copy, strip_provenance

IN_KIND = ROOT / "examples" / "in-kind-solar-equipment.yaml"
FUNDING = ROOT / "examples" / "bp-west-papua-youth.yaml"
ENGLAND = "This Agreement shall be governed by the laws of England."
THIRTY_DAYS = (
    "Either Party may terminate this Agreement at any time by giving the other Party thirty "
    "(30) days\u2019 written notice."
)
SEVEN_DAYS = (
    "Either Party may end this Agreement at any time by sending the other Party an e-mail "
    "seven days in advance."
)


def _numbers(spec: Path) -> dict[str, int]:
    """Return the article number of each clause in the draft of `spec`."""
    from agreements.build import checked_text

    _, rendered = checked_text(spec, load_library())
    return dict(rendered.plan.numbers)


NUMBERS = _numbers(IN_KIND)


def art(clause_id: str) -> str:
    """Return how the review names the article of `clause_id` in the in-kind draft."""
    return f"Article {NUMBERS[clause_id]} ({clause_id})"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory, library: Library) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("drafts")
    return {
        "in_kind": make_draft(IN_KIND, library, folder).path,
        "funding": make_draft(FUNDING, library, folder).path,
    }


def review(
    path: Path, library: Library, spec: Path | None = IN_KIND, **kwargs: Path
) -> ReturnedReview:
    return review_returned(path, library, spec=spec, search=[], **kwargs)


def part(result: ReturnedReview, clause_id: str) -> PartReview:
    return next(p for p in result.parts if p.clause_id == clause_id)


def rewritten(drafts: dict[str, Path], folder: Path, termination: str) -> Path:
    """Return the in-kind draft with its termination clause rewritten, untracked."""
    edited = Returned(drafts["in_kind"]).rewrite("termination", 1, termination)
    return edited.save(folder / "r.docx")


def changed(result: ReturnedReview) -> dict[str, str]:
    """Return the name and status of every part that is not unchanged."""
    return {p.name: p.status.value for p in result.parts if p.status is not Status.UNCHANGED}


def test_an_untouched_draft_is_unchanged_everywhere(drafts: dict[str, Path], library: Library):
    result = review(drafts["in_kind"], library)
    assert changed(result) == {}
    assert not result.needs_legal_review
    assert {p.how for p in result.parts if p.clause_id} == {"bookmark"}
    assert result.basis == f"the spec {IN_KIND}"


def test_a_clause_rewritten_into_a_pre_approved_fallback_needs_no_review(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    path = rewritten(drafts, tmp_path, THIRTY_DAYS)
    result = review(path, library)
    assert changed(result) == {art("termination"): "approved_position"}
    termination = part(result, "termination")
    assert termination.position == "fallback 'thirty_days'"
    assert not termination.needs_legal_review
    assert not result.needs_legal_review


def test_a_clause_rewritten_beyond_any_fallback_is_redlined_against_the_nearest(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    path = rewritten(drafts, tmp_path, SEVEN_DAYS)
    result = review(path, library)
    assert changed(result) == {art("termination"): "changed"}
    termination = part(result, "termination")
    assert termination.needs_legal_review and not termination.blocking
    assert termination.nearest == "fallback 'thirty_days'"
    assert termination.approved[1].endswith(
        "one hundred and eighty (180) days\u2019 written notice."
    )
    assert termination.returned == ("Termination for convenience", SEVEN_DAYS)
    assert termination.findings == ()


def test_a_tracked_insertion_of_a_national_law_is_blocking(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    edited = Returned(drafts["in_kind"]).insert_tracked("dispute-settlement", 4, " " + ENGLAND)
    result = review(edited.save(tmp_path / "r.docx"), library)
    assert changed(result) == {art("dispute-settlement"): "changed"}
    disputes = part(result, "dispute-settlement")
    assert [(f.kind, f.code, f.blocking) for f in disputes.findings] == [
        ("forbidden_position", "national_law", True)
    ]
    assert disputes.findings[0].excerpt == ENGLAND
    assert disputes.returned[4].endswith(
        f"Article {NUMBERS['privileges-and-immunities']}. " + ENGLAND
    )
    assert disputes.approved[4].endswith(f"Article {NUMBERS['privileges-and-immunities']}.")
    assert result.for_review() == [disputes]


def test_a_deleted_privileges_and_immunities_article_is_blocking(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    tracked = Returned(drafts["in_kind"]).delete_tracked("privileges-and-immunities")
    untracked = Returned(drafts["in_kind"]).delete("privileges-and-immunities")
    for edited, how in ((tracked, "bookmark"), (untracked, "not found in the file")):
        result = review(edited.save(tmp_path / "r.docx"), library)
        assert changed(result) == {art("privileges-and-immunities"): "deleted_mandatory"}
        deleted = part(result, "privileges-and-immunities")
        assert (deleted.blocking, deleted.how, deleted.returned) == (True, how, ())
        assert deleted.approved[0] == "Privileges and immunities"


def test_a_deleted_article_that_is_not_mandatory_needs_review_without_blocking(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    path = Returned(drafts["in_kind"]).delete("entire-agreement").save(tmp_path / "r.docx")
    result = review(path, library)
    assert changed(result) == {art("entire-agreement"): "deleted"}
    assert result.needs_legal_review and not part(result, "entire-agreement").blocking


def test_a_changed_instalment_amount_is_checked_against_the_spec(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    edited = Returned(drafts["funding"]).replace_in_tables("USD 500,000.00", "USD 550,000.00")
    result = review(edited.save(tmp_path / "r.docx"), library, spec=FUNDING)
    assert changed(result) == {"Annex 2: Budget and payment terms": "changed"}
    annex = next(p for p in result.parts if p.number == 2 and p.clause_id is None)
    assert [(f.code, f.message) for f in annex.findings] == [
        ("amount", "the amount USD 550,000.00 instead of USD 500,000.00 is not in the spec")
    ]
    assert annex.findings[0].excerpt == "1 | 15 July 2026 | USD 550,000.00"


def test_a_paragraph_added_by_the_partner_belongs_to_its_article(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    added = "Sunvale shall be the exclusive partner of the ILO for solar training in Kenya."
    path = (
        Returned(drafts["in_kind"])
        .add_paragraph("non-exclusivity", 1, added)
        .save(tmp_path / "r.docx")
    )
    result = review(path, library)
    assert changed(result) == {art("non-exclusivity"): "changed"}
    article = part(result, "non-exclusivity")
    assert article.added == (added,)
    assert [(f.code, f.blocking) for f in article.findings] == [("exclusivity", True)]


def test_an_added_harmless_paragraph_still_needs_review(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    added = "The Parties shall meet once a year to review progress."
    path = (
        Returned(drafts["in_kind"])
        .add_paragraph("entire-agreement", 2, added)
        .save(tmp_path / "r.docx")
    )
    article = part(review(path, library), "entire-agreement")
    assert (article.status, article.added, article.findings) == (Status.CHANGED, (added,), ())
    assert article.needs_legal_review and not article.blocking


def test_without_a_spec_a_fallback_is_still_recognised_from_the_tracked_changes(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    edited = Returned(drafts["in_kind"])
    edited.delete_tracked("ip-new-material")
    path = edited.save(tmp_path / "r.docx")
    result = review(path, library, spec=None)
    assert result.basis.startswith("the clause library's texts")
    assert part(result, "ip-new-material").status is Status.DELETED
    assert {p.status for p in result.parts if p.clause_id} == {Status.UNCHANGED, Status.DELETED}


def test_without_a_spec_a_tracked_move_to_a_fallback_is_named(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    edited = Returned(drafts["in_kind"]).replace_tracked(
        "termination", 1, "one hundred and eighty (180)", "thirty (30)"
    )
    result = review(edited.save(tmp_path / "r.docx"), library, spec=None)
    termination = part(result, "termination")
    assert (termination.status, termination.position) == (
        Status.APPROVED_POSITION,
        "fallback 'thirty_days'",
    )
    assert not result.needs_legal_review
    assert part(result, "ip-new-material").position == "fallback 'joint_ownership'"


def test_changes_of_form_only_need_no_review(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    typed = "45.1  Either Party may terminate this Agreement at any time by giving the other "
    typed += "Party one hundred and eighty (180) days' written notice."
    result = review(rewritten(drafts, tmp_path, typed), library)
    assert changed(result) == {art("termination"): "form_only"}
    assert not result.needs_legal_review


def test_a_stripped_provenance_is_matched_by_bookmarks(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    edited = Returned(drafts["in_kind"]).rewrite("termination", 1, THIRTY_DAYS)
    path = strip_provenance(edited.save(tmp_path / "r.docx"), tmp_path / "stripped.docx")
    result = review(path, library)
    assert not result.provenance
    assert "the file has no provenance (stripped, or not one of our drafts)" in result.notes
    assert changed(result) == {art("termination"): "approved_position"}
    assert {p.how for p in result.parts if p.clause_id} == {"bookmark"}


def test_a_retyped_draft_is_matched_by_text_similarity(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    edited = Returned(drafts["in_kind"]).rewrite("termination", 1, THIRTY_DAYS)
    path = plain_copy(edited.save(tmp_path / "r.docx"), tmp_path / "retyped.docx")
    result = review(path, library)
    termination = part(result, "termination")
    assert (termination.status, termination.position) == (
        Status.APPROVED_POSITION,
        "fallback 'thirty_days'",
    )
    assert termination.how == "heading text"
    assert len([p for p in result.parts if p.clause_id]) == len(NUMBERS)
    assert changed(result) == {art("termination"): "approved_position"}
    assert "no article is marked in the file: paragraphs matched by text similarity" in (
        result.notes
    )


def test_a_file_saved_through_libreoffice_keeps_its_classification(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    soffice = require_soffice()
    edited = Returned(drafts["in_kind"]).rewrite("termination", 1, THIRTY_DAYS)
    edited.insert_tracked("dispute-settlement", 4, " " + ENGLAND)
    source = edited.save(tmp_path / "edited.docx")
    out = tmp_path / "lo"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    result = review(out / "edited.docx", library)
    assert changed(result) == {
        art("termination"): "approved_position",
        art("dispute-settlement"): "changed",
    }
    assert [f.code for f in part(result, "dispute-settlement").findings] == ["national_law"]
    assert result.provenance


def test_the_original_draft_is_the_text_as_sent(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    path = rewritten(drafts, tmp_path, SEVEN_DAYS)
    result = review(path, library, spec=None, original=drafts["in_kind"])
    assert result.basis.startswith(f"the draft as sent, {drafts['in_kind']}")
    assert changed(result) == {art("termination"): "changed"}


def test_the_spec_is_found_by_the_hash_in_the_provenance(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    shutil.copy(IN_KIND, tmp_path / "spec.yaml")
    path = Returned(drafts["in_kind"]).save(tmp_path / "r.docx")
    result = review_returned(path, library, search=[tmp_path])
    assert result.basis == f"the spec {tmp_path / 'spec.yaml'}"
    assert f"the spec {tmp_path / 'spec.yaml'} was found by the hash in the draft's provenance" in (
        result.notes
    )


def test_the_cli_exits_0_without_changes_and_1_with_changes_to_review(
    drafts: dict[str, Path], library: Library, tmp_path: Path
):
    clean = run_cli("review-returned", str(drafts["in_kind"]), "--spec", str(IN_KIND))
    assert clean.returncode == 0, clean.stderr
    total = len(review(drafts["in_kind"], library).parts)
    last = clean.stdout.splitlines()[-1]
    assert last == f"0 of {total} parts need legal review; {total} unchanged."
    edited = Returned(drafts["in_kind"]).insert_tracked("dispute-settlement", 4, " " + ENGLAND)
    path = edited.save(tmp_path / "r.docx")
    report = tmp_path / "report.docx"
    result = run_cli(
        "review-returned", str(path), "--spec", str(IN_KIND), "--format", "json", "-o", str(report)
    )
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["needs_legal_review"] is True and data["blocking"] is True
    flagged = [p for p in data["parts"] if p["needs_legal_review"]]
    assert [(p["clause"], p["status"], p["findings"][0]["code"]) for p in flagged] == [
        ("dispute-settlement", "changed", "national_law")
    ]
    with zipfile.ZipFile(report) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "<w:ins " in xml and "laws of England" in xml
    assert "Summary" in xml and "Legal review" in xml
    assert_audit_clean(report)


def test_the_cli_text_report_says_why(drafts: dict[str, Path], library: Library, tmp_path: Path):
    path = rewritten(drafts, tmp_path, SEVEN_DAYS)
    result = run_cli("review-returned", str(path), "--spec", str(IN_KIND))
    assert result.returncode == 1
    assert (
        f"{art('termination')} Termination for convenience: changed beyond any approved "
        "wording; legal review: yes (matched by bookmark)"
    ) in result.stdout
    assert "    nearest approved wording: fallback 'thirty_days'" in result.stdout
    total = len(review(drafts["in_kind"], library).parts)
    assert result.stdout.splitlines()[-1] == (
        f"1 of {total} parts needs legal review; {total - 1} unchanged."
    )


def test_the_readme_example_is_what_the_command_prints(drafts: dict[str, Path], tmp_path: Path):
    edited = Returned(drafts["in_kind"])
    edited.replace_tracked("termination", 1, "one hundred and eighty (180)", "thirty (30)")
    edited.insert_tracked("dispute-settlement", 4, " " + ENGLAND)
    edited.delete_tracked("privileges-and-immunities")
    path = edited.save(tmp_path / "returned.docx")
    result = run_cli(
        "review-returned", str(path), "--spec", "examples/in-kind-solar-equipment.yaml"
    )
    assert result.returncode == 1
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```text\nreturned.docx: compared with") + len("```text\n")
    expected = readme[start : readme.index("```", start)]
    assert result.stdout.replace(str(path), "returned.docx") == expected


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--spec", "tests/data/rules/P10.yaml"], "tests/data/rules/P10.yaml: is not a valid spec"),
        (["--spec", "nope.yaml"], "nope.yaml: error F01 file not found"),
        (["--original", "nope.docx"], "nope.docx: no such file"),
        (["-o", "README.md"], "README.md: already exists; pass --force to overwrite it"),
        (["--format", "markdown"], "--format markdown is not offered here; use text or json"),
    ],
)
def test_the_cli_refuses_what_it_cannot_use_with_exit_2(
    drafts: dict[str, Path], extra: list[str], message: str
):
    result = run_cli("review-returned", str(drafts["in_kind"]), *extra)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("Error: ")
    assert message in result.stderr
