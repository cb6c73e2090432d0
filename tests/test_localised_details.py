"""The details a French or Spanish legal officer sends back when a draft gets them wrong:
country names and their prepositions, periods, elision and spacing of fixed words, the
article before an institution's name, the organisation's address in the draft's language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from agreements.articles import legal_form_mid_sentence, with_article
from agreements.clauses.grammar import french_spacing
from agreements.clauses.load import load_library
from agreements.clauses.sandbox import LITERAL_CLOSE, LITERAL_OPEN
from agreements.countries import country_phrase
from agreements.formatting import format_range, join_names
from agreements.library import default_library, load_settings
from agreements.words import words
from tests.conftest import ENGLISH_EXAMPLES, ROOT
from tests.drafts import make_draft


@pytest.mark.parametrize(
    ("country", "language", "case", "expected"),
    [
        ("United Kingdom", "fr", "in", "au Royaume-Uni"),
        ("GB", "fr", "of", "du Royaume-Uni"),
        ("Mexico", "fr", "in", "au Mexique"),
        ("France", "fr", "in", "en France"),
        ("United States", "fr", "in", "aux États-Unis"),
        ("India", "fr", "of", "de l\u2019Inde"),
        ("Viet Nam", "fr", "in", "au Viet Nam"),
        ("Republic of Korea", "fr", "in", "en République de Corée"),
        ("Peru", "es", "in", "en el Perú"),
        ("United Kingdom", "es", "of", "del Reino Unido"),
        ("United States", "es", "in", "en los Estados Unidos"),
        ("Netherlands", "es", "in", "en los Países Bajos"),
        ("Colombia", "es", "in", "en Colombia"),
        ("Russian Federation", "es", "of", "de la Federación de Rusia"),
        ("Viet Nam", "es", "in", "en Viet Nam"),
        ("Bangladesh", "es", "in", "en Bangladesh"),
        ("Sénégal", "es", "in", "en el Senegal"),
        ("Atlantis", "es", "in", "en Atlantis"),
    ],
)
def test_countries_take_the_united_nations_name_and_the_right_preposition(
    country: str, language: str, case: str, expected: str
) -> None:
    assert country_phrase(country, language, case) == expected


@pytest.mark.parametrize(
    ("start", "end", "language", "expected"),
    [
        ((2026, 11, 17), (2026, 11, 19), "en", "17 to 19 November 2026"),
        ((2026, 11, 17), (2026, 11, 19), "fr", "du 17 au 19 novembre 2026"),
        ((2026, 11, 17), (2026, 11, 19), "es", "del 17 al 19 de noviembre de 2026"),
        ((2026, 6, 1), (2026, 7, 2), "fr", "du 1er juin au 2 juillet 2026"),
        ((2026, 6, 1), (2026, 7, 2), "es", "del 1 de junio al 2 de julio de 2026"),
        ((2026, 12, 30), (2027, 1, 2), "en", "30 December 2026 to 2 January 2027"),
        ((2026, 5, 4), (2026, 5, 4), "fr", "4 mai 2026"),
    ],
)
def test_a_period_does_not_repeat_what_its_dates_share(
    start: tuple[int, int, int], end: tuple[int, int, int], language: str, expected: str
) -> None:
    assert format_range(dt.date(*start), dt.date(*end), language) == expected


def test_french_fixed_words_elide_and_space_as_french_does() -> None:
    assert words("budget.contribution", "fr", party="IFRC") == "Contribution financière d\u2019IFRC"
    assert words("budget.contribution", "fr", party="BP") == "Contribution financière de BP"
    assert words("annex.emblem", "fr").endswith("de l\u2019emblème")
    assert words("parties.separator", "fr") == "\u00a0;"
    # A value is never touched: only the wording around it.
    assert words("signature.for", "fr", name="Halden's; Co") == "Pour Halden's; Co"


def test_french_clause_wording_gets_a_no_break_space_before_double_punctuation() -> None:
    assert french_spacing("du présent Accord; l\u2019autre", "fr") == (
        "du présent Accord\u00a0; l\u2019autre"
    )
    assert french_spacing("suivants : la", "fr") == "suivants\u00a0: la"
    assert french_spacing("voir https://ilo.org à 10:30", "fr") == "voir https://ilo.org à 10:30"
    assert french_spacing("Agreement; the", "en") == "Agreement; the"
    # Wording right after a value (the organisation's name) is spaced too.
    value = f"{LITERAL_OPEN}OIT{LITERAL_CLOSE}"
    assert french_spacing(f"de l\u2019{value}; ou", "fr") == f"de l\u2019{value}\u00a0; ou"


@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        ("Fundación Andina", "es", "la Fundación Andina"),
        ("Fundación Andina", "fr", "la Fundación Andina"),
        ("Réseau Jeunesse et Emploi", "fr", "le Réseau Jeunesse et Emploi"),
        ("Université Cheikh Anta Diop", "fr", "l\u2019Université Cheikh Anta Diop"),
        ("Ministerio de Trabajo", "es", "el Ministerio de Trabajo"),
        ("International Finance Corporation", "en", "the International Finance Corporation"),
        ("Halden & Rowe Consumer Brands B.V.", "fr", "Halden & Rowe Consumer Brands B.V."),
        ("Hollis Foundation for Work", "en", "the Hollis Foundation for Work"),
        ("Hollis Foundation for Work", "fr", "la Hollis Foundation for Work"),
        ("People's Government of Mianzhu City", "es", "el People's Government of Mianzhu City"),
        ("International Finance Corporation", "fr", "l\u2019International Finance Corporation"),
        ("Postal Savings Bank of China Co., Ltd.", "en", "Postal Savings Bank of China Co., Ltd."),
        ("Northwind Apparel Group plc", "en", "Northwind Apparel Group plc"),
    ],
)  # fmt: skip
def test_an_institution_named_by_a_common_noun_takes_its_article(
    name: str, language: str, expected: str
) -> None:
    assert with_article(name, language) == expected


def test_the_seat_address_is_printed_in_the_drafts_language() -> None:
    settings = load_settings(default_library())
    english = "4 route des Morillons, CH-1211 Geneva 22, Switzerland"
    assert settings.organisation_address(english, "fr") == (
        "4, route des Morillons, CH-1211 Genève 22, Suisse"
    )
    assert settings.organisation_address(
        "4, Route des Morillons, CH-1211 Genève 22, Suisse", "es"
    ) == ("4, route des Morillons, CH-1211 Ginebra 22, Suiza")
    # A country office's address is the spec's own words.
    office = "Route des Almadies, Dakar, Sénégal"
    assert settings.organisation_address(office, "fr") == office


@pytest.mark.parametrize(
    ("form", "language", "expected"),
    [
        ("Société anonyme", "fr", "société anonyme"),
        ("Fundación sin fines de lucro", "es", "fundación sin fines de lucro"),
        ("Association under Ivorian law", "fr", "association under Ivorian law"),
        ("Gesellschaft mit beschränkter Haftung", "fr", "Gesellschaft mit beschränkter Haftung"),
        ("Joint-stock commercial bank", "es", "Joint-stock commercial bank"),
        ("SARL", "fr", "SARL"),
        ("Société anonyme", "en", "Société anonyme"),
    ],
)
def test_a_french_or_spanish_legal_form_is_lower_case_mid_sentence(
    form: str, language: str, expected: str
) -> None:
    assert legal_form_mid_sentence(form, language) == expected


def test_a_legal_form_that_names_the_country_is_not_followed_by_it_again(
    tmp_path: Path,
) -> None:
    spec = ROOT / "examples" / "better-work-brands.yaml"
    text = make_draft(spec, load_library(), tmp_path).text()
    assert (
        "Professional association registered under the law of Viet Nam, 58 Nguyen Thi Minh Khai"
        in text
    )
    # A company's form does not name its country: the draft says where it is registered.
    assert "Public limited company, registered in the United Kingdom" in text


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_donor_that_also_gives_in_kind_is_thanked_once(language: str, tmp_path: Path) -> None:
    # The Senegal spec's company pays funds and gives goods.
    data = yaml.safe_load((ROOT / "examples" / "senegal-emplois-verts-jeunes.yaml").read_text())
    data["agreement"]["language"] = language
    spec = tmp_path / "senegal.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = make_draft(spec, load_library(), tmp_path).text()
    company = "Sénégal Énergies Vertes SA"
    said = ("with the support of", "avec le soutien de", "con el apoyo de")
    statements = [line for line in text.splitlines() if any(s in line for s in said)]
    assert statements
    for statement in statements:
        assert statement.count(company) == 1, statement


def test_a_memorandum_cites_its_risks_as_an_understanding_not_an_allocation(
    tmp_path: Path,
) -> None:
    spec = ROOT / "examples" / "mou-skills-dialogue.yaml"
    text = make_draft(spec, load_library(), tmp_path).text()
    assert "Risks identified" in text
    assert "Risk allocation matrix" not in text
    assert "records their shared understanding only and creates no obligation" in text
    assert "Category\nDescription\nFollowed by\nMitigation" in text


@pytest.mark.parametrize("spec", ENGLISH_EXAMPLES, ids=[s.stem for s in ENGLISH_EXAMPLES])
def test_every_defined_term_is_used_elsewhere_in_the_draft(spec: Path, tmp_path: Path) -> None:
    draft = make_draft(spec, load_library(), tmp_path)
    paragraphs = draft.text().split("\n")
    definitions = [p for p in paragraphs if p.startswith("\u201c") and "\u201d means" in p]
    assert definitions
    unused = []
    for definition in definitions:
        term = definition[1 : definition.index("\u201d")]
        elsewhere = [p for p in paragraphs if p != definition and term in p]
        if not elsewhere:
            unused.append(term)
    assert unused == []


def test_spanish_joins_a_name_that_opens_with_the_sound_i_with_e() -> None:
    assert join_names(["PSBC", "IFRC"], "es") == "PSBC e IFRC"
    assert join_names(["PSBC", "Hierro SA"], "es") == "PSBC y Hierro SA"
    assert join_names(["PSBC", "IFRC"], "fr") == "PSBC et IFRC"
