"""Batch generation: many specs in parallel, failures isolated, a summary, one PDF run."""

from __future__ import annotations

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
    assert lines[0].split() == ["spec", "result", "output", "or", "problem"]
    assert lines[-1] == f"{len(EXAMPLES) + 1} spec(s): {len(EXAMPLES)} written, 1 failed"
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
    assert (
        f"FAILED  would write {out}/ILO-MOU-2026-008.docx, which {first} writes too"
    ) in result.stdout
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
            ["examples", "--out-dir", "/nonexistent"],
            "Error: /nonexistent: output folder does not exist; create it first",
        ),
        (["examples/zz*.yaml"], "Error: examples/zz*.yaml: no file matches this pattern"),
    ],
)
def test_batch_usage_errors(argv: list[str], message: str) -> None:
    result = run_cli("generate", *argv)
    assert result.returncode == 2
    assert result.stderr.strip() == message


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
