"""The CLI as a partnership officer uses it: examples, starter specs, schema, rules, start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from agreements.rules import RULES
from agreements.schema import SCHEMA_FILE, spec_schema_text
from tests.conftest import EXAMPLES, ROOT, run_cli


def test_there_are_at_least_five_examples_including_an_mou() -> None:
    assert len(EXAMPLES) >= 5
    kinds = {yaml.safe_load(p.read_text(encoding="utf-8"))["agreement"]["kind"] for p in EXAMPLES}
    assert "mou" in kinds


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_is_valid(example: Path) -> None:
    result = run_cli("validate", str(example.relative_to(ROOT)))
    assert result.returncode == 0, result.stdout
    assert f"{example.relative_to(ROOT)}: valid" in result.stdout
    assert " error " not in result.stdout


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_point_editors_at_the_schema(example: Path) -> None:
    first = example.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/spec.schema.json"


def test_committed_schema_matches_the_models() -> None:
    committed = (ROOT / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == spec_schema_text(), "run `make schema` and commit schemas/"


def test_schema_command_writes_the_schema(tmp_path: Path) -> None:
    result = run_cli("schema", "-o", str(tmp_path))
    assert result.returncode == 0
    schema = json.loads((tmp_path / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert schema["title"] == "Partnership agreement spec"
    assert "agreement" in schema["required"]


@pytest.mark.parametrize("kind", ["funding", "in_kind", "mou", "research"])
def test_new_starter_spec_names_every_placeholder(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "starter.yaml"
    created = run_cli("new", "--kind", kind, "-o", str(target))
    assert created.returncode == 0, created.stderr
    result = run_cli("validate", str(target))
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if " error " in line]
    assert lines, result.stdout
    assert all(" error T02 " in line for line in lines), lines
    assert (
        f"{target}:6:10: error T02 agreement.title: placeholder not filled in: "
        "'TODO: title printed on the cover'" in lines
    )


def test_new_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("my work\n", encoding="utf-8")
    result = run_cli("new", "--kind", "mou", "-o", str(target))
    assert result.returncode == 2
    assert result.stderr.strip() == f"Error: {target}: already exists; pass --force to overwrite it"
    assert target.read_text(encoding="utf-8") == "my work\n"
    forced = run_cli("new", "--kind", "mou", "-o", str(target), "--force")
    assert forced.returncode == 0
    assert "kind: mou" in target.read_text(encoding="utf-8")


def test_new_rejects_an_unknown_kind() -> None:
    result = run_cli("new", "--kind", "loan")
    assert result.returncode == 2
    said = " ".join(result.stderr.replace("│", " ").split())
    assert "Invalid value for '--kind'" in said
    assert (
        "'loan' is not one of 'funding', 'in_kind', 'joint_implementation', 'event', "
        "'advocacy', 'research', 'mou'"
    ) in said


def test_the_kind_choice_lists_exactly_the_kinds_of_the_spec() -> None:
    from agreements.cli.options import KindChoice
    from agreements.spec.models import AgreementKind

    assert [k.value for k in KindChoice] == [k.value for k in AgreementKind]


def test_help_shows_words_not_python_types() -> None:
    for command in ((), ("validate",), ("generate",), ("new",), ("clauses", "approve")):
        shown = run_cli(*command, "-h")
        assert shown.returncode == 0, command
        assert "<bool>" not in shown.stdout and "list[" not in shown.stdout, shown.stdout
        assert "<str>" not in shown.stdout and "<int range>" not in shown.stdout
    assert "--debug" in run_cli("-h").stdout
    assert run_cli("-V").stdout.startswith("agreements ")


def test_rules_command_lists_every_code() -> None:
    result = run_cli("rules", "--format", "json")
    codes = [row["code"] for row in json.loads(result.stdout)]
    assert codes == list(RULES)


def test_readme_documents_every_rule() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [code for code in RULES if f"| {code} |" not in readme]
    assert not missing, f"README lacks rules {missing}"


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in (
        "validate",
        "rules",
        "schema",
        "new",
        "explain",
        "generate",
        "inspect",
        "clauses list",
        "clauses show",
        "clauses lint",
        "clauses approve",
        "clauses status",
        "clauses review-pack",
        "review-returned",
    ):
        assert f"agreements {command}" in readme


def test_missing_library_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("validate", "--library", str(tmp_path), str(EXAMPLES[0]))
    assert result.returncode == 2  # a usage error: the path given is not a library
    assert result.stderr.strip() == (
        f"Error: {tmp_path}: not a clause library (no clauses/settings.yaml); "
        "pass --library DIR pointing at a folder with clauses/ and templates/"
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["validate", "examples/mou-skills-dialogue.yaml"],
        ["explain", "examples/mianzhu-livelihoods.yaml"],
        ["clauses", "list"],
    ],
)
def test_fast_commands_do_not_import_word_libraries(argv: list[str]) -> None:
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['agreements', *{argv!r}]\n"
        "try:\n"
        "    runpy.run_module('agreements', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in ('docx', 'docxtpl', 'babel') if m in sys.modules)\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert "HEAVY=\n" in result.stdout or result.stdout.endswith("HEAVY=\n"), result.stdout


def test_schema_is_not_overwritten_without_force(tmp_path: Path) -> None:
    first = run_cli("schema", "-o", str(tmp_path))
    assert first.returncode == 0
    again = run_cli("schema", "-o", str(tmp_path))
    assert again.returncode == 2
    assert "already exists; pass --force to overwrite it" in again.stderr
    assert run_cli("schema", "-o", str(tmp_path), "--force").returncode == 0


def test_an_output_ending_with_a_slash_is_refused(tmp_path: Path) -> None:
    target = f"{tmp_path}/draft.docx/"
    result = run_cli("generate", "examples/bp-west-papua-youth.yaml", "-o", target)
    assert result.returncode == 2
    assert "ends with a slash, so it names a folder" in result.stderr
    assert not (tmp_path / "draft.docx").exists()


def test_a_title_longer_than_word_allows_is_refused_at_validation(tmp_path: Path) -> None:
    spec = tmp_path / "long.yaml"
    text = (ROOT / "tests/data/rules/base.yaml").read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("  title:"))
    spec.write_text(text.replace(title, "  title: " + "T" * 300), encoding="utf-8")
    result = run_cli("validate", str(spec))
    assert result.returncode == 1
    assert "error V03 agreement.title: is longer than 255 characters" in result.stdout


@pytest.mark.parametrize("where", ["inside", "elsewhere", "stdout"])
def test_the_starter_spec_points_at_a_schema_that_exists(where: str, tmp_path: Path) -> None:
    from urllib.parse import urlparse
    from urllib.request import url2pathname

    if where == "stdout":
        text = run_cli("new", "--kind", "funding").stdout
        folder = tmp_path
    else:
        folder = (ROOT / "examples") if where == "inside" else tmp_path / "a" / "b"
        target = folder / f"starter-{where}-test.yaml"
        folder.mkdir(parents=True, exist_ok=True)
        try:
            assert run_cli("new", "--kind", "funding", "-o", str(target)).returncode == 0
            text = target.read_text(encoding="utf-8")
        finally:
            target.unlink(missing_ok=True)
    reference = text.splitlines()[0].split("$schema=", 1)[1]
    if reference.startswith("file:"):
        schema = Path(url2pathname(urlparse(reference).path))
    else:
        assert where == "inside", reference  # relative only beside the checkout
        schema = folder / reference
    assert json.loads(schema.read_text(encoding="utf-8"))["title"]


def test_clauses_list_fits_the_terminal() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "80"}
    env.pop("AGREEMENTS_LIBRARY", None)
    shown = subprocess.run(
        [sys.executable, "-m", "agreements", "clauses", "list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.splitlines()
    assert max(len(line) for line in shown) <= 80
    assert shown[0].split() == ["id", "ver", "applies", "when"]
    assert shown[-1].endswith(" clauses")
