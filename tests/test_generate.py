"""Word drafts read back as a reviewer would check them (issue: generate)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from agreements.clauses.load import Library, load_library
from agreements.formatting import format_money
from agreements.review.canonical import clause_text, text_hash
from agreements.spec import PartnershipSpec
from agreements.words import words
from tests.conftest import EXAMPLES, ROOT, require_soffice, run_cli
from tests.drafts import Draft, assert_audit_clean, make_draft

IDS = [p.stem for p in EXAMPLES]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def drafts(library: Library, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Draft]:
    folder = tmp_path_factory.mktemp("drafts")
    return {spec.stem: make_draft(spec, library, folder) for spec in EXAMPLES}


def _spec(name: str) -> PartnershipSpec:
    data = yaml.safe_load((ROOT / "examples" / f"{name}.yaml").read_text(encoding="utf-8"))
    return PartnershipSpec.model_validate(data)


@pytest.mark.parametrize("name", IDS)
def test_every_party_signatory_and_amount_appears(name: str, drafts: dict[str, Draft]) -> None:
    text = drafts[name].text()
    spec = _spec(name)
    language = spec.agreement.main_language.value
    name_label, title_label = words("signature.name", language), words("signature.title", language)
    for party in spec.parties:
        assert party.legal_name in text
        for signatory in party.signatories:
            assert re.search(rf"{name_label}\s?: {re.escape(signatory.name)}", text)
            assert re.search(rf"{title_label}\s?: {re.escape(signatory.title)}", text)
    for contribution in spec.financial():
        assert format_money(contribution.amount, contribution.currency, language) in text
        for instalment in contribution.instalments:
            assert format_money(instalment.amount, contribution.currency, language) in text


def test_amounts_are_formatted_for_people(drafts: dict[str, Draft]) -> None:
    text = drafts["mianzhu-livelihoods"].text()
    assert "USD 236,000.00" in text
    assert re.search(
        r"\b\d{1,2} (January|February|March|April|May|June|July|August|"
        r"September|October|November|December) 20\d\d\b",
        text,
    )


@pytest.mark.parametrize("name", IDS)
def test_headings_follow_the_plan_and_numbers_come_from_the_list(
    name: str, drafts: dict[str, Draft]
) -> None:
    draft = drafts[name]
    assert draft.styled("ClauseHeading") == [c.title for c in draft.plan.clauses]
    typed = re.compile(r"^\s*(\d+(\.\d+)*\.?\s|\([a-z]{1,2}\)\s)")
    for style in ("ClauseHeading", "ClauseBody", "ClauseItem", "ClauseText"):
        for text in draft.styled(style):
            assert not typed.match(text), f"typed number in {style}: {text[:40]!r}"
    assert draft.styled("ClauseBody") and draft.styled("ClauseItem")
    body = draft.xml()
    assert "<w:numPr>" not in body, "paragraphs must be numbered by their style alone"


@pytest.mark.parametrize("name", IDS)
def test_headings_match_explain_order(name: str, drafts: dict[str, Draft]) -> None:
    result = run_cli("explain", f"examples/{name}.yaml")
    listed = re.findall(r"^\s*\d+\. (.+?)  \[", result.stdout, flags=re.M)
    assert listed == drafts[name].styled("ClauseHeading")


@pytest.mark.parametrize("name", IDS)
def test_no_template_syntax_is_left(name: str, drafts: dict[str, Draft]) -> None:
    xml = drafts[name].all_xml()
    for token in ("{{", "}}", "{%", "%}", "[[", "]]", "**", "\ue000", "\ue002"):
        assert token not in xml


@pytest.mark.parametrize("name", IDS)
def test_every_ref_points_to_a_bookmark_with_the_right_number(
    name: str, drafts: dict[str, Draft]
) -> None:
    draft = drafts[name]
    bookmarks = draft.bookmarks()
    numbers = {c.planned.bookmark: c.number for c in draft.plan.clauses}
    numbers.update({a.bookmark: a.number for a in draft.plan.plan.selection.context.annexes})
    refs = draft.refs()
    expected_refs = sum(
        1 for c in draft.plan.clauses for b in c.blocks for r in b.runs if r.kind == "ref"
    )
    assert len(refs) == expected_refs > 0
    for bookmark, cached in refs:
        assert bookmark in bookmarks
        assert cached == str(numbers[bookmark])


def test_draft_has_provenance(drafts: dict[str, Draft]) -> None:
    draft = drafts["bp-west-papua-youth"]
    spec = draft.plan.plan.selection.spec
    result = run_cli("inspect", str(draft.path))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"Agreement {spec.agreement.reference}"
    assert lines[1 : 2 + len(spec.parties)] == [
        "Parties:",
        *(f"  {p.legal_name}" for p in spec.parties),
    ]
    first = draft.plan.clauses[0]
    assert re.search(
        rf"^ +1  {first.clause_id}@{first.planned.clause.version} +approved$", result.stdout, re.M
    )
    assert f"Articles ({len(draft.plan.clauses)}):" in lines
    raw = json.loads(run_cli("inspect", str(draft.path), "--format", "json").stdout)
    spec_hash = hashlib.sha256((ROOT / "examples/bp-west-papua-youth.yaml").read_bytes())
    assert raw["provenance"]["agreements.spec_sha256"] == spec_hash.hexdigest()
    assert raw["provenance"]["agreements.clause.001"] == (
        f"{first.clause_id}@{first.planned.clause.version}#"
        f"{text_hash(clause_text(first.planned.clause, 'en'))[:16]}"
    )
    assert raw["provenance"]["agreements.clause_count"] == str(len(draft.plan.clauses))


def test_inspect_refuses_a_file_that_is_not_a_draft(tmp_path: Path) -> None:
    bogus = tmp_path / "x.docx"
    bogus.write_text("not a zip", encoding="utf-8")
    result = run_cli("inspect", str(bogus))
    assert result.returncode == 2
    assert result.stderr.startswith(f"Error: {bogus}: not a Word document")


@pytest.mark.parametrize("name", IDS)
def test_each_draft_passes_openxml_audit(name: str, drafts: dict[str, Draft]) -> None:
    assert_audit_clean(drafts[name].path)


def test_two_runs_give_identical_bytes(tmp_path: Path) -> None:
    for name in ("a.docx", "b.docx"):
        result = run_cli(
            "generate", "examples/mou-skills-dialogue.yaml", "-o", str(tmp_path / name)
        )
        assert result.returncode == 0, result.stderr
    digests = {
        hashlib.sha256((tmp_path / n).read_bytes()).hexdigest() for n in ("a.docx", "b.docx")
    }
    assert len(digests) == 1


def test_existing_output_is_left_untouched_without_force(tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    target.write_bytes(b"the lawyer's edited copy")
    result = run_cli("generate", "examples/mou-skills-dialogue.yaml", "-o", str(target))
    assert result.returncode == 2
    assert result.stderr.strip() == f"Error: {target}: already exists; pass --force to overwrite it"
    assert target.read_bytes() == b"the lawyer's edited copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx"]
    forced = run_cli("generate", "examples/mou-skills-dialogue.yaml", "-o", str(target), "--force")
    assert forced.returncode == 0
    assert target.read_bytes().startswith(b"PK")


def test_default_output_name_comes_from_the_reference(tmp_path: Path) -> None:
    result = run_cli("generate", str(ROOT / "examples/mou-skills-dialogue.yaml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wrote ILO-MOU-2026-008.docx")
    assert (tmp_path / "ILO-MOU-2026-008.docx").is_file()


def test_invalid_spec_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    result = run_cli("generate", "tests/data/rules/P10.yaml", "-o", str(target))
    assert result.returncode == 1
    assert "error P10" in result.stderr
    assert not target.exists()


HOSTILE = [
    "A & B <GmbH>",
    "{{ 7*7 }}",
    "</w:t><w:p>",
    "شركة الأمل للتنمية",
    "北京绿色发展有限公司",
    "{%p if true %}x{%p endif %}",
]


def test_hostile_party_names_appear_literally(tmp_path: Path, library: Library) -> None:
    data = yaml.safe_load((ROOT / "tests/data/rules/base.yaml").read_text(encoding="utf-8"))
    partner = data["parties"][1]
    partner["legal_name"] = " ".join(HOSTILE[:3])
    partner["short_name"] = HOSTILE[3]
    partner["signatories"][0]["name"] = HOSTILE[4]
    partner["signatories"][0]["title"] = HOSTILE[5]
    data["purpose"] = "Purpose with {{ 7*7 }} and & < > and {% raw %} markers."
    spec = tmp_path / "hostile.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    draft = make_draft(spec, library, tmp_path)
    text = draft.text()
    assert " ".join(HOSTILE[:3]) in text
    for value in HOSTILE[3:]:
        assert value in text
    assert "Purpose with {{ 7*7 }} and & < > and {% raw %} markers." in text
    assert "Purpose with 49" not in text
    assert_audit_clean(draft.path)


def test_pdf_without_libreoffice_names_the_package(tmp_path: Path) -> None:
    env_path = tmp_path / "bin"
    env_path.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "agreements",
            "generate",
            "examples/mou-skills-dialogue.yaml",
            "-o",
            str(tmp_path / "d.docx"),
            "--pdf",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": str(env_path), "HOME": str(tmp_path)},
    )
    assert result.returncode == 1
    assert "apt-get install libreoffice-writer-nogui" in result.stderr
    assert not (tmp_path / "d.docx").exists()


def _require_soffice() -> str:
    return require_soffice()


@pytest.fixture(scope="module")
def pdf_texts(drafts: dict[str, Draft], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    _require_soffice()
    from agreements.pdf import convert_to_pdf

    folder = tmp_path_factory.mktemp("pdf")
    pdfs = convert_to_pdf([d.path for d in drafts.values()], folder)
    texts = {}
    for pdf in pdfs:
        result = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        )
        texts[pdf.stem] = result.stdout
    return texts


@pytest.mark.parametrize("name", IDS)
def test_libreoffice_renders_numbers_and_references(
    name: str, drafts: dict[str, Draft], pdf_texts: dict[str, str]
) -> None:
    text = pdf_texts[name]
    draft = drafts[name]
    lines = [line.strip() for line in text.splitlines()]
    for planned in draft.plan.clauses[:5]:
        assert any(
            re.match(rf"{planned.number}\.\s+{re.escape(planned.title[:20])}", line)
            for line in lines
        ), planned.title
    assert any(re.match(r"\d+\.1\s+\S", line) for line in lines)
    assert any(re.match(r"\(a\)\s+\S", line) for line in lines)
    flat = " ".join(text.split())
    for planned in draft.plan.clauses:
        for block in planned.blocks:
            for i, run in enumerate(block.runs):
                if run.kind == "ref" and i > 0 and block.runs[i - 1].text.endswith("Article "):
                    assert f"Article {run.text}" in flat


def test_cli_writes_a_pdf(tmp_path: Path) -> None:
    _require_soffice()
    result = run_cli(
        "generate",
        "examples/mou-skills-dialogue.yaml",
        "-o",
        str(tmp_path / "mou.docx"),
        "--pdf",
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "mou.pdf").read_bytes().startswith(b"%PDF")
