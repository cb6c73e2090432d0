"""Approvals per language: a reviewer approves one language, translations fall out of date."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from agreements.clauses.load import load_library
from agreements.review.approvals import lock_path, read_lock
from tests.conftest import ROOT, run_cli

BILINGUAL = ROOT / "tests" / "data" / "lint" / "bilingual"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The bilingual lint fixture (English and French) with the shipped templates."""
    root = tmp_path / "library"
    shutil.copytree(BILINGUAL, root)
    shutil.copytree(ROOT / "templates", root / "templates")
    return root


def _approve(library: Path, *args: str) -> str:
    result = run_cli("clauses", "approve", *args, "--library", str(library))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _statuses(library: Path) -> dict[tuple[str, str], str]:
    result = run_cli("clauses", "status", "--format", "json", "--library", str(library))
    assert result.returncode == 0, result.stderr
    return {(r["id"], r["language"]): r["status"] for r in json.loads(result.stdout)}


def _edit_english(library: Path, old: str, new: str, version: int) -> None:
    path = library / "clauses/core/alpha.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new).replace("version: 1", f"version: {version}")
    path.write_text(text, encoding="utf-8")


def test_approve_records_english_only_unless_a_language_is_named(library: Path) -> None:
    said = _approve(library, "--all", "--by", "Legal Office")
    assert said == "approved 2 clauses in en: alpha, beta"
    assert _statuses(library) == {
        ("alpha", "en"): "approved",
        ("alpha", "fr"): "never approved",
        ("beta", "en"): "approved",
        ("beta", "fr"): "never approved",
    }
    said = _approve(library, "alpha", "--language", "fr", "--by", "Service juridique")
    assert said == "approved 1 clause in fr: alpha"
    assert _statuses(library)[("alpha", "fr")] == "approved"
    assert _statuses(library)[("beta", "fr")] == "never approved"
    entry = read_lock(load_library(library)).clauses["alpha"]
    assert set(entry.current.languages) == {"fr"}
    assert entry.current.approved_by == "Service juridique"
    assert [set(a.languages) for a in entry.earlier] == [{"en"}]
    assert entry.earlier[0].approved_by == "Legal Office"


def test_status_rows_give_each_language_its_own_approval(library: Path) -> None:
    _approve(library, "--all", "--by", "Legal Office")
    _approve(library, "alpha", "--language", "fr", "--by", "Service juridique")
    result = run_cli("clauses", "status", "--language", "fr", "--library", str(library))
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["alpha", "v1", "fr", "approved"]
    assert lines[0].endswith("by Service juridique on " + lines[0].rsplit(" ", 1)[-1])
    assert lines[1].split()[:3] == ["beta", "v1", "fr"]
    assert "never approved" in lines[1]
    assert len(lines) == 3  # two rows and the count


def test_approving_a_language_the_clause_lacks_is_refused(library: Path) -> None:
    path = library / "clauses/core/beta.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["text"]["fr"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    refused = run_cli(
        "clauses", "approve", "beta", "--language", "fr", "--by", "X", "--library", str(library)
    )
    assert refused.returncode == 2
    assert refused.stderr == (
        "Error: 'beta' has no 'fr' text to approve; add text.fr to the clause file first\n"
    )
    unknown = run_cli(
        "clauses", "approve", "beta", "--language", "es", "--by", "X", "--library", str(library)
    )
    assert unknown.returncode == 2
    assert unknown.stderr == "Error: the library has no language 'es'; its languages: en, fr\n"
    # --all approves the French of every clause that has one.
    assert _approve(library, "--all", "--language", "fr", "--by", "X") == (
        "approved 1 clause in fr: alpha"
    )


def test_a_faulty_translation_blocks_its_own_approval_only(library: Path) -> None:
    path = library / "clauses/core/beta.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{{ ref('alpha') }}", "{{ ref('beta') }}"), encoding="utf-8")
    _approve(library, "beta", "--by", "Legal Office")
    refused = run_cli(
        "clauses", "approve", "beta", "--language", "fr", "--by", "X", "--library", str(library)
    )
    assert refused.returncode == 2
    assert (
        "refusing to approve clauses that fail lint (beta: L19 cites other articles or annexes "
        "than the English: lacks ref('alpha'); adds ref('beta'))"
    ) in refused.stderr


def test_a_translation_approved_before_the_english_is_out_of_date(library: Path) -> None:
    _approve(library, "--all", "--by", "Legal Office")
    _approve(library, "--all", "--language", "fr", "--by", "Service juridique")
    _edit_english(library, "is made between", "is concluded between", version=2)
    assert _statuses(library)[("alpha", "en")] == "changed since approval"
    # Before the English is approved again, the French is merely changed, not out of date.
    assert _statuses(library)[("alpha", "fr")] == "changed since approval"
    _approve(library, "alpha", "--by", "Legal Office")
    assert _statuses(library)[("alpha", "fr")] == "translation out of date"
    lint = run_cli("clauses", "lint", "--library", str(library))
    assert lint.returncode == 1
    assert lint.stdout.splitlines()[:2] == [
        f"{library}/clauses/core/alpha.yaml:12:7: error L26 text.fr: the French text was "
        "approved at version 1, before the English text's approval at version 2: the "
        "translation is out of date",
        "    fix: review the French text against the English, then `agreements clauses "
        "approve alpha --language fr --by NAME`",
    ]
    _approve(library, "alpha", "--language", "fr", "--by", "Service juridique")
    assert _statuses(library)[("alpha", "fr")] == "approved"
    assert run_cli("clauses", "lint", "--library", str(library)).returncode == 0


def _pack_xml(library: Path, tmp_path: Path, *args: str) -> str:
    pack = tmp_path / "pack.docx"
    result = run_cli(
        "clauses", "review-pack", "-o", str(pack), "--force", *args, "--library", str(library)
    )
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(pack) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_a_review_pack_in_one_language_shows_its_text_and_redline(
    library: Path, tmp_path: Path
) -> None:
    _approve(library, "--all", "--by", "Legal Office")
    _approve(library, "--all", "--language", "fr", "--by", "Service juridique")
    path = library / "clauses/core/alpha.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("est conclu entre", "est passé entre").replace("version: 1", "version: 2"),
        encoding="utf-8",
    )
    xml = _pack_xml(library, tmp_path, "--language", "fr", "--changed")
    deleted = re.findall(r"<w:delText[^>]*>([^<]*)</w:delText>", xml)
    inserted = re.findall(r"<w:ins [^>]*><w:r><w:t[^>]*>([^<]*)</w:t>", xml)
    assert (deleted, inserted) == (["conclu"], ["passé"])
    assert "Text (fr): changes since the last approval" in xml
    assert "Text (en)" not in xml
    assert "is made between" not in xml
    assert "v1, Service juridique" in xml
    assert "Legal Office" not in xml


def test_signed_approvals_are_verified_per_language(library: Path, tmp_path: Path) -> None:
    keys = {}
    for name in ("legal", "juridique"):
        key = tmp_path / name
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)],
            check=True,
        )
        keys[name] = (key, (tmp_path / f"{name}.pub").read_text(encoding="ascii").strip())
    (library / "clauses/allowed_signers").write_text(
        "".join(f"{name}@ilo.org {public}\n" for name, (_, public) in keys.items()),
        encoding="utf-8",
    )
    settings = library / "clauses/settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "signed_approvals: true\n")
    for name, language in (("legal", "en"), ("juridique", "fr")):
        _approve(library, "--all", "--by", name, "--language", language,
                 "--sign-with", str(keys[name][0]), "--signer", f"{name}@ilo.org")  # fmt: skip
    assert set(_statuses(library).values()) == {"approved"}
    # Each language's signature covers its own text: moving the French approval's signature
    # onto the English one does not verify.
    lock = lock_path(load_library(library))
    data = yaml.safe_load(lock.read_text(encoding="utf-8"))
    entry = data["clauses"]["alpha"]
    french = entry["current"]["languages"]["fr"]
    entry["earlier"][0]["languages"]["en"]["signature"] = french["signature"]
    lock.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    statuses = _statuses(library)
    assert statuses[("alpha", "en")] == "approval signature not verified"
    assert statuses[("alpha", "fr")] == "approved"
