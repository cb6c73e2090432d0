"""Commands for legal reviewers: `agreements clauses list|show|lint` and `explain`."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from agreements.cli.exit_codes import INVALID, OK
from agreements.cli.options import FORMAT_OPTION, LIBRARY_OPTION, OutputFormat
from agreements.cli.style import marked
from agreements.formatting import counted

clauses_app = typer.Typer(
    help="Read and check the clause library.", no_args_is_help=True, rich_markup_mode=None
)


def register(app: typer.Typer) -> None:
    """Add the clause commands to `app`."""
    app.add_typer(clauses_app, name="clauses")
    app.command("explain", short_help="Show which clauses a spec selects, and why.")(explain)


@clauses_app.command("list", short_help="List the clauses as a table.")
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
    import shutil
    import textwrap

    # The table fits the terminal: the condition wraps under its column (`--format json`
    # gives every field, topic and position included; --topic selects one topic).
    total = shutil.get_terminal_size((100, 24)).columns
    ids = max([2, *(len(str(r["id"])) for r in rows)])
    lead = ids + 2 + 4 + 2
    room = max(20, total - lead - 1)
    typer.echo(f"{'id'.ljust(ids)}  {'ver':4}  applies when")
    for row in rows:
        condition = textwrap.wrap(str(row["applies when"]), room) or [""]
        typer.echo(f"{str(row['id']).ljust(ids)}  {'v' + str(row['version']):4}  {condition[0]}")
        for more in condition[1:]:
            typer.echo(" " * lead + more)
    typer.echo(counted(len(rows), "clause"))


@clauses_app.command("show", short_help="Print one clause in full.")
def show_clause(
    clause_id: str = typer.Argument(..., metavar="ID", help="Clause id."),
    lang: str = typer.Option("en", "--lang", help="Language of the text."),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Print one clause: its metadata, condition, variants, fallbacks and text."""
    from agreements.clauses.listing import describe_clause

    typer.echo(describe_clause(library, clause_id, lang))


@clauses_app.command("lint", short_help="Check the library for problems.")
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
    from agreements.library_check import run_lint
    from agreements.problems import Severity

    problems, count = run_lint(library, examples)
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps([p.to_json() for p in problems], indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            typer.echo(marked(problem.format()))
        errors = sum(p.severity is Severity.ERROR for p in problems)
        typer.echo(
            f"{counted(count, 'clause')} checked: {counted(errors, 'error')}, "
            f"{counted(len(problems) - errors, 'warning')}"
        )
    failing = [p for p in problems if strict or p.severity is Severity.ERROR]
    raise typer.Exit(INVALID if failing else OK)


@clauses_app.command("approve", short_help="Record clauses as approved by legal.")
def approve(
    clause_ids: list[str] = typer.Argument(None, metavar="ID", help="Clauses to approve."),
    by: str = typer.Option(..., "--by", help="Who approves (name and office)."),
    note: str | None = typer.Option(None, "--note", help="A note kept with the approval."),
    approve_all: bool = typer.Option(False, "--all", help="Approve every clause."),
    sign_with: Path | None = typer.Option(
        None, "--sign-with", metavar="KEY", help="Sign each approval with this SSH private key."
    ),
    signer: str | None = typer.Option(
        None, "--signer", help="Your name in clauses/allowed_signers (default: --by)."
    ),
    language: str = typer.Option(
        "en",
        "--language",
        help="The language whose text you approve (en, fr, es). One approval covers one "
        "language: approve each translation as such, with its own reviewer.",
    ),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Record the current text of clauses in one language as approved (English unless
    --language says otherwise) in clauses/approvals.yaml; other languages' approvals are
    kept, and a translation approved before the English text's latest approval is out of
    date until approved again."""
    from agreements.clauses.load import load_library
    from agreements.errors import UsageError
    from agreements.review.approvals import Signing
    from agreements.review.commands import approve_clauses

    if not clause_ids and not approve_all:
        raise UsageError("name the clauses to approve, or pass --all")
    if signer is not None and sign_with is None:
        raise UsageError("--signer needs --sign-with KEY")
    signing = Signing(sign_with, (signer or by).strip()) if sign_with is not None else None
    done = approve_clauses(
        load_library(library), clause_ids or [], by, note, approve_all, signing, language
    )
    typer.echo(f"approved {counted(len(done), 'clause')} in {language}: {', '.join(done)}")


@clauses_app.command("status", short_help="Show each clause's approval status.")
def status(
    output_format: OutputFormat = FORMAT_OPTION,
    language: str | None = typer.Option(
        None, "--language", help="Only this language's rows (default: every language)."
    ),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Show per clause and language: approved, changed since approval, never approved, or
    translation out of date (approved before the English text's latest approval)."""
    from agreements.clauses.load import load_library
    from agreements.review.commands import status_rows

    rows = status_rows(load_library(library), language)
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max((len(r["id"]) for r in rows), default=2)
    for r in rows:
        typer.echo(
            f"{r['id'].ljust(width)}  v{r['version']:<3} {r['language']}  "
            f"{r['status']:<22}  {r['approved']}".rstrip()
        )
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    typer.echo(", ".join(f"{n} {s}" for s, n in sorted(counts.items())))


@clauses_app.command("review-pack", short_help="Write a Word review pack with tracked changes.")
def review_pack(
    output: Path = typer.Option(
        Path("review-pack.docx"), "--output", "-o", help="Word file to write."
    ),
    changed: bool = typer.Option(
        False, "--changed", help="Only clauses changed since approval or never approved."
    ),
    show_all: bool = typer.Option(False, "--all", help="Every clause (the default)."),
    topic: str | None = typer.Option(None, "--topic", help="Only clauses of this topic."),
    language: str | None = typer.Option(
        None,
        "--language",
        help="Only this language: its texts, statuses and tracked changes, for the "
        "reviewer of that language (default: every language).",
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Write a Word review pack: statuses, then each clause, changes as tracked changes."""
    from agreements.clauses.load import load_library
    from agreements.errors import UsageError
    from agreements.review.commands import write_review_pack
    from agreements.review.pack import PackChoice

    if changed and show_all:
        raise UsageError("--changed and --all exclude each other")
    choice = PackChoice(changed_only=changed, topic=topic, language=language)
    count = write_review_pack(load_library(library), output, choice, force)
    typer.echo(f"wrote {output} ({count} clauses)")


def explain(
    spec: Path = typer.Argument(..., metavar="SPEC", help="Spec file.", show_default=False),
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
    raise typer.Exit(INVALID if explanation.plan.issues + explanation.rendered.issues else OK)
