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


# Names are replaced in the text, before matching, by one mark for the organisation and one
# for any other party: the patterns then hold two short marks instead of every name, so they
# are compiled once for all specs, and quickly.
_ORG_MARK, _PARTY_MARK = "\ue010", "\ue011"


def _word(name: str) -> str:
    if name.endswith("*") and len(name) > 1:
        return re.escape(name[:-1]) + r"[\w'-]*"
    return re.escape(name) + r"(?:'s)?"


def _token(token: str) -> str:
    if token == "*":
        return _GAP
    alternatives: list[str] = []
    for word in token.split("|"):
        if word == "ORG":
            alternatives.append(re.escape(_ORG_MARK) + r"(?:'s)?")
        elif word == "PARTY":
            alternatives.append(re.escape(_PARTY_MARK) + r"(?:'s)?")
            alternatives.extend(_word(w) for w in _PARTY_WORDS)
        else:
            alternatives.append(_word(normalise(word)))
    return r"(?<![\w-])(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")(?![\w-])"


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Return the regular expression of a screening pattern (see the module docstring), for
    text whose names have been marked (`Screener.screen` does it)."""
    return re.compile(_source(pattern))


@cache
def _source(pattern: str) -> str:
    """Return the source of a pattern's regular expression, built without compiling it:
    Python compiles a long expression slowly, and a position's patterns are compiled once,
    together (`_alternation`)."""
    parts = [_token(t) for t in pattern.split()]
    joined = ""
    for index, part in enumerate(parts):
        if part == _GAP:
            joined += part
        else:
            joined += part if index == 0 or parts[index - 1] == _GAP else r"\s+" + part
            if index + 1 < len(parts) and parts[index + 1] == _GAP:
                joined += r"\s+"
    return joined


def _negated(sentence: str, start: int, end: int) -> bool:
    before = re.findall(r"[\w'-]+", sentence[:start])
    inside = re.findall(r"[\w'-]+", sentence[start:end])
    return any(word in _NEGATIONS or word.startswith(("non-", "n'")) for word in before + inside)


@cache
def _names(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({normalise(n) for n in names if n.strip()}))


@cache
def _alternation(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """Return one regular expression for a set of patterns (their alternation), or None for
    an empty set; compiled when a sentence first needs it, once per process."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{_source(p)})" for p in patterns))


@cache
def _anchors(patterns: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """Return the words (and word beginnings, for `word*`) one of which a sentence must hold
    for any of `patterns` to match it: the words of each pattern's first token that names
    neither ORG nor PARTY. None when some pattern has no such token (always searched)."""
    words: set[str] = set()
    starts: set[str] = set()
    for pattern in patterns:
        token = next(
            (t for t in pattern.split() if t != "*" and not {"ORG", "PARTY"} & set(t.split("|"))),
            None,
        )
        if token is None:
            return None
        for word in token.split("|"):
            # An elided article is its own word ("s'engage" reads "s' engage"): the anchor
            # is the last word.
            last = normalise(word).split()[-1]
            if last.endswith("*") and len(last) > 1:
                starts.add(last[:-1])
            else:
                words.add(last)
    return frozenset(words), tuple(sorted(starts))


def _may_match(patterns: tuple[str, ...], words: frozenset[str]) -> bool:
    """Return False when the sentence's `words` rule every pattern of the set out."""
    anchors = _anchors(patterns)
    if anchors is None:
        return True
    exact, starts = anchors
    if exact & words:
        return True
    return any(word.startswith(starts) for word in words) if starts else False


@cache
def _needs(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Return, for each word token of `pattern`, the strings one of which a text must contain
    for the token to match: the literal each alternative of its expression starts with."""
    needs: list[tuple[str, ...]] = []
    for token in pattern.split():
        if token == "*":
            continue
        options: list[str] = []
        for word in token.split("|"):
            if word == "ORG":
                options.append(_ORG_MARK)
            elif word == "PARTY":
                options.append(_PARTY_MARK)
                options.extend(_PARTY_WORDS)
            else:
                name = normalise(word)
                options.append(name[:-1] if name.endswith("*") and len(name) > 1 else name)
        needs.append(tuple(options))
    return tuple(needs)


def _possible(patterns: tuple[str, ...], sentence: str) -> bool:
    """Return False when no pattern of the set can match `sentence`: for each, some token
    has none of its literals in the sentence. Only a necessary condition, so a sentence it
    passes is still matched by the expression; one it rules out needs no expression at all."""
    return any(
        all(any(option in sentence for option in options) for options in _needs(pattern))
        for pattern in patterns
    )


@cache
def _marker(org: tuple[str, ...], parties: tuple[str, ...]) -> re.Pattern[str] | None:
    """Return the expression that finds the names of the organisation and of the parties
    (longest first, whole words), or None when there are none."""
    names = sorted({*org, *parties}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


@dataclass(frozen=True)
class Screener:
    """The positions of an organisation compiled for one set of names: made once per spec
    (or library), then used on each of its texts."""

    positions: tuple[PositionLike, ...]
    org: tuple[str, ...]
    marker: re.Pattern[str] | None
    takes: tuple[tuple[str, ...], ...]
    clears: tuple[tuple[str, ...], ...]

    def screen(self, text: str, *, org_is_subject: bool = False) -> list[ScreenedPosition]:
        """Return each forbidden position the text takes, once per position.

        `org_is_subject` reads the text as said by the organisation (a task it undertakes,
        such as "Indemnify BP against any claim"), so that patterns starting with ORG apply.
        """
        found: list[ScreenedPosition] = []
        for raw in _SENTENCE.split(text):
            sentence = self._marked(normalise(raw))
            if org_is_subject:
                sentence = f"{_ORG_MARK} {sentence}"
            # Most sentences take no position: the words a position's patterns need rule
            # them out without compiling or running its expression.
            found_words = re.findall(r"[\w'-]+", sentence)
            words = frozenset(found_words + [w[:-2] for w in found_words if w.endswith("'s")])
            for position, takes, clears in zip(
                self.positions, self.takes, self.clears, strict=True
            ):
                if not takes or any(f.key == position.key for f in found):
                    continue
                if not _may_match(takes, words) or not _possible(takes, sentence):
                    continue
                take = _alternation(takes)
                assert take is not None
                clear = _alternation(clears)
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

    def _marked(self, sentence: str) -> str:
        """Return the sentence with each name replaced by the mark of its kind."""
        if self.marker is None:
            return sentence
        org = set(self.org)
        return self.marker.sub(lambda m: _ORG_MARK if m.group() in org else _PARTY_MARK, sentence)


def screener(
    positions: Iterable[PositionLike], *, org_names: Iterable[str], party_names: Iterable[str] = ()
) -> Screener:
    """Return the screener of `positions` for the organisation's and the other parties' names."""
    listed = tuple(positions)
    org = _names(tuple(org_names)) or ("organisation",)
    parties = tuple(n for n in _names(tuple(party_names)) if n not in org)
    takes = tuple(tuple(p.patterns) for p in listed)
    clears = tuple(tuple(p.unless) for p in listed)
    return Screener(listed, org, _marker(org, parties), takes, clears)


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
