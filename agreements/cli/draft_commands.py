"""Commands that write or read drafts: `agreements generate` and `agreements inspect`."""

from __future__ import annotations

import json
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from agreements.cli.exit_codes import INTERRUPTED, INVALID
from agreements.cli.options import FORMAT_OPTION, LIBRARY_OPTION, OutputFormat

if TYPE_CHECKING:
    from agreements.batch import BatchResult
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
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Validate specs and write their Word drafts (and PDFs); never overwrite without --force.

    One spec is drafted in this process; many specs (files, folders, globs) are drafted in
    parallel, one failing spec does not stop the others, and a summary ends the run.
    """
    from agreements.errors import UsageError
    from agreements.specfiles import expand_specs

    paths = expand_specs(specs)
    if output is not None and output.endswith(("/", "\\")):
        raise UsageError(
            f"{output}: ends with a slash, so it names a folder; give a file name such as "
            "draft.docx, or use --out-dir for a folder"
        )
    target = Path(output) if output is not None else None
    if len(paths) == 1 and out_dir is None:
        _generate_one(paths[0], target, force, pdf, allow_unapproved, library)
        return
    if output is not None:
        raise UsageError("-o names the draft of one spec; use --out-dir for several")
    _generate_many(paths, out_dir or Path(), force, pdf, allow_unapproved, jobs, library)


def _generate_one(
    spec: Path,
    output: Path | None,
    force: bool,
    pdf: bool,
    allow_unapproved: bool,
    library: Path | None,
) -> None:
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


def _generate_many(
    specs: list[Path],
    out_dir: Path,
    force: bool,
    pdf: bool,
    allow_unapproved: bool,
    jobs: int | None,
    library: Path | None,
) -> None:
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
                results = convert_batch(results, force=force)
        _summarise(results, stop, pdf)
    if stop.requested:
        raise typer.Exit(INTERRUPTED)
    if not all(r.ok for r in results):
        raise typer.Exit(INVALID)


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
            from rich.progress import Progress

            bar = stack.enter_context(Progress(transient=True))
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


def _summarise(results: list[BatchResult], stop: StopRequest, pdf: bool) -> None:
    from agreements.batch import summary_table

    typer.echo(summary_table(results))
    if stop.requested:
        missing = sum(r.stopped for r in results)
        pdfs = " No PDF is listed: their conversion was stopped or never started." if pdf else ""
        typer.echo(
            f"Interrupted: {missing} of {len(results)} draft(s) not written, marked STOPPED "
            f"above; the drafts written are complete.{pdfs}"
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
