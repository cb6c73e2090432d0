"""Tables of the draft and the review pack, with widths set by their content.

Every table is laid out the same way: a bold header row repeated on each page, the same
cell margins, rows that never split, amounts aligned right, and lists inside cells as real
list items. Column widths come from `agreements.word.measure`.
"""

from __future__ import annotations

from collections.abc import Sequence

from agreements.word.measure import TEXT_WIDTH_CM, Column, fit_widths
from agreements.word.ooxml import cell, paragraph, row, run, table

# A cell holds text (a paragraph a line), or a list of items shown as a bulleted list.
CellValue = str | list[str]


def _measured(value: CellValue) -> str:
    return "\n".join(value) if isinstance(value, list) else value


def _cell(width: float, value: CellValue, column: Column, *, bold: bool) -> str:
    if isinstance(value, list):
        if len(value) == 1:
            value = value[0]
        else:
            return cell(
                width,
                [paragraph("TableList", run(item)) for item in value],
            )
    return cell(
        width,
        [
            paragraph("TableText", run(line, bold=bold), align=column.align)
            for line in value.split("\n")
        ],
    )


def grid(
    columns: Sequence[Column],
    rows: Sequence[Sequence[CellValue]],
    *,
    header: bool = True,
    labels: bool = False,
    totals: int = 0,
    total_width: float = TEXT_WIDTH_CM,
) -> str:
    """Return a table of `rows` under `columns` (a repeated bold header row unless
    `header` is false), the first column bold when it holds `labels`, and the last
    `totals` rows bold."""
    measured = [[_measured(v) for v in r] for r in rows]
    widths = fit_widths(columns, measured, total_width, bold_first=labels, header=header)
    body = []
    if header:
        cells = [
            cell(w, [paragraph("TableText", run(c.header, bold=True), align=c.align)])
            for c, w in zip(columns, widths, strict=True)
        ]
        body.append(row(cells, header=True))
    for index, values in enumerate(rows):
        strong = index >= len(rows) - totals
        body.append(
            row(
                [
                    _cell(w, v, c, bold=strong or (labels and i == 0))
                    for i, (c, w, v) in enumerate(zip(columns, widths, values, strict=True))
                ]
            )
        )
    return table(widths, body)


def pairs(items: Sequence[tuple[str, CellValue]]) -> str:
    """Return a two-column table of bold labels and their values, leaving out labels
    without a value."""
    kept = [(label, value) for label, value in items if value]
    return grid([Column(whole=True), Column()], kept, header=False, labels=True)
