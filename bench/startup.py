"""Cold starts, each against a baseline measured in the same run, alternating.

(c) `agreements validate` of the largest example vs `python -c "import typer, pydantic, yaml"`
    (target <= 1.5x);
(c2) `agreements generate` of the same example vs a cold bare docxtpl render of the same
    paragraphs in a fresh interpreter (target <= 2x).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mianzhu-livelihoods.yaml"
TARGET = 1.5
GENERATE_TARGET = 2.0

BARE_RENDER = """
import json, sys
from docxtpl import DocxTemplate
data = json.load(open(sys.argv[2], encoding="utf-8"))
tpl = DocxTemplate(sys.argv[1])
tpl.render(data, autoescape=True)
tpl.save(sys.argv[3])
"""


def _time(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def _medians(first: list[str], second: list[str], rounds: int) -> tuple[float, float]:
    a: list[float] = []
    b: list[float] = []
    for _ in range(rounds):
        a.append(_time(first))
        b.append(_time(second))
    return statistics.median(a), statistics.median(b)


def _bare_inputs(folder: Path) -> tuple[Path, Path]:
    """Write the flat template and the example's paragraphs for the bare render."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import _flat_template

    from agreements.build import checked_text
    from agreements.clauses.load import load_library

    _, rendered = checked_text(EXAMPLE, load_library())
    paragraphs = [c.title for c in rendered.clauses]
    paragraphs += [b.plain() for c in rendered.clauses for b in c.blocks]
    data = folder / "data.json"
    title = rendered.plan.selection.spec.agreement.title
    data.write_text(json.dumps({"title": title, "paragraphs": paragraphs}), encoding="utf-8")
    return _flat_template(folder), data


def main(rounds: int = 15) -> int:
    """Print the timings and ratios; return 1 when a target is missed."""
    base, ours = _medians(
        [sys.executable, "-c", "import typer, pydantic, yaml"],
        [sys.executable, "-m", "agreements", "validate", str(EXAMPLE)],
        rounds,
    )
    ratio = ours / base
    print(f"import typer, pydantic, yaml {base * 1000:7.1f} ms (baseline)")
    print(f"agreements validate (cold)   {ours * 1000:7.1f} ms")
    print(f"ratio                        {ratio:7.2f}x  (target <= {TARGET}x)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template, data = _bare_inputs(folder)
        bare, generated = _medians(
            [sys.executable, "-c", BARE_RENDER, str(template), str(data), str(folder / "b.docx")],
            [
                sys.executable,
                "-m",
                "agreements",
                "generate",
                str(EXAMPLE),
                "-o",
                str(folder / "g.docx"),
                "--force",
            ],
            rounds,
        )
    generate_ratio = generated / bare
    print(f"bare docxtpl render (cold)   {bare * 1000:7.1f} ms (baseline)")
    print(f"agreements generate (cold)   {generated * 1000:7.1f} ms")
    print(f"ratio                        {generate_ratio:7.2f}x  (target <= {GENERATE_TARGET}x)")
    return 0 if ratio <= TARGET and generate_ratio <= GENERATE_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
