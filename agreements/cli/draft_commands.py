"""Commands that write or read drafts: `agreements generate` and `agreements inspect`."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from agreements.cli.options import FORMAT_OPTION, LIBRARY_OPTION, OutputFormat


def register(app: typer.Typer) -> None:
    """Add the draft commands to `app`."""
    app.command("generate")(generate)
    app.command("inspect")(inspect)


def generate(
    spec: Path = typer.Argument(..., help="Spec file.", show_default=False),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Draft to write (default: REFERENCE.docx here)."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite existing files."),
    pdf: bool = typer.Option(False, "--pdf", help="Also write a PDF (needs LibreOffice)."),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Validate a spec and write its Word draft (and PDF); never overwrite without --force."""
    from agreements.clauses.load import load_library
    from agreements.generate import generate as run

    draft = run(spec, load_library(library), output, force=force, pdf=pdf)
    for warning in draft.warnings:
        typer.echo(warning.format(), err=True)
    typer.echo(f"wrote {draft.docx} ({len(draft.plan.clauses)} clauses)")
    if draft.pdf is not None:
        typer.echo(f"wrote {draft.pdf}")


def inspect(
    draft: Path = typer.Argument(..., help="A .docx written by agreements.", show_default=False),
    output_format: OutputFormat = FORMAT_OPTION,
) -> None:
    """Print a draft's provenance: tool and library version, spec hash, each clause."""
    from agreements.inspect import read_provenance

    properties = read_provenance(draft)
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps(properties, indent=2, ensure_ascii=False))
        return
    width = max(len(k) for k in properties)
    for key, value in properties.items():
        typer.echo(f"{key.ljust(width)}  {value}")
