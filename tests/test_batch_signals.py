"""A batch stops when asked: real batches in a subprocess, interrupted, killed, and counted."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from agreements.workers import StopRequest, TaskError, WorkerPool
from agreements.writer import remove_stale_temporaries
from tests.conftest import EXAMPLES, ROOT, require_soffice

SPECS = 120  # about four seconds of drafting on two workers: time enough to interrupt
TOTALS = re.compile(
    r"^(\d+) specs?: (\d+) written, (\d+) failed(?:, (\d+) not written \(stopped\))?$", re.M
)


def _command() -> list[str]:
    script = Path(sys.executable).with_name("agreements")
    return [str(script)] if script.exists() else [sys.executable, "-m", "agreements"]


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "AGREEMENTS_LIBRARY"}


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder of SPECS valid specs, each with its own reference (so its own draft)."""
    folder = tmp_path_factory.mktemp("specs")
    texts = [path.read_text(encoding="utf-8") for path in EXAMPLES]
    for number in range(SPECS):
        template = texts[number % len(texts)]
        text = re.sub(r"^  reference: ", f"  reference: B{number}-", template, count=1, flags=re.M)
        (folder / f"spec-{number:03}.yaml").write_text(text, encoding="utf-8")
    return folder


def _start(specs: Path, out: Path, *, stuck: bool = False) -> subprocess.Popen[str]:
    """Start a batch in its own process group, as a shell starts a foreground job; `stuck`:
    every draft then hangs for a minute in the middle of its write, temporary file made."""
    arguments = ["generate", str(specs), "--out-dir", str(out), "-j", "2"]
    command = [*_command(), *arguments]
    if stuck:
        script = f"""if True:
            import sys, time
            import agreements.writer as writer
            writer.os.fsync = lambda fd: time.sleep(60)
            sys.argv = ["agreements", *{arguments!r}]
            from agreements.cli import main
            main()
        """
        command = [sys.executable, "-c", script]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _wait_for_temporaries(out: Path, process: subprocess.Popen[str], count: int) -> None:
    deadline = time.monotonic() + 120
    while len(list(out.glob(".*.tmp"))) < count:
        assert process.poll() is None, "the batch ended before starting to write"
        assert time.monotonic() < deadline, f"fewer than {count} drafts being written after 120 s"
        time.sleep(0.01)


def _read_until(process: subprocess.Popen[str], text: str) -> str:
    """Return what the batch wrote on stderr up to and including `text`."""
    assert process.stderr is not None
    seen = b""
    deadline = time.monotonic() + 60
    while text.encode() not in seen:
        assert time.monotonic() < deadline, f"no {text!r} on stderr after 60 s: {seen!r}"
        if select.select([process.stderr], [], [], 0.1)[0]:
            chunk = os.read(process.stderr.fileno(), 4096)
            assert chunk, f"stderr closed before {text!r}: {seen!r}"
            seen += chunk
    return seen.decode()


def _wait_for_a_draft(out: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not any(out.glob("*.docx")):
        assert process.poll() is None, "the batch ended before writing a draft"
        assert time.monotonic() < deadline, "no draft after 120 s"
        time.sleep(0.01)


def _interrupt(process: subprocess.Popen[str], signum: int, *, group: bool) -> None:
    """Send `signum` to the batch, or (as Ctrl-C in a terminal does) to all its processes."""
    if group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)


def _finish(process: subprocess.Popen[str]) -> tuple[str, str]:
    try:
        return process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise


def _assert_stopped_cleanly(out: Path, returncode: int, output: str) -> int:
    """Check an interrupted batch's exit, summary and folder; return the drafts it wrote."""
    output = re.sub(r"\x1b\[[0-9;]*m", "", output)  # colour, on a terminal
    assert returncode == 130, output
    assert "Traceback" not in output
    found = TOTALS.search(output)
    assert found, output
    total, written, failed, stopped = (int(n or 0) for n in found.groups())
    assert (total, failed) == (SPECS, 0)
    assert written + stopped == SPECS
    assert stopped > 0, "the batch ran to the end: it did not stop when asked"
    drafts = sorted(p.name for p in out.glob("*.docx"))
    assert len(drafts) == written
    flat = " ".join(output.split())  # the summary wraps long rows to fit 80 columns
    missing = re.findall(r" STOPPED (\S+\.docx) not written: the batch was stopped", flat)
    assert len(missing) == stopped
    assert not any(Path(name).exists() for name in missing)
    assert f"Interrupted: {stopped} of {SPECS} drafts not written, marked STOPPED" in output
    assert sorted(p.name for p in out.iterdir() if p.suffix != ".docx") == []  # no .tmp
    return written


@pytest.mark.parametrize(
    ("signum", "group"),
    [
        (signal.SIGINT, True),
        (signal.SIGTERM, False),
        (signal.SIGINT, False),
        (signal.SIGTERM, True),
    ],
    ids=["ctrl-c", "sigterm", "sigint-to-the-batch-only", "sigterm-to-the-group"],
)
def test_a_signal_stops_the_batch_and_names_the_drafts_not_written(
    signum: int, group: bool, specs: Path, tmp_path: Path
) -> None:
    process = _start(specs, tmp_path)
    _wait_for_a_draft(tmp_path, process)
    _interrupt(process, signum, group=group)
    stdout, stderr = _finish(process)
    _assert_stopped_cleanly(tmp_path, process.returncode, stdout + stderr)
    assert stderr.count("Stopping: no new drafts") == 1


def _run_in_a_terminal(specs: Path, out: Path) -> tuple[int, str]:
    """Run a batch in a pseudo-terminal, press Ctrl-C once a draft exists; return the exit
    code and everything the terminal showed."""
    command = _command()
    pid, terminal = pty.fork()
    if pid == 0:  # the child: become the batch, or exit
        try:
            os.chdir(ROOT)
            arguments = [*command, "generate", str(specs), "--out-dir", str(out), "-j", "2"]
            os.execve(command[0], arguments, _environment())
        finally:
            os._exit(127)
    shown = bytearray()
    pressed = False
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if select.select([terminal], [], [], 0.01)[0]:
                try:
                    data = os.read(terminal, 65536)
                except OSError:  # EIO: nothing holds the terminal any more
                    break
                if not data:
                    break
                shown += data
            if not pressed and any(out.glob("*.docx")):
                os.write(terminal, b"\x03")  # what the Ctrl-C key sends
                pressed = True
        else:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(terminal)
    assert pressed, "the batch ended before writing a draft"
    return os.waitstatus_to_exitcode(status), shown.decode(errors="replace").replace("\r\n", "\n")


def test_ctrl_c_in_a_terminal_stops_the_batch(specs: Path, tmp_path: Path) -> None:
    returncode, shown = _run_in_a_terminal(specs, tmp_path)
    _assert_stopped_cleanly(tmp_path, returncode, shown)
    assert shown.count("Stopping: no new drafts") == 1


def test_a_second_signal_abandons_the_drafts_in_progress_at_once(
    specs: Path, tmp_path: Path
) -> None:
    process = _start(specs, tmp_path, stuck=True)
    _wait_for_temporaries(tmp_path, process, 2)  # both workers in the middle of a write
    _interrupt(process, signal.SIGINT, group=True)
    # Signals are not counted while pending: wait until the first was handled.
    first = _read_until(process, "Stopping: no new drafts")
    _interrupt(process, signal.SIGINT, group=True)
    second = time.monotonic()
    stdout, stderr = _finish(process)
    assert time.monotonic() - second < 10  # the writes would hang for a minute
    stderr = first + stderr
    assert _assert_stopped_cleanly(tmp_path, process.returncode, stdout + stderr) == 0
    assert "Abandoning the drafts in progress." in stderr
    flat = " ".join(stdout.split())  # rows are wrapped to fit 80 columns
    assert flat.count("not written: the batch was stopped while drafting it") == 2


@pytest.mark.parametrize("delay", [0.1, 0.3, 0.5, 0.7, 0.9, 1.2])
def test_ctrl_c_while_the_batch_starts_prints_no_traceback(
    delay: float, specs: Path, tmp_path: Path
) -> None:
    process = _start(specs, tmp_path)
    time.sleep(delay)
    _interrupt(process, signal.SIGINT, group=True)
    stdout, stderr = _finish(process)
    assert process.returncode == 130, stdout + stderr
    assert "Traceback" not in stdout + stderr  # nor "Exception ignored in: ..." with one
    found = TOTALS.search(stdout)
    written = int(found.group(2)) if found else 0
    assert len(list(tmp_path.glob("*.docx"))) == written
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".docx") == []


def _processes() -> dict[int, tuple[int, str, str]]:
    """Return each process's parent PID, state and start time, read from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
            except OSError:
                continue
            fields = stat.rpartition(")")[2].split()
            found[int(entry.name)] = (int(fields[1]), fields[0], fields[19])
    return found


def test_workers_die_with_a_killed_batch_and_the_next_run_removes_their_temporary_files(
    specs: Path, tmp_path: Path
) -> None:
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to find the worker processes")
    process = _start(specs, tmp_path, stuck=True)
    _wait_for_temporaries(tmp_path, process, 2)  # both workers in the middle of a write
    workers = {pid: start for pid, (ppid, _, start) in _processes().items() if ppid == process.pid}
    assert len(workers) == 2, workers
    process.kill()
    # The pipes close with the batch itself: no worker holds the caller's stdout or stderr.
    process.communicate(timeout=10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        table = _processes()
        alive = [
            pid
            for pid, start in workers.items()
            if pid in table and table[pid][2] == start and table[pid][1] not in "ZX"
        ]
        if not alive:
            break
        time.sleep(0.05)
    assert alive == [], f"workers {alive} outlived their batch by 5 s"
    assert len(list(tmp_path.glob(".*.tmp"))) == 2  # killed in the middle of their writes
    result = subprocess.run(
        [*_command(), "generate", str(EXAMPLES[0]), "-o", str(tmp_path / "next.docx")],
        cwd=ROOT,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".docx") == []


def _command_line(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_text(errors="replace")
    except OSError:
        return ""


def test_a_signal_during_pdf_conversion_keeps_the_drafts(specs: Path, tmp_path: Path) -> None:
    require_soffice()
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to see the conversion start")
    three = tmp_path / "specs"
    three.mkdir()
    for spec in sorted(specs.iterdir())[:3]:
        (three / spec.name).write_bytes(spec.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [*_command(), "generate", str(three), "--out-dir", str(out), "--pdf"],
        cwd=ROOT,
        env=_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not any(
        "office" in _command_line(pid)
        for pid, (ppid, _, _) in _processes().items()
        if ppid == process.pid
    ):
        assert process.poll() is None, "the batch ended before converting"
        assert time.monotonic() < deadline, "no LibreOffice after 120 s"
        time.sleep(0.05)
    _interrupt(process, signal.SIGINT, group=True)
    stdout, stderr = _finish(process)
    assert process.returncode == 130, stdout + stderr
    assert "Traceback" not in stdout + stderr
    assert "Stopping: the PDF conversion is abandoned; the drafts are kept." in stderr
    assert stdout.splitlines()[-1] == "3 specs: 3 written, 0 failed"
    assert len(list(out.glob("*.docx"))) == 3
    assert [p.name for p in out.iterdir() if p.suffix not in (".docx", ".pdf")] == []


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


def _ready() -> None:
    """Initialise a test worker: nothing to load."""


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _die_on_two(number: int) -> int:
    if number == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return number * 10


def test_a_worker_that_dies_fails_its_task_only_and_is_replaced() -> None:
    results: dict[str, object] = {}
    with WorkerPool(2, _ready, ()) as pool:
        tasks = [(str(n), _die_on_two, (n,)) for n in range(6)]
        assert pool.run(tasks, results.__setitem__, StopRequest(), 1.0) == ([], [])
    died = TaskError("the worker process running it died (killed by signal 9)")
    assert results == {"0": 0, "1": 10, "2": died, "3": 30, "4": 40, "5": 50}


@pytest.mark.parametrize(("requests", "grace"), [(1, 0.5), (2, 60.0)])
def test_tasks_in_progress_are_abandoned_after_the_grace_period_or_a_second_request(
    requests: int, grace: float
) -> None:
    stop = StopRequest()
    results: dict[str, object] = {}

    def finished(key: str, result: object) -> None:
        results[key] = result
        for _ in range(requests):
            stop.request()

    started = time.monotonic()
    with WorkerPool(2, _ready, ()) as pool:
        tasks = [("quick", _sleep, (0.0,)), ("slow", _sleep, (60.0,)), ("next", _sleep, (0.0,))]
        assert pool.run(tasks, finished, stop, grace) == (["next"], ["slow"])
    assert results == {"quick": 0.0}
    assert time.monotonic() - started < 10
