"""Temporary files of killed writers are removed by the next run in their folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from agreements.writer import remove_stale_temporaries
from tests.conftest import EXAMPLES, ROOT


def _command() -> list[str]:
    script = Path(sys.executable).with_name("agreements")
    return [str(script)] if script.exists() else [sys.executable, "-m", "agreements"]


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "AGREEMENTS_LIBRARY"}


def _start_writer(target: Path) -> subprocess.Popen[str]:
    """Start a process that stops in the middle of writing `target`, its temporary file made."""
    script = textwrap.dedent(f"""
        import os, time
        from pathlib import Path
        import agreements.writer as writer
        def stuck(fd):
            print("writing", flush=True)
            time.sleep(120)
        writer.os.fsync = stuck
        writer.write_bytes_atomic(Path({str(target)!r}), b"draft", force=False)
    """)
    process = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "writing"
    return process


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("batch", [True, False], ids=["batch", "one-spec"])
def test_the_next_run_removes_the_temporary_file_of_a_killed_writer_only(
    batch: bool, tmp_path: Path
) -> None:
    killed = _start_writer(tmp_path / "killed.docx")
    killed.kill()
    killed.wait()
    live = _start_writer(tmp_path / "live.docx")
    try:
        (left,) = [n for n in _temporaries(tmp_path) if n.startswith(".killed.docx.")]
        (kept,) = [n for n in _temporaries(tmp_path) if n.startswith(".live.docx.")]
        assert re.fullmatch(rf"\.killed\.docx\.[0-9a-f]{{6}}-{killed.pid}\.\w{{8}}\.tmp", left)
        others = [".notes.tmp", ".old.docx.abcd1234.tmp", f".x.docx.{killed.pid}.abcd1234.tmp"]
        for name in others:
            (tmp_path / name).write_bytes(b"not ours")
        args = ["--out-dir", str(tmp_path)] if batch else ["-o", str(tmp_path / "one.docx")]
        result = subprocess.run(
            [*_command(), "generate", str(EXAMPLES[0]), *args],
            cwd=ROOT,
            env=_environment(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert _temporaries(tmp_path) == sorted([kept, *others])
    finally:
        live.kill()
        live.wait()


def test_a_recycled_pid_or_a_day_old_file_does_not_keep_a_temporary_file(tmp_path: Path) -> None:
    killed = _start_writer(tmp_path / "d.docx")
    killed.kill()
    killed.wait()
    (left,) = _temporaries(tmp_path)
    running = os.getppid()  # started before any of these files was written
    recycled = tmp_path / left.replace(f"-{killed.pid}.", f"-{running}.")
    young = tmp_path / recycled.name.replace(".d.docx.", ".e.docx.")
    foreign = tmp_path / re.sub(r"\.[0-9a-f]{6}-", ".000000-", left)  # another machine
    (tmp_path / left).rename(recycled)
    young.write_bytes(b"written now by the process holding the PID")
    foreign.write_bytes(b"written by a process of another machine")
    os.utime(recycled, (946684800, 946684800))  # in 2000, before that process started
    assert remove_stale_temporaries(tmp_path) == [recycled]
    os.utime(foreign, (time.time() - 2 * 86400,) * 2)
    assert remove_stale_temporaries(tmp_path) == [foreign]
    assert _temporaries(tmp_path) == [young.name]
