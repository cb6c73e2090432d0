"""Rules on the raw text of a spec, checked before the schema so they always run."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from agreements.problems import PathKey
from agreements.rules.catalogue import Finding

# Characters Word cannot hold in document XML, or would hold other than as written: C0
# controls other than tab and newline (a carriage return included: YAML turns the file's own
# line breaks into newlines, so one in a value was typed as an escape); surrogates; and the
# non-characters U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
# Values printed as they are in several parts of a draft (cover, preamble, clauses,
# signature blocks): two spaces or a line break in one would print differently in each.
NAME_KEYS = frozenset({"legal_name", "short_name", "name", "title", "place", "reference"})
_UNEVEN_SPACING = re.compile(r"\s\s|[\n\t\r]")
PLACEHOLDER = re.compile(r"^TODO\b")
# A reference must point at a real record: these stand for one that does not exist yet.
REFERENCE_KEYS = frozenset({"reference", "senior_approval_reference", "support_cost_approval"})
NOT_A_REFERENCE = re.compile(
    r"^(?:pending|n/?a|na|tbd|tbc|tba|to be (?:confirmed|determined|decided|provided)|none|nil|"
    r"null|unknown|not yet|awaiting.*|x+|\?+|-+|\.+|\u2026|0+)$",
    re.IGNORECASE,
)


def iter_strings(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str, bool]]:
    """Yield (path, text, is_key) for every string value and mapping key of YAML data."""
    if isinstance(data, str):
        yield path, data, False
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield (*path, key), key, True
            yield from iter_strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_strings(value, (*path, i))


def endorsement_pattern(phrases: list[str], org_names: list[str]) -> re.Pattern[str] | None:
    """Return the pattern of an endorsement by the organisation: a phrase followed (within
    three words) by one of its names ("endorsed by the ILO", "official partner of the
    International Labour Organization"), or a name joined to a participle ("ILO-certified").

    A phrase about anyone else ("certified by the provincial training authority") is not an
    endorsement by the organisation and passes.
    """

    def spaced(text: str) -> str:
        return r"\s+".join(re.escape(word) for word in text.split())

    names = [spaced(n) for n in org_names if n.strip()]
    said = [spaced(p) for p in phrases if p.strip()]
    if not names or not said:
        return None
    name = "(?:" + "|".join(sorted(names, key=len, reverse=True)) + ")"
    words = [p.casefold().split() for p in phrases if p.strip()]
    participles = sorted({re.escape(w[0]) for w in words if w[0].endswith("ed")})
    # The name follows a space, or an elided article ("par l'OIT").
    by_phrase = (
        "(?:" + "|".join(said) + r")(?:\s+\S+){0,3}?\s+(?:\w{1,2}['\u2019])?" + name + r"(?![\w-])"
    )
    pattern = f"(?<![\\w-]){by_phrase}"
    if participles:
        pattern += f"|(?<![\\w-]){name}[\\s-](?:{'|'.join(participles)})(?![\\w-])"
    return re.compile(pattern, re.IGNORECASE)


def check_text_values(
    data: Any, endorsement_phrases: list[str], org_names: list[str] | None = None
) -> Iterator[Finding]:
    """Yield T01, T02, T04, T05 and N03 for every string in the raw spec."""
    endorsement = endorsement_pattern(endorsement_phrases, org_names or [])
    for path, text, is_key in iter_strings(data):
        bad = _FORBIDDEN.search(text)
        if bad:
            yield Finding(
                "T01",
                path,
                f"contains the character U+{ord(bad.group()):04X}, which a Word "
                "document cannot hold",
                "delete it (it often comes from copy-paste)",
                at_key=is_key,
            )
        if is_key:
            continue
        if path and path[-1] in NAME_KEYS and _UNEVEN_SPACING.search(text.strip()):
            yield Finding(
                "T05",
                path,
                f"{_shown(text)} has two spaces in a row or a line break; a name is printed "
                "exactly as written",
            )
        if PLACEHOLDER.match(text):
            yield Finding("T02", path, f"placeholder not filled in: {text!r}")
        elif path and path[-1] in REFERENCE_KEYS and NOT_A_REFERENCE.match(text.strip()):
            yield Finding(
                "T04",
                path,
                f"{text!r} is not a reference: the record it should point to does not exist yet",
                "obtain the approval or screening first, then write its reference",
            )
        match = endorsement.search(text) if endorsement else None
        if match is not None:
            yield Finding("N03", path, f"the words {match.group(0)!r} imply endorsement")


def _shown(text: str) -> str:
    """Return a value for a message: quoted, with line breaks visible, shortened if long."""
    shown = text if len(text) <= 60 else text[:40] + "\u2026" + text[-10:]
    return repr(shown)
