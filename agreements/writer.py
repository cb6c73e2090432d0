"""The only module that writes user-visible files: atomically and never over existing ones."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from agreements.errors import OutputError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


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
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
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
