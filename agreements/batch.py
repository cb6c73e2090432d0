"""Batch generation: many specs, one library load per worker process, a summary at the end."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from agreements.build import build
from agreements.errors import AgreementsError, SpecInvalidError
from agreements.formatting import counted
from agreements.output import default_output
from agreements.workers import StopRequest, Task, TaskError, WorkerPool
from agreements.writer import remove_stale_temporaries

STOP_GRACE = 30.0  # seconds the drafts in progress have to finish once a stop is requested

_LIBRARY: object | None = None  # the library of this worker process, loaded once
_LIBRARY_ROOT: str | None = None


@dataclass(frozen=True)
class BatchResult:
    """The outcome of one spec of a batch."""

    spec: str
    output: str | None
    ok: bool
    message: str
    stopped: bool = False  # not drafted because the batch was stopped first


def _reference(spec: Path) -> str | None:
    """Return the spec's agreement reference without full validation (None if unreadable).

    Only names the output: each worker then validates its spec with the strict loader, so
    a quick safe parse here (aliases are shared, never expanded) is enough and keeps the
    parent from becoming the bottleneck of a large batch.
    """
    import yaml

    from agreements.yamlsafe import read_text

    try:
        data = yaml.load(read_text(spec), Loader=yaml.CSafeLoader)
    except (AgreementsError, yaml.YAMLError, RecursionError, ValueError):
        return None
    agreement = data.get("agreement") if isinstance(data, dict) else None
    reference = agreement.get("reference") if isinstance(agreement, dict) else None
    return reference if isinstance(reference, str) else None


def _references(specs: list[str]) -> list[str | None]:
    """Run in a worker: the reference of each spec of a chunk (see `_reference`)."""
    return [_reference(Path(spec)) for spec in specs]


def assign_outputs(
    specs: list[Path], out_dir: Path, references: list[str | None]
) -> tuple[dict[Path, Path], list[BatchResult]]:
    """Return the output of each spec, and failures for specs that would share an output."""
    outputs: dict[Path, Path] = {}
    failures: list[BatchResult] = []
    claimed: dict[Path, Path] = {}
    for spec, reference in zip(specs, references, strict=True):
        target = default_output(reference or spec.stem, out_dir)
        if target in claimed:
            failures.append(
                BatchResult(
                    str(spec),
                    None,
                    False,
                    f"would write {target}, which {claimed[target]} writes too; give the specs "
                    "different references",
                )
            )
            continue
        claimed[target] = spec
        outputs[spec] = target
    return outputs, failures


def adopt_library(library: object, library_root: Path | None) -> None:
    """Use an already loaded library for the batch (and the workers forked from here)."""
    global _LIBRARY, _LIBRARY_ROOT
    _LIBRARY = library
    _LIBRARY_ROOT = str(library_root) if library_root else None


def _init_worker(library_root: str | None) -> None:
    """Load the library in this process, unless it came from the parent through fork."""
    global _LIBRARY, _LIBRARY_ROOT
    from agreements.clauses.load import load_library

    if _LIBRARY is not None and library_root == _LIBRARY_ROOT:
        return
    _LIBRARY = load_library(Path(library_root) if library_root else None)
    _LIBRARY_ROOT = library_root


def _warm() -> None:
    """Import the Word libraries and compile every clause template once in the parent, so
    forked workers share them instead of each paying for them."""
    import docx  # noqa: F401
    import docxtpl  # noqa: F401
    from lxml import etree  # noqa: F401

    from agreements.clauses.compiled import template
    from agreements.clauses.load import Library

    library = _LIBRARY
    assert isinstance(library, Library)
    for source in library.clauses.values():
        clause = source.clause
        texts = [*clause.text.values(), *clause.title.values()]
        texts += [t for a in clause.alternatives for t in a.text.values()]
        texts += [t for f in clause.fallbacks for t in f.text.values()]
        texts += [t for d in clause.defines for t in d.text.values()]
        for text in texts:
            try:
                template(text, "en")
            except Exception:  # a broken clause is reported by the worker that meets it
                continue


def _one(spec: str, output: str, force: bool, allow_unapproved: bool) -> BatchResult:
    from agreements.clauses.load import Library

    library = _LIBRARY
    assert isinstance(library, Library)
    try:
        draft = build(
            Path(spec),
            library,
            Path(output),
            force=force,
            pdf=False,
            allow_unapproved=allow_unapproved,
        )
    except SpecInvalidError as exc:
        first = exc.problems[0].format().splitlines()[0] if exc.problems else str(exc)
        more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
        return BatchResult(spec, None, False, first + more)
    except AgreementsError as exc:
        return BatchResult(spec, None, False, str(exc).splitlines()[0])
    except Exception as exc:  # one broken spec must not stop the batch
        return BatchResult(spec, None, False, f"internal error: {type(exc).__name__}: {exc}")
    warnings = f", {counted(len(draft.warnings), 'warning')}" if draft.warnings else ""
    articles = counted(len(draft.rendered.clauses), "clause")
    return BatchResult(spec, str(draft.outputs.docx), True, f"{articles}{warnings}")


def run_batch(
    specs: list[Path],
    out_dir: Path,
    library_root: Path | None,
    *,
    force: bool,
    allow_unapproved: bool,
    workers: int | None = None,
    progress: Callable[[BatchResult], None] | None = None,
    stop: StopRequest | None = None,
    grace: float = STOP_GRACE,
) -> list[BatchResult]:
    """Generate every spec into `out_dir` in parallel; return one result per spec, in order.

    After a `stop` request no draft is started; those in progress finish, or are abandoned
    on a second request or after `grace` seconds (their workers killed, their temporary
    files removed); each spec left without a draft has a `stopped` result.
    """
    out_dir.mkdir(parents=True, exist_ok=True)  # a file in the way is an OSError: exit 2
    stop = stop or StopRequest()
    count = max(1, min(workers or os.cpu_count() or 1, len(specs)))
    root = str(library_root) if library_root else None
    results: dict[str, BatchResult] = {}

    def report(result: BatchResult) -> None:
        results[result.spec] = result
        if progress:
            progress(result)

    remove_stale_temporaries(out_dir)
    _init_worker(root)  # workers forked from here inherit the loaded library
    if count > 1:
        _warm()
    try:
        if not stop.requested:
            with WorkerPool(count, _init_worker, (root,)) as pool:
                _draft_all(
                    pool,
                    specs,
                    out_dir,
                    report,
                    force=force,
                    allow_unapproved=allow_unapproved,
                    stop=stop,
                    grace=grace,
                )
    finally:
        remove_stale_temporaries(out_dir)  # those of workers killed while writing
    return [results.get(str(spec)) or _stopped(str(spec), None, "") for spec in specs]


def _stopped(spec: str, target: Path | None, how: str) -> BatchResult:
    draft = f"{target} " if target else ""
    return BatchResult(spec, None, False, f"{draft}not written: the batch was stopped{how}", True)


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_ino, status.st_mtime_ns, status.st_size)


def _draft_all(
    pool: WorkerPool,
    specs: list[Path],
    out_dir: Path,
    report: Callable[[BatchResult], None],
    *,
    force: bool,
    allow_unapproved: bool,
    stop: StopRequest,
    grace: float,
) -> None:
    """Name every spec's output, then draft each on the pool; report every result."""
    chunks = [[str(s) for s in specs[i : i + 32]] for i in range(0, len(specs), 32)]
    names: dict[str, list[str | None]] = {}

    def named(key: str, result: object) -> None:
        found = result if isinstance(result, list) else [None] * len(chunks[int(key)])
        names[key] = [r if isinstance(r, str) else None for r in found]

    # Naming reads every spec: done by the workers too, in chunks.
    pool.run([(str(i), _references, (c,)) for i, c in enumerate(chunks)], named, stop, grace)
    if stop.requested:
        return
    references = [r for i in range(len(chunks)) for r in names[str(i)]]
    outputs, failures = assign_outputs(specs, out_dir, references)
    for failure in failures:
        report(failure)
    targets = {str(spec): target for spec, target in outputs.items()}
    before = {spec: _signature(target) for spec, target in targets.items()}

    def drafted(spec: str, result: object) -> None:
        if isinstance(result, TaskError):
            result = BatchResult(spec, None, False, result.message)
        assert isinstance(result, BatchResult)
        report(result)

    tasks: list[Task] = [
        (s, _one, (s, str(t), force, allow_unapproved)) for s, t in targets.items()
    ]
    unstarted, abandoned = pool.run(tasks, drafted, stop, grace)
    for spec in unstarted:
        report(_stopped(spec, targets[spec], " before drafting it"))
    for spec in abandoned:
        target = targets[spec]
        if target.exists() and _signature(target) != before[spec]:
            message = "written; the batch was stopped before its report came back"
            report(BatchResult(spec, str(target), True, message))
        else:
            report(_stopped(spec, target, " while drafting it"))


def convert_batch(results: list[BatchResult], *, force: bool) -> list[BatchResult]:
    """Convert every written draft to PDF in one LibreOffice run; return updated results."""
    from agreements.pdf import convert_to_pdf
    from agreements.writer import check_target, write_bytes_atomic

    written = [Path(r.output) for r in results if r.ok and r.output]
    if not written:
        return results
    pdf_of = {str(p): p.with_suffix(".pdf") for p in written}
    refused: dict[str, str] = {}
    for docx, pdf in pdf_of.items():
        try:
            check_target(pdf, force=force)
        except AgreementsError as exc:
            refused[docx] = str(exc)
    with tempfile.TemporaryDirectory(prefix="agreements-pdf-") as tmp:
        staged = []
        for path in written:
            if str(path) not in refused:
                copy = Path(tmp) / path.name
                shutil.copyfile(path, copy)
                staged.append(copy)
        produced = {p.stem: p for p in convert_to_pdf(staged, Path(tmp))} if staged else {}
        updated = []
        for result in results:
            if not (result.ok and result.output):
                updated.append(result)
                continue
            if result.output in refused:
                updated.append(
                    BatchResult(
                        result.spec,
                        result.output,
                        False,
                        f"draft written; PDF refused: {refused[result.output]}",
                    )
                )
                continue
            target = pdf_of[result.output]
            write_bytes_atomic(target, produced[Path(result.output).stem].read_bytes(), force=force)
            updated.append(
                BatchResult(result.spec, result.output, True, result.message + f"; PDF {target}")
            )
    return updated


def summary_table(results: list[BatchResult], width: int = 80) -> str:
    """Return the end-of-batch table, at most `width` columns: one row per spec (its file
    name, the result, the draft written or the first problem, wrapped under its column),
    then the totals, warnings included."""
    import textwrap

    statuses = ["ok" if r.ok else "STOPPED" if r.stopped else "FAILED" for r in results]
    names = [_short(Path(r.spec).name, 28) for r in results]
    first = max([4, *(len(n) for n in names)])
    second = max([6, *(len(s) for s in statuses)])
    room = max(20, width - first - second - 4)
    lines = [f"{'spec'.ljust(first)}  {'result'.ljust(second)}  draft, or the problem"]
    indent = " " * (first + second + 4)
    for r, name, status in zip(results, names, statuses, strict=True):
        detail = f"{Path(r.output).name} ({r.message})" if r.ok and r.output else r.message
        detail = detail.removeprefix(f"{r.spec}:")  # the spec column names the file
        # A path is never cut in two: a line holding one may be longer than `width`.
        wrapped = textwrap.wrap(detail, room, break_long_words=False, break_on_hyphens=False)
        wrapped = wrapped or [""]
        lines.append(f"{name.ljust(first)}  {status.ljust(second)}  {wrapped[0]}")
        lines.extend(indent + more for more in wrapped[1:])
    written = statuses.count("ok")
    stopped = statuses.count("STOPPED")
    warned = sum(_warnings(r.message) for r in results if r.ok)
    total = (
        f"{counted(len(results), 'spec')}: {written} written, {statuses.count('FAILED')} failed"
        + (f", {stopped} not written (stopped)" if stopped else "")
        + (f"; {counted(warned, 'warning')} in the drafts written" if warned else "")
    )
    return "\n".join([*lines, total])


def summary_rows(results: list[BatchResult]) -> list[dict[str, object]]:
    """Return the batch summary for machines (`--format json`): one object per spec."""
    return [
        {
            "spec": r.spec,
            "result": "ok" if r.ok else "stopped" if r.stopped else "failed",
            "draft": r.output if r.ok else None,
            "message": r.message,
            "warnings": _warnings(r.message) if r.ok else 0,
        }
        for r in results
    ]


def _warnings(message: str) -> int:
    found = re.search(r"(\d+) warnings?\b", message)
    return int(found.group(1)) if found else 0


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
