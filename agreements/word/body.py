"""The body of a draft: preamble from the spec, then the planned clauses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from agreements.clauses.markup import Run
from agreements.word.xml import add_bookmark, add_field, add_text, styled_paragraph

if TYPE_CHECKING:
    from agreements.clauses.plan import DocumentPlan, PlannedClause
    from agreements.spec import PartnershipSpec


def write_preamble(document: Any, spec: PartnershipSpec, org_id: str, is_mou: bool) -> None:
    """Write who the parties are and why they cooperate, before clause 1."""
    styled_paragraph(document, "AnnexSubheading").add_run(
        "The Participants" if is_mou else "The Parties"
    )
    for party in spec.parties:
        line = styled_paragraph(document, "PartyLine")
        add_text(line, party.legal_name, bold=True)
        details = [
            d
            for d in (
                party.legal_form,
                f"registered in {party.country}" if party.id != org_id else None,
                party.address,
            )
            if d
        ]
        add_text(
            line,
            ", " + ", ".join(details) + f" (\u201c{party.short_name}\u201d)"
            if details
            else f" (\u201c{party.short_name}\u201d)",
        )
        add_text(line, ";" if party is not spec.parties[-1] else ".")
    who = "Participants" if is_mou else "Parties"
    styled_paragraph(document, "AnnexSubheading").add_run("Preamble")
    add_text(
        styled_paragraph(document, "Recital"),
        f"The {who} enter into this instrument for the following purpose:",
    )
    add_text(styled_paragraph(document, "PartyLine"), spec.purpose)
    add_text(
        styled_paragraph(document, "Recital"),
        f"The {who} {'intend' if is_mou else 'wish'} to achieve the following objectives:",
    )
    for objective in spec.objectives:
        add_text(styled_paragraph(document, "PartyLine"), f"\u2022\t{objective}")
    closing = styled_paragraph(document, "Recital")
    add_text(
        closing,
        "The Participants have therefore reached the following understanding:"
        if is_mou
        else "Now, therefore, the Parties agree as follows:",
    )


def _write_runs(paragraph: Any, runs: list[Run], targets: dict[str, str]) -> None:
    for run in runs:
        if run.kind == "define":
            add_text(paragraph, run.text, style_id="DefinedTerm")
        elif run.kind == "ref" and run.target in targets:
            add_field(paragraph, f"REF {targets[run.target]} \\n \\h", run.text)
        else:
            add_text(paragraph, run.text)


def write_clauses(document: Any, plan: DocumentPlan) -> None:
    """Write every planned clause: a numbered heading (bookmarked), then its blocks."""
    targets = {c.clause.id: c.bookmark for c in plan.clauses}
    for index, planned in enumerate(plan.clauses, start=1):
        _write_clause(document, planned, targets, index)


def _write_clause(
    document: Any, planned: PlannedClause, targets: dict[str, str], bookmark_id: int
) -> None:
    heading = styled_paragraph(document, "ClauseHeading")
    add_text(heading, planned.title)
    add_bookmark(heading, planned.bookmark, bookmark_id)
    for block in planned.blocks:
        if block.kind == "item":
            style = "ClauseItem"
        elif block.number:
            style = "ClauseBody"
        else:
            style = "ClauseText"
        _write_runs(styled_paragraph(document, style), block.runs, targets)
