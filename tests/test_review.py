"""Legal review: approvals, statuses, review packs with tracked changes, draft policy."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from agreements.clauses.load import load_library
from agreements.review.approvals import dump_lock, lock_path, read_lock
from tests.conftest import ROOT, run_cli
from tests.drafts import assert_audit_clean

CLAUSE = "clauses/final/termination-for-cause.yaml"
OLD = "a material breach of it and fails"
NEW = "a serious and persistent breach of it and fails"
SPEC = "examples/bp-west-papua-youth.yaml"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A copy of the shipped library (approved) that a test may edit."""
    root = tmp_path / "library"
    shutil.copytree(ROOT / "clauses", root / "clauses")
    shutil.copytree(ROOT / "templates", root / "templates")
    return root


def _edit(library: Path) -> None:
    path = library / CLAUSE
    text = path.read_text(encoding="utf-8")
    assert OLD in text
    path.write_text(text.replace(OLD, NEW), encoding="utf-8")


def _status(library: Path) -> dict[str, str]:
    result = run_cli(
        "clauses", "status", "--format", "json", "--language", "en", "--library", str(library)
    )
    assert result.returncode == 0, result.stderr
    return {row["id"]: row["status"] for row in json.loads(result.stdout)}


def _xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_shipped_library_is_approved() -> None:
    statuses = _status(ROOT)
    assert set(statuses.values()) == {"approved"}
    assert len(statuses) == len(load_library().clauses)


def test_approve_edit_review_reapprove(library: Path, tmp_path: Path) -> None:
    _edit(library)
    assert _status(library)["termination-for-cause"] == "changed since approval"
    assert list(_status(library).values()).count("changed since approval") == 1

    pack = tmp_path / "pack.docx"
    result = run_cli(
        "clauses", "review-pack", "--changed", "-o", str(pack), "--library", str(library)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {pack} (1 clauses)"
    xml = _xml(pack)
    deleted = re.findall(r"<w:del [^>]*><w:r><w:delText[^>]*>([^<]*)</w:delText>", xml)
    inserted = re.findall(r"<w:ins [^>]*><w:r><w:t[^>]*>([^<]*)</w:t>", xml)
    assert deleted == ["material"]
    assert inserted == ["serious and persistent"]
    assert 'w:author="Changes since approval"' in xml
    assert "when the instrument is not a memorandum of understanding" in xml

    assert_audit_clean(pack)

    refused = run_cli(
        "clauses",
        "approve",
        "termination-for-cause",
        "--by",
        "A. Reviewer",
        "--library",
        str(library),
    )
    assert refused.returncode == 2  # the text changed, the version did not
    path = library / CLAUSE
    version = int(re.search(r"^version: (\d+)$", path.read_text(encoding="utf-8"), re.M)[1])
    assert f"set `version: {version + 1}` in the clause file" in refused.stderr
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            f"version: {version}\n", f"version: {version + 1}\n", 1
        ),
        encoding="utf-8",
    )
    again = run_cli(
        "clauses",
        "approve",
        "termination-for-cause",
        "--by",
        "A. Reviewer",
        "--note",
        "Cure period extended.",
        "--library",
        str(library),
    )
    assert again.returncode == 0, again.stderr
    assert set(_status(library).values()) == {"approved"}
    lock = read_lock(load_library(library))
    entry = lock.clauses["termination-for-cause"]
    assert entry.current.approved_by == "A. Reviewer"
    assert entry.current.note == "Cure period extended."
    assert NEW in entry.current.languages["en"].text
    # The English approval before this one (approvals of other languages may come between).
    previous = next(a for a in entry.earlier if "en" in a.languages)
    assert OLD in previous.languages["en"].text


def test_review_pack_is_deterministic_and_opens_in_libreoffice(
    library: Path, tmp_path: Path
) -> None:
    _edit(library)
    for name in ("a.docx", "b.docx"):
        run_cli(
            "clauses",
            "review-pack",
            "--changed",
            "-o",
            str(tmp_path / name),
            "--library",
            str(library),
        )
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    from tests.test_generate import _require_soffice

    _require_soffice()
    from agreements.pdf import convert_to_pdf

    pdf = convert_to_pdf([tmp_path / "a.docx"], tmp_path)[0]
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "termination-for-cause" in text
    assert "serious and persistent" in text


def test_full_pack_lists_every_clause(library: Path, tmp_path: Path) -> None:
    pack = tmp_path / "all.docx"
    result = run_cli("clauses", "review-pack", "--all", "-o", str(pack), "--library", str(library))
    assert result.returncode == 0
    count = len(load_library(library).clauses)
    assert result.stdout.strip() == f"wrote {pack} ({count} clauses)"
    assert "<w:ins " not in _xml(pack)


def test_a_draft_with_an_unapproved_clause_needs_the_flag(library: Path, tmp_path: Path) -> None:
    _edit(library)
    target = tmp_path / "draft.docx"
    refused = run_cli("generate", SPEC, "-o", str(target), "--library", str(library))
    assert refused.returncode == 1
    assert (
        "the draft would use 1 clause that legal has not approved: "
        "termination-for-cause (changed since approval)"
    ) in refused.stderr
    assert not target.exists()

    allowed = run_cli(
        "generate", SPEC, "-o", str(target), "--library", str(library), "--allow-unapproved"
    )
    assert allowed.returncode == 0, allowed.stderr
    from docx import Document

    document = Document(str(target))
    texts = [p.text for p in document.paragraphs]
    notice = texts.index("Notice: this draft contains clause text that legal has not approved")
    preamble = texts.index("The Parties")
    assert notice < preamble
    listed = [t for t in texts[notice + 1 : preamble] if "termination-for-cause@" in t]
    assert len(listed) == 1 and listed[0].endswith(": changed since approval")
    flagged = [
        p
        for p in document.paragraphs
        if p.style.style_id == "ClauseHeading" and "[not approved by legal]" in p.text
    ]
    assert len(flagged) == 1
    assert flagged[0].runs[-1].style.style_id == "Unapproved"
    inspect = run_cli("inspect", str(target), "--format", "json", "--library", str(library))
    props = json.loads(inspect.stdout)["provenance"]
    statuses = {
        props[k.replace("clause", "approval")]
        for k, v in props.items()
        if v.startswith("termination-for-cause@")
    }
    assert statuses == {"changed since approval"}


def test_approved_drafts_carry_no_notice(tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    assert run_cli("generate", SPEC, "-o", str(target)).returncode == 0
    xml = _xml(target)
    assert "has not approved" not in xml
    assert "Unapproved" not in xml


def test_inspect_lists_changes_since_the_draft_and_writes_a_redline(
    library: Path, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.docx"
    assert run_cli("generate", SPEC, "-o", str(draft), "--library", str(library)).returncode == 0
    unchanged = run_cli("inspect", str(draft), "--library", str(library))
    assert "0 clauses changed since this draft was made" in unchanged.stdout
    _edit(library)
    run_cli(
        "clauses",
        "approve",
        "termination-for-cause",
        "--by",
        "A. Reviewer",
        "--library",
        str(library),
    )
    redline = tmp_path / "redline.docx"
    result = run_cli("inspect", str(draft), "--library", str(library), "--redline", str(redline))
    assert result.returncode == 0, result.stderr
    assert "1 clause changed since this draft was made" in result.stdout
    assert re.search(
        r"Article \d+: termination-for-cause@(\d+) -> @\1 \(text changed since the "
        r"draft was made\)",
        result.stdout,
    )
    xml = _xml(redline)
    assert re.findall(r"<w:delText[^>]*>([^<]*)</w:delText>", xml) == ["material"]
    assert re.findall(r"<w:ins [^>]*><w:r><w:t[^>]*>([^<]*)</w:t>", xml) == [
        "serious and persistent"
    ]


def test_lock_file_round_trips_without_loss() -> None:
    library = load_library()
    text = lock_path(library).read_text(encoding="utf-8")
    assert dump_lock(read_lock(library)) == text


def test_a_hand_edited_lock_file_is_caught(library: Path) -> None:
    path = library / "clauses/approvals.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(OLD, NEW, 1), encoding="utf-8")
    result = run_cli("clauses", "lint", "--library", str(library))
    assert result.returncode == 1
    assert (
        "error L16 clauses.termination-for-cause: the approved en text of "
        "'termination-for-cause' does not match its recorded hash (edited by hand)"
    ) in result.stdout


def test_a_broken_lock_file_is_one_clear_error(library: Path) -> None:
    path = library / "clauses/approvals.yaml"
    path.write_text("clauses: [1, 2]\n", encoding="utf-8")
    result = run_cli("clauses", "status", "--library", str(library))
    assert result.returncode == 1
    assert "must not be edited by hand" in result.stderr
    assert "Traceback" not in result.stderr


def test_approve_refuses_a_clause_that_fails_lint(library: Path) -> None:
    path = library / CLAUSE
    path.write_text(
        path.read_text(encoding="utf-8").replace("[[Party]]", "[[Widget]]", 1), encoding="utf-8"
    )
    before = (library / "clauses/approvals.yaml").read_bytes()
    result = run_cli(
        "clauses", "approve", "termination-for-cause", "--by", "X", "--library", str(library)
    )
    assert result.returncode == 2
    assert "refusing to approve clauses that fail lint (termination-for-cause: L08" in result.stderr
    assert (library / "clauses/approvals.yaml").read_bytes() == before


def test_approve_needs_names_or_all(library: Path) -> None:
    result = run_cli("clauses", "approve", "--by", "X", "--library", str(library))
    assert result.returncode == 2
    assert result.stderr.strip() == "Error: name the clauses to approve, or pass --all"
    unknown = run_cli("clauses", "approve", "nope", "--by", "X", "--library", str(library))
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == (
        "Error: no clause has the id 'nope'; did you mean 'notices'? "
        "(`agreements clauses list` shows every id)"
    )
