"""A Word draft read for review: its provenance, its lines both ways, and its parts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from agreements.errors import UnreadableDocumentError
from agreements.inspect import provenance_properties
from agreements.returned.lines import Line, read_lines, style_names
from agreements.returned.sections import Section, split_sections
from agreements.word.reading import (
    DOCUMENT_PART,
    MAX_BODY_BYTES,
    STYLES_PART,
    WordFile,
    custom_properties,
    open_word_bytes,
    open_word_file,
)


@dataclass(frozen=True)
class ReadDraft:
    """A draft as read: its name, the `agreements.*` properties, its lines and parts."""

    name: str
    properties: dict[str, str]
    lines: tuple[Line, ...]
    sections: tuple[Section, ...]

    def clause_ids(self) -> tuple[str, ...]:
        """Return the clause ids of the provenance, in article order (empty without it)."""
        count = self.properties.get("agreements.clause_count", "0")
        found = []
        for number in range(1, int(count) + 1 if count.isdigit() else 1):
            entry = self.properties.get(f"agreements.clause.{number:03d}", "")
            if "@" in entry:
                found.append(entry.split("@", 1)[0])
        return tuple(found)

    def clause_entries(self) -> tuple[str, ...]:
        """Return the `id@version#hash` entries of the provenance, in article order."""
        return tuple(
            v for k, v in sorted(self.properties.items()) if k.startswith("agreements.clause.")
        )


MAX_LINES = 20_000


def _read(word: WordFile) -> ReadDraft:
    styles = style_names(word.xml(STYLES_PART))
    root = word.xml(DOCUMENT_PART, MAX_BODY_BYTES)
    lines = read_lines(root, styles)
    if len(lines) > MAX_LINES:
        raise UnreadableDocumentError(
            f"{word.name}: holds {len(lines):,} paragraphs and rows, more than the "
            f"{MAX_LINES:,} of any agreement; refused"
        )
    properties = provenance_properties(custom_properties(word))
    return ReadDraft(word.name, properties, tuple(lines), tuple(split_sections(lines)))


def read_draft_file(path: Path) -> ReadDraft:
    """Return the draft at `path`, read as untrusted input."""
    return _read(open_word_file(path))


def read_draft_bytes(data: bytes, name: str) -> ReadDraft:
    """Return a draft held in memory (one the tool has just composed)."""
    return _read(open_word_bytes(data, name))
