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
from dataclasses import dataclass
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
_WILD_LIMIT = 2000
_LOOP_LIMIT = 1 << 30
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


@dataclass(frozen=True)
class _Literal:
    text: str


@dataclass(frozen=True)
class _Wildcard:
    limit: int


@dataclass(frozen=True)
class _Optional:
    alternatives: tuple[tuple[_Item, ...], ...]


_Item = _Literal | _Wildcard | _Optional


@dataclass(frozen=True)
class Pattern:
    """A library text as a sequence of fixed wording, placeholders (each standing for at
    most `limit` characters of value) and optional blocks with their alternatives.

    Matching follows every way through the pattern at once, as a set of text positions
    (no backtracking), so a text written to be slow costs at most a few passes over it.
    Spaces are not compared: a placeholder with no value leaves one space, not two.
    """

    items: tuple[_Item, ...]

    def matches(self, normalised: str) -> bool:
        """Return True when the text is this library text with some values filled in."""
        text = normalised.replace(" ", "")
        if len(text) > MAX_MATCHED_CHARS:
            return False
        return len(text) in _run(self.items, text, {0})

    def literal_size(self) -> int:
        """Return how many characters of fixed wording the pattern holds."""
        return _size(self.items)


def _size(items: tuple[_Item, ...]) -> int:
    total = 0
    for item in items:
        if isinstance(item, _Literal):
            total += len(item.text)
        elif isinstance(item, _Optional):
            total += sum(_size(alternative) for alternative in item.alternatives)
    return total


def _spread(positions: set[int], limit: int, end: int) -> set[int]:
    """Return every position a placeholder starting at one of `positions` can end at."""
    reached: set[int] = set()
    for start, stop in _intervals(sorted(positions), limit, end):
        reached.update(range(start, stop + 1))
    return reached


def _intervals(starts: list[int], limit: int, end: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start in starts:
        stop = min(start + limit, end)
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return merged


def _then(text: str, positions: set[int], limit: int, literal: str) -> set[int]:
    """Return where `literal` ends when it follows a placeholder starting at one of
    `positions`: each occurrence of it within reach, found once."""
    reached: set[int] = set()
    for start, stop in _intervals(sorted(positions), limit, len(text)):
        at = text.find(literal, start, stop + len(literal))
        while at >= 0:
            reached.add(at + len(literal))
            at = text.find(literal, at + 1, stop + len(literal))
    return reached


def _run(items: tuple[_Item, ...], text: str, positions: set[int]) -> set[int]:
    index = 0
    while index < len(items) and positions:
        item = items[index]
        if isinstance(item, _Literal):
            size = len(item.text)
            positions = {p + size for p in positions if text.startswith(item.text, p)}
        elif isinstance(item, _Wildcard):
            following = items[index + 1] if index + 1 < len(items) else None
            if isinstance(following, _Literal):
                positions = _then(text, positions, item.limit, following.text)
                index += 1
            else:
                positions = _spread(positions, item.limit, len(text))
        else:
            reached = set(positions)
            for alternative in item.alternatives:
                reached |= _run(alternative, text, positions)
            positions = reached
        index += 1
    return positions


def _parse(normalised: str) -> tuple[_Item, ...]:
    """Return the items of a normalised library text with its sentinels."""
    levels: list[list[list[_Item]]] = [[[]]]  # per open block: its alternatives
    literal: list[str] = []

    def flush() -> None:
        text = "".join(literal).replace(" ", "")
        if text:
            levels[-1][-1].append(_Literal(text))
        literal.clear()

    def close() -> None:
        alternatives = levels.pop()
        levels[-1][-1].append(_Optional(tuple(tuple(a) for a in alternatives)))

    for char in normalised:
        if char not in _SENTINELS:
            literal.append(char)
            continue
        flush()
        current = levels[-1][-1]
        if char in (_WILD, _LOOP_MARK):
            limit = _LOOP_LIMIT if char == _LOOP_MARK else _WILD_LIMIT
            if current and isinstance(current[-1], _Wildcard):
                limit = max(limit, current[-1].limit)  # adjacent placeholders: one value
                current.pop()
            current.append(_Wildcard(limit))
        elif char == _OPEN:
            levels.append([[]])
        elif char == _ALT and len(levels) > 1:
            levels[-1].append([])
        elif char == _CLOSE and len(levels) > 1:
            close()
    flush()
    while len(levels) > 1:
        close()
    return tuple(levels[0][0])


@cache
def _items(source: str, style: str, language: str) -> tuple[_Item, ...]:
    text = _sentinels(source, style=style, language=language)
    return _parse(form(_unmarked(text).replace("\n", " ")))


def literal_size(pattern: Pattern | None) -> int:
    """Return how much of a pattern is fixed wording: of two wordings a text matches, the
    one with more fixed wording is the one it is (a fallback over a bare placeholder)."""
    return pattern.literal_size() if pattern is not None else 0


@cache
def compile_template(
    body: str,
    optional: tuple[str, ...] = (),
    style: str = "words_and_digits",
    language: str = "en",
) -> Pattern:
    """Return the pattern of a clause text followed by any of the `optional` texts (the
    definitions a draft prints only when used)."""
    items = _items(body, style, language)
    extras = tuple(_Optional((_items(extra, style, language),)) for extra in optional)
    return Pattern(items + extras)


def template_matches(pattern: Pattern | None, normalised: str) -> bool:
    """Return True when a normalised text is the library text with some values filled in."""
    return pattern is not None and pattern.matches(normalised)
