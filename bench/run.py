"""Run every benchmark of bench/ in one go; each compares against a baseline of the same run."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import batch
import generate
import library
import pdf
import scaling
import startup

BENCHES = [
    ("(a) one draft: our pipeline vs a bare docxtpl render of the same text", generate.main),
    ("(b) a batch of drafts vs a sequential loop of bare docxtpl renders", batch.main),
    ("(c) start-up: cold validate and generate vs cold baselines", startup.main),
    ("(d) scaling with parties and clauses", scaling.main),
    ("(e) batched PDF conversion", pdf.main),
    ("clause library: load, compile, lint; growth to 2,000 clauses", library.main),
]


def main() -> int:
    """Run the benchmarks in turn; print which targets were missed; return 1 if any."""
    missed = []
    for title, bench in BENCHES:
        print(f"\n== {title}")
        if bench():
            missed.append(title)
    print("\ntargets missed: " + ("; ".join(missed) if missed else "none"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
