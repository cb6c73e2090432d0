"""Commands that write or read drafts: `agreements generate` and `agreements inspect`."""

from __future__ import annotations

import json
from contextlib import ExitStack, nullcontext, suppress
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from agreements.cli.exit_codes import INTERRUPTED, INVALID, OK
from agreements.cli.options import FORMAT_OPTION, LIBRARY_OPTION, OutputFormat
from agreements.cli.style import marked
from agreements.formatting import counted

if TYPE_CHECKING:
    from agreements.batch import BatchResult
    from agreements.register.database import Register
    from agreements.workers import StopRequest


def register(app: typer.Typer) -> None:
    """Add the draft commands to `app`."""
    app.command("generate", short_help="Write Word drafts (and PDFs) from specs.")(generate)
    app.command("inspect", short_help="Show a draft's provenance and what changed since.")(inspect)


def generate(
    specs: list[str] = typer.Argument(
        ...,
        metavar="SPEC",
        help="Spec files, folders of specs, or glob patterns.",
        show_default=False,
    ),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help="Draft to write, for one spec (default: REFERENCE.docx).",
    ),
    out_dir: Path | None = typer.Option(
        None, "--out-dir", help="Folder for the drafts of many specs (default: here)."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite existing files."),
    pdf: bool = typer.Option(False, "--pdf", help="Also write PDFs (needs LibreOffice)."),
    allow_unapproved: bool = typer.Option(
        False,
        "--allow-unapproved",
        help="Draft even with clauses legal has not approved; the draft then says so.",
    ),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes for many specs (default: cores)."
    ),
    record: bool = typer.Option(
        False,
        "--register",
        help="Also record each draft written in the agreement register (AGREEMENTS_REGISTER "
        "or the `register` setting).",
    ),
    summary_format: OutputFormat = typer.Option(
        OutputFormat.TEXT, "--format", help="The summary of many specs: text or json."
    ),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Validate specs and write their Word drafts (and PDFs); never overwrite without --force.

    One spec is drafted in this process; many specs (files, folders, globs) are drafted in
    parallel, one failing spec does not stop the others, and a summary ends the run. With
    --register, the drafts written are recorded in the register, opened before drafting.
    """
    from agreements.errors import UsageError
    from agreements.spec_paths import expand_specs

    paths = expand_specs(specs)
    if output is not None and output.endswith(("/", "\\")):
        raise UsageError(
            f"{output}: ends with a slash, so it names a folder; give a file name such as "
            "draft.docx, or use --out-dir for a folder"
        )
    target = Path(output) if output is not None else None
    one = len(paths) == 1 and out_dir is None
    if output is not None and not one:
        raise UsageError("-o names the draft of one spec; use --out-dir for several")
    registry = _open_register(library) if record else None
    with registry or nullcontext():
        if one:
            written = [_generate_one(paths[0], target, force, pdf, allow_unapproved, library)]
            code = OK
        else:
            written, code = _generate_many(
                paths,
                out_dir or Path(),
                force,
                pdf,
                allow_unapproved,
                jobs,
                library,
                summary_format,
            )
        if registry is not None and written:
            _record(registry, written, library)
    if code != OK:
        raise typer.Exit(code)


def _open_register(library: Path | None) -> Register:
    from agreements.clauses.load import load_library
    from agreements.register.actions import open_configured

    return open_configured(None, load_library(library))


def _record(registry: Register, written: list[tuple[Path, Path]], library: Path | None) -> None:
    """Record the specs and drafts just written in the register."""
    import getpass
    from datetime import date

    from agreements.clauses.load import load_library
    from agreements.register.actions import add_files

    paths = [path for pair in written for path in pair]
    added = add_files(
        registry, paths, load_library(library), status=None, on=date.today(), by=getpass.getuser()
    )
    for a in added:
        typer.echo(f"register: {a.reference} {a.outcome} (version {a.version})")


def _generate_one(
    spec: Path,
    output: Path | None,
    force: bool,
    pdf: bool,
    allow_unapproved: bool,
    library: Path | None,
) -> tuple[Path, Path]:
    from agreements.build import build
    from agreements.clauses.load import load_library

    draft = build(
        spec, load_library(library), output, force=force, pdf=pdf, allow_unapproved=allow_unapproved
    )
    for warning in draft.warnings:
        typer.echo(warning.format(), err=True)
    typer.echo(f"wrote {draft.outputs.docx} ({len(draft.rendered.clauses)} clauses)")
    if draft.outputs.pdf is not None:
        typer.echo(f"wrote {draft.outputs.pdf}")
    return spec, draft.outputs.docx


def _generate_many(
    specs: list[Path],
    out_dir: Path,
    force: bool,
    pdf: bool,
    allow_unapproved: bool,
    jobs: int | None,
    library: Path | None,
    summary_format: OutputFormat = OutputFormat.TEXT,
) -> tuple[list[tuple[Path, Path]], int]:
    """Draft many specs; return the (spec, draft) of those written and the exit code."""
    from agreements.cli.stopping import stopping_on_signals
    from agreements.workers import StopRequest

    stop = StopRequest()
    # From here to the summary a signal is a stop request, never an exception: one raised
    # inside pydantic, a lock or a queue turns into a bogus error or a hang.
    with stopping_on_signals(stop):
        results = _draft_batch(specs, out_dir, force, allow_unapproved, jobs, library, stop)
        if pdf and not stop.requested:
            from agreements.batch import convert_batch

            # One LibreOffice run cannot stop half-way: a signal ends it, the drafts stay.
            with suppress(KeyboardInterrupt), stopping_on_signals(stop, interrupt=True):
                typer.echo(
                    f"Converting {counted(sum(r.ok for r in results), 'draft')} to PDF with "
                    "LibreOffice (about a second each)...",
                    err=True,
                )
                results = convert_batch(results, force=force)
        _summarise(results, stop, pdf, summary_format)
    written = [(Path(r.spec), Path(r.output)) for r in results if r.ok and r.output is not None]
    if stop.requested:
        return written, INTERRUPTED
    return written, OK if all(r.ok for r in results) else INVALID


def _draft_batch(
    specs: list[Path],
    out_dir: Path,
    force: bool,
    allow_unapproved: bool,
    jobs: int | None,
    library: Path | None,
    stop: StopRequest,
) -> list[BatchResult]:
    import sys

    from agreements.batch import adopt_library, run_batch
    from agreements.clauses.load import load_library

    loaded = load_library(library)
    loaded.require_clean()  # one clear error before any worker starts
    adopt_library(loaded, library)
    with ExitStack() as stack:
        progress = None
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            # The bar goes to stderr, so the summary on stdout can be piped or saved.
            bar = stack.enter_context(Progress(console=Console(stderr=True), transient=True))
            task = bar.add_task("Drafting", total=len(specs))

            def progress(result: BatchResult) -> None:
                bar.advance(task)

        return run_batch(
            specs,
            out_dir,
            library,
            force=force,
            allow_unapproved=allow_unapproved,
            workers=jobs,
            progress=progress,
            stop=stop,
        )


def _summarise(
    results: list[BatchResult],
    stop: StopRequest,
    pdf: bool,
    summary_format: OutputFormat = OutputFormat.TEXT,
) -> None:
    from agreements.batch import summary_rows, summary_table

    if summary_format is OutputFormat.JSON:
        typer.echo(json.dumps(summary_rows(results), indent=2, ensure_ascii=False))
    else:
        typer.echo(marked(summary_table(results)))
    if stop.requested:
        missing = sum(r.stopped for r in results)
        pdfs = " No PDF is listed: their conversion was stopped or never started." if pdf else ""
        typer.echo(
            f"Interrupted: {missing} of {counted(len(results), 'draft')} not written, marked "
            f"STOPPED above; the drafts written are complete.{pdfs}"
            if missing
            else f"Interrupted after the last spec was drafted: no draft is missing.{pdfs}",
            err=True,
        )


def inspect(
    draft: Path = typer.Argument(
        ..., metavar="DRAFT", help="A .docx written by agreements.", show_default=False
    ),
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
        from agreements.inspect import summary

        for line in summary(properties):
            typer.echo(line)
        typer.echo(
            f"\nCompared with clause library {loaded.version}: "
            f"{counted(len(changes), 'clause')} changed since this draft was made"
        )
        for change in changes:
            typer.echo(f"  {change.describe()}")
    if redline is not None:
        write_bytes_atomic(redline, redline_document(changes, loaded), force=force)
        typer.echo(f"wrote {redline}")
