"""Screening text for positions the organisation may never take.

The same screening reads a spec's free text (which goes into the agreement and its annexes),
the clause library's texts (lint rule L14) and, later, the sentences a partner writes into a
returned draft. Positions and their phrases are the organisation's policy, kept in its
settings as simple patterns a lawyer can read:

- words are matched whole and without regard to case ("law" does not match "lawful");
- `word*` matches any word starting with `word` ("indemnif*": indemnify, indemnification);
- `a|b` matches either word; `*` alone stands for up to eight words in between;
- `ORG` matches the organisation's names; `PARTY` any other party's name or a word such as
  "partner", "donor", "company" or "sponsor".

A match does not count when the sentence says no to it: a negation ("no", "not", "never",
"nothing", "nor", "neither", "without"; in French "ne", "n'", "aucun", "sans"...; in Spanish
"no", "nunca", "ningún", "sin"...) before it in the sentence or inside it, as in
"nothing in this Agreement is a waiver of the immunities of the ILO" (a position whose very
words are negative, such as "shall not be disclosed", is marked not negatable). A sentence
that matches one of a position's `unless` patterns (e.g. an approval given by the
organisation itself) does not take that position.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

_GAP = r"(?:\S+\s+){0,8}?"
# Negations and words for "another party" in each language of the library (English, French,
# Spanish): a French or Spanish spec, or a translated clause, is screened like an English one.
_NEGATIONS = frozenset(
    {"no", "not", "never", "nothing", "nor", "neither", "without", "none", "non"}
    | {"ne", "n'", "pas", "jamais", "aucun", "aucune", "ni", "sans", "rien", "nul", "nulle"}
    | {"nunca", "jamás", "ningún", "ninguno", "ninguna", "sin", "nada", "tampoco"}
)
_PARTY_WORDS = ("partner", "partners", "donor", "donors", "company", "sponsor", "sponsors",
                "contributor", "collaborator", "party", "parties",
                "partenaire", "partenaires", "donateur", "donateurs", "entreprise", "société",
                "parrain", "parrains", "contributeur", "contributeurs", "collaborateur",
                "socio", "socios", "donante", "donantes", "empresa", "compañía", "patrocinador",
                "patrocinadores", "contribuyente", "colaborador", "colaboradores")  # fmt: skip
# A French elided article or pronoun is its own word ("l'OIT" reads "l' OIT"), so that the
# organisation's name or a verb after it is matched as a whole word.
_ELISION = re.compile(r"(?<![\w'-])(l|d|n|s|j|m|t|c|qu|jusqu|lorsqu|puisqu)'(?=\w)", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.;:!?])\s+|\n\s*\n")


@dataclass(frozen=True)
class ScreenedPosition:
    """A position found in a text: which one, the words that took it, and the fix."""

    key: str
    title: str
    excerpt: str
    fix: str


def normalise(text: str) -> str:
    """Return text as screening reads it: Unicode compatibility forms, straight quotes and
    apostrophes, one kind of hyphen, French elisions split off, single spaces, lower case."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u2018\u2019\u02bc\u2032`]", "'", text)
    text = re.sub("[\u201c\u201d\u00ab\u00bb]", '"', text)
    text = re.sub("[\u2010\u2011\u2012\u2013\u2014\u2212\u00ad]", "-", text)
    text = _ELISION.sub("\\1' ", text)
    return " ".join(text.split()).casefold()


def _token(token: str, org: tuple[str, ...], parties: tuple[str, ...]) -> str:
    if token == "*":
        return _GAP
    names: tuple[str, ...] = ()
    for word in token.split("|"):
        if word == "ORG":
            names += org or ("organisation",)
        elif word == "PARTY":
            names += tuple(parties) + _PARTY_WORDS
        else:
            names += (word,)
    alternatives = []
    for name in names:
        name = normalise(name)
        if name.endswith("*") and len(name) > 1:
            alternatives.append(re.escape(name[:-1]) + r"[\w'-]*")
        else:
            alternatives.append(re.escape(name) + r"(?:'s)?")
    return r"(?<![\w-])(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")(?![\w-])"


@cache
def compile_pattern(
    pattern: str, org: tuple[str, ...], parties: tuple[str, ...]
) -> re.Pattern[str]:
    """Return the regular expression of a screening pattern (see the module docstring)."""
    parts = [_token(t, org, parties) for t in pattern.split()]
    joined = ""
    for index, part in enumerate(parts):
        if part == _GAP:
            joined += part
        else:
            joined += part if index == 0 or parts[index - 1] == _GAP else r"\s+" + part
            if index + 1 < len(parts) and parts[index + 1] == _GAP:
                joined += r"\s+"
    return re.compile(joined)


def _negated(sentence: str, start: int, end: int) -> bool:
    before = re.findall(r"[\w'-]+", sentence[:start])
    inside = re.findall(r"[\w'-]+", sentence[start:end])
    return any(word in _NEGATIONS or word.startswith(("non-", "n'")) for word in before + inside)


@cache
def _names(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({normalise(n) for n in names if n.strip()}))


@cache
def _compiled(
    pattern_sets: tuple[tuple[str, ...], ...], org: tuple[str, ...], parties: tuple[str, ...]
) -> tuple[re.Pattern[str] | None, ...]:
    """Return one regular expression per set of patterns (their alternation), or None for
    an empty set: a sentence is searched once per position, not once per pattern."""
    out: list[re.Pattern[str] | None] = []
    for patterns in pattern_sets:
        if not patterns:
            out.append(None)
            continue
        joined = "|".join(f"(?:{compile_pattern(p, org, parties).pattern})" for p in patterns)
        out.append(re.compile(joined))
    return tuple(out)


@dataclass(frozen=True)
class Screener:
    """The positions of an organisation compiled for one set of names: made once per spec
    (or library), then used on each of its texts."""

    positions: tuple[PositionLike, ...]
    org: tuple[str, ...]
    takes: tuple[re.Pattern[str] | None, ...]
    clears: tuple[re.Pattern[str] | None, ...]
    any_take: re.Pattern[str] | None

    def screen(self, text: str, *, org_is_subject: bool = False) -> list[ScreenedPosition]:
        """Return each forbidden position the text takes, once per position.

        `org_is_subject` reads the text as said by the organisation (a task it undertakes,
        such as "Indemnify BP against any claim"), so that patterns starting with ORG apply.
        """
        found: list[ScreenedPosition] = []
        for raw in _SENTENCE.split(text):
            sentence = normalise(raw)
            if org_is_subject and self.org:
                sentence = f"{self.org[0]} {sentence}"
            # Most sentences take no position: one search over all patterns rules them out.
            if self.any_take is None or not self.any_take.search(sentence):
                continue
            for position, take, clear in zip(self.positions, self.takes, self.clears, strict=True):
                if take is None or any(f.key == position.key for f in found):
                    continue
                if clear is not None and clear.search(sentence):
                    continue
                for match in take.finditer(sentence):
                    if position.negatable and _negated(sentence, match.start(), match.end()):
                        continue
                    excerpt = raw.strip()
                    excerpt = excerpt if len(excerpt) <= 120 else excerpt[:117] + "..."
                    found.append(
                        ScreenedPosition(position.key, position.title, excerpt, position.fix)
                    )
                    break
        return found


def screener(
    positions: Iterable[PositionLike], *, org_names: Iterable[str], party_names: Iterable[str] = ()
) -> Screener:
    """Return the screener of `positions` for the organisation's and the other parties' names."""
    listed = tuple(positions)
    org = _names(tuple(org_names))
    parties = _names(tuple(party_names))
    takes = _compiled(tuple(tuple(p.patterns) for p in listed), org, parties)
    clears = _compiled(tuple(tuple(p.unless) for p in listed), org, parties)
    everything = tuple(pattern for p in listed for pattern in p.patterns)
    (any_take,) = _compiled((everything,), org, parties)
    return Screener(listed, org, takes, clears, any_take)


def screen(
    text: str,
    positions: Iterable[PositionLike],
    *,
    org_names: Iterable[str],
    party_names: Iterable[str] = (),
    org_is_subject: bool = False,
) -> list[ScreenedPosition]:
    """Return each forbidden position `text` takes (see `Screener.screen`)."""
    made = screener(positions, org_names=org_names, party_names=party_names)
    return made.screen(text, org_is_subject=org_is_subject)


class PositionLike(Protocol):
    """What `screen` needs of a position (the settings model provides it)."""

    @property
    def key(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def fix(self) -> str: ...
    @property
    def patterns(self) -> Sequence[str]: ...
    @property
    def unless(self) -> Sequence[str]: ...
    @property
    def negatable(self) -> bool: ...
