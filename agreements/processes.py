"""Which processes are running on this machine: enough to tell a live writer from a dead one."""

from __future__ import annotations

import functools
import os
from pathlib import Path

_PROC = Path("/proc")
_MAX_PID = 2**22  # Linux's upper bound; larger numbers come from a damaged name, not a process


@functools.cache
def _boot_time() -> float:
    for line in (_PROC / "stat").read_text(encoding="ascii").splitlines():
        if line.startswith("btime "):
            return float(line.split()[1])
    raise OSError("no btime in /proc/stat")


def started_at(pid: int) -> float | None:
    """Return when the process `pid` started, in seconds since the epoch; None if no process
    runs under that PID (a zombie counts as gone); 0.0 if one runs but its start is unknown.

    The start time is what tells a recycled PID from the process that wrote a file: a file
    older than the process now holding its writer's PID was written by another process.
    """
    if not 0 < pid <= _MAX_PID:
        return None
    try:
        stat = (_PROC / str(pid) / "stat").read_text(encoding="ascii", errors="replace")
        boot = _boot_time()
    except FileNotFoundError:
        if (_PROC / "self" / "stat").exists():
            return None  # /proc works here, so the process is gone
        return _running_elsewhere(pid)
    except OSError:
        return _running_elsewhere(pid)
    # The command name (field 2) may hold spaces and parentheses; the fields after it do not.
    fields = stat.rpartition(")")[2].split()
    if fields[:1] in (["Z"], ["X"]):
        return None
    try:
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (IndexError, ValueError):
        return 0.0


def _running_elsewhere(pid: int) -> float | None:
    """Without /proc (macOS, BSD): whether `pid` runs, its start time unknown (0.0)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return 0.0  # it runs, as another user
    return 0.0
