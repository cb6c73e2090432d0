"""`agreements register` as a partnership manager uses it: exit codes and exact messages."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from agreements.build import build
from agreements.clauses.load import load_library
from tests.conftest import ENGLISH_EXAMPLES as EXAMPLES
from tests.conftest import ROOT, run_cli
from tests.registers import example_specs, expected_due

SPECS = example_specs()
SIGNED = "ILO-PPP-2026-047"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Return the drafts of the nine examples, written once for the module."""
    folder = tmp_path_factory.mktemp("drafts")
    library = load_library()
    return [build(spec, library, folder / f"{spec.stem}.docx").outputs.docx for spec in EXAMPLES]


@pytest.fixture
def registered(register_url: str, drafts: list[Path], monkeypatch: pytest.MonkeyPatch) -> str:
    """Return a register (SQLite, then PostgreSQL) holding the nine examples and their
    drafts; AGREEMENTS_REGISTER names it."""
    monkeypatch.setenv("AGREEMENTS_REGISTER", register_url)
    result = run_cli("register", "add", *(str(p) for p in EXAMPLES), *(str(d) for d in drafts))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": added (version 1, status draft)") == 9
    return register_url


def test_generate_records_what_it_writes(
    register_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGREEMENTS_REGISTER", register_url)
    result = run_cli("generate", "examples", "--out-dir", str(tmp_path), "--register", timeout=300)
    assert result.returncode == 0, result.stderr
    for spec in SPECS:
        assert f"register: {spec['agreement']['reference']} added (version 1)" in result.stdout
    one = run_cli("generate", str(EXAMPLES[0]), "-o", str(tmp_path / "again.docx"), "--register")
    reference = SPECS[0]["agreement"]["reference"]
    assert one.stdout.endswith(f"register: {reference} unchanged (version 1)\n"), one.stderr
    shown = run_cli("register", "show", reference)
    assert f"draft {reference}.docx" in shown.stdout or "draft again.docx" in shown.stdout


def test_list_in_three_formats(registered: str) -> None:
    table = run_cli("register", "list")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == [
        *("reference", "kind", "status", "signature", "date", "end", "date", "partners", "title")
    ]
    assert lines[-1] == "9 agreements"
    rows = json.loads(run_cli("register", "list", "--format", "json").stdout)
    assert sorted(r["reference"] for r in rows) == sorted(
        s["agreement"]["reference"] for s in SPECS
    )
    csv = run_cli("register", "list", "--format", "csv", "--kind", "mou").stdout.splitlines()
    assert csv[0] == (
        "reference,title,kind,status,status_on,signature_date,start_date,end_date,version,"
        "partners,countries"
    )
    assert csv[1].startswith("ILO-MOU-2026-008,Memorandum of Understanding on Employer Engagement")
    assert len(csv) == 2


def test_status_then_show(registered: str) -> None:
    changed = run_cli("register", "status", SIGNED, "signed", "--on", "2026-06-01", "--by", "K. B")
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout == f"{SIGNED}: signed on 2026-06-01 recorded\n"
    again = run_cli("register", "status", SIGNED, "signed", "--on", "2026-06-01", "--by", "K. B")
    assert again.stdout == f"{SIGNED}: signed on 2026-06-01 already recorded\n"
    shown = run_cli("register", "show", SIGNED)
    assert shown.returncode == 0, shown.stderr
    assert "status signed since 2026-06-01, version 1" in shown.stdout
    assert "  2026-06-01  signed  by K. B (version 1)" in shown.stdout
    assert "  BP: financial, USD 1,250,000.00 to ILO" in shown.stdout
    only = run_cli("register", "list", "--status", "signed", "--format", "json")
    assert [r["reference"] for r in json.loads(only.stdout)] == [SIGNED]


def test_due_as_json(registered: str) -> None:
    result = run_cli(
        "register", "due", "--today", "2026-09-01", "--within", "120", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    got = [
        (dt.date.fromisoformat(i["date"]), i["what"], tuple(sorted(i["references"])))
        for i in json.loads(result.stdout)
    ]
    assert got == expected_due(SPECS, dt.date(2026, 9, 1), 120)


def test_adding_the_same_files_again_is_one_record(registered: str, drafts: list[Path]) -> None:
    result = run_cli("register", "add", *(str(p) for p in EXAMPLES), *(str(d) for d in drafts))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": unchanged (version 1)") == 9


def test_report_is_not_overwritten_without_force(registered: str, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    first = run_cli("register", "report", "-o", str(target), "--today", "2026-09-01")
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"wrote {target}\n"
    target.write_text("mine", encoding="utf-8")
    again = run_cli("register", "report", "-o", str(target))
    assert again.returncode == 2
    assert again.stderr == f"Error: {target}: already exists; pass --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "mine"
    forced = run_cli("register", "report", "-o", str(target), "--force")
    assert forced.returncode == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_invalid_spec_writes_nothing(tmp_path: Path) -> None:
    register = tmp_path / "register.sqlite"
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        EXAMPLES[0].read_text(encoding="utf-8").replace("\n  place:", "\n  plaec:", 1),
        encoding="utf-8",
    )
    result = run_cli("register", "add", "--register", str(register), str(EXAMPLES[1]), str(broken))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ")
    assert f"{broken}:" in result.stderr and "V01 agreement.plaec" in result.stderr
    listed = run_cli("register", "list", "--register", str(register), "--format", "json")
    assert json.loads(listed.stdout) == []


def _damaged(tmp_path: Path) -> Path:
    good = tmp_path / "good.sqlite"
    assert run_cli("register", "add", "--register", str(good), str(EXAMPLES[0])).returncode == 0
    data = bytearray(good.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(bytes(data))
    return damaged


def _foreign(tmp_path: Path) -> Path:
    path = tmp_path / "foreign.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER, total TEXT)")
    return path


def _text(tmp_path: Path) -> Path:
    path = tmp_path / "notes.sqlite"
    path.write_text("shopping list\n" * 100, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            _text,
            "is not an agreements register (not a SQLite database); name another file, or "
            "restore the register from a backup",
        ),
        (
            _foreign,
            "is a database of another application (tables: invoices), not an agreements "
            "register; name a new file or an existing register",
        ),
        (
            _damaged,
            "is damaged or is not an agreements register (database disk image is malformed); "
            "restore it from a backup or name another file",
        ),
    ],
    ids=["text", "foreign", "damaged"],
)
@pytest.mark.parametrize("command", [["list"], ["add", str(EXAMPLES[0])]], ids=["list", "add"])
def test_a_damaged_or_foreign_file_is_one_clear_error(
    tmp_path: Path, make: object, message: str, command: list[str]
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    before = path.read_bytes()
    result = run_cli("register", *command, "--register", str(path))
    assert result.returncode == 2
    assert result.stderr == f"Error: {path}: {message}\n"
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["register", "show", "ILO-NONE-1"],
            "ILO-NONE-1: no such agreement in the register; `agreements register list` shows "
            "the references",
        ),
        (
            ["register", "list", "--kind", "loan"],
            "unknown kind 'loan'; choose one of: funding, in_kind, joint_implementation, event, "
            "advocacy, research, mou",
        ),
        (
            ["register", "list", "--register", "mysql://host/db"],
            "mysql://host/db: unsupported register; give a SQLite file path or a postgresql:// URL",
        ),
        (
            ["register", "list", "--register", "/no/such/folder/register.sqlite"],
            "/no/such/folder/register.sqlite: folder /no/such/folder does not exist; create it "
            "first",
        ),
    ],
    ids=["unknown-reference", "unknown-kind", "unsupported-url", "missing-folder"],
)
def test_usage_errors(tmp_path: Path, argv: list[str], message: str) -> None:
    if "--register" not in argv:
        argv = [*argv, "--register", str(tmp_path / "register.sqlite")]
    result = run_cli(*argv)
    assert result.returncode == 2
    assert result.stderr == f"Error: {message}\n"


def test_no_register_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AGREEMENTS_REGISTER", raising=False)
    result = run_cli("register", "list")
    assert result.returncode == 2
    assert result.stderr == (
        "Error: no register is configured; set AGREEMENTS_REGISTER to a SQLite file or a "
        "postgresql:// URL, or `register` in clauses/settings.yaml (register commands also "
        "take --register)\n"
    )


def test_the_settings_name_the_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AGREEMENTS_REGISTER", raising=False)
    library = tmp_path / "library"
    shutil.copytree(ROOT / "clauses", library / "clauses")
    shutil.copytree(ROOT / "templates", library / "templates")
    settings = library / "clauses" / "settings.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "register: office.sqlite\n", encoding="utf-8"
    )
    result = run_cli("register", "add", "--library", str(library), str(EXAMPLES[0]))
    assert result.returncode == 0, result.stderr
    assert (library / "office.sqlite").is_file()


def test_help_loads_no_database_library() -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['agreements', 'register', '--help']\n"
        "try:\n"
        "    runpy.run_module('agreements', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED=' + ','.join(m for m in ('sqlalchemy', 'alembic') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.stdout.endswith("LOADED=\n"), result.stdout


def test_readme_shows_the_register_workflow() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("add", "status", "list", "show", "due", "report"):
        assert f"agreements register {command}" in readme
    assert "generate" in readme and "--register" in readme


def test_an_empty_register_answers_with_nothing(tmp_path: Path) -> None:
    register = str(tmp_path / "register.sqlite")
    listed = run_cli("register", "list", "--register", register)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[-1] == "0 agreements"
    assert run_cli("register", "list", "--register", register, "--format", "csv").stdout == ""
    due = run_cli("register", "due", "--register", register, "--today", "2026-01-01")
    assert due.stdout.splitlines()[-1] == "0 items in the 90 days from 2026-01-01"
    page = tmp_path / "report.html"
    report = run_cli("register", "report", "--register", register, "-o", str(page))
    assert report.returncode == 0, report.stderr
    assert page.read_text(encoding="utf-8").count("nothing recorded") == 4
