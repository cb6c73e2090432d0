"""The body of a draft: the parties and preamble from the spec, then the planned clauses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.word.ooxml import field, paragraph, run

if TYPE_CHECKING:
    from collections.abc import Mapping

    from agreements.clauses.markup import Run
    from agreements.clauses.render import RenderedClause, RenderedDocument
    from agreements.spec import PartnershipSpec


def preamble(spec: PartnershipSpec, org_id: str, is_mou: bool) -> list[str]:
    """Return the paragraphs naming the parties and stating purpose and objectives."""
    who = "Participants" if is_mou else "Parties"
    out = [paragraph("AnnexSubheading", run(f"The {who}"), keep_next=True)]
    for index, party in enumerate(spec.parties):
        registered = f"registered in {party.country}" if party.id != org_id else None
        details = [d for d in (party.legal_form, registered, party.address) if d]
        end = "." if index == len(spec.parties) - 1 else ";"
        text = (
            ", " + ", ".join(details) if details else ""
        ) + f" (\u201c{party.short_name}\u201d){end}"
        out.append(paragraph("PartyLine", run(party.legal_name, bold=True) + run(text)))
    out.append(paragraph("AnnexSubheading", run("Preamble"), keep_next=True))
    out.append(
        paragraph(
            "Recital",
            run(f"The {who} enter into this instrument for the following purpose:"),
            keep_next=True,
        )
    )
    out.append(paragraph("PartyLine", run(spec.purpose)))
    verb = "intend" if is_mou else "wish"
    out.append(
        paragraph(
            "Recital", run(f"The {who} {verb} to achieve the following objectives:"), keep_next=True
        )
    )
    out.extend(paragraph("PartyLine", run(f"\u2022\t{o}")) for o in spec.objectives)
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
        out.extend(_clause(article, targets, bookmark_id, article.clause_id in flagged))
    return out


def _clause(
    planned: RenderedClause, targets: dict[str, str], bookmark_id: int, flagged: bool
) -> list[str]:
    title = run(planned.title)
    if flagged:
        title += run(" [not approved by legal]", style="Unapproved")
    out = [
        paragraph(
            "ClauseHeading",
            title,
            keep_next=True,
            bookmark=(bookmark_id, planned.planned.bookmark),
        )
    ]
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
        out.append(paragraph(style, _runs(block.runs, targets), keep_next=introduces))
    return out
