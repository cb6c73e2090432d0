"""One draft through our whole pipeline vs the same text through a bare docxtpl template.

The largest example is generated in-process (library loaded once, as in a batch) and, in
the same run, its planned text is rendered through a flat docxtpl template with one
paragraph per block. Prints per-stage times and the ratio; target: ours <= 1.2x bare.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from agreements.build import check, compose  # noqa: E402
from agreements.clauses.load import load_library  # noqa: E402
from agreements.clauses.plan import plan_document  # noqa: E402
from agreements.clauses.render import render_text  # noqa: E402
from agreements.clauses.select import select_clauses  # noqa: E402
from agreements.load import load_spec  # noqa: E402

SPEC = ROOT / "examples" / "mianzhu-livelihoods.yaml"
TARGET = 1.2
ROUNDS = 15


def _flat_template(folder: Path) -> Path:
    document = Document()
    document.add_paragraph("{{ title }}")
    document.add_paragraph("{%p for p in paragraphs %}")
    document.add_paragraph("{{ p }}")
    document.add_paragraph("{%p endfor %}")
    path = folder / "flat.docx"
    document.save(str(path))
    return path


def _median(action: Callable[[], object]) -> float:
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> int:
    """Print stage times and the ratio; return 1 when the target is missed."""
    library = load_library()
    loaded = load_spec(SPEC, library)
    assert loaded.spec is not None
    spec = loaded.spec
    selection = select_clauses(loaded, library)
    plan = plan_document(selection)
    rendered = render_text(plan, plan.language)
    stages = {
        "validate (load, select, plan, render)": lambda: check(SPEC, library),
        "load_spec": lambda: load_spec(SPEC, library),
        "select_clauses": lambda: select_clauses(loaded, library),
        "plan_document": lambda: plan_document(selection),
        "render_text": lambda: render_text(plan, plan.language),
        "compose .docx": lambda: compose(rendered, loaded.sha256, allow_unapproved=False),
    }
    times = {name: _median(action) for name, action in stages.items()}
    paragraphs = [c.title for c in rendered.clauses]
    paragraphs += [b.plain() for c in rendered.clauses for b in c.blocks]
    with tempfile.TemporaryDirectory() as tmp:
        flat = _flat_template(Path(tmp))

        def bare() -> None:
            tpl = DocxTemplate(str(flat))
            tpl.render({"title": spec.agreement.title, "paragraphs": paragraphs}, autoescape=True)
            tpl.save(io.BytesIO())

        ours_samples: list[float] = []
        bare_samples: list[float] = []
        for _ in range(ROUNDS * 2):  # interleaved, so both see the same machine state
            started = time.perf_counter()
            checked = check(SPEC, library)  # load, select, plan, render
            assert checked.rendered is not None
            compose(checked.rendered, checked.loaded.sha256, allow_unapproved=False)
            ours_samples.append(time.perf_counter() - started)
            started = time.perf_counter()
            bare()
            bare_samples.append(time.perf_counter() - started)
        ours = statistics.median(ours_samples)
        baseline = statistics.median(bare_samples)
    for name, seconds in times.items():
        print(f"{name:<34}{seconds * 1000:8.1f} ms")
    print(f"{'ours (validate, plan, compose)':<34}{ours * 1000:8.1f} ms")
    print(
        f"{'bare docxtpl, same text':<34}{baseline * 1000:8.1f} ms (baseline, "
        f"{len(paragraphs)} paragraphs)"
    )
    ratio = ours / baseline
    print(f"{'ratio':<34}{ratio:8.2f}x (target <= {TARGET}x)")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
