"""Bad files are refused with one clear, located message (YAML loading, issue: foundation)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from agreements.build import check as check_spec_file
from agreements.clauses.load import load_library
from agreements.errors import UnreadableFileError, YamlError
from agreements.load import load_spec_text as check_spec_text
from agreements.yamlsafe import load_yaml
from tests.conftest import ROOT, run_cli

FILES = Path("tests/data/files")

BAD_FILES = [
    (
        "duplicate-keys.yaml",
        1,
        "tests/data/files/duplicate-keys.yaml:4:1: error Y02 duplicate key 'agreement' "
        "(first defined on line 1)",
    ),
    (
        "alias.yaml",
        1,
        "tests/data/files/alias.yaml:1:7: error Y03 defines an anchor (&b); "
        "anchors are not allowed",
    ),
    (
        "python-tag.yaml",
        1,
        "tests/data/files/python-tag.yaml:1:12: error Y04 uses the tag "
        "'!!python/object/apply:os.system', which is not allowed",
    ),
    (
        "two-documents.yaml",
        1,
        "tests/data/files/two-documents.yaml:2:1: error Y05 holds more than one "
        "YAML document ('---')",
    ),
    ("empty.yaml", 1, "tests/data/files/empty.yaml: error Y06 is empty"),
    (
        "list.yaml",
        1,
        "tests/data/files/list.yaml:1:1: error Y08 is a list, but a spec is a mapping with "
        "agreement, parties, ...",
    ),
    (
        "scalar.yaml",
        1,
        "tests/data/files/scalar.yaml:1:1: error Y08 is a single value, but a spec is a mapping "
        "with agreement, parties, ...",
    ),
    (
        "complex-key.yaml",
        1,
        "tests/data/files/complex-key.yaml:2:5: error Y09 uses a complex or merge key "
        "('? ' or '<<')",
    ),
    (
        "infinite.yaml",
        1,
        "tests/data/files/infinite.yaml:2:9: error Y10 '.inf' is not a finite number",
    ),
    (
        "impossible-date.yaml",
        1,
        "tests/data/files/impossible-date.yaml:2:19: error Y11 '2026-02-30' is not a valid date",
    ),
    (
        "tab.yaml",
        1,
        "tests/data/files/tab.yaml:2:1: error Y01 is not valid YAML: a tab is used for indentation",
    ),
    (
        "malformed.yaml",
        1,
        "tests/data/files/malformed.yaml:3:9: error Y01 is not valid YAML: mapping values are not "
        "allowed in this context",
    ),
    (
        "binary.yaml",
        2,
        "tests/data/files/binary.yaml: error F03 contains binary data (NUL bytes), not YAML text",
    ),
    (
        "utf16.yaml",
        2,
        "tests/data/files/utf16.yaml: error F03 is encoded in UTF-16 or UTF-32, not UTF-8",
    ),
    (
        "latin1.yaml",
        2,
        "tests/data/files/latin1.yaml:2:13: error F03 is not valid UTF-8 (byte 0xe9)",
    ),
    ("missing.yaml", 2, "tests/data/files/missing.yaml: error F01 file not found"),
]


@pytest.mark.parametrize(("name", "exit_code", "line"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_gets_one_clear_message(name: str, exit_code: int, line: str) -> None:
    result = run_cli("validate", str(FILES / name))
    assert result.returncode == exit_code
    assert line in result.stdout.splitlines()
    assert "Traceback" not in result.stdout + result.stderr


def test_a_folder_without_specs_is_refused_with_exit_2() -> None:
    result = run_cli("validate", "tests/data")
    assert result.returncode == 2
    assert result.stderr.strip() == "Error: tests/data: this folder holds no .yaml spec"


def test_validate_takes_folders_and_quoted_globs_like_generate() -> None:
    count = len(list((ROOT / "examples").glob("*.yaml")))
    for argument in ("examples", "examples/*.yaml"):
        result = run_cli("validate", argument)
        assert result.returncode == 0, result.stdout
        assert (
            result.stdout.splitlines()[-1] == f"{count} files checked: {count} valid, 0 not valid"
        )


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    started = time.perf_counter()
    with pytest.raises(YamlError) as caught:
        load_yaml("\n".join(lines), "bomb.yaml")
    assert time.perf_counter() - started < 1.0
    assert caught.value.problems[0].code == "Y03"


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml("a: " + "[" * 100 + "]" * 100, "deep.yaml")
    assert caught.value.problems[0].message == "is nested more than 64 levels deep"
    with pytest.raises(YamlError) as caught:
        load_yaml("a: " + "[" * 20_000 + "]" * 20_000, "deeper.yaml")
    assert "nesting depth" in caught.value.problems[0].message


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("purpose: " + "x" * 2_000_000 + "\n", encoding="utf-8")
    library = load_library()
    with pytest.raises(UnreadableFileError) as caught:
        check_spec_file(big, library)
    assert "is larger than the limit of 1,000,000 bytes" in str(caught.value)


def test_utf8_bom_and_windows_line_endings_are_accepted(tmp_path: Path) -> None:
    source = Path("examples/mou-skills-dialogue.yaml").read_bytes()
    spec = tmp_path / "bom.yaml"
    spec.write_bytes(b"\xef\xbb\xbf" + source.replace(b"\n", b"\r\n"))
    report = check_spec_file(spec, load_library())
    assert report.errors == []
    assert report.loaded.spec is not None


def test_floats_are_read_as_exact_decimals() -> None:
    loaded = load_yaml("amount: 230000.10\nrate: 0.1\n", "f.yaml")
    assert str(loaded.data["amount"]) == "230000.10"
    assert str(loaded.data["rate"]) == "0.1"


def test_norway_stays_a_country_code() -> None:
    loaded = load_yaml("country: NO\nflag: yes\nok: true\n", "f.yaml")
    assert loaded.data == {"country": "NO", "flag": "yes", "ok": True}


def test_unknown_key_suggests_the_right_one(in_root: Path) -> None:
    text = Path("tests/data/rules/base.yaml").read_text(encoding="utf-8")
    text = text.replace("  legal_name: International", "  legal_nme: International", 1)
    report = check_spec_text(text, "typo.yaml", load_library())
    unknown = [p for p in report.problems if p.code == "V01"]
    assert len(unknown) == 1
    assert unknown[0].message == "unknown key 'legal_nme'"
    assert unknown[0].fix == "did you mean 'legal_name'?"


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("agreement: !!bool maybe\n", "1:12: error Y11 'maybe' is not true or false"),
        ("agreement: !!int ''\n", "1:12: error Y11 '' is not a whole number"),
        ("agreement: !!int abc\n", "1:12: error Y11 'abc' is not a whole number"),
        ("agreement: !!timestamp soon\n", "1:12: error Y11 'soon' is not a valid date"),
        ("2026-02-30: x\n", "1:1: error Y11 '2026-02-30' is not a valid date"),
        (".nan: x\n", "1:1: error Y10 '.nan' is not a finite number"),
    ],
)
def test_a_tagged_value_that_cannot_exist_is_one_located_problem(
    source: str, line: str, tmp_path: Path
) -> None:
    spec = tmp_path / "tagged.yaml"
    spec.write_text(source, encoding="utf-8")
    result = run_cli("validate", str(spec))
    assert result.returncode == 1
    assert f"{spec}:{line}" in result.stdout.splitlines()
    assert "Internal error" not in result.stderr
