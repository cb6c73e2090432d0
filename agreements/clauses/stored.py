"""The parsed clause library kept on disk between runs, keyed by the content of its files.

Reading a library means parsing every clause file as positioned YAML, validating it and
checking each of its texts for what may not run: about three quarters of what a cold
`agreements validate` spends on the library. When a load found no problem at all, its
clauses are kept as JSON in this user's private cache folder (the folder and key of
`clauses.compiled`), under a name derived from the exact bytes of every clause file, their
paths, and the code and library versions that read them. The entry carries an HMAC keyed by
this user's secret, is written atomically, and is validated again on read (each clause
through the same pydantic model); an entry that is missing, altered, stale or corrupt is
ignored and the library is read from its files as before. A library with any load problem
is never stored, so its problems are always found again, located, in the current folder.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

import jinja2
import pydantic
import yaml

from agreements import diskcache
from agreements.clauses.model import Clause

FORMAT = 1


@cache
def _code_fingerprint() -> bytes:
    """Return the hash of the code and library versions that read clause files."""
    return diskcache.fingerprint(
        f"library {FORMAT}",
        f"pydantic {pydantic.VERSION}",
        f"jinja {jinja2.__version__}",
        f"yaml {yaml.__version__}",
        # The modules whose code decides what loading a clause file gives.
        "agreements.clauses.model",
        "agreements.clauses.load",
        "agreements.clauses.safety",
        "agreements.clauses.sandbox",
        "agreements.clauses.compiled",
        "agreements.clauses.stored",
        "agreements.yamlsafe",
    )


def content_key(files: list[tuple[str, bytes]]) -> str | None:
    """Return the key of a library whose clause files are `files` (relative path, bytes),
    or None when the code reading them cannot be identified."""
    fingerprint = _code_fingerprint()
    if not fingerprint:
        return None
    digest = hashlib.sha256(fingerprint)
    for relative, raw in files:
        digest.update(relative.encode() + b"\0" + str(len(raw)).encode() + b"\0" + raw)
    return digest.hexdigest()


def read_stored(key: str, relatives: list[str]) -> list[tuple[Clause, str]] | None:
    """Return the clauses (with the hash of each file's text) stored for `key`, in the order
    of `relatives`, or None when there is no authentic, well-formed entry for exactly them."""
    body = diskcache.read("library", key)
    if body is None:
        return None
    try:
        return _clauses(json.loads(body), relatives)
    except (ValueError, TypeError, KeyError, pydantic.ValidationError):
        return None


def _clauses(data: Any, relatives: list[str]) -> list[tuple[Clause, str]] | None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    entries = data["clauses"]
    if not isinstance(entries, list) or [e[0] for e in entries] != relatives:
        return None
    found: list[tuple[Clause, str]] = []
    for _, sha256, fields in entries:
        if not isinstance(sha256, str):
            return None
        found.append((Clause.model_validate(fields), sha256))
    return found


def store(key: str, entries: list[tuple[str, Clause, str]]) -> None:
    """Keep the clauses of a library loaded without problems (relative path, clause, hash of
    the file's text) under `key`; a clause that would not read back equal is never kept."""
    rows = []
    for relative, clause, sha256 in entries:
        fields = json.loads(json.dumps(clause.model_dump(mode="json", exclude_unset=True)))
        if Clause.model_validate(fields) != clause:
            return
        rows.append([relative, sha256, fields])
    body = json.dumps({"format": FORMAT, "clauses": rows}, ensure_ascii=False)
    diskcache.write("library", key, body.encode("utf-8"))
