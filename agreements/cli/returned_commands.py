"""`agreements review-returned`: a partner's marked-up draft read back against the
approved positions."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from agreements.cli.exit_codes import review_exit_code
from agreements.cli.options import FORMAT_OPTION, LIBRARY_OPTION, OutputFormat


def register(app: typer.Typer) -> None:
    """Add the command to `app`."""
    app.command(
        "review-returned",
        short_help="Say, clause by clause, what a partner changed and what needs legal review.",
    )(review_returned)


def review_returned(
    returned: Path = typer.Argument(
        ...,
        metavar="RETURNED",
        help="The draft as the partner sent it back (.docx, tracked changes or not).",
        show_default=False,
    ),
    original: Path | None = typer.Option(
        None, "--original", metavar="DRAFT", help="The draft as it was sent (.docx)."
    ),
    spec: Path | None = typer.Option(
        None,
        "--spec",
        metavar="SPEC",
        help="The spec the draft was made from (default: found by the hash in the draft).",
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="REPORT", help="Write the Word report here."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite the report file."),
    output_format: OutputFormat = FORMAT_OPTION,
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Classify every clause of a returned draft against the approved positions; exit 1
    when anything needs legal review, 2 when the file cannot be read safely."""
    from agreements.clauses.load import load_library
    from agreements.errors import UsageError
    from agreements.returned.report import text_report, word_report
    from agreements.returned.review import review_returned as review
    from agreements.writer import check_target, write_bytes_atomic

    if output_format is OutputFormat.MARKDOWN:
        raise UsageError("--format markdown is not offered here; use text or json")
    if output is not None:
        check_target(output, force=force)  # refuse before any work
    loaded = load_library(library)
    result = review(returned, loaded, original=original, spec=spec)
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        for line in text_report(result):
            typer.echo(line)
    if output is not None:
        write_bytes_atomic(output, word_report(result, loaded.root), force=force)
        typer.echo(f"wrote {output}", err=output_format is OutputFormat.JSON)
    raise typer.Exit(review_exit_code(result.needs_legal_review))
