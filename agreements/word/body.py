"""The body of a draft: the parties and preamble from the spec, then the planned clauses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.clauses.sandbox import ANNEX_REF
from agreements.spec.parties import PartyCategory
from agreements.word.ooxml import field, paragraph, run
from agreements.word.parties import party_line
from agreements.words import WORDS, typography, words

if TYPE_CHECKING:
    from collections.abc import Mapping

    from agreements.clauses.markup import Run
    from agreements.clauses.render import RenderedClause, RenderedDocument


def preamble(rendered: RenderedDocument) -> list[str]:
    """Return the list of parties and the preamble in the draft's language: the
    organisation's recitals from the settings, then the purpose of the partnership (its
    objectives are in Article 3)."""
    selection = rendered.plan.selection
    spec, loaded = selection.spec, selection.loaded
    context, language = rendered.context, rendered.language
    settings, is_mou = context.settings, context.is_mou
    mou = "_mou" if is_mou else ""
    out = [
        paragraph("AnnexSubheading", run(words(f"parties.heading{mou}", language)), keep_next=True)
    ]
    acting = settings.organisation.acting_through
    base = selection.library.settings
    for index, party in enumerate(context.parties):
        end = "." if index == len(context.parties) - 1 else words("parties.separator", language)
        category = loaded.categories[party.id]
        is_org = category is PartyCategory.ORGANISATION
        address = base.organisation_address(party.address, language) if is_org else party.address
        line = party_line(party, category, acting, language, address)
        short_key = "parties.short_name_organisation" if is_org else "parties.short_name"
        short = words(short_key, language, name=party.short_name)
        out.append(
            paragraph("PartyLine", run(party.legal_name, bold=True) + run(f", {line} {short}{end}"))
        )
    out.append(
        paragraph("AnnexSubheading", run(words("preamble.heading", language)), keep_next=True)
    )
    out.extend(
        paragraph("Recital", run(typography(recital, language))) for recital in settings.recitals
    )
    out.append(
        paragraph(
            "Recital",
            run(words(f"preamble.purpose{mou}", language)) + run(spec.purpose.strip()),
        )
    )
    out.append(paragraph("Recital", run(words(f"preamble.closing{mou}", language)), keep_next=True))
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


def _status(status: str, language: str) -> str:
    """Return a review status ("never approved") in the draft's language; a status given
    per language ("fr: never approved") keeps its language codes."""
    parts = []
    for piece in status.split("; "):
        code, _, value = piece.rpartition(": ")
        key = f"status.{value}"
        shown = words(key, language) if key in WORDS else value
        parts.append(f"{code}: {shown}" if code else shown)
    return "; ".join(parts)


def unapproved_notice(rendered: RenderedDocument, pending: Mapping[str, str]) -> list[str]:
    """Return the first-page notice listing clauses legal has not approved (or nothing)."""
    if not pending:
        return []
    out = [
        paragraph(
            "NoticeHeading",
            run(words("notice.heading", rendered.language)),
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
                        f"{words('article', rendered.language)} {article.number}, {article.title} "
                        f"({article.clause_id}@{version}){words('annex.colon', rendered.language)}"
                        f"{_status(status, rendered.language)}"
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
        flag = article.clause_id in flagged
        out.extend(clause_paragraphs(article, targets, bookmark_id, flag, rendered.language))
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
    language: str,
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
        title += run(words("notice.unapproved", language), style="Unapproved")
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
