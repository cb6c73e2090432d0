"""The catalogue of fixed words: every key in English, French and Spanish, with the same
fields in each, and the Word layer taking its words from it."""

from __future__ import annotations

import ast
import string
import subprocess
import sys

import pytest

from agreements.words import LANGUAGES, WORDS, words, words_in
from tests.conftest import ROOT


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(WORDS))
def test_every_key_has_all_three_languages_with_the_same_fields(key: str) -> None:
    texts = WORDS[key]
    assert len(texts) == len(LANGUAGES) == 3
    assert all(text.strip() for text in texts), key
    assert _fields(texts[1]) == _fields(texts[0]) == _fields(texts[2]), key


def test_words_fill_fields_and_join_two_languages() -> None:
    assert words("footer.of", "fr") == "sur"
    assert words("cover.reference", "es", reference="R-1") == "Referencia: R-1"
    assert words_in("signature.heading", ["en", "fr"]) == "Signatures"
    assert words_in("cover.between", ["en", "es"]) == "between / entre"
    with pytest.raises(KeyError):
        words("no.such.key", "fr")


WORD_MODULES = ["annexes.py", "annex_tables.py", "signatures.py", "parties.py"]


@pytest.mark.parametrize("name", WORD_MODULES)
def test_the_word_layer_prints_no_english_literal_of_its_own(name: str) -> None:
    """A string constant with two English words in a writer of the draft would be printed
    untranslated; every such word comes from the catalogue."""
    tree = ast.parse((ROOT / "agreements" / "word" / name).read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    found = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and len([w for w in node.value.split() if w.isalpha() and w.islower()]) >= 2
    ]
    assert found == []


def test_english_text_is_rendered_without_babel() -> None:
    """Validation renders every clause; in English it formats without Babel, so it starts
    fast (the Word libraries import Babel themselves when a draft is written)."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from agreements.build import check\n"
        "from agreements.clauses.load import load_library\n"
        "checked = check(Path('examples/better-work-brands.yaml'), load_library())\n"
        "assert checked.rendered is not None and not checked.errors\n"
        "print('BABEL=' + str('babel' in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert "BABEL=False" in result.stdout, result.stderr[-2000:]


def test_every_review_status_is_worded_in_every_language() -> None:
    """The first-page notice of unapproved clauses prints each clause's status in the
    draft's language."""
    from agreements.review.status import Status
    from agreements.words import WORDS

    for status in Status:
        if status is not Status.APPROVED:
            assert f"status.{status.value}" in WORDS, status
