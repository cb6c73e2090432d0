"""Column widths set by content: text measured in the draft's font, columns fitted to a page.

A fixed-layout table keeps the widths it is given, so a header narrower than its longest
word breaks mid-word ("Curre/ncy"). The widths here come from the advance widths of
Liberation Serif (metric-compatible with Times New Roman, the template's font): a column
is never narrower than its longest word, nor an amount or date narrower than itself, and
what width is left goes to the columns whose text would otherwise wrap most.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Advance widths of the printable ASCII characters (32-126) in thousandths of an em.
_REGULAR = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667,
    722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722,
    722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500,
    500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500,
    444, 480, 200, 480, 541,
)  # fmt: skip
_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722,
    722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722,
    722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500,
    556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500,
    444, 394, 220, 394, 520,
)  # fmt: skip
_CM_PER_POINT = 2.54 / 72
TABLE_FONT_PT = 9.5  # the size of the template's Table Text style
CELL_PADDING_CM = 0.15  # left and right margin of every cell (`ooxml.table`)
# Measured widths leave room for kerning, bold runs and a renderer's rounding.
_SAFETY = 1.06
TEXT_WIDTH_CM = 16.0
# Room added to each column of a table whose values all fit on one line.
_BREATHING_CM = 1.0


def text_width(text: str, *, bold: bool = False, size_pt: float = TABLE_FONT_PT) -> float:
    """Return the width of `text` on one line, in centimetres."""
    table = _BOLD if bold else _REGULAR
    fallback = 556 if bold else 500
    units = sum(table[o - 32] if 32 <= (o := ord(c)) < 127 else fallback for c in text)
    return units / 1000 * size_pt * _CM_PER_POINT * _SAFETY


def longest_word(text: str, *, bold: bool = False) -> float:
    """Return the width of the widest word of `text`, below which it breaks mid-word."""
    return max((text_width(w, bold=bold) for w in text.split()), default=0.0)


@dataclass(frozen=True)
class Column:
    """A table column: its header, how its cells align, and whether a value must stay on
    one line (amounts, dates, quantities)."""

    header: str = ""
    align: str = "left"
    whole: bool = False


def fit_widths(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    total: float = TEXT_WIDTH_CM,
    *,
    bold_first: bool = False,
    header: bool = True,
) -> list[float]:
    """Return the width in cm of each column so the table fills `total`.

    Each column gets at least its widest word (its whole values when `whole`), headers
    included; then, when the page allows, a `whole` column's header on one line; the rest
    is shared in proportion to how much each column's longest line exceeds that width.
    `bold_first` measures the first column as bold (labels); without `header` the
    columns' headers are not shown, so not measured.
    """
    pad = 2 * CELL_PADDING_CM
    least: list[float] = []
    heads: list[float] = []
    most: list[float] = []
    for index, column in enumerate(columns):
        values = [r[index] for r in rows]
        bold = bold_first and index == 0
        title = column.header if header else ""
        words = [longest_word(title, bold=True)]
        lines = [text_width(title, bold=True)]
        for value in values:
            for line in value.split("\n"):
                lines.append(text_width(line, bold=bold))
                words.append(lines[-1] if column.whole else longest_word(line, bold=bold))
        least.append(max(words) + pad)
        # Headers over figures stay on one line; those over running text may wrap.
        heads.append(max(least[-1], lines[0] + pad) if column.whole else least[-1])
        most.append(max(lines) + pad)
    if sum(least) >= total:
        # Too wide for the page: words of running text may break, whole values may not.
        fixed = sum(w for c, w in zip(columns, least, strict=True) if c.whole)
        if fixed >= total:
            return [w * total / sum(least) for w in least]
        scale = (total - fixed) / (sum(least) - fixed)
        return [w if c.whole else w * scale for c, w in zip(columns, least, strict=True)]
    # Headers of figures on one line come next, when the page allows it.
    if sum(heads) <= total:
        least = heads
    spare = total - sum(least)
    wanted = [m - w for m, w in zip(most, least, strict=True)]
    if sum(wanted) <= spare:
        # Everything fits on one line: the rest goes to the columns of running text; a
        # table of amounts and dates alone stays narrow rather than spreading its figures.
        extra = spare - sum(wanted)
        text = [m if not c.whole else 0.0 for c, m in zip(columns, most, strict=True)]
        if sum(text):
            return [m + extra * t / sum(text) for m, t in zip(most, text, strict=True)]
        return [m + min(extra / len(most), _BREATHING_CM) for m in most]
    return [w + spare * x / sum(wanted) for w, x in zip(least, wanted, strict=True)]
