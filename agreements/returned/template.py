"""A clause text as the library holds it, made comparable with a returned draft without
the spec: a pattern in which every placeholder matches a few words, and a text to show.

Without the spec a clause cannot be rendered, but its wording around the placeholders is
fixed: "giving {{ the_others() }} {{ 30 | days }}' written notice" still tells thirty
days' notice from any other wording. Placeholders become wildcards, `{% if %}` blocks
optional groups (an `else` an alternative), loops one wildcard; the light markup
(`**Term**`, `[[Term]]`, items) is dropped and the result is compared after the same
normalisation of form as rendered texts. Values in placeholders are therefore not
checked: the report says so.
"""

from __future__ import annotations

import re
from functools import cache

from agreements.formatting import format_period
from agreements.returned.form import form

_TAG = re.compile(
    r"\{\{-?(?P<var>.*?)-?\}\}|\{%-?\s*(?P<stmt>\w+)(?P<rest>.*?)-?%\}|\{#.*?#\}", re.DOTALL
)
_WILD, _OPEN, _ALT, _CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
_SENTINELS = _WILD + _OPEN + _ALT + _CLOSE + "\ue004"
_MARKUP = re.compile(r"\*\*(.+?)\*\*|\[\[(.+?)\]\]")
_ITEM = re.compile(r"^[ \t]*- ", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_CONSTANT = re.compile(r"^\s*(\d{1,6})\s*\|\s*(number|days|working_days|hours|months|years)\s*$")
_WILDCARD = ".{0,2000}?"
_LOOP = ".*?"
_LOOP_MARK = "\ue004"
MAX_MATCHED_CHARS = 40_000


def _constant(expression: str, style: str, language: str) -> str | None:
    """Return what a placeholder that needs no spec prints ("{{ 30 | days }}": "thirty
    (30) days"), or None for one that depends on the spec."""
    found = _CONSTANT.match(expression)
    if found is None:
        return None
    words = style == "words_and_digits"
    return format_period(int(found.group(1)), found.group(2), language, words=words)


def _sentinels(
    source: str, *, shown: bool = False, style: str = "words_and_digits", language: str = "en"
) -> str:
    """Return `source` with template tags replaced by sentinel characters (or, when
    `shown`, placeholders by their expression in brackets and other tags removed); a
    placeholder that needs no spec is written out in the library's number `style`."""
    out: list[str] = []
    position = loop_depth = 0
    for match in _TAG.finditer(source):
        if loop_depth == 0:
            out.append(source[position : match.start()])
        position = match.end()
        statement = match.group("stmt")
        if match.group("var") is not None:
            expression = match.group("var").strip()
            constant = _constant(expression, style, language)
            if loop_depth == 0 and constant is not None:
                out.append(constant)
            elif loop_depth == 0:
                out.append(f"[{expression}]" if shown else _WILD)
        elif statement == "for":
            if loop_depth == 0:
                out.append("[...]" if shown else _LOOP_MARK)
            loop_depth += 1
        elif statement == "endfor":
            loop_depth = max(0, loop_depth - 1)
        elif loop_depth or shown:
            continue
        elif statement == "if":
            out.append(_OPEN)
        elif statement in ("elif", "else"):
            out.append(_ALT)
        elif statement == "endif":
            out.append(_CLOSE)
    if loop_depth == 0:
        out.append(source[position:])
    return "".join(out)


def _unmarked(text: str) -> str:
    return _MARKUP.sub(lambda m: m.group(1) or m.group(2), _ITEM.sub("", text))


def display_paragraphs(
    source: str, style: str = "words_and_digits", language: str = "en"
) -> tuple[str, ...]:
    """Return the paragraphs of a library text as a reader of the clause file sees them:
    markup dropped, each placeholder that depends on the spec shown as its expression in
    brackets."""
    text = _unmarked(_sentinels(source, shown=True, style=style, language=language))
    out: list[str] = []
    for chunk in _PARAGRAPH_BREAK.split(text.strip()):
        for line in re.split(r"\n(?=- )", chunk):
            joined = " ".join(line.split())
            if joined:
                out.append(joined)
    return tuple(out)


def _regex(normalised: str) -> str:
    parts: list[str] = []
    literal: list[str] = []

    def flush() -> None:
        if literal:
            parts.append(re.escape("".join(literal)).replace(r"\ ", " ?"))
            literal.clear()

    for char in normalised:
        if char not in _SENTINELS:
            literal.append(char)
            continue
        flush()
        if char in (_WILD, _LOOP_MARK):
            wildcard = _LOOP if char == _LOOP_MARK else _WILDCARD
            if parts and parts[-1] in (_WILDCARD, _LOOP):
                parts[-1] = _LOOP if _LOOP in (wildcard, parts[-1]) else _WILDCARD
                continue  # adjacent wildcards would only multiply the ways to match
            parts.append(wildcard)
        else:
            parts.append({_OPEN: "(?:", _ALT: "|", _CLOSE: ")?"}[char])
    flush()
    return "".join(parts)


@cache
def source_regex(source: str, style: str = "words_and_digits", language: str = "en") -> str:
    """Return the regular expression (not compiled) of a library text, in normalised form."""
    text = _sentinels(source, style=style, language=language)
    return _regex(form(_unmarked(text).replace("\n", " ")))


def literal_size(pattern: re.Pattern[str] | None) -> int:
    """Return how much of a pattern is fixed wording: of two wordings a text matches, the
    one with more fixed wording is the one it is (a fallback over a bare placeholder)."""
    if pattern is None:
        return 0
    return len(re.sub(r"\.\{0,2000\}\?|\.\*\?|\(\?:|\)\?|\\| \?", "", pattern.pattern))


@cache
def compile_template(
    body: str,
    optional: tuple[str, ...] = (),
    style: str = "words_and_digits",
    language: str = "en",
) -> re.Pattern[str] | None:
    """Return the pattern of a clause text followed by any of the `optional` texts (the
    definitions a draft prints only when used), or None if it cannot be made."""
    regex = source_regex(body, style, language)
    for extra in optional:
        regex += f"(?: ?{source_regex(extra, style, language)})?"
    try:
        return re.compile(regex, re.DOTALL)
    except re.error:
        return None


def template_matches(pattern: re.Pattern[str] | None, normalised: str) -> bool:
    """Return True when a normalised text is the library text with some values filled in."""
    if pattern is None or len(normalised) > MAX_MATCHED_CHARS:
        return False
    return pattern.fullmatch(normalised) is not None
