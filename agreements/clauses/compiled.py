"""Compiled clause templates and conditions, cached in memory and on disk.

Compiling Jinja is most of a cold `agreements validate`. Like Jinja's own bytecode cache,
compiled code is kept (marshal) in the user's cache folder, keyed by the source's hash and
the versions of Python, Jinja and this sandbox, so a changed clause is always recompiled.
Set AGREEMENTS_NO_CACHE=1 to disable the disk cache; an unwritable cache is ignored.
"""

from __future__ import annotations

import hashlib
import marshal
import os
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


@cache
def _cache_dir() -> Path | None:
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
    return folder


def _code(source: str) -> CodeType:
    folder = _cache_dir()
    path = (
        folder / (hashlib.sha256(source.encode("utf-8")).hexdigest() + ".bin") if folder else None
    )
    if path is not None:
        try:
            code = marshal.loads(path.read_bytes())
            if isinstance(code, CodeType):
                return code
        except (OSError, ValueError, EOFError, TypeError):
            pass
    code = environment().compile(source)
    if path is not None:
        try:
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as stream:
                stream.write(marshal.dumps(code))
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
