"""A small clause library in English, French and Spanish for the tests of drafts in other
languages: five clauses that use every clause function, the real settings with a glossary
added, the real templates, every clause approved."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from agreements.clauses.load import Library, load_library
from agreements.review.approvals import approve

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "i18n"
FRENCH_SPEC = ROOT / "examples" / "senegal-emplois-verts-jeunes.yaml"
SPANISH_SPEC = ROOT / "examples" / "peru-cafe-trabajo-decente.yaml"


def build_library(folder: Path) -> Library:
    """Return the fixture library written into `folder`, with every clause approved."""
    shutil.copytree(DATA / "clauses", folder / "clauses")
    shutil.copytree(ROOT / "templates", folder / "templates")
    settings = yaml.safe_load((ROOT / "clauses" / "settings.yaml").read_text(encoding="utf-8"))
    glossary = yaml.safe_load((DATA / "glossary.yaml").read_text(encoding="utf-8"))
    for language, terms in glossary.items():
        settings["languages"][language]["terms"] = terms
    text = yaml.safe_dump(settings, allow_unicode=True, sort_keys=False)
    (folder / "clauses" / "settings.yaml").write_text(text, encoding="utf-8")
    for language in ("en", "fr", "es"):  # a reviewer approves one language at a time
        library = load_library(folder)
        ids = sorted(library.clauses)
        approve(library, ids, "Legal Office", None, dt.date(2026, 1, 5), {}, language=language)
    return load_library(folder)
