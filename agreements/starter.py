"""Commented starter specs for `agreements new`: every value to fill in is a TODO."""

from __future__ import annotations

import os
from pathlib import Path

from agreements.spec.models import AgreementKind

_HEADER = """\
# yaml-language-server: $schema={schema}
# Starter spec for a {kind} agreement. Replace every value that starts with TODO,
# then run `agreements validate` on this file until it reports no errors.
agreement:
  kind: {kind}
  title: "TODO: title printed on the cover"
  reference: TODO-REF            # e.g. ILO-PPP-2026-014; names the output file
  language: en
  signature_date: "TODO: planned date of signature, YYYY-MM-DD"
  start_date: "TODO: entry into force, YYYY-MM-DD (not before signature)"
  end_date: "TODO: last day of the agreement, YYYY-MM-DD"
  place: "TODO: place of signature"

parties:
  - id: ilo                      # short id used below to refer to this party
    legal_name: {org_legal}
    short_name: {org_short}
    sector: un_or_international_organisation
    country: Switzerland
    address: "TODO: address of the signing office"
    signatories:
      - name: "TODO: name of the signatory"
        title: "TODO: title of the signatory"
  - id: partner
    legal_name: "TODO: legal name of the partner, as registered"
    short_name: "TODO: short name used in the text"
    sector: company               # see schemas/spec.schema.json for the sectors
    country: "TODO: country of registration"
    address: "TODO: registered address"
    signatories:
      - name: "TODO: name of the signatory"
        title: "TODO: title of the signatory"
    due_diligence:                # required for every non-state party
      date: "TODO: date the screening was completed, YYYY-MM-DD"
      risk_level: low             # low, moderate, substantial or high
      outcome: approved           # approved, approved_with_conditions or rejected
      reference: "TODO: reference of the due-diligence note"

purpose: "TODO: one paragraph on why the parties work together"
objectives:
  - "TODO: what the partnership will achieve"

responsibilities:
  - party: ilo
    tasks:
      - "TODO: a task of the organisation"
  - party: partner
    tasks:
      - "TODO: a task of the partner"
"""

_CONTRIBUTIONS = {
    "financial": """
contributions:
  - type: financial
    party: partner
    recipient: ilo
    amount: "TODO: total amount, e.g. 250000.00"
    currency: USD
    earmarking: project           # unearmarked, softly_earmarked or project
    support_cost_rate: {rate}
    instalments:
      - date: "TODO: due date of the first payment, YYYY-MM-DD"
        amount: "TODO: amount of the first payment"
""",
    "in_kind": """
contributions:
  - type: in_kind
    party: partner
    recipient: ilo
    items:
      - description: "TODO: what the goods are, with their standard or model"
        quantity: 1
        unit: unit
        unit_value: "TODO: fair value of one unit, e.g. 450.00"
        currency: USD
        valuation_basis: "TODO: how the value was set"
""",
    "services": """
contributions:
  - type: services
    party: partner
    description: "TODO: what the partner provides, to whom and for how long"
""",
    "none": """
contributions: []                 # an MoU carries no money or valued goods
""",
}

_FOOTER = """
risks:
  - category: reputational
    description: "TODO: what could harm the organisation's reputation"
    owner: ilo
    mitigation: "TODO: how the risk is managed"

terms:
  personal_data:
    processed: false
  intellectual_property:
    new_material: false
  names_and_logos:
    use_planned: false
  confidentiality: true
  termination_notice_days: 90
"""

_CONTRIBUTION_FOR_KIND = {
    AgreementKind.FUNDING: "financial",
    AgreementKind.IN_KIND: "in_kind",
    AgreementKind.MOU: "none",
}


def schema_file() -> Path:
    """Return the spec's JSON Schema shipped with this installation: in the checkout's
    schemas/ folder, or inside the installed package (a wheel carries it there)."""
    package = Path(__file__).resolve().parent
    checkout = package.parent / "schemas" / "spec.schema.json"
    return checkout if checkout.is_file() else package / "_library" / "schemas" / "spec.schema.json"


def schema_reference(output: Path | None) -> str:
    """Return the `$schema` reference for a spec written at `output`: a path relative to
    the spec's folder when one exists (so a checkout can be moved), else a file URI."""
    schema = schema_file()
    if output is not None:
        try:
            relative = Path(os.path.relpath(schema, output.resolve().parent))
        except ValueError:  # another drive on Windows
            return schema.as_uri()
        if relative.parts.count("..") <= 2:  # beside the checkout: movable with it
            return relative.as_posix()
    return schema.as_uri()


def starter_spec(
    kind: AgreementKind, org_legal: str, org_short: str, rate: str, output: Path | None = None
) -> str:
    """Return the text of a starter spec of `kind` for the library's organisation, to be
    written at `output` (its `$schema` line resolves from there; standard output if None)."""
    section = _CONTRIBUTIONS[_CONTRIBUTION_FOR_KIND.get(kind, "services")]
    header = _HEADER.replace("{schema}", schema_reference(output))
    return (
        header.format(kind=kind.value, org_legal=org_legal, org_short=org_short)
        + section.format(rate=rate)
        + _FOOTER
    )
