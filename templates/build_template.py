"""Build templates/agreement.docx, the master template of every draft, reproducibly.

Run `python templates/build_template.py` after changing this file and commit both. The
template holds what docxtpl fills in (title block, header with the reference) and the
styles the body is written with: clause headings, sub-clauses and items are linked to one
multi-level list in numbering.xml, so generated paragraphs carry only a style and Word
keeps the numbers right as lawyers edit.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from agreements.word.ooxml import LIST_NUM_ID, TABLE_LIST_NUM_ID

HERE = Path(__file__).resolve().parent
OUT = HERE / "agreement.docx"
REVIEW_OUT = HERE / "review-pack.docx"
BODY_MARKER = "[[AGREEMENT-BODY]]"
NUM_ID = 50  # far above the ids of the lists python-docx's default template defines
FONT = "Liberation Serif"

# (level, style id, number text, format, left indent, hanging) in twentieths of a point.
LEVELS = [
    (0, "ClauseHeading", "%1.", "decimal", 709, 709),
    (1, "ClauseBody", "%1.%2", "decimal", 709, 709),
    (2, "ClauseItem", "(%3)", "lowerLetter", 1418, 709),
]


def _numbering_xml() -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:pStyle w:val="{style}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
        f'<w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>'
        + ("<w:rPr><w:b/></w:rPr>" if level == 0 else "")
        + "</w:lvl>"
        for level, style, text, fmt, left, hanging in LEVELS
    )
    return (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_ID}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )


# Bulleted lists: (list id, style id, left indent, hanging) in twentieths of a point.
BULLET_LISTS = [(LIST_NUM_ID, "AnnexList", 567, 284), (TABLE_LIST_NUM_ID, "TableList", 227, 227)]


def _bullet_xml(num_id: int, style: str, left: int, hanging: int) -> str:
    return (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        f'<w:pStyle w:val="{style}"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
        f'<w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif"/></w:rPr>'
        "</w:lvl></w:abstractNum>"
    )


def _add_numbering(document: Document) -> None:
    numbering = document.part.numbering_part.element
    taken = {
        int(e.get(qn(attr)))
        for e in numbering.iter()
        for attr in ("w:numId", "w:abstractNumId")
        if e.get(qn(attr)) is not None
    }
    ours = [NUM_ID] + [num_id for num_id, *_ in BULLET_LISTS]
    assert not taken & set(ours), f"list ids {ours} are already used by the base template"
    abstracts = [_numbering_xml()] + [_bullet_xml(*spec) for spec in BULLET_LISTS]
    first_num = numbering.find(qn("w:num"))
    for xml in abstracts:
        if first_num is not None:
            first_num.addprevious(parse_xml(xml))
        else:
            numbering.append(parse_xml(xml))
    for num_id in ours:
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{num_id}"/></w:num>'
            )
        )


KEPT_TABLE_STYLES = {"TableNormal", "TableGrid"}


def _prune_styles(document: Document) -> None:
    """Drop the dozens of table styles the base template ships and no draft uses.

    They made styles.xml 350 KB, parsed, written and compressed for every draft.
    """
    root = document.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in (
            KEPT_TABLE_STYLES
        ):
            root.remove(style)


def _paragraph_style(document: Document, style_id: str, name: str, **options: object) -> None:
    styles = document.styles
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = styles["Normal"]
    style.quick_style = True
    fmt = style.paragraph_format
    fmt.space_before = Pt(float(options.get("before", 0)))  # type: ignore[arg-type]
    fmt.space_after = Pt(float(options.get("after", 6)))  # type: ignore[arg-type]
    fmt.keep_with_next = bool(options.get("keep_next", False))
    if "align" in options:
        fmt.alignment = options["align"]
    if "left" in options:
        fmt.left_indent = Cm(float(options["left"]))  # type: ignore[arg-type]
    font = style.font
    font.bold = bool(options.get("bold", False))
    if "size" in options:
        font.size = Pt(float(options["size"]))  # type: ignore[arg-type]
    if options.get("shaded"):
        style.element.get_or_add_pPr().insert_element_before(
            _shading("FFF2CC"), "w:tabs", "w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:rPr"
        )
    if "list" in options:
        num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = int(options["list"])  # type: ignore[call-overload]
    if "border" in options:
        # A thin rule above the paragraph, set off from its text.
        style.element.get_or_add_pPr().insert_element_before(
            parse_xml(
                f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="4" w:space="8" '
                'w:color="auto"/></w:pBdr>'
            ),
            "w:shd",
            "w:tabs",
            "w:spacing",
            "w:ind",
            "w:jc",
            "w:outlineLvl",
            "w:rPr",
        )
    if options.get("italic"):
        font.italic = True
    if "level" in options:
        ppr = style.element.get_or_add_pPr()
        num_pr = ppr.get_or_add_numPr()  # python-docx keeps schema order
        num_pr.get_or_add_ilvl().val = int(options["level"])  # type: ignore[call-overload]
        num_pr.get_or_add_numId().val = NUM_ID
        if options["level"] == 0:
            ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))


def _shading(fill: str) -> object:
    """Return a w:shd element filling with the hex colour `fill`."""
    return parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')


def _character_style(
    document: Document, style_id: str, name: str, *, bold: bool, highlight: bool = False
) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.element.set(qn("w:styleId"), style_id)
    style.font.bold = bold
    if highlight:
        # Word does not allow w:highlight in a style; shading looks the same to readers.
        style.element.get_or_add_rPr().insert_element_before(
            _shading("FFFF00"), "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang"
        )


def _base_styles(document: Document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.1
    fmt.widow_control = True
    for name in ("Header", "Footer"):
        document.styles[name].font.size = Pt(9)
        document.styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = document.styles["Title"]
    title.font.name = FONT
    title.font.size = Pt(18)
    title.font.bold = True
    title.font.color.rgb = RGBColor(0, 0, 0)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(18)
    title_rpr = title.element.get_or_add_rPr()
    fonts = title_rpr.find(qn("w:rFonts"))
    if fonts is not None:
        title_rpr.remove(fonts)
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph_style(document, "TitleParty", "Title Party", align=center, bold=True, after=2)
    _paragraph_style(document, "TitleNote", "Title Note", align=center, after=12)
    _paragraph_style(
        document,
        "TitleReference",
        "Title Reference",
        align=center,
        before=30,
        after=2,
        size=10,
        border=True,
        keep_next=True,
    )
    _paragraph_style(
        document,
        "TitleDraftNote",
        "Title Draft Note",
        align=center,
        after=30,
        size=10,
        italic=True,
    )
    _paragraph_style(document, "Recital", "Recital", after=6)
    _paragraph_style(document, "PartyLine", "Party Line", left=1.25, after=6)
    _paragraph_style(
        document,
        "ClauseHeading",
        "Clause Heading",
        level=0,
        bold=True,
        before=12,
        after=6,
        keep_next=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    _paragraph_style(document, "ClauseBody", "Clause Body", level=1)
    _paragraph_style(document, "ClauseItem", "Clause Item", level=2, after=3)
    _paragraph_style(document, "ClauseText", "Clause Text", left=1.25)
    _paragraph_style(
        document,
        "AnnexHeading",
        "Annex Heading",
        bold=True,
        size=12,
        align=center,
        after=12,
        keep_next=True,
    )
    _paragraph_style(
        document,
        "AnnexSubheading",
        "Annex Subheading",
        bold=True,
        before=12,
        after=6,
        keep_next=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    _paragraph_style(
        document, "TableText", "Table Text", after=0, align=WD_ALIGN_PARAGRAPH.LEFT, size=9.5
    )
    _paragraph_style(
        document, "SignatureText", "Signature Text", after=2, align=WD_ALIGN_PARAGRAPH.LEFT
    )
    _paragraph_style(
        document,
        "AnnexList",
        "Annex List",
        after=3,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        list=LIST_NUM_ID,
    )
    _paragraph_style(
        document,
        "TableList",
        "Table List",
        after=2,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        size=9.5,
        list=TABLE_LIST_NUM_ID,
    )
    _character_style(document, "DefinedTerm", "Defined Term", bold=True)
    _character_style(document, "Unapproved", "Unapproved Clause", bold=True, highlight=True)
    _paragraph_style(
        document,
        "NoticeHeading",
        "Notice Heading",
        bold=True,
        before=6,
        after=3,
        keep_next=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        shaded=True,
    )
    _paragraph_style(
        document, "Notice", "Notice", after=2, align=WD_ALIGN_PARAGRAPH.LEFT, shaded=True
    )


def _field(paragraph: object, instruction: str, cached: str) -> None:
    element = paragraph._p  # type: ignore[attr-defined]
    for xml in (
        '<w:r %s><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r %s><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        '<w:r %s><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r %s><w:t>{cached}</w:t></w:r>",
        '<w:r %s><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        element.append(parse_xml(xml % nsdecls("w")))


def _page_setup(document: Document, header_text: str | None = None) -> None:
    section = document.sections[0]
    section.page_height = Cm(29.7)
    section.page_width = Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.header_distance = Cm(1.25)
    section.footer_distance = Cm(1.25)
    header = section.header.paragraphs[0]
    # Every fixed word is a field, filled in the draft's language (agreements.words).
    header.text = header_text or "{{ header }}"
    footer = section.footer.paragraphs[0]
    # The review pack is the legal office's own working file, in English.
    footer.add_run("Page " if header_text else "{{ page_word }} ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of " if header_text else " {{ page_of }} ")
    _field(footer, "NUMPAGES", "1")


def _title_block(document: Document) -> None:
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("{{ between }}", style="Title Note")
    document.add_paragraph("{%p for name in party_names %}", style="Title Party")
    document.add_paragraph("{{ name }}", style="Title Party")
    document.add_paragraph("{%p if not loop.last %}", style="Title Party")
    document.add_paragraph("{{ and_word }}", style="Title Note")
    document.add_paragraph("{%p endif %}", style="Title Party")
    document.add_paragraph("{%p endfor %}", style="Title Party")
    # Set off from the parties by space and a rule, so it never reads as part of a name.
    document.add_paragraph("{{ reference_line }}", style="Title Reference")
    document.add_paragraph("{{ draft_note }}", style="Title Draft Note")
    document.add_paragraph(BODY_MARKER, style="Normal")


def _review_title_block(document: Document) -> None:
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("{{ subtitle }}", style="Title Note")
    document.add_paragraph(BODY_MARKER, style="Normal")


def build(target: Path = OUT, *, review: bool = False) -> Path:
    """Write the master template (or the review-pack template) to `target`; return it."""
    document = Document()
    # Drop parts validators flag or that carry nothing of ours: the outdated
    # stylesWithEffects part, the default thumbnail and a stray bibliography item.
    for rels in (document.part.rels, document.part.package.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in {"stylesWithEffects", "thumbnail", "customXml"}:
                del rels[rel_id]
    _prune_styles(document)
    _base_styles(document)
    _add_numbering(document)
    _page_setup(document, "{{ header }}" if review else None)
    if review:
        _review_title_block(document)
    else:
        _title_block(document)
    core = document.core_properties
    core.author = "agreements"
    core.title = "Clause library review pack" if review else "Partnership agreement template"
    core.revision = 1
    fixed = dt.datetime(2026, 1, 1, 0, 0, 0)
    core.created = fixed
    core.modified = fixed
    core.last_modified_by = "agreements"
    document.save(str(target))
    _normalise_zip(target)
    return target


def _normalise_zip(path: Path) -> None:
    """Rewrite the zip with fixed timestamps so rebuilding gives identical bytes."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(build(Path(sys.argv[1])))
    else:
        print(build(OUT))
        print(build(REVIEW_OUT, review=True))
