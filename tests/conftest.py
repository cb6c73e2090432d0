"""Shared helpers: run the CLI as a user would, and locate the repository's files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def run_cli(*args: str, cwd: Path = ROOT, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `python -m agreements ARGS` in a subprocess and return the finished process."""
    env = {k: v for k, v in os.environ.items() if k != "AGREEMENTS_LIBRARY"}
    return subprocess.run(
        [sys.executable, "-m", "agreements", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from the repository root so relative file names are stable."""
    monkeypatch.chdir(ROOT)
    return ROOT
