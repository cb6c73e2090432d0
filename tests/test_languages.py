"""French and Spanish drafts: what each clause function prints, contraction of articles,
the organisation's names, and whole drafts read back (fixture library in three languages)."""

from __future__ import annotations

import re
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from agreements.clauses.context import ClauseContext, build_context
from agreements.clauses.grammar import contract_runs, mark_prepositions
from agreements.clauses.load import Library, load_library
from agreements.clauses.markup import parse_inline
from agreements.clauses.render import render_source
from agreements.errors import LibraryError
from agreements.load import load_spec
from tests.conftest import require_soffice
from tests.drafts import Draft, assert_audit_clean, make_draft
from tests.i18n_library import FRENCH_SPEC, SPANISH_SPEC, build_library
from tests.language_checks import (
    all_text,
    english_words,
    expected_amounts_and_dates,
    spec_values,
    wrong_references,
)


@pytest.fixture(scope="module")
def real_library() -> Library:
    return load_library()


def _context(spec: Path, library: Library) -> ClauseContext:
    return build_context(load_spec(spec, library), library.settings)


def _say(context: ClauseContext, source: str, language: str) -> str:
    """Return `source` as a clause text in `language` prints it (terms without brackets)."""
    names = context.in_language(language).names(present=frozenset())
    text = mark_prepositions(render_source(source, names, language), language)
    printed = "".join(run.text for run in contract_runs(parse_inline(text), language))
    return printed.replace("\u2019", "'")  # compared with straight apostrophes


# The French spec has three parties, one partner and one donor; the Spanish spec two.
FRENCH = [
    ("{{ The('donor') }} verse", "Le Donateur verse"),
    ("la part de {{ the('donor') }}", "la part du Donateur"),
    ("De {{ the('donor') }}", "Du Donateur"),
    ("rend compte à {{ the('donor') }}", "rend compte au Donateur"),
    ("avec {{ the_others() }}", "avec les autres Parties"),
    ("au nom de {{ the_others() }}", "au nom des autres Parties"),
    ("en informe {{ the_others() }}", "en informe les autres Parties"),
    ("à {{ the_others() }}", "aux autres Parties"),
    ("si {{ a('partner') }} le demande", "si le Partenaire le demande"),
    ("{{ Shall_not('partner') }} céder", "Le Partenaire ne peut céder"),
    ("aucun {{ term('partner') }}", "aucun Partenaire"),
    ("{{ each_other() }} s'engage", "chaque autre Partie s'engage"),
    ("{{ Each_other() }} s'engage", "Chaque autre Partie s'engage"),
    # Never a plain "de le" of the clause's own wording; a value that starts with its own
    # article contracts like a function's ("du Bureau").
    ("afin de le faire", "afin de le faire"),
    ("de {{ settings.organisation.acting_through }}", "du Bureau international du Travail"),
    ("{{ org.legal_name }} ({{ org.short_name }})", "Organisation internationale du Travail (OIT)"),
    ("{{ 30 | days }}", "trente (30) jours"),
    ("{{ agreement.start_date | date }}", "1er juin 2026"),
    ("{{ parties | names }}", "OIT, le Ministère et SEV"),
]  # fmt: skip
SPANISH = [
    ("{{ The('donor') }} aporta", "El Donante aporta"),
    ("la parte de {{ the('donor') }}", "la parte del Donante"),
    ("informa a {{ the('donor') }}", "informa al Donante"),
    ("con {{ the_others() }}", "con la otra Parte"),
    ("a {{ the_others() }}", "a la otra Parte"),
    ("{{ Shall_not('partner') }} ceder", "El Socio no podrá ceder"),
    ("{{ Each_other() }} informa", "La otra Parte informa"),
    ("ningún {{ term('partner') }}", "ningún Socio"),
    ("si {{ a('partner') }} lo pide", "si el Socio lo pide"),
    ("{{ org.legal_name }}", "Organización Internacional del Trabajo"),
    ("{{ 1 | days }}", "un (1) día"),
    ("{{ agreement.start_date | date }}", "1 de agosto de 2026"),
    ("{{ parties | names }}", "OIT y la Fundación"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "expected"), FRENCH)
def test_french_functions(source: str, expected: str, real_library: Library) -> None:
    assert _say(_context(FRENCH_SPEC, real_library), source, "fr") == expected


@pytest.mark.parametrize(("source", "expected"), SPANISH)
def test_spanish_functions(source: str, expected: str, real_library: Library) -> None:
    assert _say(_context(SPANISH_SPEC, real_library), source, "es") == expected


@pytest.mark.parametrize(
    ("language", "source", "expected"),
    [
        ("fr", "de {{ the('donor') }}", "de chaque Donateur"),
        ("fr", "si {{ a('partner') }} le demande", "si un Partenaire le demande"),
        ("fr", "{{ Shall_not('partner') }} céder", "Aucun Partenaire ne peut céder"),
        ("es", "de {{ the('donor') }}", "de cada Donante"),
        ("es", "si {{ a('partner') }} lo pide", "si un Socio lo pide"),
        ("es", "{{ Shall_not('partner') }} ceder", "Ningún Socio podrá ceder"),
        ("es", "a {{ the_others() }}", "a las demás Partes"),
        ("es", "{{ Each_other() }} informa", "Cada una de las demás Partes informa"),
        ("fr", "à {{ the('sponsor') }}", "au Parrain"),
    ],
)
def test_functions_for_several_parties(
    language: str, source: str, expected: str, real_library: Library
) -> None:
    context = _context(FRENCH_SPEC, real_library)  # three parties
    two = context.non_state + context.non_state
    context = replace(context, non_state=two, donors=two, sponsors=context.non_state)
    assert _say(context, source, language) == expected


def test_a_term_declared_feminine_takes_feminine_articles(real_library: Library) -> None:
    settings = real_library.settings
    french = settings.languages["fr"]
    terms = {**french.role_terms, "partner": "Entité", "donor": "Organisation donatrice"}
    french = french.model_copy(
        update={"role_terms": terms, "feminine_terms": ["Entité", "Organisation donatrice"]}
    )
    settings = settings.model_copy(update={"languages": {**settings.languages, "fr": french}})
    context = replace(_context(FRENCH_SPEC, real_library), settings=settings)
    assert _say(context, "à {{ the('partner') }}", "fr") == "à l'Entité"
    assert _say(context, "de {{ the('donor') }}", "fr") == "de l'Organisation donatrice"
    several = replace(context, non_state=context.non_state * 2)
    assert _say(several, "{{ Shall_not('partner') }} céder", "fr") == "Aucune Entité ne peut céder"


def test_the_organisation_is_named_in_the_language(real_library: Library) -> None:
    context = _context(FRENCH_SPEC, real_library).in_language("es")
    assert context.org.legal_name == "Organización Internacional del Trabajo"
    assert context.org in context.parties
    assert context.settings.organisation.acting_through == "la Oficina Internacional del Trabajo"
    assert context.settings.recitals[0].startswith("Recordando")
    assert context.annexes[0].title == "Descripción de la acción"
    assert context.in_language("en") is context.english


def test_a_missing_glossary_entry_names_the_term_and_the_language(real_library: Library) -> None:
    message = (
        "the fr glossary (languages.fr.terms in the settings) has no translation of the defined "
        "term 'Work Plan': add 'Work Plan: <fr term>'"
    )
    settings = real_library.settings
    french = settings.languages["fr"]
    glossary = {k: v for k, v in french.terms.items() if k != "Work Plan"}
    without = settings.model_copy(
        update={
            "languages": {**settings.languages, "fr": french.model_copy(update={"terms": glossary})}
        }
    )
    assert settings.defined_term("Work Plan", "fr") == "Plan de travail"
    with pytest.raises(LibraryError, match=re.escape(message)):
        without.defined_term("Work Plan", "fr")


def test_a_language_the_settings_lack_is_a_library_error(real_library: Library) -> None:
    with pytest.raises(LibraryError, match=r"no 'de' section: add languages\.de"):
        real_library.settings.in_language("de")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Draft]:
    folder = tmp_path_factory.mktemp("i18n")
    library = build_library(folder / "library")
    return {
        "fr": make_draft(FRENCH_SPEC, library, folder),
        "es": make_draft(SPANISH_SPEC, library, folder),
    }


SPECS = {"fr": FRENCH_SPEC, "es": SPANISH_SPEC}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_no_english_word_outside_spec_values(language: str, drafts: dict[str, Draft]) -> None:
    text = all_text(drafts[language])
    assert english_words(text, spec_values(SPECS[language]), language) == []


@pytest.mark.parametrize("language", ["fr", "es"])
def test_amounts_and_dates_are_as_babel_writes_them(
    language: str, drafts: dict[str, Draft]
) -> None:
    text = " ".join(all_text(drafts[language]).split(" "))
    missing = [x for x in expected_amounts_and_dates(SPECS[language], language) if x not in text]
    assert missing == []


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_cross_reference_is_right(language: str, drafts: dict[str, Draft]) -> None:
    draft = drafts[language]
    assert len(draft.refs()) >= 7
    assert wrong_references(draft) == []


def test_lists_of_references_contract_with_the_preposition(drafts: dict[str, Draft]) -> None:
    french, spanish = drafts["fr"].text(), drafts["es"].text()
    assert "verse sa Contribution conformément aux articles 3 à 5." in french
    assert "prévues par les articles 3 et 4 survivent" in french
    assert "de conformidad con los artículos 3 a 5." in spanish
    assert "afin de le faire" in french
    assert "\ue004" not in french + spanish and "\ue005" not in french + spanish


def _part(draft: Draft, pattern: str) -> str:
    with zipfile.ZipFile(draft.path) as archive:
        names = [n for n in archive.namelist() if re.match(pattern, n)]
        xml = "".join(archive.read(n).decode("utf-8") for n in names)
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


@pytest.mark.parametrize(
    ("language", "header", "footer"),
    [
        ("fr", "PROJET ILO-PPP-2026-061 \u2014 document de travail, ne pas signer", "Page 1 sur 1"),
        (
            "es",
            "PROYECTO ILO-PPP-2026-072 \u2014 documento de trabajo, no apto para la firma",
            "Página 1 de 1",
        ),
    ],
)
def test_header_and_footer_are_in_the_language(
    language: str, header: str, footer: str, drafts: dict[str, Draft]
) -> None:
    draft = drafts[language]
    assert header in _part(draft, r"word/header\d*\.xml$")
    assert footer in _part(draft, r"word/footer\d*\.xml$")


def test_cover_parties_and_signature_page_in_french(drafts: dict[str, Draft]) -> None:
    text = drafts["fr"].text()
    assert "\nentre\nOrganisation internationale du Travail\net\n" in text
    assert "Référence\u00a0: ILO-PPP-2026-061" in text
    assert "Projet destiné à être signé à Dakar le 12 mai 2026 ou à une date voisine" in text
    assert (
        "Organisation internationale du Travail, institution spécialisée des Nations Unies, "
        "représentée par le Bureau international du Travail, "
        "4, route des Morillons, CH-1211 Genève 22, Suisse («\u00a0OIT\u00a0»)\u00a0;" in text
    )
    # A company is entered in the trade register; its legal form is lower case mid-sentence.
    assert "société anonyme, immatriculée au Sénégal" in text
    assert "autorité publique du Sénégal" in text
    assert "(«\u00a0SEV\u00a0»)" in text
    assert "«\u00a0Donateur\u00a0» désigne SEV" in text
    assert "dûment habilités des Parties ont signé le présent Accord à Dakar, en langue " in text
    assert "Pour l\u2019Organisation internationale du Travail" in text
    assert "Pour le Gouvernement de la République du Sénégal" in text
    assert "Nom\u00a0: Aminata Diallo" in text
    assert "Fonction\u00a0: " in text
    assert "Annexe 2\u00a0: Budget et modalités de paiement" in text


def test_cover_parties_and_signature_page_in_spanish(drafts: dict[str, Draft]) -> None:
    text = drafts["es"].text()
    assert "\nentre\nOrganización Internacional del Trabajo\ny\n" in text
    assert "(la «OIT»);" in text
    assert "4, route des Morillons, CH-1211 Ginebra 22, Suiza" in text
    assert "fundación sin fines de lucro, registrada en el Perú" in text
    assert "firman el presente Acuerdo en Lima, en español, en las fechas" in text
    assert "Por la Organización Internacional del Trabajo" in text
    assert "Por la Fundación Andina para el Trabajo Decente" in text
    assert "Cargo: Director Ejecutivo" in text
    assert "Anexo 2: Presupuesto y condiciones de pago" in text
    assert "48.318,58\u00a0USD, equivalentes al 13 por ciento de los costos directos" in text


def test_core_properties_are_in_the_language(drafts: dict[str, Draft]) -> None:
    from docx import Document

    core = Document(str(drafts["fr"].path)).core_properties
    assert core.language == "fr"
    assert core.subject == "Accord de financement (projet)"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_drafts_are_valid_open_xml(language: str, drafts: dict[str, Draft]) -> None:
    assert_audit_clean(drafts[language].path)


def test_libreoffice_renders_the_numbering(
    drafts: dict[str, Draft], tmp_path_factory: pytest.TempPathFactory
) -> None:
    require_soffice()
    from agreements.pdf import convert_to_pdf

    folder = tmp_path_factory.mktemp("pdf")
    for language, draft in drafts.items():
        (pdf,) = convert_to_pdf([draft.path], folder)
        result = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        )
        lines = [line.strip() for line in result.stdout.splitlines()]
        for article in draft.plan.clauses:
            assert any(
                re.match(rf"{article.number}\.\s+{re.escape(article.title)}", line)
                for line in lines
            ), (language, article.title)
        assert any(re.match(r"2\.2\s+\S", line) for line in lines), language


def test_french_de_and_que_are_elided_before_a_spec_value_starting_with_a_vowel() -> None:
    """ "le personnel de IFRC" is not French; "afin de le faire" and "de Hollis" (an h that
    may be aspirated) stay as written, and Spanish never elides."""
    from agreements.clauses.grammar import mark_prepositions
    from agreements.clauses.sandbox import LITERAL_CLOSE, LITERAL_OPEN

    def value(text: str) -> str:
        return f"{LITERAL_OPEN}{text}{LITERAL_CLOSE}"

    french = (
        f"le personnel de {value('IFRC')}, de {value('Hollis')}, afin de le faire, "
        f"tant que {value('Acme')}"
    )
    assert mark_prepositions(french, "fr") == (
        f"le personnel d\u2019{value('IFRC')}, de {value('Hollis')}, afin de le faire, "
        f"tant qu\u2019{value('Acme')}"
    )
    assert mark_prepositions(f"de {value('IFRC')}", "es") == f"de {value('IFRC')}"


def test_french_and_spanish_wording_takes_guillemets_and_spec_values_keep_their_quotes() -> None:
    from agreements.clauses.grammar import mark_prepositions
    from agreements.clauses.sandbox import LITERAL_CLOSE, LITERAL_OPEN

    value = f'{LITERAL_OPEN}Acme "Solar" Ltd{LITERAL_CLOSE}'
    assert (
        mark_prepositions(f'(ci-après « "l\'**Accord**" ») et "{value}"', "fr").count(
            "\u00ab\u00a0"
        )
        == 2
    )
    assert mark_prepositions(f'el "**Acuerdo**" y "{value}"', "es") == (
        f"el \u00ab**Acuerdo**\u00bb y \u00ab{value}\u00bb"
    )
    assert mark_prepositions('the "**Agreement**"', "en") == 'the "**Agreement**"'


def test_a_name_that_starts_with_its_own_article_is_contracted_like_a_function_s() -> None:
    """A spec may call a party "le Ministère": "de le Ministère" is not French."""
    from agreements.clauses.grammar import mark_prepositions
    from agreements.clauses.sandbox import LITERAL_CLOSE, LITERAL_OPEN

    def value(text: str) -> str:
        return f"{LITERAL_OPEN}{text}{LITERAL_CLOSE}"

    assert mark_prepositions(f"de {value('le Ministère')}, à {value('les Amis')}", "fr") == (
        f"du {value('Ministère')}, aux {value('Amis')}"
    )
    assert mark_prepositions(f"de {value('la Banque')}", "fr") == f"de {value('la Banque')}"
    assert mark_prepositions(f"de {value('el Ministerio')}", "es") == f"del {value('Ministerio')}"
    assert mark_prepositions(f"of {value('the Ministry')}", "en") == f"of {value('the Ministry')}"
