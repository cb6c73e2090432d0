"""Run every benchmark of bench/ and report each ratio against its baseline."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate
import library
import startup


def main() -> int:
    """Run the benchmarks in turn; return non-zero when any target is missed."""
    failed = 0
    print("== start-up: agreements validate vs import pydantic, yaml")
    failed |= startup.main()
    print("\n== clause library: load, compile, lint; growth with size")
    failed |= library.main()
    print("\n== one draft: our pipeline vs a bare docxtpl render of the same text")
    failed |= generate.main()
    return failed


if __name__ == "__main__":
    sys.exit(main())
