"""The draft and the review pack as a lawyer sees them (issue 15): read back from the .docx
and, for what only layout shows, from the pages LibreOffice renders."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.table import Table

from agreements.clauses.load import Library, load_library
from agreements.review.pack import PackChoice, build_review_pack
from agreements.word.measure import CELL_PADDING_CM, longest_word, text_width
from agreements.word.ooxml import TWIPS_PER_CM
from tests.conftest import ENGLISH_EXAMPLES as EXAMPLES
from tests.conftest import require_soffice
from tests.drafts import Draft, make_draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
IDS = [p.stem for p in EXAMPLES]
_AMOUNT = re.compile(r"^(?:[A-Z]{3} )?\d{1,3}(?:,\d{3})*(?:\.\d+)?$")
_CODE_AND_AMOUNT = re.compile(r"\b[A-Z]{3} \d")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def drafts(library: Library, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Draft]:
    folder = tmp_path_factory.mktemp("typography")
    return {spec.stem: make_draft(spec, library, folder) for spec in EXAMPLES}


def _grid_tables(path: Path) -> list[Table]:
    """Return the ruled tables of a document (the signature table has no rules)."""
    document = Document(str(path))
    return [t for t in document.tables if t.style is not None and t.style.style_id == "TableGrid"]


def _width_cm(cell: object) -> float:
    tc_w = cell._tc.find(f"{W}tcPr/{W}tcW")  # type: ignore[attr-defined]
    return int(tc_w.get(f"{W}w")) / TWIPS_PER_CM


def _alignment(paragraph: object) -> str:
    jc = paragraph._p.find(f"{W}pPr/{W}jc")  # type: ignore[attr-defined]
    return "left" if jc is None else str(jc.get(f"{W}val"))


def _is_header(row: object) -> bool:
    return row._tr.find(f"{W}trPr/{W}tblHeader") is not None  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", IDS)
def test_no_cell_is_narrower_than_a_word_it_holds(name: str, drafts: dict[str, Draft]) -> None:
    """A header never breaks mid-word ("Curre/ncy"), nor does any word in a cell."""
    pad = 2 * CELL_PADDING_CM
    for table in _grid_tables(drafts[name].path):
        for row in table.rows:
            header = _is_header(row)
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    bold = header or any(r.bold for r in paragraph.runs)
                    needed = longest_word(paragraph.text, bold=bold) + pad
                    assert _width_cm(cell) >= needed - 0.01, (paragraph.text, _width_cm(cell))


@pytest.mark.parametrize("name", IDS)
def test_amounts_are_right_aligned_with_the_currency_once_a_row(
    name: str, drafts: dict[str, Draft]
) -> None:
    amounts = 0
    for table in _grid_tables(drafts[name].path):
        labelled = not any(_is_header(r) for r in table.rows)
        named = set(re.findall(r"\(([A-Z]{3})\)", " ".join(c.text for c in table.rows[0].cells)))
        for row in table.rows:
            texts = [c.text for c in row.cells]
            coded = [t for t in texts if _AMOUNT.match(t) and _CODE_AND_AMOUNT.match(t)]
            assert len(coded) <= 1, f"the currency is repeated in a row: {texts}"
            if not _is_header(row):
                assert not [t for t in texts for code in named if f"{code} " in t], texts
            if labelled or _is_header(row):
                continue  # a label's value is a sentence, not a column of figures
            for cell in row.cells:
                if _AMOUNT.match(cell.text) and re.search(r"[.,]\d", cell.text):
                    amounts += 1
                    assert _alignment(cell.paragraphs[0]) == "right", cell.text
    if name in ("in-kind-solar-equipment", "better-work-brands"):
        assert amounts


def test_a_table_of_one_currency_names_it_in_its_headers(drafts: dict[str, Draft]) -> None:
    goods = next(
        t
        for t in _grid_tables(drafts["in-kind-solar-equipment"].path)
        if t.rows[0].cells[0].text == "Item"
    )
    headers = [c.text for c in goods.rows[0].cells]
    assert headers == [
        "Item",
        "Quantity",
        "Unit value (USD)",
        "Total value (USD)",
        "Valuation basis",
    ]
    first = [c.text for c in goods.rows[1].cells]
    assert first[1:4] == ["12 rigs", "3,850.00", "46,200.00"]


@pytest.mark.parametrize("name", IDS)
def test_every_table_has_the_same_cell_margins(name: str, drafts: dict[str, Draft]) -> None:
    xml = drafts[name].xml()
    tables = xml.count("<w:tbl>")
    margins = re.findall(r"<w:tblCellMar>.*?</w:tblCellMar>", xml)
    assert tables and len(margins) == tables and len(set(margins)) == 1


@pytest.mark.parametrize("name", IDS)
def test_annex_lists_are_real_lists_with_a_hanging_indent(
    name: str, drafts: dict[str, Draft]
) -> None:
    draft = drafts[name]
    document = Document(str(draft.path))
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    assert not [t for t in texts if t.lstrip().startswith(("\u2022", "-\t", "*\t"))]
    listed = [
        p
        for p in document.paragraphs
        if p.style is not None and p.style.style_id in ("AnnexList", "TableList")
    ]
    assert draft.styled("AnnexList") == [p.text for p in listed if p.style.style_id == "AnnexList"]
    assert draft.styled("AnnexList"), "the objectives of Annex 1 are a list"
    styles = draft.xml("word/styles.xml")
    numbering = draft.xml("word/numbering.xml")
    for style in ("AnnexList", "TableList"):
        definition = re.search(rf'w:styleId="{style}".*?</w:style>', styles, re.DOTALL)
        assert definition is not None
        num_id = re.search(r'<w:numPr>.*?<w:numId w:val="(\d+)"/>', definition.group(0))
        assert num_id is not None, f"{style} is not linked to a list"
        abstract = re.search(
            rf'<w:abstractNum [^>]*w:abstractNumId="{num_id.group(1)}".*?</w:abstractNum>',
            numbering,
            re.DOTALL,
        )
        assert abstract is not None
        assert '<w:numFmt w:val="bullet"/>' in abstract.group(0)
        assert re.search(r'<w:ind w:left="\d+" w:hanging="\d+"/>', abstract.group(0))


def _signature_table(path: Path) -> Table:
    document = Document(str(path))
    return next(t for t in document.tables if t.style is None or t.style.style_id != "TableGrid")


def _signature_rows_are_kept_together(table: Table) -> None:
    rows = table.rows
    for index, row in enumerate(rows):
        assert row._tr.find(f"{W}trPr/{W}cantSplit") is not None
        keep = [
            p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs if c.text
        ]
        if not keep:
            continue
        starts_group = index + 1 < len(rows) and rows[index + 1].cells[0].text.startswith("For ")
        if index == len(rows) - 1 or starts_group:
            assert not any(keep), "a block's last row lets the next block move on"
        else:
            assert all(keep), f"row {index} of a block would let the block split"


@pytest.mark.parametrize("name", IDS)
def test_signature_blocks_name_each_party_once_and_keep_together(
    name: str, drafts: dict[str, Draft]
) -> None:
    draft = drafts[name]
    table = _signature_table(draft.path)
    cells = [c.text for r in table.rows for c in r.cells]
    spec = yaml.safe_load(EXAMPLES[IDS.index(name)].read_text(encoding="utf-8"))
    for party in spec["parties"]:
        assert sum(t.endswith(party["legal_name"]) and t.startswith("For ") for t in cells) == 1
    _signature_rows_are_kept_together(table)
    # The date lines of two parties side by side share a row, so they align.
    for row in table.rows:
        dates = [c.text.startswith("Date:") for c in row.cells if c.text]
        assert all(dates) or not any(dates)


def test_a_party_with_two_signatories_has_one_block(library: Library, tmp_path: Path) -> None:
    source = EXAMPLES[IDS.index("in-kind-solar-equipment")]
    spec = yaml.safe_load(source.read_text(encoding="utf-8"))
    spec["parties"][1]["signatories"].append({"name": "Jonas Weber", "title": "Chief Financial"})
    path = tmp_path / "in-kind-solar-equipment.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    draft = make_draft(path, library, tmp_path)
    table = _signature_table(draft.path)
    cells = [c.text for r in table.rows for c in r.cells]
    assert cells.count("For Sunvale Energy Systems GmbH") == 1
    assert sum("Name: " in t for t in cells) == 3
    assert sum(t.startswith("Date:") for t in cells) == 3
    _signature_rows_are_kept_together(table)


@pytest.mark.parametrize("name", IDS)
def test_the_reference_is_set_apart_from_the_parties(name: str, drafts: dict[str, Draft]) -> None:
    draft = drafts[name]
    reference = draft.plan.plan.selection.spec.agreement.reference
    assert draft.styled("TitleReference") == [f"Reference: {reference}"]
    assert draft.styled("TitleDraftNote")[0].startswith("Draft to be signed in ")
    style = re.search(r'w:styleId="TitleReference".*?</w:style>', draft.xml("word/styles.xml"))
    assert style is not None and "<w:pBdr><w:top " in style.group(0)
    assert re.search(r'<w:spacing w:before="[1-9]\d+"', style.group(0))


@pytest.fixture(scope="module")
def pack(library: Library) -> bytes:
    return build_review_pack(library, PackChoice())[0]


def test_the_review_pack_shows_placeholders_as_named_fields(pack: bytes) -> None:
    document = Document(io.BytesIO(pack))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for c in t._cells)
    for raw in ("{{", "}}", "{%", "[[", "**"):
        assert raw not in text
    for shown in ("\u00aborganisation short name\u00bb", "\u00abthe Donor\u00bb"):
        assert shown in text
    assert "Article \u00abPrivileges and immunities\u00bb" in text
    assert "Applies when the instrument is a memorandum of understanding" in text


def test_the_review_pack_summary_gives_titles_and_fits_its_rows(
    pack: bytes, library: Library
) -> None:
    document = Document(io.BytesIO(pack))
    summary = document.tables[0]
    assert [c.text for c in summary.rows[0].cells] == [
        "Clause",
        "Version",
        "Topic",
        "Status",
        "Approved",
    ]
    first = summary.rows[1].cells
    title = library.clauses["parties"].clause.title["en"]
    assert [p.text for p in first[0].paragraphs] == [title, "parties"]
    version = str(library.clauses["parties"].clause.version)
    assert [c.text for c in first[1:4]] == [version, "core", "approved"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", first[4].text)
    widths = [_width_cm(c) for c in summary.rows[0].cells]
    assert sum(widths) <= 16.01
    pad = 2 * CELL_PADDING_CM
    for row in summary.rows[1:]:
        # Version, status and date each on one line; the id whole under the title.
        cells = row.cells
        assert widths[0] >= text_width(cells[0].paragraphs[-1].text) + pad - 0.01
        for index in (1, 3, 4):
            assert widths[index] >= text_width(cells[index].text) + pad - 0.01


def test_the_pages_show_headers_and_amounts_whole(drafts: dict[str, Draft], tmp_path: Path) -> None:
    """Rendered by LibreOffice, the goods table keeps its headers on one line and the
    title page keeps the reference apart from the last party."""
    require_soffice()
    from agreements.pdf import convert_to_pdf

    draft = drafts["in-kind-solar-equipment"]
    (pdf,) = convert_to_pdf([draft.path], tmp_path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    headers = "Item Quantity Unit value (USD) Total value (USD) Valuation basis"
    assert any(headers in line for line in lines)
    assert any(re.search(r"12 rigs 3,850\.00 46,200\.00", line) for line in lines)
    party = lines.index("Sunvale Energy Systems GmbH")
    reference = lines.index("Reference: ILO-INK-2026-008")
    assert reference > party + 1, "a blank line or more sets the reference apart"
