"""Checks of what the partner wrote: forbidden positions in every new or changed sentence,
and amounts, dates and party names against the spec the draft came from.

Only sentences that are in none of the texts the part is compared with are screened: the
approved wordings passed the same screening when legal approved them (lint rule L14).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from agreements.currencies import MINOR_UNITS
from agreements.returned.form import form, sentences
from agreements.returned.model import Finding
from agreements.screening import Screener

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_CURRENCY = "|".join(sorted(MINOR_UNITS))
_VALUES = (
    (
        "amount",
        re.compile(
            rf"(?<![\w])(?:(?:{_CURRENCY})\s?\d[\d,]*(?:\.\d+)?|[$\u20ac\u00a3]\s?\d[\d,]*(?:\.\d+)?"
            rf"|\d[\d,]*(?:\.\d+)?\s?(?:{_CURRENCY}))(?![\w])"
        ),
    ),
    (
        "date",
        re.compile(
            rf"\b(?:\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}|(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}}"
            r"|\d{4}-\d{2}-\d{2})\b"
        ),
    ),
    ("percentage", re.compile(r"(?<![\w.,])\d+(?:\.\d+)?\s?(?:%|per cent|percent)")),
)


def new_sentences(returned: Iterable[str], compared: Iterable[Iterable[str]]) -> list[str]:
    """Return the sentences of `returned` found in none of the `compared` texts."""
    known = {s for text in compared for s in sentences(text)}
    found: list[str] = []
    for sentence in sentences(returned):
        if sentence not in known and sentence not in found:
            found.append(sentence)
    return found


def screen_sentences(new: list[str], screener: Screener) -> list[Finding]:
    """Return a blocking finding for each forbidden position a new sentence takes."""
    findings: list[Finding] = []
    for sentence in new:
        for position in screener.screen(sentence):
            findings.append(
                Finding(
                    "forbidden_position",
                    position.key,
                    f"takes a position the organisation never takes: {position.title}",
                    position.excerpt,
                    position.fix,
                    True,
                )
            )
    return findings


def values(text: str) -> list[tuple[str, str]]:
    """Return the (kind, value) of each amount, date and percentage in a text."""
    normal = form(text)
    return [
        (kind, " ".join(m.group(0).split()))
        for kind, regex in _VALUES
        for m in regex.finditer(normal)
    ]


def check_values(
    new: list[str],
    approved: tuple[str, ...],
    returned: tuple[str, ...],
    drafted_text: str,
    party_names: tuple[str, ...],
    source: str,
) -> list[Finding]:
    """Return a finding for each amount, date or percentage in a new sentence that the
    draft as sent (made from the spec) does not hold, and for each party name the part
    held and no longer holds."""
    known = {v for text in (*approved, drafted_text) for _, v in values(text)}
    before = [kv for text in approved for kv in values(text)]
    after = {v for text in returned for _, v in values(text)}
    findings: list[Finding] = []
    reported: set[str] = set()
    for sentence in new:
        for kind, value in values(sentence):
            if value in known or value in reported:
                continue
            reported.add(value)
            replaced = [v for k, v in before if k == kind and v not in after]
            instead = f" instead of {', '.join(dict.fromkeys(replaced))}" if replaced else ""
            findings.append(
                Finding(
                    "spec",
                    kind,
                    f"the {kind} {value}{instead} is not in {source}",
                    sentence if len(sentence) <= 120 else sentence[:117] + "...",
                    f"restore the {kind} of {source}, or change the spec and draft again",
                    False,
                )
            )
    approved_text, returned_text = form(" ".join(approved)), form(" ".join(returned))
    for name in dict.fromkeys(party_names):
        if _has_name(approved_text, name) and not _has_name(returned_text, name):
            findings.append(
                Finding(
                    "spec",
                    "party_name",
                    f"the party name {name!r} of {source} is no longer in this part",
                    name,
                    "restore the party's name as the spec gives it",
                    False,
                )
            )
    return findings


def _has_name(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(form(name))}(?![\w])", text) is not None
