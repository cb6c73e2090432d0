"""Options shared by several commands."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer


class OutputFormat(StrEnum):
    """How a command prints its result."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


class KindChoice(StrEnum):
    """The kinds of agreement, as a choice of `new --kind` (kept equal to the spec's
    AgreementKind by a test; importing the spec models here would slow every command)."""

    FUNDING = "funding"
    IN_KIND = "in_kind"
    JOINT_IMPLEMENTATION = "joint_implementation"
    EVENT = "event"
    ADVOCACY = "advocacy"
    RESEARCH = "research"
    MOU = "mou"


FORMAT_OPTION: OutputFormat = typer.Option(
    OutputFormat.TEXT, "--format", help="text for people, json for machines."
)
LIBRARY_OPTION: Path | None = typer.Option(
    None,
    "--library",
    envvar="AGREEMENTS_LIBRARY",
    help="Clause library folder (with clauses/ and templates/); default: the built-in one.",
    show_default=False,
)
