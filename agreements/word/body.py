"""The body of a draft: the parties and preamble from the spec, then the planned clauses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.clauses.sandbox import ANNEX_REF
from agreements.formatting import country_name
from agreements.spec.parties import PartyCategory, Sector
from agreements.word.ooxml import field, paragraph, run

if TYPE_CHECKING:
    from collections.abc import Mapping

    from agreements.clauses.markup import Run
    from agreements.clauses.render import RenderedClause, RenderedDocument
    from agreements.spec import Party


def _party_line(party: Party, category: PartyCategory, acting_through: str) -> str:
    """Return how the list of parties describes one party, as its category requires: a
    company is registered in a country; a government is not; an international organization
    is established by its constituent instrument."""
    country = country_name(party.country)
    if category is PartyCategory.ORGANISATION:
        details = ["a specialized agency of the United Nations", f"acting through {acting_through}"]
    elif category is PartyCategory.PUBLIC_AUTHORITY:
        kind = "authority" if party.sector is Sector.PUBLIC_AUTHORITY else "body"
        details = [party.legal_form or f"a public {kind} of {country}"]
    elif category is PartyCategory.INTERGOVERNMENTAL:
        details = [
            party.legal_form
            or "an international organization established by its constituent instrument"
        ]
    else:
        details = [party.legal_form] if party.legal_form else []
        details.append(f"registered in {country}")
    return ", ".join([*details, party.address])


def preamble(rendered: RenderedDocument) -> list[str]:
    """Return the list of parties and the preamble: the organisation's recitals from the
    settings, then the purpose of the partnership (its objectives are in Article 3)."""
    selection = rendered.plan.selection
    spec, loaded, settings = selection.spec, selection.loaded, selection.context.settings
    is_mou = selection.context.is_mou
    who = "Participants" if is_mou else "Parties"
    out = [paragraph("AnnexSubheading", run(f"The {who}"), keep_next=True)]
    acting = settings.organisation.acting_through
    for index, party in enumerate(spec.parties):
        end = "." if index == len(spec.parties) - 1 else ";"
        line = _party_line(party, loaded.categories[party.id], acting)
        text = f", {line} (\u201c{party.short_name}\u201d){end}"
        out.append(paragraph("PartyLine", run(party.legal_name, bold=True) + run(text)))
    out.append(paragraph("AnnexSubheading", run("Preamble"), keep_next=True))
    out.extend(paragraph("Recital", run(recital)) for recital in settings.recitals)
    lead = "Intending" if is_mou else "Wishing"
    out.append(
        paragraph(
            "Recital",
            run(f"{lead} to cooperate for the following purpose: ") + run(spec.purpose.strip()),
        )
    )
    closing = (
        "The Participants have therefore reached the following understanding:"
        if is_mou
        else "Now, therefore, the Parties agree as follows:"
    )
    out.append(paragraph("Recital", run(closing), keep_next=True))
    return out


def _runs(runs: list[Run], targets: dict[str, str]) -> str:
    parts = []
    for item in runs:
        if item.kind == "define":
            parts.append(run(item.text, style="DefinedTerm"))
        elif item.kind == "ref" and item.target.startswith(ANNEX_REF):
            # The bookmark holds only the annex's number, so the field shows "2".
            parts.append(field(f"REF annex_{item.target[len(ANNEX_REF) :]} \\h", item.text))
        elif item.kind == "ref" and item.target in targets:
            parts.append(field(f"REF {targets[item.target]} \\n \\h", item.text))
        else:
            parts.append(run(item.text))
    return "".join(parts)


def unapproved_notice(rendered: RenderedDocument, pending: Mapping[str, str]) -> list[str]:
    """Return the first-page notice listing clauses legal has not approved (or nothing)."""
    if not pending:
        return []
    out = [
        paragraph(
            "NoticeHeading",
            run("Notice: this draft contains clause text that legal has not approved"),
            keep_next=True,
        )
    ]
    for article in rendered.clauses:
        status = pending.get(article.clause_id)
        if status is not None:
            version = article.planned.clause.version
            out.append(
                paragraph(
                    "Notice",
                    run(
                        f"Article {article.number}, {article.title} "
                        f"({article.clause_id}@{version}): {status}"
                    ),
                )
            )
    return out


def clauses(rendered: RenderedDocument, flagged: set[str] | None = None) -> list[str]:
    """Return the paragraphs of every article: bookmarked heading, then its blocks.

    Headings of `flagged` clauses (not approved) are highlighted and say so.
    """
    targets = {c.clause_id: c.planned.bookmark for c in rendered.clauses}
    flagged = flagged or set()
    out: list[str] = []
    for bookmark_id, article in enumerate(rendered.clauses, start=1):
        out.extend(clause_paragraphs(article, targets, bookmark_id, article.clause_id in flagged))
    return out


# The numbered styles of the clause list and, for numbers written as text, the unnumbered
# style and indents (left, hanging, in twips) that place them as the list does
# (templates/build_template.py): a paragraph linked to the list would be counted by it.
_AS_TEXT = {
    "ClauseHeading": ("AnnexSubheading", (709, 709)),
    "ClauseBody": ("ClauseText", (709, 709)),
    "ClauseItem": ("ClauseText", (1418, 709)),
}


def clause_paragraphs(
    planned: RenderedClause,
    targets: dict[str, str],
    bookmark_id: int,
    flagged: bool,
    *,
    live: bool = True,
) -> list[str]:
    """Return the paragraphs of one article: bookmarked heading, then its blocks.

    `live` paragraphs take their numbers from Word's list and the heading holds the
    article's bookmark; otherwise (the second text of a bilingual agreement) the same
    numbers are written as text at the same indents in unnumbered styles, so the list
    counts each article once and cross-references point at the first text's headings.
    """
    title = run(planned.title)
    if flagged:
        title += run(" [not approved by legal]", style="Unapproved")
    if live:
        heading = paragraph(
            "ClauseHeading",
            title,
            keep_next=True,
            bookmark=(bookmark_id, planned.planned.bookmark),
        )
    else:
        heading = _numbered_as_text("ClauseHeading", f"{planned.number}.", title, keep_next=True)
    out = [heading]
    blocks = planned.blocks
    for index, block in enumerate(blocks):
        if block.kind == "item":
            style = "ClauseItem"
        elif block.number:
            style = "ClauseBody"
        else:
            style = "ClauseText"
        # A paragraph that introduces items stays on the page of its first item.
        introduces = (
            index + 1 < len(blocks) and blocks[index + 1].kind == "item" and block.kind == "para"
        )
        content = _runs(block.runs, targets)
        if live or style == "ClauseText":
            out.append(paragraph(style, content, keep_next=introduces))
        else:
            out.append(_numbered_as_text(style, block.number, content, keep_next=introduces))
    return out


def _numbered_as_text(style: str, number: str, content: str, *, keep_next: bool) -> str:
    unnumbered, indent = _AS_TEXT[style]
    bold = style == "ClauseHeading"
    return paragraph(
        unnumbered, run(f"{number}\t", bold=bold) + content, keep_next=keep_next, indent=indent
    )
