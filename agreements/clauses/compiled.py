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
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import Any, TypeVar

import jinja2
from jinja2 import Template
from jinja2.environment import TemplateExpression

from agreements import diskcache
from agreements.clauses.safety import SAFETY_VERSION, UnsafeSource, Violation, check_source
from agreements.clauses.sandbox import SANDBOX_VERSION, environment

Facts = TypeVar("Facts")
_TEMPLATES: dict[tuple[str, str], Template] = {}
_EXPRESSIONS: dict[str, TemplateExpression] = {}


def cache_dir() -> Path | None:
    """Return the folder of compiled code (one per Jinja, Python, sandbox and safety check
    version), or None when there is none this user alone controls."""
    return diskcache.folder(
        f"jinja-{jinja2.__version__}-py{sys.version_info[0]}{sys.version_info[1]}-"
        f"s{SANDBOX_VERSION}.{SAFETY_VERSION}"
    )


def _digest(key: bytes, source: str, code: bytes) -> bytes:
    return hmac.new(key, source.encode("utf-8") + b"\0" + code, hashlib.sha256).digest()


_CODES: dict[str, CodeType] = {}
_CHECKED: set[tuple[str, bool]] = set()


def _compiled_form(source: str, expression: bool) -> str:
    # A condition compiles in the form Jinja's compile_expression builds: `result = (...)`.
    return "{% set result = (" + source + ") %}" if expression else source


def _cached(compiled_source: str) -> CodeType | None:
    """Return the code stored for `compiled_source` when this user's key authenticates it.
    Entries are written only for sources that passed `check_source`, so a hit is checked."""
    found = _CODES.get(compiled_source)
    if found is not None:
        return found
    folder = cache_dir()
    key = diskcache.secret(folder) if folder is not None else None
    if folder is None or key is None:
        return None
    path = _entry(folder, compiled_source)
    if not diskcache.private(path):
        return None
    try:
        data = path.read_bytes()
        tag, body = data[:32], data[32:]
        if hmac.compare_digest(tag, _digest(key, compiled_source, body)):
            code = marshal.loads(body)
            if isinstance(code, CodeType):
                _CODES[compiled_source] = code
                return code
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return None


def _entry(folder: Path, compiled_source: str) -> Path:
    return folder / (hashlib.sha256(compiled_source.encode("utf-8")).hexdigest() + ".bin")


def _store(compiled_source: str, code: CodeType) -> None:
    folder = cache_dir()
    key = diskcache.secret(folder) if folder is not None else None
    if folder is None or key is None:
        return
    body = marshal.dumps(code)
    try:
        with tempfile.NamedTemporaryFile(dir=folder, delete=False) as stream:
            stream.write(_digest(key, compiled_source, body) + body)
        os.replace(stream.name, _entry(folder, compiled_source))
    except OSError:
        pass


def cached_facts(kind: str, source: str, compute: Callable[[str], Facts]) -> Facts:
    """Return `compute(source)`, a value built only of tuples, strings and booleans, from
    the disk cache when an entry authenticated for exactly this kind and source is there
    (parsing texts to find their function calls costs about 150 ms of a cold validate)."""
    key_text = f"facts:{kind}\0{source}"
    folder = cache_dir()
    key = diskcache.secret(folder) if folder is not None else None
    if folder is None or key is None:
        return compute(source)
    path = _entry(folder, key_text)
    if diskcache.private(path):
        try:
            data = path.read_bytes()
            tag, body = data[:32], data[32:]
            if hmac.compare_digest(tag, _digest(key, key_text, body)):
                return marshal.loads(body)  # type: ignore[no-any-return]
        except (OSError, ValueError, EOFError, TypeError):
            pass
    value = compute(source)
    body = marshal.dumps(value)  # type: ignore[arg-type]
    try:
        with tempfile.NamedTemporaryFile(dir=folder, delete=False) as stream:
            stream.write(_digest(key, key_text, body) + body)
        os.replace(stream.name, path)
    except OSError:
        pass
    return value


def checked(source: str, *, expression: bool) -> list[Violation]:
    """Return why the condition (`expression`) or text `source` may not run, empty when it
    may: what lint refuses is refused when a library loads, checked once per source (a
    cached compiled entry proves the check passed)."""
    if (source, expression) in _CHECKED or _cached(_compiled_form(source, expression)):
        return []
    problems = check_source(source, expression=expression)
    if not problems:
        _CHECKED.add((source, expression))
    return problems


def _code(source: str, *, expression: bool = False) -> CodeType:
    """Return the compiled code of a clause text or condition: from memory, from the cache
    when an entry authenticated for exactly this source is there, else checked and compiled
    now (raises `UnsafeSource` when the check refuses it, so nothing unchecked ever runs)."""
    compiled_source = _compiled_form(source, expression)
    found = _cached(compiled_source)
    if found is not None:
        return found
    problems = checked(source, expression=expression)
    if problems:
        raise UnsafeSource(problems[0].message)
    code = environment().compile(compiled_source)
    _CODES[compiled_source] = code
    _store(compiled_source, code)
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
        env = environment()
        code = _code(source, expression=True)
        found = TemplateExpression(
            env.template_class.from_code(env, code, env.make_globals(None)), False
        )
        _EXPRESSIONS[source] = found
    return found
