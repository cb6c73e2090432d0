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


def _numbered(properties: dict[str, str], prefix: str) -> list[tuple[int, str]]:
    """Return the (number, value) of the properties `prefix.NNN`, in order."""
    found = []
    for key, value in properties.items():
        head, _, number = key.rpartition(".")
        if head == prefix and number.isdigit() and len(number) <= 6:
            found.append((int(number), value))
    return sorted(found)


def summary(properties: dict[str, str]) -> list[str]:
    """Return a draft's provenance for people: the agreement and its parties, how it was
    made, then each article with its clause, version and approval status."""
    reference = properties.get("agreements.reference", "(reference not recorded)")
    parties = [name for _, name in _numbered(properties, "agreements.party")]
    approvals = dict(_numbered(properties, "agreements.approval"))
    articles = _numbered(properties, "agreements.clause")
    lines = [
        f"Agreement {reference}",
        "Parties:" + ("" if parties else " (not recorded in this draft)"),
        *(f"  {name}" for name in parties),
        f"Made by agreements {properties.get('agreements.tool_version', '?')} in "
        f"{properties.get('agreements.language', '?')}, from spec "
        f"{properties.get('agreements.spec_sha256', '?')[:12]} and clause library "
        f"{properties.get('agreements.library_version', '?')}",
        f"Articles ({len(articles)}):",
    ]
    width = max((len(entry.split("#", 1)[0]) for _, entry in articles), default=10)
    for number, entry in articles:
        clause = entry.split("#", 1)[0]
        lines.append(f"  {number:>3}  {clause.ljust(width)}  {approvals.get(number, '?')}")
    return lines
