"""The register report: a self-contained page whose figures are the examples' own, drawn so
that headless Chromium shows them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PIL import Image

from agreements.clauses.load import load_library
from agreements.register import actions
from agreements.register.charts import BAR, Bar, bar_chart
from agreements.register.database import open_register
from agreements.register.location import parse_location
from agreements.register.page import money
from tests.conftest import ENGLISH_EXAMPLES as EXAMPLES
from tests.registers import example_specs, expected_due, expected_figures, screenshot

TODAY = dt.date(2026, 9, 1)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the report of a register holding the nine examples."""
    folder = tmp_path_factory.mktemp("report")
    library = load_library()
    with open_register(parse_location(str(folder / "register.sqlite"))) as register:
        actions.add_files(register, EXAMPLES, library, status=None, on=TODAY, by="tester")
        html = actions.report_html(register, library.settings, today=TODAY, within=90)
    target = folder / "report.html"
    target.write_text(html, encoding="utf-8")
    return target


def test_the_page_is_self_contained(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html
    assert re.findall(r"""(?:src|href)\s*=|url\(|@import""", html) == []
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}


def test_the_page_shows_the_figures_of_the_specs(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    expected = expected_figures(example_specs())
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", html)
    for (year, kind), count in expected.per_kind_and_year.items():
        assert f'<td>{year}</td><td>{kind}</td><td class="n">{count}</td>' in html
    for currency, totals in expected.per_currency.items():
        for group, amount in totals.items():
            assert f'<td>{currency}</td><td>{group}</td><td class="n">{money(amount)}</td>' in html
    for sector, count in expected.partners_by_sector.items():
        assert f'<td>{sector}</td><td class="n">{count}</td>' in html
    for name, count in expected.fallbacks.items():
        assert f'<td>{name}</td><td class="n">{count}</td>' in html
    due = expected_due(example_specs(), TODAY, 90)
    assert [c for c in cells if re.fullmatch(r"\d{4}-\d\d-\d\d( \(passed\))?", c)] == [
        d.isoformat() for d, _, _ in due
    ]
    assert f"<b>{expected.partner_count}</b>partners" in html


def test_labels_are_escaped() -> None:
    svg = bar_chart("<t>", [Bar("<script>alert(1)</script>", 1, "&")])
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "&amp;" in svg


def test_chromium_shows_the_charts(page: Path, tmp_path: Path) -> None:
    png = screenshot(page, tmp_path / "report.png")
    with Image.open(png) as image:
        colours = {colour: n for n, colour in image.convert("RGB").getcolors(1 << 24) or []}
        total = image.width * image.height
    bar = tuple(int(BAR[i : i + 2], 16) for i in (1, 3, 5))
    assert total - colours.get((255, 255, 255), 0) > total // 50, "the page is blank"
    assert len(colours) > 50, "the page has no figures"
    # The bars themselves, in the chart colour: thousands of pixels, not a stray line.
    assert colours.get(bar, 0) > 5000
