"""Reading a draft's provenance back from its custom document properties."""

from __future__ import annotations

from pathlib import Path

from agreements.errors import UsageError
from agreements.word.reading import custom_properties, open_word_file


def read_provenance(path: Path) -> dict[str, str]:
    """Return the `agreements.*` properties of the draft at `path`, or raise a clear error.

    The file is read as untrusted (see `agreements.word.reading`): a zip bomb, an entity
    bomb or an oversized part is refused, never inflated.
    """
    ours = provenance_properties(custom_properties(open_word_file(path)))
    if not ours:
        raise UsageError(f"{path}: has no provenance; it was not written by agreements")
    return ours


def provenance_properties(properties: dict[str, str]) -> dict[str, str]:
    """Return the properties written by agreements (`agreements.*`) among `properties`."""
    return {k: v for k, v in properties.items() if k.startswith("agreements.")}
