"""Bilingual agreements: both texts side by side, article by article, signed once."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.table import Table

from agreements.build import checked_text, compose
from agreements.clauses.load import Library, load_library
from agreements.errors import UnapprovedClausesError
from agreements.review.approvals import approve
from agreements.review.commands import lint_errors_by_clause
from tests.conftest import ROOT, require_soffice, run_cli
from tests.drafts import W, assert_audit_clean

BILINGUAL = ROOT / "tests" / "data" / "lint" / "bilingual"
FINAL = ROOT / "clauses" / "final" / "language-and-signature.yaml"
BASE_SPEC = ROOT / "tests" / "data" / "rules" / "base.yaml"
NUMBERED = {"ClauseHeading", "ClauseBody", "ClauseItem"}


def _library_folder(tmp_path: Path) -> Path:
    """Return the bilingual fixture library (English and French) with the shipped templates
    and the shipped final clause on languages, its parts that translators are writing filled
    with stand-in French (its bilingual variant is the real one under test)."""
    root = tmp_path / "library"
    shutil.copytree(BILINGUAL, root)
    shutil.copytree(ROOT / "templates", root / "templates")
    final = yaml.safe_load(FINAL.read_text(encoding="utf-8"))
    final["topic"] = "core"
    # The fixture library is written in English and French only.
    for part in (final, *final["alternatives"]):
        for key in ("title", "text"):
            if isinstance(part.get(key), dict):
                part[key].pop("es", None)
    final["title"].setdefault("fr", "Langue, exemplaires et signature")
    final["text"].setdefault("fr", "Le présent [[Accord]] peut être signé en exemplaires.\n")
    for alternative in final["alternatives"]:
        alternative["text"].setdefault("fr", "Le présent [[Mémorandum]] est signé.\n")
    (root / "clauses/core/language-and-signature.yaml").write_text(
        yaml.safe_dump(final, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return root


def _approved(root: Path) -> Library:
    library = load_library(root)
    for language in ("en", "fr"):
        errors = lint_errors_by_clause(library, language)
        errors = {cid: e for cid, e in errors.items() if cid != "language-and-signature"}
        approve(library, sorted(library.clauses), "Legal", None, dt.date(2026, 11, 25), errors,
                language=language)  # fmt: skip
    return load_library(root)


def _spec(tmp_path: Path, languages: str = "[en, fr]") -> Path:
    text = BASE_SPEC.read_text(encoding="utf-8")
    assert "  language: en\n" in text
    spec = tmp_path / "bilingual.yaml"
    spec.write_text(text.replace("  language: en\n", f"  language: {languages}\n"), "utf-8")
    return spec


@pytest.fixture
def draft(tmp_path: Path) -> tuple[Path, int]:
    """A bilingual draft (English and French) and its number of articles."""
    library = _approved(_library_folder(tmp_path))
    checked, rendered = checked_text(_spec(tmp_path), library)
    assert [t.language for t in checked.translations] == ["fr"]
    data = compose(
        rendered, checked.loaded.sha256, allow_unapproved=False, translations=checked.translations
    )
    path = tmp_path / "bilingual.docx"
    path.write_bytes(data)
    return path, len(rendered.clauses)


def _articles(path: Path) -> Table:
    """Return the table of articles: the one whose first cell opens with an article heading."""
    tables = [
        t
        for t in Document(str(path)).tables
        if t.rows[0].cells[0].paragraphs[0].style.style_id == "ClauseHeading"
    ]
    assert len(tables) == 1
    return tables[0]


def test_each_article_is_one_row_with_the_same_number_on_both_sides(
    draft: tuple[Path, int],
) -> None:
    path, count = draft
    table = _articles(path)
    assert len(table.rows) == count == 3
    for number, table_row in enumerate(table.rows, start=1):
        left, right = table_row.cells
        heading = left.paragraphs[0]
        assert heading.style.style_id == "ClauseHeading"
        # The left heading takes its number from Word's list (its style), the right one
        # writes the same number as text outside the list.
        assert heading._p.find(f"{W}pPr/{W}numPr") is None
        assert heading._p.find(f"{W}bookmarkStart") is not None
        assert right.paragraphs[0].text.startswith(f"{number}.\t")
        assert right.paragraphs[0].style.style_id not in NUMBERED
        # Paragraphs and items align: as many on both sides, the numbered ones matching.
        assert len(left.paragraphs) == len(right.paragraphs)
        for mine, theirs in zip(left.paragraphs[1:], right.paragraphs[1:], strict=True):
            numbered = mine.style.style_id in NUMBERED
            assert numbered == bool(re.match(r"(\d+\.\d+|\([a-z]\))\t", theirs.text))


def test_the_left_column_is_english_and_the_right_french(draft: tuple[Path, int]) -> None:
    path, _ = draft
    rows = _articles(path).rows
    texts = [[cell.text for cell in table_row.cells] for table_row in rows]
    assert "This agreement (the \u201cAgreement\u201d) is made between" in texts[0][0]
    assert "Le présent accord (l\u2019« Accord ») est conclu entre" in texts[0][1]
    assert "may be amended in writing only" in texts[1][0]
    assert "ne peut être modifié que par écrit" in texts[1][1]
    assert "Mod" not in texts[1][0] and "amended" not in texts[1][1]


def test_the_final_clause_says_both_texts_are_equally_authentic(draft: tuple[Path, int]) -> None:
    path, _ = draft
    left, right = (cell.text for cell in _articles(path).rows[-1].cells)
    assert left.startswith("Languages, counterparts and signature\n")
    assert (
        "This Agreement is done in the English and French languages, both texts being "
        "equally authentic."
    ) in left
    assert right.startswith("3.\tLangues, exemplaires et signature\n")
    assert (
        "Le présent Accord est fait en langues anglaise et française, les deux textes faisant "
        "également foi."
    ) in right


def test_cross_references_in_both_columns_point_at_the_left_heading(
    draft: tuple[Path, int],
) -> None:
    path, _ = draft
    xml = Document(str(path)).element.xml
    refs = [
        node.text.split()[1]
        for node in Document(str(path)).element.iter(f"{W}instrText")
        if node.text.strip().startswith("REF clause_")
    ]
    assert refs == ["clause_alpha", "clause_alpha"]
    assert xml.count('w:name="clause_alpha"') == 1


def test_signatures_come_once_and_the_draft_is_valid(draft: tuple[Path, int]) -> None:
    path, _ = draft
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.style_id == "AnnexHeading"]
    assert headings.count("Signatures") == 1
    text = "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells if "Nom:" in c.text
    )
    assert text.count("Name / Nom: James Otieno") == 1
    assert_audit_clean(path)


def test_a_bilingual_draft_refuses_a_translation_out_of_date(tmp_path: Path) -> None:
    root = _library_folder(tmp_path)
    _approved(root)
    path = root / "clauses/core/beta.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("in writing only", "in writing signed by both only")
        .replace("version: 1", "version: 2"),
        encoding="utf-8",
    )
    library = load_library(root)
    approve(library, ["beta"], "Legal", None, dt.date(2026, 11, 26), {})
    library = load_library(root)
    checked, rendered = checked_text(_spec(tmp_path), library)
    with pytest.raises(UnapprovedClausesError, match=r"beta \(fr: translation out of date\)"):
        compose(rendered, "0" * 64, allow_unapproved=False, translations=checked.translations)
    # The English alone is approved: an English draft of the same spec is not refused.
    checked, rendered = checked_text(_spec(tmp_path, "en"), library)
    assert compose(rendered, "0" * 64, allow_unapproved=False)


def test_a_language_the_library_is_not_written_in_is_a_validation_error(tmp_path: Path) -> None:
    root = tmp_path / "library"
    shutil.copytree(ROOT / "tests/data/lint/base", root)
    result = run_cli("validate", "--library", str(root), str(_spec(tmp_path, "[en, es]")))
    assert result.returncode == 1
    assert (
        f"{tmp_path}/bilingual.yaml:7:3: error C12 agreement.language: the clause library is "
        "not written in Spanish ('es'); its languages: en"
    ) in result.stdout


def test_libreoffice_renders_both_columns_with_the_same_numbers(tmp_path: Path) -> None:
    require_soffice()
    root = _library_folder(tmp_path)
    _approved(root)
    out = tmp_path / "draft.docx"
    result = run_cli(
        "generate", "--library", str(root), str(_spec(tmp_path)), "-o", str(out), "--pdf",
        timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdf = out.with_suffix(".pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    # Word's numbers on the left (1., 2.1, (a)) and the same ones written on the right.
    for expected in (
        "1. Parties 1. Parties",
        "2. Amendment 2. Modification",
        "2.2 Each amendment is signed by both: 2.2 Chaque modification est signée par :",
        "(a) the ILO; and (a) l\u2019OIT ;",
        "3. Languages, counterparts and 3. Langues, exemplaires et signature",
    ):
        assert expected in lines, text
    assert "également foi" in text and "equally authentic" in text
    assert lines.count("Signatures") == 1


def test_the_footer_of_a_bilingual_draft_reads_in_both_languages(
    draft: tuple[Path, int],
) -> None:
    """ "Page 4 of / sur 58" is in neither language: both texts share "Page 4 / 58"."""
    import re
    import zipfile

    with zipfile.ZipFile(draft[0]) as package:
        footers = [
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if re.match(r"word/footer\d*\.xml$", name)
        ]
    text = " ".join(re.sub(r"<[^>]+>", " ", xml) for xml in footers)
    assert "Page" in text and " / " in text
    assert "of / sur" not in text and "sur" not in text.split()
