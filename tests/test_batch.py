"""Batch generation: many specs in parallel, failures isolated, a summary, one PDF run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, run_cli


def test_a_folder_of_specs_is_drafted_and_one_failure_does_not_stop_the_rest(
    tmp_path: Path,
) -> None:
    result = run_cli(
        "generate", "examples", "tests/data/rules/P10.yaml", "--out-dir", str(tmp_path), timeout=300
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["spec", "result", "draft,", "or", "the", "problem"]
    assert lines[-1] == f"{len(EXAMPLES) + 1} specs: {len(EXAMPLES)} written, 1 failed"
    failed = [line for line in lines if " FAILED " in line]
    assert len(failed) == 1 and "error P10" in failed[0]
    assert len(list(tmp_path.glob("*.docx"))) == len(EXAMPLES)
    assert result.stderr == ""  # no progress bar when not on a terminal


def test_glob_patterns_are_expanded(tmp_path: Path) -> None:
    result = run_cli(
        "generate", "examples/mou-*.yaml", "examples/bp-*.yaml", "--out-dir", str(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ILO-MOU-2026-008.docx",
        "ILO-PPP-2026-047.docx",
    ]


def test_the_same_output_named_twice_is_refused(tmp_path: Path) -> None:
    first = tmp_path / "a.yaml"
    second = tmp_path / "b.yaml"
    shutil.copyfile(ROOT / "examples/mou-skills-dialogue.yaml", first)
    shutil.copyfile(ROOT / "examples/mou-skills-dialogue.yaml", second)
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli("generate", str(first), str(second), "--out-dir", str(out))
    assert result.returncode == 1
    said = " ".join(result.stdout.split())  # the problem is wrapped to fit 80 columns
    assert f"FAILED would write {out}/ILO-MOU-2026-008.docx, which {first} writes too" in said
    assert [p.name for p in out.iterdir()] == ["ILO-MOU-2026-008.docx"]


def test_existing_drafts_are_kept_without_force(tmp_path: Path) -> None:
    kept = tmp_path / "ILO-MOU-2026-008.docx"
    kept.write_bytes(b"edited by a lawyer")
    result = run_cli(
        "generate",
        "examples/mou-skills-dialogue.yaml",
        "examples/bp-west-papua-youth.yaml",
        "--out-dir",
        str(tmp_path),
    )
    assert result.returncode == 1
    assert "already exists; pass --force to overwrite it" in result.stdout
    assert kept.read_bytes() == b"edited by a lawyer"
    assert (tmp_path / "ILO-PPP-2026-047.docx").is_file()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["examples", "-o", "x.docx"],
            "Error: -o names the draft of one spec; use --out-dir for several",
        ),
        (
            ["examples", "--out-dir", "README.md/drafts"],
            "Error: README.md/drafts: not a directory",
        ),
        (["examples/zz*.yaml"], "Error: examples/zz*.yaml: no file matches this pattern"),
    ],
)
def test_batch_usage_errors(argv: list[str], message: str) -> None:
    result = run_cli("generate", *argv)
    assert result.returncode == 2
    assert result.stderr.strip() == message


def test_a_missing_output_folder_is_created(tmp_path: Path) -> None:
    target = tmp_path / "new" / "drafts"
    result = run_cli(
        "generate",
        "examples/mou-skills-dialogue.yaml",
        "examples/bp-west-papua-youth.yaml",
        "--out-dir",
        str(target),
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in target.iterdir()) == [
        "ILO-MOU-2026-008.docx",
        "ILO-PPP-2026-047.docx",
    ]


def test_the_batch_summary_fits_80_columns_and_has_a_json_form(tmp_path: Path) -> None:
    broken = tmp_path / "specs"
    broken.mkdir()
    for spec in EXAMPLES[:2]:
        (broken / spec.name).write_bytes(spec.read_bytes())
    (broken / "spec-10.yaml").write_text("agreement: {}\n", encoding="utf-8")
    (broken / "spec-2.yaml").write_text("agreement: {}\n", encoding="utf-8")
    result = run_cli("generate", str(broken), "--out-dir", str(tmp_path / "out"))
    assert result.returncode == 1
    table = result.stdout.splitlines()
    assert max(len(line) for line in table) <= 80
    names = [line.split()[0] for line in table[1:] if line and not line.startswith(" ")][:-1]
    shown = [n if len(n) <= 28 else n[:27] + "\u2026" for n in sorted(s.name for s in EXAMPLES[:2])]
    assert names == [*shown, "spec-2.yaml", "spec-10.yaml"]  # long names cut, natural order
    assert table[-1] == "4 specs: 2 written, 2 failed"
    as_json = run_cli(
        "generate", str(broken), "--out-dir", str(tmp_path / "out2"), "--format", "json"
    )
    rows = json.loads(as_json.stdout)
    assert [(Path(r["spec"]).name, r["result"]) for r in rows] == [
        *((s.name, "ok") for s in sorted(EXAMPLES[:2])),
        ("spec-2.yaml", "failed"),
        ("spec-10.yaml", "failed"),
    ]


def test_a_batch_converts_all_pdfs_in_one_libreoffice_run(tmp_path: Path) -> None:
    from tests.test_generate import _require_soffice

    _require_soffice()
    result = run_cli(
        "generate",
        "examples/mou-skills-dialogue.yaml",
        "examples/bp-west-papua-youth.yaml",
        "--out-dir",
        str(tmp_path),
        "--pdf",
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pdfs = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert pdfs == ["ILO-MOU-2026-008.pdf", "ILO-PPP-2026-047.pdf"]
    assert all((tmp_path / p).read_bytes().startswith(b"%PDF") for p in pdfs)
