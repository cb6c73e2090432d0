"""What counts as a change of form only: spacing, quotes, dashes and typed numbering.

A partner's word processor may turn curly quotes straight, add a double space, type "4.1"
before a paragraph whose number Word computed, or split a paragraph in two. None of that
changes what the clause says, so texts are compared again after this normalisation; case
is kept, because "Partner" and "partner" can be different defined terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00ad": None,
        "\u200b": None,
    }
)
_NUMBERING = re.compile(
    r"^(?:(?:article|annex)\s+)?(?:\d+(?:\.\d+)*[.)]?|\(?[a-z]{1,2}\)|\(?[ivxl]+\)|[\u2022\u25aa*-])\s+(?!\|)",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.;:!?])\s+")


def form(text: str) -> str:
    """Return `text` with differences of form removed: compatibility characters, quotes
    and dashes made plain, white space collapsed, and a typed number or bullet dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = " ".join(text.split())
    return _NUMBERING.sub("", text, count=1)


def form_of(paragraphs: Iterable[str]) -> str:
    """Return the paragraphs in form-normalised text, one space between them (a paragraph
    split in two or two joined into one is a change of form)."""
    return " ".join(f for f in (form(p) for p in paragraphs) if f)


def sentences(paragraphs: Iterable[str]) -> list[str]:
    """Return the form-normalised sentences of the paragraphs, in order."""
    found: list[str] = []
    for paragraph in paragraphs:
        found.extend(s for s in _SENTENCE.split(form(paragraph)) if s.strip())
    return found


def non_empty(paragraphs: Iterable[str]) -> list[str]:
    """Return the paragraphs that hold any text."""
    return [p for p in paragraphs if p.strip()]
