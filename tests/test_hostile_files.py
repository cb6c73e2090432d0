"""Hostile Word files: master templates that call out or bloat every draft, and drafts
given to `inspect` that try to hang it, exhaust its memory or crash it.

Each case runs the real command and expects one clear message, exit code 1 or 2, within
5 s, and no draft written."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli, run_cli_bounded

SPEC = ROOT / "examples/better-work-brands.yaml"
RELS = "word/_rels/document.xml.rels"
EXTERNAL = 'TargetMode="External"'
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _rewrite(source: bytes, change: Callable[[dict[str, bytes]], None]) -> bytes:
    """Return a copy of the zip `source` with its parts changed by `change`."""
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _add_relationship(
    target: str, kind: str, part: str = RELS
) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        rels = parts.get(
            part,
            b'<?xml version="1.0"?><Relationships xmlns="http://schemas'
            b'.openxmlformats.org/package/2006/relationships"></Relationships>',
        )
        rel = f'<Relationship Id="rId9999" Type="{REL_TYPE}/{kind}" Target="{target}" {EXTERNAL}/>'
        parts[part] = rels.replace(b"</Relationships>", rel.encode() + b"</Relationships>")

    return change


def _add_to_body(xml: str) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        doc = parts["word/document.xml"]
        at = doc.rfind(b"<w:sectPr")
        parts["word/document.xml"] = doc[:at] + xml.encode() + doc[at:]

    return change


def _add_part(name: str, size: int) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        parts[name] = bytes(size)

    return change


_W_P = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
HOSTILE_TEMPLATES: dict[str, tuple[Callable[[dict[str, bytes]], None], str]] = {
    "remote image": (
        _add_relationship("http://tracker.example/pixel.png", "image"),
        "links to 'http://tracker.example/pixel.png' outside the file",
    ),
    "tracking hyperlink": (
        _add_relationship("https://tracker.example/?id=42", "hyperlink"),
        "links to 'https://tracker.example/?id=42' outside the file",
    ),
    "OLE object on a UNC path": (
        _add_relationship("\\\\server\\share\\object.bin", "oleObject"),
        "outside the file",
    ),
    "attached template at a URL": (
        _add_relationship(
            "https://templates.example/normal.dotm",
            "attachedTemplate",
            "word/_rels/settings.xml.rels",
        ),
        "links to 'https://templates.example/normal.dotm' outside the file",
    ),
    "INCLUDEPICTURE field": (
        _add_to_body(
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
            'xml:space="preserve"> INCLUDEPICTURE "http://tracker.example/p.png" \\d '
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        ),
        "has a INCLUDEPICTURE field, which fetches content",
    ),
    "huge media part": (
        _add_part("word/media/huge.bin", 600_000_000),
        "word/media/huge.bin: inflates to 600,000,000 bytes, more than the 5,000,000",
    ),
    "media part over the template cap": (
        _add_part("word/media/big.bin", 6_000_000),
        "word/media/big.bin: inflates to 6,000,000 bytes, more than the 5,000,000",
    ),
    "nested loops printing in the template's own Jinja": (
        _add_to_body(
            _W_P.format(
                "".join(f"{{% for {v} in title %}}" for v in "abcdef") + "x" + "{% endfor %}" * 6
            )
        ),
        "the template agreement.docx: evaluating it produced more than 500,000 pieces of text",
    ),
    "nested empty loops in the template's own Jinja": (
        _add_to_body(
            _W_P.format("".join(f"{{% for {v} in title %}}" for v in "abcdef") + "{% endfor %}" * 6)
        ),
        "the template agreement.docx: evaluating it took longer than 2 s",
    ),
    "a gigabyte string in the template's own Jinja": (
        _add_to_body(_W_P.format("{{ 'x' * 1000000000 }}")),
        "repeating a value 1000000000 times is not allowed",
    ),
    "a method call in the template's own Jinja": (
        _add_to_body(_W_P.format("{{ title.__class__ }}")),
        "a template's own fields may not run",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_TEMPLATES))
def test_a_hostile_master_template_is_refused_and_no_draft_is_written(
    case: str, tmp_path: Path
) -> None:
    change, message = HOSTILE_TEMPLATES[case]
    library = tmp_path / "lib"
    shutil.copytree(ROOT / "clauses", library / "clauses")
    shutil.copytree(ROOT / "templates", library / "templates")
    template = library / "templates/agreement.docx"
    template.write_bytes(_rewrite(template.read_bytes(), change))
    draft = tmp_path / "draft.docx"
    result = run_cli_bounded("generate", "--library", str(library), str(SPEC), "-o", str(draft))
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr and "bug in agreements" not in result.stderr
    assert not draft.exists()


def test_the_shipped_template_passes_the_same_checks() -> None:
    from agreements.word.template_check import check_template

    for template in (ROOT / "templates").glob("*.docx"):
        check_template(template.read_bytes(), str(template))  # raises when refused


CUSTOM = "docProps/custom.xml"
_PROPS = (
    '<?xml version="1.0"?>{dtd}<Properties xmlns="http://schemas.openxmlformats.org/'
    'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/'
    'officeDocument/2006/docPropsVTypes">{body}</Properties>'
)


def _property(name: str, value: str, pid: int = 2) -> str:
    return (
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" '
        f'name="{name}"><vt:lpwstr>{value}</vt:lpwstr></property>'
    )


def _props(body: str, dtd: str = "") -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        parts[CUSTOM] = _PROPS.format(dtd=dtd, body=body).encode()

    return change


_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]>"
).replace("&lol0;", "&lol;")

HOSTILE_DRAFTS: dict[str, tuple[Callable[[dict[str, bytes]], None] | None, str]] = {
    "a clause count of a trillion": (
        _props(
            _property("agreements.clause_count", "1000000000000")
            + _property("agreements.language", "en", 3)
        ),
        "0 clause",
    ),
    "a clause count that is not a number": (
        _props(_property("agreements.clause_count", "many")),
        "0 clause",
    ),
    "malformed XML": (_props("<property"), "is not well-formed XML"),
    "entity expansion": (
        _props(_property("agreements.language", "&lol9;"), _LAUGHS),
        "declares a document type or entities, which no Word part does; refused",
    ),
    "an undefined entity": (
        _props(_property("agreements.language", "&nowhere;")),
        "is not well-formed XML (it uses an entity it never defines",
    ),
    "a corrupt deflate stream": (None, "docProps/custom.xml: cannot be inflated"),
}


def _corrupt_deflate(data: bytes) -> bytes:
    """Return the zip with the compressed bytes of docProps/custom.xml scrambled."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(CUSTOM)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    scrambled = bytearray(data)
    for i in range(start, start + min(info.compress_size, 64)):
        scrambled[i] ^= 0x5A
    return bytes(scrambled)


@pytest.mark.parametrize("case", sorted(HOSTILE_DRAFTS))
def test_inspect_answers_a_hostile_draft_with_one_message(
    case: str, tmp_path: Path, example_draft: Path
) -> None:
    change, message = HOSTILE_DRAFTS[case]
    data = example_draft.read_bytes()
    hostile = tmp_path / "hostile.docx"
    hostile.write_bytes(_rewrite(data, change) if change else _corrupt_deflate(data))
    result = run_cli_bounded("inspect", str(hostile))
    assert result.returncode in (0, 2), result.stdout + result.stderr
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "bug in agreements" not in result.stderr


@pytest.fixture(scope="module")
def example_draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("draft")
    result = run_cli("generate", str(SPEC), "-o", str(folder / "draft.docx"))
    assert result.returncode == 0, result.stderr
    return folder / "draft.docx"
