"""Reading Word files a user hands us (drafts, returned drafts, master templates) safely.

A .docx is a zip of XML parts, and both layers can attack a reader: a zip can declare one
size and inflate to gigabytes, hold thousands of members or a corrupt deflate stream; XML
can declare entities that expand a billion times or reach for files and URLs. Every part is
therefore read through `read_part` (member count, declared and actual size capped, the
stream read no further than the cap) and parsed through `parse_part` (defusedxml: no DTD,
no entities), and every failure becomes one `DocxError` naming the file and the part.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from agreements.errors import UsageError

MAX_FILE_BYTES = 50_000_000
MAX_MEMBERS = 1_000
MAX_PART_BYTES = 20_000_000
MAX_TOTAL_BYTES = 100_000_000


class DocxError(UsageError):
    """A file is not a Word document we can read safely; the message says why."""


def open_docx(data: bytes, label: str) -> zipfile.ZipFile:
    """Return the zip archive of a .docx after checking its member count and declared sizes
    (raises `DocxError` for anything that is not a sound, reasonably sized Word file)."""
    if len(data) > MAX_FILE_BYTES:
        raise DocxError(f"{label}: larger than {MAX_FILE_BYTES:,} bytes; not a draft")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise DocxError(f"{label}: not a Word document (not a readable zip file: {exc})") from None
    if len(members) > MAX_MEMBERS:
        raise DocxError(f"{label}: holds {len(members):,} parts, more than any Word document")
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_BYTES:
        raise DocxError(
            f"{label}: its parts unpack to {total:,} bytes, more than {MAX_TOTAL_BYTES:,}"
        )
    for member in members:
        if member.file_size > MAX_PART_BYTES:
            raise DocxError(
                f"{label}: part {member.filename} unpacks to {member.file_size:,} bytes, "
                f"more than {MAX_PART_BYTES:,}"
            )
    if "[Content_Types].xml" not in archive.namelist():
        raise DocxError(f"{label}: not a Word document (no [Content_Types].xml)")
    return archive


def read_part(archive: zipfile.ZipFile, name: str, label: str) -> bytes:
    """Return the bytes of part `name`, reading no more than the cap whatever the zip
    header declares (a lying header or a corrupt stream raises `DocxError`)."""
    try:
        with archive.open(name) as stream:
            data = stream.read(MAX_PART_BYTES + 1)
    except KeyError:
        raise DocxError(f"{label}: has no part {name}") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise DocxError(f"{label}: part {name} is damaged ({exc})") from None
    if len(data) > MAX_PART_BYTES:
        raise DocxError(f"{label}: part {name} unpacks to more than {MAX_PART_BYTES:,} bytes")
    return data


def parse_part(data: bytes, name: str, label: str) -> Element:
    """Return the root element of an XML part, refusing DTDs and entities (billion laughs,
    external entities) and malformed XML with one `DocxError`."""
    try:
        root: Element = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise DocxError(f"{label}: part {name} declares XML entities or a DTD ({exc})") from None
    except (ParseError, ValueError, UnicodeDecodeError) as exc:
        raise DocxError(f"{label}: part {name} is not well-formed XML ({exc})") from None
    return root


def read_file(path: Path) -> bytes:
    """Return the bytes of a .docx the user named, refusing what is not a readable file."""
    try:
        if not path.is_file():
            raise DocxError(f"{path}: no such file")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise DocxError(f"{path}: larger than {MAX_FILE_BYTES:,} bytes; not a draft")
        return path.read_bytes()
    except OSError as exc:
        raise DocxError(f"{path}: cannot be read ({exc.strerror or exc})") from None
