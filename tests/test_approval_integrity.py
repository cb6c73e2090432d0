"""Approvals that cannot be lost, recorded wrongly, or forged.

Concurrent reviewers approving different clauses all keep their approval; a clause file
that changes while it is approved is not recorded; a changed text needs a new version; and
with `signed_approvals`, an approval counts only when signed by an allowed reviewer's SSH
key, so a hand-edited lock file is detected by status and refused by generate."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from agreements.clauses.load import load_library
from agreements.errors import UsageError
from agreements.review.approvals import approve, lock_path, read_lock
from agreements.review.canonical import clause_text, text_hash
from tests.conftest import ROOT, run_cli

SPEC = ROOT / "examples/better-work-brands.yaml"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    shutil.copytree(ROOT / "clauses", folder / "clauses")
    shutil.copytree(ROOT / "templates", folder / "templates")
    return folder


def _notes(library: Path) -> dict[str, str | None]:
    lock = read_lock(load_library(library))
    return {cid: entry.current.note for cid, entry in lock.clauses.items()}


def test_concurrent_approvals_of_different_clauses_are_all_kept(library: Path) -> None:
    chosen = ["audit", "survival", "notices", "amendment", "termination", "confidentiality"]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "agreements",
                "clauses",
                "approve",
                cid,
                "--by",
                "Legal",
                "--note",
                f"note for {cid}",
                "--library",
                str(library),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for cid in chosen
    ]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read() if process.stderr else ""
    notes = _notes(library)
    assert {cid: notes[cid] for cid in chosen} == {cid: f"note for {cid}" for cid in chosen}


def test_a_clause_file_changed_while_approving_is_not_recorded(library: Path) -> None:
    loaded = load_library(library)
    before = lock_path(loaded).read_bytes()
    path = loaded.clauses["survival"].path
    path.write_text(path.read_text(encoding="utf-8")[:200], encoding="utf-8")  # mid-save
    with pytest.raises(UsageError, match="changed while it was being approved"):
        approve(loaded, ["survival"], "Legal", None, dt.date(2026, 11, 25), {})
    assert lock_path(loaded).read_bytes() == before


def test_a_changed_text_needs_a_new_version_before_approval(library: Path) -> None:
    path = library / "clauses/final/survival.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["text"]["en"] = data["text"]["en"].replace("accrued", "arisen")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_cli("clauses", "approve", "survival", "--by", "Legal", "--library", str(library))
    assert result.returncode == 2
    assert (
        f"the English text of 'survival' changed since version {data['version']} was approved, "
        f"but its version is still {data['version']}: set `version: {data['version'] + 1}`"
    ) in result.stderr
    data["version"] += 1
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_cli("clauses", "approve", "survival", "--by", "Legal", "--library", str(library))
    assert result.returncode == 0, result.stderr


def _keypair(folder: Path, name: str) -> tuple[Path, str]:
    key = folder / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True
    )
    return key, (folder / f"{name}.pub").read_text(encoding="ascii").strip()


def _forge(library: Path, clause_id: str) -> None:
    """Edit a clause and the lock file by hand: new text, its recomputed hash."""
    loaded = load_library(library)
    path = loaded.clauses[clause_id].path
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["text"]["en"] = data["text"]["en"].rstrip() + " The Partner may disclose anything."
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = clause_text(load_library(library).clauses[clause_id].clause, "en")
    lock = yaml.safe_load(lock_path(loaded).read_text(encoding="utf-8"))
    entry = lock["clauses"][clause_id]["current"]["languages"]["en"]
    entry["text"], entry["sha256"] = text, text_hash(text)
    lock_path(loaded).write_text(yaml.safe_dump(lock, allow_unicode=True), encoding="utf-8")


def test_signed_approvals_detect_a_hand_edited_lock_file(library: Path, tmp_path: Path) -> None:
    key, public = _keypair(tmp_path, "reviewer")
    stranger, _ = _keypair(tmp_path, "stranger")
    (library / "clauses/allowed_signers").write_text(f"legal@ilo.org {public}\n", encoding="utf-8")
    settings = library / "clauses/settings.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "\nsigned_approvals: true\n", encoding="utf-8"
    )
    status = run_cli(
        "clauses", "status", "--library", str(library), "--format", "json", "--language", "en"
    )
    assert {row["status"] for row in yaml.safe_load(status.stdout)} == {
        "approval signature not verified"
    }
    refused = run_cli(
        "generate", "--library", str(library), str(SPEC), "-o", str(tmp_path / "a.docx")
    )
    assert refused.returncode == 1 and "approval signature not verified" in refused.stderr

    signed = run_cli(
        "clauses",
        "approve",
        "--all",
        "--by",
        "Legal Office",
        "--sign-with",
        str(key),
        "--signer",
        "legal@ilo.org",
        "--library",
        str(library),
    )
    assert signed.returncode == 0, signed.stderr
    status = run_cli(
        "clauses", "status", "--library", str(library), "--format", "json", "--language", "en"
    )
    rows = yaml.safe_load(status.stdout)
    assert {row["status"] for row in rows} == {"approved"}
    assert all(row["approved"].endswith("signed by legal@ilo.org") for row in rows)
    made = run_cli("generate", "--library", str(library), str(SPEC), "-o", str(tmp_path / "b.docx"))
    assert made.returncode == 0, made.stderr

    _forge(library, "survival")
    rows = yaml.safe_load(
        run_cli(
            "clauses", "status", "--library", str(library), "--format", "json", "--language", "en"
        ).stdout
    )
    assert [r["id"] for r in rows if r["status"] != "approved"] == ["survival"]
    forged = run_cli(
        "generate", "--library", str(library), str(SPEC), "-o", str(tmp_path / "c.docx")
    )
    assert forged.returncode == 1
    assert "survival (approval signature not verified)" in forged.stderr
    assert not (tmp_path / "c.docx").exists()

    # A signature by a key the library does not list is no better than none.
    by_stranger = run_cli(
        "clauses",
        "approve",
        "survival",
        "--by",
        "Someone",
        "--sign-with",
        str(stranger),
        "--signer",
        "legal@ilo.org",
        "--library",
        str(library),
    )
    assert by_stranger.returncode == 0, by_stranger.stderr
    rows = yaml.safe_load(
        run_cli(
            "clauses", "status", "--library", str(library), "--format", "json", "--language", "en"
        ).stdout
    )
    assert [r["id"] for r in rows if r["status"] != "approved"] == ["survival"]
