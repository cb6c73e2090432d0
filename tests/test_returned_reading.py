"""The pieces of `review-returned`: reading tracked changes both ways, what counts as a
change of form, library texts as patterns, and the checks of new sentences."""

from __future__ import annotations

import re
import time

import pytest

from agreements.clauses.load import load_library
from agreements.returned.checks import check_values, new_sentences, values
from agreements.returned.form import form, form_of
from agreements.returned.lines import Line, read_lines
from agreements.returned.positions import library_positions
from agreements.returned.template import compile_template, display_paragraphs, template_matches
from agreements.word.reading import parse_xml

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
STAMP = 'w:id="1" w:author="P" w:date="2026-01-01T00:00:00Z"'


def lines_of(body: str) -> list[Line]:
    root = parse_xml(f"<w:document {W}><w:body>{body}</w:body></w:document>".encode(), "t")
    return read_lines(root, {"H": "ClauseHeading"})


def test_insertions_and_deletions_are_read_both_ways() -> None:
    (line,) = lines_of(
        '<w:p><w:pPr><w:pStyle w:val="H"/></w:pPr><w:r><w:t>Notice of </w:t></w:r>'
        f"<w:del {STAMP}><w:r><w:delText>ninety</w:delText></w:r></w:del>"
        f"<w:ins {STAMP}><w:r><w:t>thirty</w:t></w:r></w:ins>"
        '<w:r><w:t xml:space="preserve"> days</w:t></w:r></w:p>'
    )
    assert (line.sent, line.partner, line.style) == (
        "Notice of ninety days",
        "Notice of thirty days",
        "ClauseHeading",
    )
    assert line.tracked


def test_moves_fields_and_text_boxes() -> None:
    (line,) = lines_of(
        f"<w:p><w:moveFrom {STAMP}><w:r><w:t>old </w:t></w:r></w:moveFrom>"
        "<w:r><w:instrText> REF clause_x \\h </w:instrText></w:r><w:r><w:t>12</w:t></w:r>"
        f"<w:moveTo {STAMP}><w:r><w:t> new</w:t></w:r></w:moveTo>"
        "<w:r><w:txbxContent><w:p><w:r><w:t>hidden box</w:t></w:r></w:p></w:txbxContent></w:r>"
        "</w:p>"
    )
    assert (line.sent, line.partner) == ("old 12", "12 new")


def test_a_deleted_paragraph_mark_joins_the_next_paragraph_in_the_partners_version() -> None:
    first, second = lines_of(
        f"<w:p><w:pPr><w:rPr><w:del {STAMP}/></w:rPr></w:pPr><w:r><w:t>One</w:t></w:r></w:p>"
        "<w:p><w:r><w:t> two.</w:t></w:r></w:p>"
    )
    assert (first.sent, first.partner) == ("One", "")
    assert (second.sent, second.partner) == (" two.", "One two.")


def test_an_inserted_paragraph_exists_only_in_the_partners_version() -> None:
    first, second = lines_of(
        f"<w:p><w:pPr><w:rPr><w:ins {STAMP}/></w:rPr></w:pPr>"
        f"<w:ins {STAMP}><w:r><w:t>Added.</w:t></w:r></w:ins></w:p>"
        "<w:p><w:r><w:t>Kept.</w:t></w:r></w:p>"
    )
    assert (first.sent, first.partner) == ("", "Added.")
    assert (second.sent, second.partner) == ("Kept.", "Kept.")


def test_table_rows_are_lines_and_a_bookmark_between_paragraphs_belongs_to_the_next() -> None:
    row, heading = lines_of(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
        f"<w:tc><w:p><w:r><w:t>USD 5</w:t></w:r><w:del {STAMP}><w:r><w:delText>0</w:delText>"
        "</w:r></w:del></w:p></w:tc></w:tr></w:tbl>"
        '<w:bookmarkStart w:id="1" w:name="clause_audit"/><w:p><w:r><w:t>Audit</w:t></w:r></w:p>'
    )
    assert (row.sent, row.partner, row.row) == ("1 | USD 50", "1 | USD 5", True)
    assert heading.bookmarks == ("clause_audit",)


@pytest.mark.parametrize(
    ("returned", "sent"),
    [
        ("The \u201cPartner\u201d  shall\u00a0pay.", 'The "Partner" shall pay.'),
        ("4.1 The Partner shall pay.", "The Partner shall pay."),
        ("(a)\tthe Partner;", "the Partner;"),
        ("Notice \u2014 thirty days\u2019 notice", "Notice - thirty days' notice"),
    ],
)
def test_changes_of_form_only(returned: str, sent: str) -> None:
    assert form(returned) == form(sent)


def test_case_and_paragraph_breaks() -> None:
    assert form("The partner shall pay.") != form("The Partner shall pay.")
    assert form_of(["One.", "Two."]) == form_of(["One. Two."])
    assert form("1 | 15 July 2026 | USD 5") == "1 | 15 July 2026 | USD 5"


def test_a_library_text_is_a_pattern_with_wildcards_and_optional_blocks() -> None:
    source = (
        "Any [[Party]] may terminate by giving {{ the_others() }} {{ 30 | days }}' notice."
        "{% if party_count > 2 %}\n\nThe withdrawal of a [[Party]] does not end it.{% endif %}"
    )
    pattern = compile_template(source)
    two = "Any Party may terminate by giving the other Party thirty (30) days' notice."
    assert template_matches(pattern, form(two))
    assert template_matches(pattern, form_of([two, "The withdrawal of a Party does not end it."]))
    assert not template_matches(pattern, form("Any Party may terminate at once."))
    assert display_paragraphs(source) == (
        "Any Party may terminate by giving [the_others()] thirty (30) days' notice.",
        "The withdrawal of a Party does not end it.",
    )


def test_every_wording_of_the_library_compiles_to_a_pattern() -> None:
    library = load_library()
    for source in library.clauses.values():
        for position in library_positions(source.clause, "en", library.settings):
            assert position.pattern is not None, (source.clause.id, position.label)


def test_only_new_sentences_are_checked() -> None:
    approved = ("Payment of the contribution", "USD 500,000.00 is due on 15 July 2026.")
    returned = ("Payment of the contribution", "USD 550,000.00 is due on 15 July 2026.")
    new = new_sentences(returned, [approved])
    assert new == ["USD 550,000.00 is due on 15 July 2026."]
    assert values(new[0]) == [("amount", "USD 550,000.00"), ("date", "15 July 2026")]
    (finding,) = check_values(new, approved, returned, "", ("Sunvale",), "the spec")
    assert (finding.code, finding.message) == (
        "amount",
        "the amount USD 550,000.00 instead of USD 500,000.00 is not in the spec",
    )


def test_a_party_name_that_disappears_is_reported() -> None:
    approved = ("Sunvale Energy Ltd shall deliver the goods.",)
    returned = ("Sunvale Holdings shall deliver the goods.",)
    new = new_sentences(returned, [approved])
    findings = check_values(new, approved, returned, "", ("Sunvale Energy Ltd",), "the spec")
    assert [(f.code, f.message) for f in findings] == [
        ("party_name", "the party name 'Sunvale Energy Ltd' of the spec is no longer in this part")
    ]


def test_a_text_written_to_be_slow_is_matched_quickly() -> None:
    """Once 200 s with a backtracking regular expression: values made of the short words
    around other placeholders multiply the ways to split them."""
    library = load_library()
    filler = ", and , the , of " * 60
    started = time.perf_counter()
    for source in library.clauses.values():
        for position in library_positions(source.clause, "en", library.settings):
            written = form_of(position.paragraphs)
            text = re.sub(r"\[[^\]]*\]", filler, written) + " x"
            matched = template_matches(position.pattern, text)
            # A paragraph that is wholly a placeholder ("[...]") accepts any text in its place.
            assert not matched or "[...]" in written
    assert time.perf_counter() - started < 10
