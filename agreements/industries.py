"""Industries the organisation excludes or escalates, matched by words and by ISIC codes.

An entry of the settings names an industry, the words that show a party works in it (whole
words; `word*` any ending; phrases of several words), the phrases that show it does not
("tobacco control", "mine clearance"), and ISIC Rev.4 classes or ranges of classes (the UN's
International Standard Industrial Classification) that belong to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_ISIC = re.compile(r"^\d{4}(?:-\d{4})?$")


class Industry(BaseModel):
    """An excluded or escalated industry and how to recognise it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=2, description="Name used in messages, e.g. 'tobacco'.")
    words: list[str] = Field(
        default_factory=list, description="Words and phrases that show the industry."
    )
    exceptions: list[str] = Field(
        default_factory=list, description="Phrases that show a party is not in the industry."
    )
    isic: list[str] = Field(
        default_factory=list, description="ISIC Rev.4 classes or ranges, e.g. '1200', '0510-0990'."
    )

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, value: object) -> object:
        """Accept a bare name, as older settings files list industries."""
        return {"name": value, "words": [value]} if isinstance(value, str) else value

    @field_validator("words", "exceptions")
    @classmethod
    def _no_empty_words(cls, value: list[str]) -> list[str]:
        if any(not w.strip().strip("*") for w in value):
            raise ValueError("each word or phrase must hold at least one letter")
        return value

    @field_validator("isic")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not _ISIC.match(code):
                raise ValueError(f"{code!r} is not an ISIC class (4 digits) or range (1101-1103)")
        return value


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = []
    for word in words:
        tokens = [t for t in re.split(r"\s+", word.strip().casefold()) if t]
        pieces = [
            re.escape(t[:-1]) + r"[\w-]*" if t.endswith("*") else re.escape(t) for t in tokens
        ]
        parts.append(r"[\s-]+".join(pieces))
    if not parts:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


@cache
def _literals(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Return, for each word or phrase, the literal text each of its tokens starts with."""
    return tuple(
        tuple(t[:-1] if t.endswith("*") else t for t in re.split(r"\s+", w.strip().casefold()) if t)
        for w in words
    )


def mentions(industry: Industry, text: str) -> bool:
    """Return True when `text` says a party works in `industry` (exceptions removed first)."""
    folded = " ".join(text.casefold().split())
    # No word can match a text that lacks one of its tokens (removing exceptions only takes
    # text away): such a text is ruled out without compiling either expression.
    if not any(all(t in folded for t in tokens) for tokens in _literals(tuple(industry.words))):
        return False
    exceptions = _pattern(tuple(industry.exceptions))
    if exceptions is not None:
        folded = exceptions.sub(" ", folded)
    words = _pattern(tuple(industry.words))
    return words is not None and words.search(folded) is not None


def in_isic(industry: Industry, code: str) -> bool:
    """Return True when the ISIC class `code` belongs to `industry`."""
    for entry in industry.isic:
        low, _, high = entry.partition("-")
        if low <= code <= (high or low):
            return True
    return False


def first_match(
    industries: Iterable[Industry], text: str, code: str | None = None
) -> Industry | None:
    """Return the first industry that a party's words (or ISIC class) place it in."""
    for industry in industries:
        if mentions(industry, text) or (code is not None and in_isic(industry, code)):
            return industry
    return None
