"""A batch of 500 drafts vs a sequential loop of 500 bare docxtpl renders, and its memory.

The 500 specs are the examples varied by party names and amounts. Throughput target: our
parallel batch >= 2x the bare sequential loop on this machine. Memory target: the whole
batch (parent and workers) stays under 500 MB resident.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNT = int(os.environ.get("BENCH_BATCH", "500"))
TARGET_THROUGHPUT = 2.0
TARGET_MB = 500


def _variants(folder: Path) -> list[Path]:
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    specs = []
    for index in range(COUNT):
        data = yaml.safe_load(examples[index % len(examples)].read_text(encoding="utf-8"))
        data["agreement"]["reference"] = f"BENCH-{index:04d}"
        for party in data["parties"][1:]:
            party["legal_name"] = f"{party['legal_name']} No. {index}"
        for contribution in data.get("contributions", []):
            if contribution["type"] == "financial":
                factor = Decimal(1 + index % 7)
                contribution["amount"] = str(Decimal(contribution["amount"]) * factor)
                for instalment in contribution["instalments"]:
                    instalment["amount"] = str(Decimal(instalment["amount"]) * factor)
        path = folder / f"spec-{index:04d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        specs.append(path)
    return specs


def _bare_loop(paragraphs: list[str]) -> float:
    from docx import Document
    from docxtpl import DocxTemplate

    with tempfile.TemporaryDirectory() as tmp:
        flat = Path(tmp) / "flat.docx"
        document = Document()
        for text in ("{%p for p in paragraphs %}", "{{ p }}", "{%p endfor %}"):
            document.add_paragraph(text)
        document.save(str(flat))
        started = time.perf_counter()
        for _ in range(COUNT):
            tpl = DocxTemplate(str(flat))
            tpl.render({"paragraphs": paragraphs}, autoescape=True)
            tpl.save(io.BytesIO())
        return time.perf_counter() - started


def _paragraphs() -> list[str]:
    from agreements.build import checked_text
    from agreements.clauses.load import load_library

    _, rendered = checked_text(ROOT / "examples/mianzhu-livelihoods.yaml", load_library())
    return [b.plain() for c in rendered.clauses for b in c.blocks]


_MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(done.returncode, usage.ru_maxrss)
"""


def main() -> int:
    """Print throughput and memory; return 1 when a target is missed."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        specs_dir = folder / "specs"
        out = folder / "out"
        specs_dir.mkdir()
        out.mkdir()
        _variants(specs_dir)
        started = time.perf_counter()
        measured = subprocess.run(
            [
                sys.executable,
                "-c",
                _MEASURE,
                sys.executable,
                "-m",
                "agreements",
                "generate",
                str(specs_dir),
                "--out-dir",
                str(out),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        ours = time.perf_counter() - started
        code, peak_kib = (int(x) for x in measured.stdout.split())
        written = len(list(out.glob("*.docx")))
    bare = _bare_loop(_paragraphs())
    throughput = bare / ours
    # ru_maxrss of children is the largest single process; parent + workers bound the total.
    workers = os.cpu_count() or 1
    total_mb = peak_kib / 1024 * (workers + 1)
    print(
        f"batch of {COUNT} drafts (our CLI, {workers} workers)  {ours:7.2f} s, "
        f"{written} written, exit {code}"
    )
    print(f"{COUNT} bare docxtpl renders, sequential   {bare:7.2f} s (baseline)")
    print(
        f"throughput ratio                         {throughput:7.2f}x "
        f"(target >= {TARGET_THROUGHPUT}x)"
    )
    print(
        f"largest process {peak_kib / 1024:.0f} MB; bound on the total {total_mb:.0f} MB "
        f"(target < {TARGET_MB} MB)"
    )
    return 0 if throughput >= TARGET_THROUGHPUT and total_mb < TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
