"""Colour on a terminal, and none elsewhere: errors red, warnings yellow, FAILED rows red.

Colour is for people reading a terminal; a pipe, a file or a CI log gets plain text, and so
does anyone who sets NO_COLOR (https://no-color.org). Only the CLI colours: the engine's
messages stay plain text.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TextIO

_RED, _YELLOW, _GREEN, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[32m", "\x1b[0m"
# Words that carry a verdict in the output of validate, lint and the batch summary.
_MARKS = re.compile(
    r"(?<![\w-])(error [A-Z]\d\d|warning [A-Z]\d\d|FAILED|STOPPED|invalid|unreadable|Error:)"
)


def colour_wanted(stream: TextIO) -> bool:
    """Return True when `stream` is a terminal and the user has not asked for no colour."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def _paint(match: re.Match[str]) -> str:
    word = match.group(1)
    colour = _YELLOW if word.startswith("warning") else _RED
    return f"{colour}{word}{_RESET}"


def marked(text: str, stream: TextIO | None = None) -> str:
    """Return `text` with its verdict words coloured when `stream` (stdout by default) is a
    terminal that wants colour; unchanged otherwise."""
    if not colour_wanted(stream or sys.stdout):
        return text
    return _MARKS.sub(_paint, text)
