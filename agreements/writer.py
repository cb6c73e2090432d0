"""The only module that writes user-visible files: atomically and never over existing ones."""

from __future__ import annotations

import functools
import hashlib
import os
import platform
import re
import stat
import tempfile
import time
from pathlib import Path

from agreements.errors import OutputError
from agreements.processes import started_at

# `.NAME.HOST-PID.XXXXXXXX.tmp`: the machine and process writing it, so that the next run can
# tell the leftovers of a killed writer from a file another writer is filling right now.
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<host>[0-9a-f]{6})-(?P<pid>[0-9]+)\.[a-z0-9_]{8}\.tmp")
_ABANDONED_AFTER = 24 * 3600.0  # a write takes milliseconds; a day-old one is abandoned anywhere


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@functools.cache
def _host() -> str:
    return hashlib.sha256(platform.node().encode("utf-8", "replace")).hexdigest()[:6]


def _is_stale(match: re.Match[str], modified: float) -> bool:
    if time.time() - modified > _ABANDONED_AFTER:
        return True
    if match["host"] != _host():
        return False  # another machine's process table is not ours to read
    pid = int(match["pid"])
    if pid == os.getpid():
        return False
    started = started_at(pid)
    # A second of slack: the boot time the start is computed from is rounded to the second.
    return started is None or modified < started - 1.0


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove from `folder` the temporary files of writers killed before they could clean
    up, and return them.

    A temporary file is stale when the process named in it no longer runs on this machine,
    or its PID now belongs to a process younger than the file, or it is a day old. Files of
    live writers, of other machines (until a day old) and of other tools are left alone.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    removed: list[Path] = []
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match is None:
            continue
        try:
            status = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(status.st_mode) and _is_stale(match, status.st_mtime):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:  # gone meanwhile, or not ours to remove: the next run tries again
            continue
    return removed


def check_target(target: Path, *, force: bool) -> None:
    """Raise `OutputError` unless `target` can be written (see `write_bytes_atomic`)."""
    if target.is_dir():
        raise OutputError(f"{target}: is a directory; name a file to write")
    if not target.parent.is_dir():
        raise OutputError(f"{target}: folder {target.parent} does not exist; create it first")
    if target.is_symlink():
        raise OutputError(f"{target}: is a symbolic link; refusing to write through it")
    if target.exists() and not force:
        raise OutputError(f"{target}: already exists; pass --force to overwrite it")


def write_bytes_atomic(target: Path, data: bytes, *, force: bool) -> None:
    """Write `data` to `target` through a temporary file and a rename.

    A crash or error leaves either the old file or the complete new one, never a part.
    Without `force`, an existing target is refused (checked again at rename time).
    """
    check_target(target, force=force)
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.{_host()}-{os.getpid()}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise OutputError(f"{target}: cannot write in {target.parent}: {exc.strerror}") from None
    temp = Path(temp_name)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp creates 0600; give the usual mode
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            os.replace(temp, target)
        else:
            # link() fails if the target appeared meanwhile, so nothing is ever clobbered.
            try:
                os.link(temp, target)
            except FileExistsError:
                raise OutputError(
                    f"{target}: already exists; pass --force to overwrite it"
                ) from None
            temp.unlink()
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot be written: {exc.strerror}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_text_file(target: Path, text: str, *, force: bool) -> None:
    """Write UTF-8 `text` to `target` atomically (see `write_bytes_atomic`)."""
    write_bytes_atomic(target, text.encode("utf-8"), force=force)
