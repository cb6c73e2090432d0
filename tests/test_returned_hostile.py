"""Returned files built to hurt: each is refused with one clear message and exit code 2,
quickly and without inflating what it holds, by `review-returned` and by `inspect`."""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path

import pytest

from agreements.clauses.load import Library, load_library
from agreements.errors import UnreadableDocumentError
from agreements.returned.review import review_returned
from agreements.word.reading import parse_xml
from tests.conftest import ROOT, run_cli
from tests.drafts import make_draft

DOCUMENT = "word/document.xml"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE w:document [\n<!ENTITY a "laughlaughlaughlaugh">\n'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(9))
    + f"]>\n<w:document {W}><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>"
)
EXTERNAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    f"<w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory, library: Library) -> Path:
    folder = tmp_path_factory.mktemp("draft")
    return make_draft(ROOT / "examples" / "mou-skills-dialogue.yaml", library, folder).path


def with_member(draft: Path, target: Path, name: str, data: bytes | None) -> Path:
    """Write `draft` with member `name` replaced by `data` (removed when None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            if info.filename != name:
                copy.writestr(info.filename, source.read(info.filename))
        if data is not None:
            copy.writestr(name, data)
    target.write_bytes(out.getvalue())
    return target


def zip_bomb(draft: Path, target: Path, size: int) -> Path:
    """Write `draft` with a main part of `size` bytes of spaces (a few hundred kB packed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            if info.filename != DOCUMENT:
                copy.writestr(info.filename, source.read(info.filename))
        with copy.open(DOCUMENT, "w", force_zip64=True) as stream:
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                stream.write(chunk)
    target.write_bytes(out.getvalue())
    return target


def lying_sizes(bomb: Path, target: Path) -> Path:
    """Write `bomb` with its main part declaring 1,000 bytes in the central directory
    (what zip readers trust), so only a reader that checks what it inflates notices."""
    data = bytearray(bomb.read_bytes())
    at = data.rfind(b"PK\x01\x02")
    while at >= 0:
        if bytes(data[at + 46 : at + 46 + len(DOCUMENT)]) == DOCUMENT.encode():
            struct.pack_into("<I", data, at + 24, 1000)
            break
        at = data.rfind(b"PK\x01\x02", 0, at)
    target.write_bytes(bytes(data))
    return target


def hostile_files(draft: Path, folder: Path) -> dict[str, tuple[Path, str]]:
    """Return each hostile file with the end of the message that refuses it."""
    bomb = zip_bomb(draft, folder / "bomb.docx", 60 << 20)
    many = folder / "many.docx"
    with zipfile.ZipFile(many, "w") as archive:
        archive.writestr(DOCUMENT, f"<w:document {W}/>")
        for index in range(6000):
            archive.writestr(f"x/{index}", b"")
    huge = folder / "huge.docx"
    with huge.open("wb") as stream:
        stream.truncate(60_000_000)
    utf16 = LAUGHS.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')

    def member(name: str, part: str, data: bytes | None) -> Path:
        return with_member(draft, folder / f"{name}.docx", part, data)

    refused = "refused (it could expand without bound)"
    return {
        "not a zip": (
            _text(folder / "x.docx", "not a zip"),
            "not a Word document (File is not a zip file)",
        ),
        "no main part": (member("empty", DOCUMENT, None), f"not a Word document (no {DOCUMENT})"),
        "zip bomb": (
            bomb,
            f"{DOCUMENT}: inflates to 62,914,560 bytes, more than the 40,000,000 a Word part "
            "may hold; refused",
        ),
        "lying sizes": (
            lying_sizes(bomb, folder / "lying.docx"),
            f"{DOCUMENT}: cannot be inflated (Bad CRC-32 for file '{DOCUMENT}')",
        ),
        "entity expansion": (
            member("laughs", DOCUMENT, LAUGHS.encode()),
            f"{DOCUMENT}: declares a document type or entities, which no Word part does; {refused}",
        ),
        "external entity": (
            member("external", DOCUMENT, EXTERNAL.encode()),
            f"{DOCUMENT}: declares a document type or entities",
        ),
        "entities in UTF-16": (
            member("utf16", DOCUMENT, utf16.encode("utf-16")),
            f"{DOCUMENT}: declares entities that expand without bound; refused",
        ),
        "huge custom part": (
            member("custom", "docProps/custom.xml", b" " * 6_000_000),
            "docProps/custom.xml: inflates to 6,000,000 bytes, more than the 5,000,000 a Word "
            "part may hold; refused",
        ),
        "malformed XML": (
            member("malformed", DOCUMENT, b"<w:document"),
            f"{DOCUMENT}: is not well-formed XML",
        ),
        "too many members": (many, "not a Word document (a zip of 6,001 members)"),
        "too many paragraphs": (
            member(
                "paragraphs",
                DOCUMENT,
                f"<w:document {W}><w:body>{'<w:p/>' * 25_000}</w:body></w:document>".encode(),
            ),
            "holds 25,000 paragraphs and rows, more than the 20,000 of any agreement; refused",
        ),
        "too large": (huge, "larger than 50,000,000 bytes; not a draft"),
    }


def _text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile(draft: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return hostile_files(draft, tmp_path_factory.mktemp("hostile"))


CASES = [
    "not a zip",
    "no main part",
    "zip bomb",
    "lying sizes",
    "entity expansion",
    "external entity",
    "entities in UTF-16",
    "huge custom part",
    "malformed XML",
    "too many members",
    "too many paragraphs",
    "too large",
]


@pytest.mark.parametrize("case", CASES)
def test_the_engine_refuses_a_hostile_file_quickly(
    case: str, hostile: dict[str, tuple[Path, str]], library: Library
) -> None:
    path, message = hostile[case]
    started = time.perf_counter()
    with pytest.raises(UnreadableDocumentError) as caught:
        review_returned(path, library, search=[])
    assert time.perf_counter() - started < 5
    assert str(caught.value).startswith(f"{path}")
    assert message in str(caught.value)


CLI_CASES = [
    ("review-returned", "zip bomb"),
    ("review-returned", "entity expansion"),
    ("review-returned", "huge custom part"),
    ("review-returned", "not a zip"),
    # inspect reads only the custom properties: a bomb elsewhere is never inflated.
    ("inspect", "huge custom part"),
    ("inspect", "not a zip"),
    ("inspect", "too many members"),
    ("inspect", "too large"),
]


@pytest.mark.parametrize(("command", "case"), CLI_CASES)
def test_the_cli_refuses_a_hostile_file_with_exit_2(
    command: str, case: str, hostile: dict[str, tuple[Path, str]]
) -> None:
    path, message = hostile[case]
    result = run_cli(command, str(path))
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"Error: {path}")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("review-returned", str(tmp_path / "nope.docx"))
    assert (result.returncode, result.stderr) == (
        2,
        f"Error: {tmp_path / 'nope.docx'}: no such file\n",
    )


def test_a_document_type_past_the_first_bytes_is_still_refused() -> None:
    padding = '<?xml version="1.0"?>\n' + " " * 5000
    small = EXTERNAL.replace('<?xml version="1.0"?>\n', padding).replace("&x;", "x")
    with pytest.raises(UnreadableDocumentError, match=r"^late\.xml: declares a document type, "):
        parse_xml(small.encode(), "late.xml")
    laughs = LAUGHS.replace('<?xml version="1.0"?>\n', padding)
    with pytest.raises(UnreadableDocumentError, match=r"^late\.xml: declares entities that expand"):
        parse_xml(laughs.encode(), "late.xml")
