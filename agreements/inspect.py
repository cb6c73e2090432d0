"""Reading a draft's provenance back from its custom document properties."""

from __future__ import annotations

from pathlib import Path

from agreements.docx_read import read_file
from agreements.errors import UsageError
from agreements.word.package import read_custom_properties


def read_provenance(path: Path) -> dict[str, str]:
    """Return the `agreements.*` properties of the draft at `path`, or raise a clear error
    (a file that is not a sound Word document raises `DocxError`)."""
    properties = read_custom_properties(read_file(path), str(path))
    ours = {k: v for k, v in properties.items() if k.startswith("agreements.")}
    if not ours:
        raise UsageError(f"{path}: has no provenance; it was not written by agreements")
    return ours
