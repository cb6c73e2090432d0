"""Compiled clause templates and conditions, cached in memory and on disk.

Compiling Jinja is most of a cold `agreements validate` (about 170 ms of it, measured).
Like Jinja's own bytecode cache, compiled code is kept (marshal) in the user's cache folder,
keyed by the source's hash and the versions of Python, Jinja and this sandbox, so a changed
clause is always recompiled. Because loading it runs code outside the sandbox, the cache is
used only in a folder this user alone can write to, and each entry carries an HMAC, keyed by
a per-user secret, over the exact source and code: a planted or altered file is recompiled,
never run. Set AGREEMENTS_NO_CACHE=1 to disable the disk cache; an unusable cache is ignored.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import secrets
import sys
import tempfile
from functools import cache
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from jinja2 import Template
from jinja2.environment import TemplateExpression

from agreements.clauses.sandbox import SANDBOX_VERSION, environment, parse_expression

_TEMPLATES: dict[tuple[str, str], Template] = {}
_EXPRESSIONS: dict[str, TemplateExpression] = {}


def _private(path: Path) -> bool:
    """Return True when `path` belongs to this user and no one else may write to it."""
    try:
        info = path.lstat()
    except OSError:
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not path.is_symlink() and info.st_mode & 0o022 == 0


@cache
def _cache_dir() -> Path | None:
    """Return the cache folder, or None when there is none this user alone controls."""
    if os.environ.get("AGREEMENTS_NO_CACHE") == "1":
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = (
        base
        / "agreements"
        / (
            f"jinja-{jinja2.__version__}-py{sys.version_info[0]}{sys.version_info[1]}-"
            f"s{SANDBOX_VERSION}"
        )
    )
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    # A folder someone else could write to is a way to plant code: never use it.
    if not (_private(folder) and _private(folder.parent)):
        return None
    return folder


@cache
def _cache_key(folder: Path) -> bytes | None:
    """Return this user's secret that authenticates cache entries (made on first use)."""
    path = folder / "key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError:
        return None
    else:
        with os.fdopen(fd, "wb") as stream:
            stream.write(secrets.token_bytes(32))
    if not _private(path) or path.stat().st_mode & 0o077:
        return None
    try:
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def _digest(key: bytes, source: str, code: bytes) -> bytes:
    return hmac.new(key, source.encode("utf-8") + b"\0" + code, hashlib.sha256).digest()


def _code(source: str) -> CodeType:
    """Return the compiled code of a clause text, from the cache when an entry is there
    that this user's key authenticates for exactly this source; else compiled now."""
    folder = _cache_dir()
    key = _cache_key(folder) if folder is not None else None
    path = None
    if folder is not None and key is not None:
        path = folder / (hashlib.sha256(source.encode("utf-8")).hexdigest() + ".bin")
    if path is not None and key is not None and _private(path):
        try:
            data = path.read_bytes()
            tag, body = data[:32], data[32:]
            if hmac.compare_digest(tag, _digest(key, source, body)):
                code = marshal.loads(body)
                if isinstance(code, CodeType):
                    return code
        except (OSError, ValueError, EOFError, TypeError):
            pass
    code = environment().compile(source)
    if path is not None and key is not None:
        body = marshal.dumps(code)
        try:
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as stream:
                stream.write(_digest(key, source, body) + body)
            os.replace(stream.name, path)
        except OSError:
            pass
    return code


def template(source: str, language: str = "en") -> Template:
    """Return the compiled template of a clause text bound to the filters of `language`
    (compiled once per process, cached on disk)."""
    found = _TEMPLATES.get((language, source))
    if found is None:
        env = environment(language)
        found = env.template_class.from_code(env, _code(source), env.make_globals(None))
        _TEMPLATES[(language, source)] = found
    return found


def expression(source: str) -> Any:
    """Return a callable evaluating the condition `source` (compiled once, cached on disk)."""
    found = _EXPRESSIONS.get(source)
    if found is None:
        parse_expression(source)  # one expression and nothing else, or TemplateSyntaxError
        # The same form Jinja's compile_expression builds: assign the value to `result`.
        found = TemplateExpression(template("{% set result = (" + source + ") %}"), False)
        _EXPRESSIONS[source] = found
    return found
