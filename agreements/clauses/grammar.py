"""Articles in French and Spanish clause texts, and their contraction with a preposition.

A clause function prints its article after an invisible marker (`ARTICLE`): "de {{
the('donor') }}" renders "de \\ue004le [[Donateur]]". Before the text is parsed, a
preposition of the clause's own wording that stands just before a marked article (or before
a list of references, whose article is known only once the list resolves) is marked too
(`PREPOSITION`); after references resolve into runs, each marked preposition is contracted
with the marked article after it ("du Donateur", "aux articles 20 à 24", "del Donante") and
every marker is removed. Unmarked words are never touched: "afin de le faire" stays, and so
does a spec value that happens to end in "de".
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from agreements.clauses.sandbox import ARTICLE, LITERAL_CLOSE, LITERAL_OPEN, PREPOSITION, REF_OPEN

if TYPE_CHECKING:
    from agreements.clauses.markup import Run

_VOWELS = tuple("aeiouyhâàéèêëîïôûAEIOUYHÂÀÉÈÊËÎÏÔÛ")
# (preposition, article) -> contracted form, per language; capitals follow the preposition.
_CONTRACTIONS = {
    "fr": {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"},
    "es": {("de", "el"): "del", ("a", "el"): "al"},
}
_PREPOSITIONS = {"fr": "de|à|De|À", "es": "de|a|De|A"}


def definite(word: str, language: str, *, feminine: bool, plural: bool = False) -> str:
    """Return the marked definite article that goes before `word`: "le ", "la ", "l'",
    "les " in French (elided before a vowel or h), "el ", "la ", "los ", "las " in Spanish."""
    if language == "fr":
        if plural:
            article = "les "
        elif word.startswith(_VOWELS):
            article = "l'"
        else:
            article = "la " if feminine else "le "
    else:
        article = ("las " if feminine else "los ") if plural else ("la " if feminine else "el ")
    return ARTICLE + article


def indefinite(language: str, *, feminine: bool) -> str:
    """Return "un "/"une " (French) or "un "/"una " (Spanish)."""
    if language == "fr":
        return "une " if feminine else "un "
    return "una " if feminine else "un "


def each(language: str) -> str:
    """Return the word for "each" before a singular noun: "chaque ", "cada "."""
    return "chaque " if language == "fr" else "cada "


def no_one(language: str, *, feminine: bool) -> str:
    """Return the word for "no" before a singular noun: "Aucun ", "Ninguna "."""
    if language == "fr":
        return "Aucune " if feminine else "Aucun "
    return "Ninguna " if feminine else "Ningún "


def capitalised(text: str) -> str:
    """Return `text` with its first letter (after any marker) in capitals."""
    start = 1 if text.startswith(ARTICLE) else 0
    return text[:start] + text[start : start + 1].upper() + text[start + 1 :]


@cache
def _marking(language: str) -> re.Pattern[str]:
    # The preposition must be a word of its own, of the clause's wording: not the end of a
    # spec value (those end with the literal sentinel, which is not a space).
    return re.compile(rf"(?<![\w'\u2019])({_PREPOSITIONS[language]}) (?={ARTICLE}|{REF_OPEN}[+?])")


# French "de" and "que" before a spec value that starts with a vowel are elided: "le personnel
# d'IFRC", "qu'Acme" (an h is left alone: it may be aspirated).
_ELIDABLE = re.compile(
    rf"(?<![\w'\u2019])(de|De|que|Que) (?={LITERAL_OPEN}[aeiouâàéèêëîïôûœAEIOUÂÀÉÈÊËÎÏÔÛŒ])"
)


# A spec value that starts with its own article ("le Ministère", "el Ministerio") takes the
# contraction a clause function's article would: "de le Ministère" becomes "du Ministère".
_VALUE_ARTICLE = {
    language: re.compile(
        rf"(?<![\w'\u2019])({_PREPOSITIONS[language]}) {LITERAL_OPEN}"
        rf"({'|'.join(sorted({a for _, a in pairs}))}) "
    )
    for language, pairs in _CONTRACTIONS.items()
}


def elide(text: str, language: str) -> str:
    """Return rendered French text with "de" and "que" elided before a spec value that
    starts with a vowel ("de IFRC" becomes "d'IFRC"), and French or Spanish text with a
    preposition contracted with the article a spec value starts with ("du Ministère",
    "del Ministerio"); English is returned as is."""
    if language not in _CONTRACTIONS or LITERAL_OPEN not in text:
        return text

    def contract(match: re.Match[str]) -> str:
        preposition, article = match.group(1), match.group(2)
        form = _CONTRACTIONS[language].get((preposition.lower(), article))
        if form is None:
            return match.group(0)
        form = form.capitalize() if preposition[0].isupper() else form
        return f"{form} {LITERAL_OPEN}"

    text = _VALUE_ARTICLE[language].sub(contract, text)
    if language != "fr":
        return text
    return _ELIDABLE.sub(lambda m: m.group(1)[:-1] + "\u2019", text)


# Quotation marks of the wording (never of spec values): French « » with no-break spaces
# inside, Spanish « »; English keeps its curly quotes (markup.typographic).
_GUILLEMETS = {"fr": ("\u00ab\u00a0", "\u00a0\u00bb"), "es": ("\u00ab", "\u00bb")}
_VALUE = re.compile(f"({LITERAL_OPEN}[^{LITERAL_CLOSE}]*{LITERAL_CLOSE})")
_OPENING = re.compile(r'(^|[\s(\[\u2014/-])"')


def guillemets(text: str, language: str) -> str:
    """Return French or Spanish text with the straight double quotes of its wording made
    guillemets, opening after a space or a bracket and closing elsewhere."""
    if language not in _GUILLEMETS or '"' not in text:
        return text
    opening, closing = _GUILLEMETS[language]
    pieces = _VALUE.split(text)
    for index in range(0, len(pieces), 2):
        before = pieces[index - 1][-1:] if index else ""
        piece = _OPENING.sub(lambda m: m.group(1) + opening, before + pieces[index])
        pieces[index] = piece[len(before) :].replace('"', closing)
    return "".join(pieces)


# French puts a no-break space before ";", ":", "!" and "?" that end a phrase (not inside
# "https://" or "10:30").
_FRENCH_PUNCTUATION = re.compile(r"(?<=[^\s\u00a0])[ \u00a0]?([;:!?])(?=\s|$)|[ ]([;:!?])(?=\s|$)")


def french_spacing(text: str, language: str) -> str:
    """Return French wording with a no-break space before each ";", ":", "!" and "?" that
    ends a phrase; spec values keep their own spacing, other languages are unchanged."""
    if language != "fr" or not any(mark in text for mark in ";:!?"):
        return text
    pieces = _VALUE.split(text)
    for index in range(0, len(pieces), 2):
        # Wording that follows a value ("l'OIT; ou") is spaced as if the value were text.
        before = "x" if index and not pieces[index - 1][-2:-1].isspace() else ""
        spaced = _FRENCH_PUNCTUATION.sub(
            lambda m: "\u00a0" + (m.group(1) or m.group(2)), before + pieces[index]
        )
        pieces[index] = spaced[len(before) :]
    return "".join(pieces)


def mark_prepositions(text: str, language: str) -> str:
    """Return rendered text with each preposition that stands before a marked article or a
    list of references marked for contraction (English text is returned as it is)."""
    text = french_spacing(guillemets(elide(text, language), language), language)
    if language not in _CONTRACTIONS or (ARTICLE not in text and REF_OPEN not in text):
        return text
    return _marking(language).sub(PREPOSITION + r"\1 ", text)


_MARKED_PREPOSITION = re.compile(rf"{PREPOSITION}(\w+) $")
_MARKED_ARTICLE = re.compile(rf"^{ARTICLE}(\w+) ")


def _contracted(before: str, after: str, language: str) -> tuple[str, str] | None:
    """Return (before, after) with the marked preposition ending `before` contracted with
    the marked article starting `after`, or None when they do not contract."""
    prep, article = _MARKED_PREPOSITION.search(before), _MARKED_ARTICLE.match(after)
    if prep is None or article is None:
        return None
    form = _CONTRACTIONS[language].get((prep.group(1).lower(), article.group(1)))
    if form is None:
        return None
    if prep.group(1)[0].isupper():
        form = form.capitalize()
    return before[: prep.start()] + form + " ", after[article.end() :]


def contract_runs(runs: list[Run], language: str) -> list[Run]:
    """Return the runs of a block with marked prepositions and articles contracted, also
    across runs ("conformément aux" + "articles 20 à 24"), and every marker removed."""
    if language not in _CONTRACTIONS:
        return runs
    if not any(PREPOSITION in r.text or ARTICLE in r.text for r in runs):
        return runs
    out: list[Run] = []
    for item in runs:
        if item.kind != "text" or ARTICLE not in item.text:
            out.append(item)
            continue
        pieces = item.text.split(ARTICLE)
        text = pieces[0]
        for piece in pieces[1:]:
            after = ARTICLE + piece
            if text:
                merged = _contracted(text, after, language)
                text = merged[0] + merged[1] if merged else text + piece
                continue
            # The article starts the run: its preposition ends the text run before it.
            merged = None
            if out and out[-1].kind == "text":
                merged = _contracted(out[-1].text, after, language)
            if merged:
                out[-1] = replace(out[-1], text=merged[0])
                text = merged[1]
            else:
                text = piece
        out.append(replace(item, text=text))
    return [replace(r, text=strip_markers(r.text)) if _marked(r.text) else r for r in out]


def _marked(text: str) -> bool:
    return PREPOSITION in text or ARTICLE in text


def strip_markers(text: str) -> str:
    """Return `text` without contraction markers."""
    return text.replace(PREPOSITION, "").replace(ARTICLE, "")


# Defined terms that are feminine by default (the glossary's words for Party and Parties);
# a library declares others in `languages.<lang>.feminine_terms`.
FEMININE_TERMS = frozenset({"Partie", "Parties", "Parte", "Partes"})


def the_phrase(term: str, language: str, *, one: bool, feminine: bool) -> str:
    """Return "le Donateur" / "chaque Donateur" ("el Donante" / "cada Donante")."""
    if one:
        return definite(term, language, feminine=feminine) + f"[[{term}]]"
    return each(language) + f"[[{term}]]"


def a_phrase(term: str, language: str, *, one: bool, feminine: bool) -> str:
    """Return "le Partenaire" / "un Partenaire" ("el Socio" / "un Socio")."""
    if one:
        return definite(term, language, feminine=feminine) + f"[[{term}]]"
    return indefinite(language, feminine=feminine) + f"[[{term}]]"


def shall_not_phrase(term: str, language: str, *, one: bool, feminine: bool) -> str:
    """Return "Le Partenaire ne peut" / "Aucun Partenaire ne peut" ("El Socio no podrá" /
    "Ningún Socio podrá"), followed in the text by an infinitive."""
    if language == "fr":
        if one:
            return capitalised(the_phrase(term, language, one=True, feminine=feminine)) + " ne peut"
        return no_one(language, feminine=feminine) + f"[[{term}]] ne peut"
    if one:
        return capitalised(the_phrase(term, language, one=True, feminine=feminine)) + " no podrá"
    return no_one(language, feminine=feminine) + f"[[{term}]] podrá"


def others_phrase(one: str, many: str, language: str, *, two: bool, feminine: bool) -> str:
    """Return "l'autre Partie" / "les autres Parties" ("la otra Parte" / "las demás
    Partes"): the other party or parties than the one an obligation names."""
    if language == "fr":
        if two:
            return definite("autre", language, feminine=feminine) + f"autre [[{one}]]"
        return definite("autres", language, feminine=feminine, plural=True) + f"autres [[{many}]]"
    if two:
        other = "otra" if feminine else "otro"
        return definite(other, language, feminine=feminine) + f"{other} [[{one}]]"
    return definite("demás", language, feminine=feminine, plural=True) + f"demás [[{many}]]"


def each_other_phrase(one: str, many: str, language: str, *, two: bool, feminine: bool) -> str:
    """Return "l'autre Partie" / "chaque autre Partie" ("la otra Parte" / "cada una de las
    demás Partes"): the subject of an obligation every party but the organisation bears."""
    if two:
        return others_phrase(one, many, language, two=True, feminine=feminine)
    if language == "fr":
        return f"chaque autre [[{one}]]"
    each_one = "cada una de " if feminine else "cada uno de "
    return each_one + others_phrase(one, many, language, two=False, feminine=feminine)
