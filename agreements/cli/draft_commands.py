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
    allow_unapproved: bool = typer.Option(
        False,
        "--allow-unapproved",
        help="Draft even with clauses legal has not approved; the draft then says so.",
    ),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Validate a spec and write its Word draft (and PDF); never overwrite without --force."""
    from agreements.clauses.load import load_library
    from agreements.generate import generate as run

    draft = run(
        spec, load_library(library), output, force=force, pdf=pdf, allow_unapproved=allow_unapproved
    )
    for warning in draft.warnings:
        typer.echo(warning.format(), err=True)
    typer.echo(f"wrote {draft.docx} ({len(draft.plan.clauses)} clauses)")
    if draft.pdf is not None:
        typer.echo(f"wrote {draft.pdf}")


def inspect(
    draft: Path = typer.Argument(..., help="A .docx written by agreements.", show_default=False),
    output_format: OutputFormat = FORMAT_OPTION,
    redline: Path | None = typer.Option(
        None, "--redline", help="Write the clause changes since the draft as tracked changes."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite the redline file."),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Print a draft's provenance and the clauses changed in the library since it was made."""
    from agreements.clauses.load import load_library
    from agreements.inspect import read_provenance
    from agreements.review.compare import changes_since, redline_document
    from agreements.writer import write_bytes_atomic

    properties = read_provenance(draft)
    loaded = load_library(library)
    changes = changes_since(properties, loaded)
    if output_format is OutputFormat.JSON:
        typer.echo(
            json.dumps(
                {"provenance": properties, "changed_since_draft": [c.describe() for c in changes]},
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        width = max(len(k) for k in properties)
        for key, value in properties.items():
            typer.echo(f"{key.ljust(width)}  {value}")
        typer.echo(
            f"\nCompared with clause library {loaded.version}: "
            f"{len(changes)} clause(s) changed since this draft was made"
        )
        for change in changes:
            typer.echo(f"  {change.describe()}")
    if redline is not None:
        write_bytes_atomic(redline, redline_document(changes, loaded), force=force)
        typer.echo(f"wrote {redline}")
