"""Every example drafted in French and in Spanish with the real clause library: no English
word outside spec values, amounts and dates as Babel writes them, every reference right, and
a package openxml-audit accepts. A clause without its translation fails here."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from agreements.clauses.load import Library, load_library
from tests.conftest import EXAMPLES
from tests.drafts import Draft, assert_audit_clean, make_draft
from tests.language_checks import (
    all_text,
    english_words,
    expected_amounts_and_dates,
    spec_values,
    wrong_references,
)

SPECS = list(EXAMPLES)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def _in_language(spec: Path, language: str, folder: Path) -> Path:
    """Return a copy of `spec` whose agreement is drafted in `language`."""
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    data["agreement"]["language"] = language
    copy = folder / f"{spec.stem}-{language}.yaml"
    copy.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return copy


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize("spec", SPECS, ids=[p.stem for p in SPECS])
def test_every_example_drafts_in_french_and_spanish(
    spec: Path, language: str, library: Library, tmp_path: Path
) -> None:
    draft: Draft = make_draft(_in_language(spec, language, tmp_path), library, tmp_path)
    text = all_text(draft)
    assert english_words(text, spec_values(spec), language) == []
    flat = " ".join(text.split(" "))
    assert [x for x in expected_amounts_and_dates(spec, language) if x not in flat] == []
    assert wrong_references(draft) == []
    assert_audit_clean(draft.path)
