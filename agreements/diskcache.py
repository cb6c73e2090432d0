"""This user's private cache folder, and authenticated JSON entries kept in it.

Everything kept here can be rebuilt from the files it was made from, so a missing, altered,
stale or corrupt entry is ignored and rebuilt: every command behaves the same without the
cache (AGREEMENTS_NO_CACHE=1 disables it). A folder is used only when this user alone can
write to it; each entry carries an HMAC keyed by a per-user secret kept in its folder, over
the entry's kind, key and body, so an entry planted or altered by anyone else is never read.
Entries are written atomically (a temporary file renamed into place). The key of an entry
names the exact inputs it was made from (see `fingerprint` for the code that made it).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
import tempfile
from contextlib import suppress
from functools import cache
from pathlib import Path

# The folder of JSON entries; their keys name the versions of everything that made them.
DATA = f"data-py{sys.version_info[0]}{sys.version_info[1]}"


def private(path: Path) -> bool:
    """Return True when `path` belongs to this user and no one else may write to it."""
    try:
        info = path.lstat()
    except OSError:
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not path.is_symlink() and info.st_mode & 0o022 == 0


@cache
def folder(name: str) -> Path | None:
    """Return the cache folder `name`, or None when there is none this user alone controls."""
    if os.environ.get("AGREEMENTS_NO_CACHE") == "1":
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    found = base / "agreements" / name
    try:
        found.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    # A folder someone else could write to is a way to plant code or data: never use it.
    if not (private(found) and private(found.parent)):
        return None
    return found


@cache
def secret(where: Path) -> bytes | None:
    """Return this user's secret that authenticates the entries of a folder (made on first
    use)."""
    path = where / "key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError:
        return None
    else:
        with os.fdopen(fd, "wb") as stream:
            stream.write(secrets.token_bytes(32))
    if not private(path) or path.stat().st_mode & 0o077:
        return None
    try:
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def fingerprint(*parts: str) -> bytes:
    """Return the hash of `parts` (versions) and of the source of the modules among them
    that are loaded from files, so a changed module makes its entries stale; empty when a
    named module is not loaded from a file (nothing then identifies its code)."""
    digest = hashlib.sha256(sys.version.encode())
    for part in parts:
        digest.update(part.encode() + b"\0")
        if part.startswith("agreements"):
            location = getattr(sys.modules.get(part), "__file__", None)
            if location is None:
                return b""
            digest.update(Path(location).read_bytes() + b"\0")
    return digest.digest()


def _tag(key: bytes, kind: str, name: str, body: bytes) -> bytes:
    return hmac.new(key, f"{kind}:{name}\0".encode() + body, hashlib.sha256).hexdigest().encode()


def _entry(where: Path, kind: str, name: str) -> Path:
    return where / f"{kind}-{name}.json"


def read(kind: str, name: str) -> bytes | None:
    """Return the body of the entry `kind`/`name` when this user's key authenticates it."""
    where = folder(DATA)
    key = secret(where) if where is not None else None
    if where is None or key is None:
        return None
    path = _entry(where, kind, name)
    if not private(path):
        return None
    try:
        tag, _, body = path.read_bytes().partition(b"\n")
    except OSError:
        return None
    return body if hmac.compare_digest(tag, _tag(key, kind, name, body)) else None


def write(kind: str, name: str, body: bytes, *, keep: int = 8) -> None:
    """Keep `body` as the entry `kind`/`name`, atomically, and only the `keep` newest
    entries of that kind (each edit of a file makes a new one)."""
    where = folder(DATA)
    key = secret(where) if where is not None else None
    if where is None or key is None:
        return
    written: str | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=where, prefix=".tmp-", delete=False) as stream:
            written = stream.name
            stream.write(_tag(key, kind, name, body) + b"\n" + body)
        os.replace(written, _entry(where, kind, name))
    except OSError:
        if written is not None:
            with suppress(OSError):
                os.unlink(written)
        return
    with suppress(OSError):
        entries = sorted(
            where.glob(f"{kind}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
