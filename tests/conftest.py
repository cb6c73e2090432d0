"""Shared helpers: run the CLI as a user would, and locate the repository's files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import agreements

if TYPE_CHECKING:
    from tests.registers import PostgresServer

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
# The examples drafted in English: tests that find articles by their English headings read
# these (the French and Spanish examples have their own language tests).
ENGLISH_EXAMPLES = [p for p in EXAMPLES if "\n  language: en\n" in p.read_text(encoding="utf-8")]

# `tests` is a package, so pytest puts this checkout first on sys.path; make sure the code
# under test is this checkout's and not another one installed in the same environment.
if not Path(agreements.__file__).resolve().is_relative_to(ROOT):
    raise RuntimeError(
        f"the tests of {ROOT} would run the code of {Path(agreements.__file__).parent}; "
        "install this checkout (make test does) or run pytest from its root"
    )


def in_ci() -> bool:
    """Return True when the CI variable is set to any true value (CI=true, CI=1, ...)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no", "off")


def require_soffice() -> str:
    """Return LibreOffice's command; fail in CI when it is missing, skip elsewhere."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if in_ci():
            pytest.fail("LibreOffice (soffice or libreoffice) is missing; .ci/run must install it")
        pytest.skip("LibreOffice is not installed")
    return soffice


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


# What any command may take on hostile input (the hardening issue's bound).
HOSTILE_SECONDS = 5.0
HOSTILE_MEGABYTES = 300


def run_cli_bounded(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the CLI like `run_cli`, failing the test unless it exits 0, 1 or 2 within
    HOSTILE_SECONDS (plus the interpreter's start) and HOSTILE_MEGABYTES of peak memory.

    The peak is the child's own high-water mark of resident memory (VmHWM in
    /proc/PID/status), read while it runs: it belongs to the program the child executes,
    whereas its rusage also counts the test process it was forked from."""
    import tempfile
    import time

    env = {k: v for k, v in os.environ.items() if k != "AGREEMENTS_LIBRARY"}
    peak_kb = 0
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "agreements", *args], cwd=cwd, stdout=out, stderr=err, env=env
        )
        deadline = started + HOSTILE_SECONDS * 3
        while process.poll() is None:
            peak_kb = max(peak_kb, _high_water_kb(process.pid))
            if time.perf_counter() > deadline:
                process.kill()
                process.wait()
                pytest.fail(f"agreements {' '.join(a[:40] for a in args)} did not finish")
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    assert process.returncode in (0, 1, 2), stderr
    # The interpreter's own start (0.5 s, up to 2 s on a loaded machine) is outside the bound.
    assert elapsed < HOSTILE_SECONDS + 2.0, f"took {elapsed:.1f} s"
    assert peak_kb / 1024 < HOSTILE_MEGABYTES, f"peaked at {peak_kb / 1024:.0f} MB"
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def _high_water_kb(pid: int) -> int:
    """Return the peak resident memory so far of process `pid`, in kB (0 once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server of the test run's own, on a unix socket in a temporary folder;
    fails in CI when PostgreSQL is missing, skips elsewhere."""
    from tests.registers import start_postgres

    server = start_postgres()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def register_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty register: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "register.sqlite")
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.new_database()
