"""Cold start of `agreements validate` against `python -c "import pydantic, yaml"`.

Both are measured in the same run, alternating, and compared as a ratio of medians, so the
result does not depend on how fast this machine is. Target: <= 1.5x.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mianzhu-livelihoods.yaml"
TARGET = 1.5


def _time(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def measure(rounds: int = 15) -> tuple[float, float]:
    """Return the median seconds of (baseline import, agreements validate)."""
    baseline: list[float] = []
    ours: list[float] = []
    for _ in range(rounds):
        baseline.append(_time([sys.executable, "-c", "import pydantic, yaml"]))
        ours.append(_time([sys.executable, "-m", "agreements", "validate", str(EXAMPLE)]))
    return statistics.median(baseline), statistics.median(ours)


def main() -> int:
    """Print the timings and ratio; return 1 when the target is missed."""
    base, ours = measure()
    ratio = ours / base
    print(f"import pydantic, yaml        {base * 1000:7.1f} ms (baseline)")
    print(f"agreements validate (cold)   {ours * 1000:7.1f} ms")
    print(f"ratio                        {ratio:7.2f}x  (target <= {TARGET}x)")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
