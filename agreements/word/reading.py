"""Reading Word files that come from outside, without trusting them.

A .docx handed back by a partner is a zip of XML parts, and both layers can be built to
exhaust memory: a zip member that inflates a few kilobytes into gigabytes, an archive of
a million entries, an XML part whose entities expand exponentially ("billion laughs") or
reach for files and the network. So a file is refused before it is read when it is too
large or holds too many members, a member is inflated only up to a fixed number of bytes
(its declared size is not trusted), and XML is parsed by lxml with entities left
unresolved, no DTD loaded, no network, and refused outright when it declares a document
type, which no Word part ever does.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from agreements.errors import UnreadableDocumentError

MAX_DOCX_BYTES = 50_000_000
MAX_MEMBERS = 5_000
MAX_BODY_BYTES = 40_000_000
MAX_PART_BYTES = 5_000_000
DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
CUSTOM_PART = "docProps/custom.xml"
_CHUNK = 1 << 20


def _parser() -> Any:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        remove_comments=True,
    )


def parse_xml(data: bytes, where: str) -> Any:
    """Return the root element of an XML part; raise `UnreadableDocumentError` for a part
    that is not XML or that declares a document type (the way entity bombs come in)."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in head:
        raise UnreadableDocumentError(
            f"{where}: declares a document type or entities, which no Word part does; "
            "refused (it could expand without bound)"
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        if "not defined" in str(exc):
            raise UnreadableDocumentError(
                f"{where}: is not well-formed XML (it uses an entity it never defines: {exc})"
            ) from None
        if "entity" in str(exc).lower():  # libxml2 stops entity amplification itself
            raise UnreadableDocumentError(
                f"{where}: declares entities that expand without bound; refused ({exc})"
            ) from None
        raise UnreadableDocumentError(f"{where}: is not well-formed XML ({exc})") from None
    if root is None:
        raise UnreadableDocumentError(f"{where}: is empty")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise UnreadableDocumentError(
            f"{where}: declares a document type, which no Word part does; refused"
        )
    return root


@dataclass(frozen=True)
class WordFile:
    """A .docx opened for reading: its member names, and each member read within a limit."""

    name: str
    data: bytes
    members: frozenset[str]

    def read(self, member: str, limit: int = MAX_PART_BYTES) -> bytes | None:
        """Return the inflated bytes of `member` (None when absent), refusing to inflate
        more than `limit` bytes whatever size the archive declares."""
        if member not in self.members:
            return None
        where = f"{self.name}: {member}"
        try:
            with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
                info = archive.getinfo(member)
                if info.file_size > limit:
                    raise UnreadableDocumentError(
                        f"{where}: inflates to {info.file_size:,} bytes, more than the "
                        f"{limit:,} a Word part may hold; refused"
                    )
                if info.flag_bits & 0x1:
                    raise UnreadableDocumentError(f"{where}: is encrypted")
                chunks: list[bytes] = []
                size = 0
                with archive.open(info) as stream:
                    while chunk := stream.read(_CHUNK):
                        size += len(chunk)
                        if size > limit:
                            raise UnreadableDocumentError(
                                f"{where}: inflates to more than {limit:,} bytes (a zip bomb?); "
                                "refused"
                            )
                        chunks.append(chunk)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error) as exc:
            raise UnreadableDocumentError(f"{where}: cannot be inflated ({exc})") from None
        except (NotImplementedError, RuntimeError) as exc:  # unknown compression, password
            raise UnreadableDocumentError(f"{where}: cannot be read ({exc})") from None
        return b"".join(chunks)

    def xml(self, member: str, limit: int = MAX_PART_BYTES) -> Any | None:
        """Return the parsed root of `member` (None when absent)."""
        data = self.read(member, limit)
        return None if data is None else parse_xml(data, f"{self.name}: {member}")


def open_word_bytes(data: bytes, name: str) -> WordFile:
    """Return a .docx held in memory, checked to be a zip of a sane number of members
    that has a main document part."""
    if len(data) > MAX_DOCX_BYTES:
        raise UnreadableDocumentError(f"{name}: larger than {MAX_DOCX_BYTES:,} bytes; not a draft")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise UnreadableDocumentError(
                    f"{name}: not a Word document (a zip of {len(infos):,} members)"
                )
            members = frozenset(info.filename for info in infos)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise UnreadableDocumentError(f"{name}: not a Word document ({exc})") from None
    if DOCUMENT_PART not in members:
        raise UnreadableDocumentError(f"{name}: not a Word document (no {DOCUMENT_PART})")
    return WordFile(name, data, members)


def open_word_file(path: Path) -> WordFile:
    """Return the .docx at `path`, refused before reading when it is not a file or too large."""
    if not path.is_file():
        raise UnreadableDocumentError(f"{path}: no such file")
    if path.stat().st_size > MAX_DOCX_BYTES:
        raise UnreadableDocumentError(f"{path}: larger than {MAX_DOCX_BYTES:,} bytes; not a draft")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocumentError(f"{path}: cannot be read ({exc.strerror})") from None
    return open_word_bytes(data, str(path))


def custom_properties(word: WordFile) -> dict[str, str]:
    """Return the custom document properties of a .docx (empty when it has none)."""
    root = word.xml(CUSTOM_PART)
    if root is None:
        return {}
    result: dict[str, str] = {}
    for prop in root:
        if not isinstance(prop.tag, str):
            continue
        value = next(iter(prop), None)
        result[str(prop.get("name", ""))] = (value.text or "") if value is not None else ""
    return result
