"""Colour only on a terminal, never with NO_COLOR or through a pipe; the progress bar and
the LibreOffice step on stderr, so the summary on stdout stays clean."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from agreements.cli.style import marked
from tests.conftest import ROOT, run_cli

INVALID_SPEC = ROOT / "tests/data/rules/T05.yaml"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_verdict_words_are_coloured_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    line = "spec.yaml:25:17: error T05 parties[1].short_name: bad"
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert marked(line, _Terminal()) == line.replace("error T05", "\x1b[31merror T05\x1b[0m")
    assert marked("warning S03 x", _Terminal()).startswith("\x1b[33mwarning S03\x1b[0m")
    assert marked(line, io.StringIO()) == line  # a pipe or a file: plain
    monkeypatch.setenv("NO_COLOR", "1")
    assert marked(line, _Terminal()) == line


def _run_on_terminal(*args: str, env: dict[str, str]) -> str:
    """Run the CLI with stdout and stderr on a pseudo-terminal; return what it printed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "agreements", *args],
        cwd=ROOT,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_validate_colours_errors_on_a_terminal_unless_no_color() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "AGREEMENTS_LIBRARY")}
    env["TERM"] = "xterm"
    coloured = _run_on_terminal("validate", str(INVALID_SPEC), env=env)
    assert "\x1b[31merror T05\x1b[0m" in coloured
    plain = _run_on_terminal("validate", str(INVALID_SPEC), env={**env, "NO_COLOR": "1"})
    assert "\x1b[" not in plain and "error T05" in plain
    piped = run_cli("validate", str(INVALID_SPEC))
    assert "\x1b[" not in piped.stdout and "error T05" in piped.stdout


def test_a_batch_prints_its_summary_alone_on_stdout(tmp_path: Path) -> None:
    result = run_cli(
        "generate",
        "examples/mou-skills-dialogue.yaml",
        "examples/bp-west-papua-youth.yaml",
        "--out-dir",
        str(tmp_path),
    )
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].split()[:2] == ["spec", "result"]
    assert "\x1b[" not in result.stdout + result.stderr
