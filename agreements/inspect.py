"""Reading a draft's provenance back from its custom document properties."""

from __future__ import annotations

import zipfile
from pathlib import Path

from agreements.errors import UsageError
from agreements.word.package import read_custom_properties

MAX_DRAFT_BYTES = 50_000_000


def read_provenance(path: Path) -> dict[str, str]:
    """Return the `agreements.*` properties of the draft at `path`, or raise a clear error."""
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    if path.stat().st_size > MAX_DRAFT_BYTES:
        raise UsageError(f"{path}: larger than {MAX_DRAFT_BYTES:,} bytes; not a draft")
    try:
        properties = read_custom_properties(path.read_bytes())
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UsageError(f"{path}: not a Word document ({exc})") from None
    ours = {k: v for k, v in properties.items() if k.startswith("agreements.")}
    if not ours:
        raise UsageError(f"{path}: has no provenance; it was not written by agreements")
    return ours
