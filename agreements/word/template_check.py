"""Checking a master template before any draft is made from it.

A library's master template (templates/agreement.docx) is copied into every draft, so
whatever it carries reaches every partner: a remote image, a tracking hyperlink, an OLE
object on a network path, an attached template at a URL or an INCLUDEPICTURE field makes
the draft call a stranger's server when opened; a huge media part bloats every file. The
template is therefore read through the hardened reader and refused, with the reason, when
it has any external relationship, any field that fetches, or parts beyond the size caps.
Its Jinja is held to the clause rules (`clauses.safety`), with the names it is given.
"""

from __future__ import annotations

import re
from typing import Any

from agreements.errors import LibraryError, UnreadableDocumentError
from agreements.word.reading import WordFile, open_word_bytes, parse_xml

MAX_TEMPLATE_PARTS = 200
MAX_TEMPLATE_PART_BYTES = 5_000_000
MAX_TEMPLATE_BYTES = 20_000_000
# Fields that bring in content from outside the file when Word updates them.
FETCHING_FIELDS = ("INCLUDEPICTURE", "INCLUDETEXT", "LINK", "DDE", "DDEAUTO", "IMPORT")
_FIELD = re.compile(r"^\s*(" + "|".join(FETCHING_FIELDS) + r")\b", re.IGNORECASE)
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|\\\\|//)", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _field_codes(root: Any) -> list[str]:
    codes = [(e.text or "") for e in root.iter(f"{_W}instrText")]
    codes += [e.get(f"{_W}instr", "") for e in root.iter(f"{_W}fldSimple")]
    return codes


def _external_targets(root: Any) -> list[str]:
    return [
        rel.get("Target", "")
        for rel in root.iter(_REL)
        if rel.get("TargetMode", "Internal").lower() == "external"
        or _REMOTE.match(rel.get("Target", ""))
    ]


def _part_problems(name: str, data: bytes, label: str) -> list[str]:
    if not (name.endswith(".xml") or name.endswith(".rels")):
        return []
    root = parse_xml(data, f"{label}: {name}")
    targets = _external_targets(root)
    found = [f"part {name} links to {target!r} outside the file" for target in targets]
    for code in _field_codes(root):
        match = _FIELD.match(code)
        if match:
            found.append(f"part {name} has a {match.group(1).upper()} field, which fetches content")
    return found


def _parts(word: WordFile) -> dict[str, bytes]:
    """Return every part of the template, each read within the part cap and all within the
    template cap (whatever sizes the zip declares)."""
    parts: dict[str, bytes] = {}
    total = 0
    for name in sorted(word.members):
        data = word.read(name, MAX_TEMPLATE_PART_BYTES) or b""
        total += len(data)
        if total > MAX_TEMPLATE_BYTES:
            raise UnreadableDocumentError(
                f"{word.name}: its parts unpack to more than {MAX_TEMPLATE_BYTES:,} bytes"
            )
        parts[name] = data
    return parts


def check_template(data: bytes, label: str) -> None:
    """Raise `LibraryError` listing why the master template `data` may not be used: parts
    too many or too large, links outside the file, fields that fetch; or unreadable."""
    try:
        word = open_word_bytes(data, label)
        if len(word.members) > MAX_TEMPLATE_PARTS:
            raise LibraryError(
                f"{label}: holds {len(word.members)} parts, more than {MAX_TEMPLATE_PARTS}"
            )
        parts = _parts(word)
        problems = [p for name, part in parts.items() for p in _part_problems(name, part, label)]
    except UnreadableDocumentError as exc:
        raise LibraryError(f"not a usable Word template: {exc}") from None
    if problems:
        details = "; ".join(problems[:5])
        raise LibraryError(
            f"{label}: not a usable Word template: {details}. A draft must not call out "
            "when opened: remove the linked images, hyperlinks, objects and fields"
        )
