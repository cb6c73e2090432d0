"""Commands for legal reviewers: `agreements clauses list|show|lint` and `explain`."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from agreements.cli.options import FORMAT_OPTION, LIBRARY_OPTION, OutputFormat

clauses_app = typer.Typer(
    help="Read and check the clause library.", no_args_is_help=True, rich_markup_mode=None
)


def register(app: typer.Typer) -> None:
    """Add the clause commands to `app`."""
    app.add_typer(clauses_app, name="clauses")
    app.command("explain")(explain)


@clauses_app.command("list")
def list_clauses(
    topic: str | None = typer.Option(None, "--topic", help="Only clauses of this topic."),
    kind: str | None = typer.Option(
        None, "--kind", help="Only clauses that can apply to this agreement kind."
    ),
    output_format: OutputFormat = FORMAT_OPTION,
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """List the clauses in agreement order as a table."""
    from agreements.clauses.listing import clause_rows

    rows = clause_rows(library, topic=topic, kind=kind)
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    headers = ("id", "version", "topic", "position", "applies when")
    widths = [
        max(len(h), *(len(str(r[h])) for r in rows)) if rows else len(h) for h in headers[:-1]
    ]
    typer.echo(
        "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False)) + "  " + headers[-1]
    )
    for row in rows:
        cells = [str(row[h]).ljust(w) for h, w in zip(headers, widths, strict=False)]
        typer.echo("  ".join(cells) + "  " + str(row["applies when"]))
    typer.echo(f"{len(rows)} clauses")


@clauses_app.command("show")
def show_clause(
    clause_id: str = typer.Argument(..., metavar="ID", help="Clause id."),
    lang: str = typer.Option("en", "--lang", help="Language of the text."),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Print one clause: its metadata, condition, variants, fallbacks and text."""
    from agreements.clauses.listing import describe_clause

    typer.echo(describe_clause(library, clause_id, lang))


@clauses_app.command("lint")
def lint(
    output_format: OutputFormat = FORMAT_OPTION,
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
    examples: Path | None = typer.Option(
        None,
        "--examples",
        help="Folder of example specs used to find unused clauses "
        "(default: examples/ beside the library, if any).",
    ),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Check the library: schema, names, references, terms, cycles, languages, positions."""
    from agreements.clauses.listing import run_lint
    from agreements.problems import Severity

    problems, count = run_lint(library, examples)
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps([p.to_json() for p in problems], indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            typer.echo(problem.format())
        errors = sum(p.severity is Severity.ERROR for p in problems)
        typer.echo(f"{count} clauses checked: {errors} errors, {len(problems) - errors} warnings")
    failing = [p for p in problems if strict or p.severity is Severity.ERROR]
    raise typer.Exit(1 if failing else 0)


def explain(
    spec: Path = typer.Argument(..., help="Spec file.", show_default=False),
    output_format: OutputFormat = FORMAT_OPTION,
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Show which clauses a spec selects, in order with numbers, and why; and which not."""
    from agreements.clauses.load import load_library
    from agreements.explain import explain_spec

    explanation = explain_spec(spec, load_library(library))
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps(explanation.to_json(), indent=2, ensure_ascii=False))
    else:
        typer.echo(explanation.to_text())
    raise typer.Exit(1 if explanation.plan.issues else 0)
