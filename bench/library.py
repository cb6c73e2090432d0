"""Loading, compiling and linting the clause library, and how the cost grows with size.

The shipped library must load, compile and lint in under 300 ms. Generated libraries of
500, 1,000 and 2,000 clauses (copies of the shipped clauses under new ids) show whether the
cost grows linearly: the time per clause at 2,000 is compared with the time per clause at
500 in the same run (target: ratio <= 1.3).
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agreements.clauses.lint import lint_library  # noqa: E402
from agreements.clauses.load import load_library  # noqa: E402

TARGET_MS = 300.0
TARGET_GROWTH = 1.3


def _timed(root: Path, rounds: int = 5) -> float:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        library = load_library(root)
        lint_library(library)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _generated(size: int, folder: Path) -> Path:
    """Write a library of `size` clauses made from the shipped ones; return its root."""
    shutil.copytree(ROOT / "clauses", folder / "clauses", dirs_exist_ok=True)
    sources = sorted((ROOT / "clauses").rglob("*.yaml"))
    sources = [p for p in sources if p.name not in {"settings.yaml", "approvals.yaml"}]
    made = len(sources)
    copy = 0
    while made < size:
        copy += 1
        for source in sources:
            if made >= size:
                break
            text = source.read_text(encoding="utf-8")
            new_id = f"{source.stem}-copy{copy}"
            text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.M)
            # Copies define no terms of their own, so "defined twice" does not fire.
            text = text.replace("**", "")
            text = re.sub(r"^defines:.*?(?=^\S|\Z)", "", text, flags=re.M | re.S)
            target = folder / "clauses" / source.parent.name / f"{new_id}.yaml"
            target.write_text(text, encoding="utf-8")
            made += 1
    return folder


def main() -> int:
    """Print the timings; return 1 when a target is missed."""
    shipped = _timed(ROOT) * 1000
    print(f"shipped library: load + compile + lint {shipped:7.1f} ms (target < {TARGET_MS} ms)")
    per_clause: dict[int, float] = {}
    for size in (500, 1000, 2000):
        with tempfile.TemporaryDirectory() as tmp:
            root = _generated(size, Path(tmp))
            seconds = _timed(root, rounds=3)
        per_clause[size] = seconds / size
        print(
            f"{size:5d} clauses: {seconds * 1000:8.1f} ms, "
            f"{per_clause[size] * 1e6:6.1f} us per clause"
        )
    growth = per_clause[2000] / per_clause[500]
    print(f"per-clause cost at 2000 / at 500: {growth:.2f} (linear: <= {TARGET_GROWTH})")
    return 0 if shipped < TARGET_MS and growth <= TARGET_GROWTH else 1


if __name__ == "__main__":
    sys.exit(main())
