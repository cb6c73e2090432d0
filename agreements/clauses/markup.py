"""The light markup of clause texts, parsed into numbered blocks of typed runs.

Paragraphs are separated by blank lines; lines starting with "- " are items of the
paragraph before them; `**Term**` defines a term, `[[Term]]` uses one; spec values and
references arrive wrapped in sentinels by the sandbox, so their content is never markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from agreements.clauses.sandbox import LITERAL_CLOSE, LITERAL_OPEN, REF_CLOSE, REF_OPEN

RunKind = Literal["text", "define", "term", "ref"]
# The lookahead lets the scanner skip, in one step, every position that cannot start a token.
_TOKEN = re.compile(
    f"(?=[{LITERAL_OPEN}{REF_OPEN}*\\[])(?:{LITERAL_OPEN}(?P<literal>[^{LITERAL_CLOSE}]*){LITERAL_CLOSE}"
    f"|{REF_OPEN}(?P<ref>[^{REF_CLOSE}]*){REF_CLOSE}"
    r"|\*\*(?P<define>.+?)\*\*"
    r"|\[\[(?P<term>.+?)\]\])"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTINELS = {ord(c): None for c in (LITERAL_OPEN, LITERAL_CLOSE, REF_OPEN, REF_CLOSE)}


@dataclass(frozen=True)
class Run:
    """A piece of text: plain, a term where defined, a term where used, or a reference."""

    kind: RunKind
    text: str
    target: str = ""


@dataclass
class Block:
    """A paragraph or an item, with its runs; `number` is filled in by the planner."""

    kind: Literal["para", "item"]
    runs: list[Run] = field(default_factory=list)
    number: str = ""

    def plain(self) -> str:
        """Return the block's text as a reader sees it."""
        return "".join(run.text for run in self.runs)


_OPENING_QUOTE = re.compile(r'(^|[\s(\[\u2014-])"')
_OPENING_APOSTROPHE = re.compile(r"(^|[\s(\[\u2014-])'")


_LITERAL = re.compile(f"({LITERAL_OPEN}[^{LITERAL_CLOSE}]*{LITERAL_CLOSE})")


def typographic(text: str) -> str:
    """Return rendered clause text with the library's straight quotes made typographic.

    Spec values (inside literal sentinels) are kept exactly as written; the character
    before each piece of wording decides whether a quote opens or closes.
    """
    if '"' not in text and "'" not in text:
        return text
    pieces = _LITERAL.split(text)
    before = ""
    for index, piece in enumerate(pieces):
        if index % 2 == 0 and piece:
            context = (before[-1:] or " ") if before else ""
            converted = _OPENING_QUOTE.sub("\\1\u201c", context + piece)
            converted = converted.replace('"', "\u201d")
            converted = _OPENING_APOSTROPHE.sub("\\1\u2018", converted).replace("'", "\u2019")
            pieces[index] = converted[len(context) :]
        if piece:
            before = piece.rstrip(LITERAL_CLOSE).lstrip(LITERAL_OPEN) or before
    return "".join(pieces)


def parse_inline(text: str) -> list[Run]:
    """Return the runs of one line of rendered text; adjacent plain text is merged."""
    runs: list[Run] = []
    pending: list[str] = []  # plain text waiting to become one run
    position = 0
    text = typographic(text)
    for match in _TOKEN.finditer(text):
        pending.append(text[position : match.start()])
        position = match.end()
        kind = match.lastgroup
        value = match.group(kind) if kind else ""
        if kind == "literal":
            pending.append(value)
            continue
        if any(pending):
            runs.append(Run("text", "".join(pending)))
        pending = []
        if kind == "ref":
            runs.append(Run("ref", "", value))
        else:
            runs.append(Run("define" if kind == "define" else "term", value.translate(_SENTINELS)))
    pending.append(text[position:])
    if any(pending):
        runs.append(Run("text", "".join(pending)))
    return runs


def parse_blocks(text: str) -> list[Block]:
    """Return the paragraphs and items of a rendered clause text, in order.

    Most clause texts render the same for every spec, so their parse is reused; each call
    still returns new blocks, as the planner numbers them.
    """
    return [Block(kind, list(runs)) for kind, runs in _parsed(text)]


@lru_cache(maxsize=4096)
def _parsed(text: str) -> tuple[tuple[Literal["para", "item"], tuple[Run, ...]], ...]:
    return tuple((b.kind, tuple(b.runs)) for b in _parse_blocks(text))


def _pieces(text: str) -> list[tuple[Literal["para", "item"], str]]:
    """Return the paragraphs and items of a text in order, each as its joined lines."""
    pieces: list[tuple[Literal["para", "item"], str]] = []
    for chunk in _PARAGRAPH_BREAK.split(text.strip()):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        paragraph: list[str] = []
        items: list[list[str]] = []
        for line in lines:
            if line.startswith("- "):
                items.append([line[2:].strip()])
            elif items:
                items[-1].append(line)
            else:
                paragraph.append(line)
        if paragraph:
            pieces.append(("para", " ".join(paragraph)))
        pieces.extend(("item", " ".join(item)) for item in items)
    return pieces


def parse_shape(text: str) -> tuple[str, ...]:
    """Return the kinds of a text's blocks in order ('para', 'item', ...), as `parse_blocks`
    would find them: what a translation must keep so its paragraphs and items align."""
    return tuple(kind for kind, _ in _pieces(text))


def _parse_blocks(text: str) -> list[Block]:
    return [Block(kind, parse_inline(piece)) for kind, piece in _pieces(text)]
