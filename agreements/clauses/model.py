"""The format of one clause file (`clauses/<topic>/<id>.yaml`), validated by pydantic."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

ClauseId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
# Text per language: `en` now; `fr` and `es` later, without any change to the format.
Localised = dict[LanguageCode, str]


class Position(StrEnum):
    """Sections of an agreement, in the order they appear."""

    PARTIES_AND_RECITALS = "parties_and_recitals"
    DEFINITIONS = "definitions"
    PURPOSE_AND_SCOPE = "purpose_and_scope"
    CONTRIBUTIONS_AND_FINANCE = "contributions_and_finance"
    KIND_SPECIFIC = "kind_specific"
    INTEGRITY_AND_COMPLIANCE = "integrity_and_compliance"
    NAME_AND_EMBLEM = "name_and_emblem"
    DATA_AND_IP = "data_and_ip"
    GENERAL_PROVISIONS = "general_provisions"
    FINAL_PROVISIONS = "final_provisions"


POSITION_ORDER = {position: i for i, position in enumerate(Position)}


class ClauseModel(BaseModel):
    """Base of the clause file models: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


class Alternative(ClauseModel):
    """A mutually exclusive variant of a clause (e.g. MoU wording), chosen by condition."""

    name: Name = Field(description="Name of the variant, e.g. 'mou'.")
    when: str = Field(min_length=1, description="Condition under which this variant is used.")
    title: Localised | None = Field(default=None, description="Title, if it differs.")
    text: Localised = Field(description="Text of the variant, per language.")


class Fallback(ClauseModel):
    """A pre-approved negotiation position a spec selects by name under terms.fallbacks."""

    name: Name = Field(description="Name the spec uses to choose this position.")
    summary: str = Field(min_length=1, description="One line for reviewers and `explain`.")
    text: Localised = Field(description="Text replacing the clause's text, per language.")


class Definition(ClauseModel):
    """A defined term of the definitions clause; kept only when a selected clause uses it.

    A definition names either a fixed `term` or a group of parties (`role`), whose term
    comes from the library settings (e.g. role `donor`, term "Donor").
    """

    term: str = Field(default="", description="The term, capitalised as used.")
    role: str | None = Field(
        default=None,
        description="A group of parties (partner, donor, sponsor, ...) whose term is defined.",
    )
    text: Localised = Field(description="The definition, starting with 'means'.")

    @model_validator(mode="after")
    def _term_or_role(self) -> Definition:
        if bool(self.term) == bool(self.role):
            raise ValueError("a definition names either a term or a role, not both")
        return self

    def term_in(self, role_term: Callable[[str], str]) -> str:
        """Return the defined term, resolving a role through `role_term` (from settings)."""
        return role_term(self.role) if self.role else self.term


class Clause(ClauseModel):
    """One reusable clause of the library."""

    id: ClauseId = Field(description="Stable id; equals the file name.")
    version: int = Field(ge=1, description="Raised whenever the text changes.")
    topic: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")] = Field(
        description="Topic; equals the folder name."
    )
    position: Position = Field(description="Section of the agreement the clause belongs to.")
    order: int = Field(ge=0, description="Order within its position.")
    title: Localised = Field(description="Heading, per language.")
    applies_when: str | None = Field(
        default=None, description="Condition over the spec; absent means always."
    )
    requires: list[ClauseId] = Field(default_factory=list, description="Clauses pulled in.")
    excludes: list[ClauseId] = Field(
        default_factory=list, description="Clauses that must not be selected with this one."
    )
    alternatives: list[Alternative] = Field(default_factory=list)
    fallback_topic: Name | None = Field(
        default=None, description="Key under the spec's terms.fallbacks that picks a fallback."
    )
    fallbacks: list[Fallback] = Field(default_factory=list)
    defines: list[Definition] = Field(default_factory=list)
    text: Localised = Field(description="Text per language, with the library's light markup.")
    deprecated: bool = Field(default=False, description="Deprecated clauses are never selected.")


def clause_sources(clause: Clause) -> Iterator[tuple[str, str, bool]]:
    """Yield (where, source, is_expression) for every condition and text of a clause."""
    if clause.applies_when is not None:
        yield "applies_when", clause.applies_when, True
    for lang, text in clause.title.items():
        yield f"title.{lang}", text, False
    for lang, text in clause.text.items():
        yield f"text.{lang}", text, False
    for i, alt in enumerate(clause.alternatives):
        yield f"alternatives[{i}].when", alt.when, True
        for lang, text in alt.text.items():
            yield f"alternatives[{i}].text.{lang}", text, False
        for lang, text in (alt.title or {}).items():
            yield f"alternatives[{i}].title.{lang}", text, False
    for i, fb in enumerate(clause.fallbacks):
        for lang, text in fb.text.items():
            yield f"fallbacks[{i}].text.{lang}", text, False
    for i, definition in enumerate(clause.defines):
        for lang, text in definition.text.items():
            yield f"defines[{i}].text.{lang}", text, False
