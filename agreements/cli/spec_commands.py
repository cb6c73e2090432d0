"""Commands about specs: validate, rules, schema, new."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from agreements.cli.options import FORMAT_OPTION, LIBRARY_OPTION, KindChoice, OutputFormat
from agreements.cli.style import marked


def register(app: typer.Typer) -> None:
    """Add the spec commands to `app`."""
    app.command("validate", short_help="Check specs; every problem with its place and fix.")(
        validate
    )
    app.command("rules", short_help="List the rules specs are checked against.")(rules)
    app.command("schema", short_help="Write the spec's JSON Schema.")(schema)
    app.command("new", short_help="Write a commented starter spec.")(new)


def validate(
    specs: list[str] = typer.Argument(
        ...,
        metavar="SPEC",
        help="Spec files, folders of specs, or quoted glob patterns.",
        show_default=False,
    ),
    output_format: OutputFormat = FORMAT_OPTION,
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Check specs and report every problem with its file:line:column, rule and fix.

    Exit 0 when valid (warnings allowed), 1 when invalid, 2 when a file cannot be read.
    """
    from agreements.cli.exit_codes import validation_exit_code
    from agreements.spec_paths import expand_specs
    from agreements.validate_files import validate_files

    outcome = validate_files(expand_specs(specs), library, strict=strict)
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps(outcome.to_json(), indent=2, ensure_ascii=False))
    else:
        typer.echo(marked(outcome.to_text()))
    raise typer.Exit(validation_exit_code(outcome.all_readable, outcome.all_valid))


def rules(
    output_format: OutputFormat = typer.Option(
        OutputFormat.TEXT, "--format", help="text, json, or markdown (the README's table)."
    ),
) -> None:
    """List every rule a spec is checked against, with its code and severity."""
    from agreements.rules import RULES

    if output_format is OutputFormat.JSON:
        rows = [
            {"code": r.code, "severity": r.severity.value, "title": r.title, "fix": r.fix}
            for r in RULES.values()
        ]
        typer.echo(json.dumps(rows, indent=2))
        return
    if output_format is OutputFormat.MARKDOWN:
        typer.echo("| code | severity | rule |\n|---|---|---|")
        for rule in RULES.values():
            typer.echo(f"| {rule.code} | {rule.severity.value} | {rule.title} |")
        return
    for rule in RULES.values():
        typer.echo(f"{rule.code}  {rule.severity.value:<7}  {rule.title}")


def schema(
    output: Path = typer.Option(
        Path("schemas"), "--output", "-o", help="Folder to write spec.schema.json into."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing schema file."),
) -> None:
    """Write the spec's JSON Schema (for editors and for review) into a folder."""
    from agreements.schema import write_schema

    typer.echo(str(write_schema(output, force=force)))


def new(
    kind: KindChoice = typer.Option(
        ...,
        "--kind",
        metavar="KIND",
        help="funding, in_kind, joint_implementation, event, advocacy, research or mou.",
        show_default=False,
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="File to write; prints to standard output if omitted."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Write a commented starter spec whose TODO placeholders validation will name."""
    from agreements.library import load_settings, resolve_library
    from agreements.spec.models import AgreementKind
    from agreements.starter import starter_spec
    from agreements.writer import write_text_file

    chosen = AgreementKind(kind.value)
    settings = load_settings(resolve_library(library))
    text = starter_spec(
        chosen,
        settings.organisation.legal_name,
        settings.organisation.short_name,
        str(settings.support_cost_rate),
        output,
    )
    if output is None:
        sys.stdout.write(text)
        return
    write_text_file(output, text, force=force)
    typer.echo(f"wrote {output}; fill in every TODO, then run: agreements validate {output}")
