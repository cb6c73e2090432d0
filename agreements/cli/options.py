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
