"""The register on SQLite and on a real PostgreSQL server: the nine examples drafted and
added answer list, due and report questions with the figures their specs give."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from agreements.build import build
from agreements.clauses.load import Library, load_library
from agreements.errors import RegisterError, SpecInvalidError
from agreements.inspect import read_provenance
from agreements.register import actions
from agreements.register.current import standings
from agreements.register.database import Register, open_register
from agreements.register.due import add_months, falls_due
from agreements.register.figures import compute_figures
from agreements.register.location import parse_location
from agreements.register.models import Base, Organisation, StatusEvent, Version
from agreements.register.queries import Filters
from agreements.register.schema import VERSION_TABLE, AgreementStatus
from agreements.register.sources import spec_record
from agreements.register.store import add_records, match_key
from tests.conftest import ENGLISH_EXAMPLES as EXAMPLES
from tests.registers import (
    SCREENING_MONTHS,
    example_specs,
    expected_due,
    expected_figures,
    partners,
)

SPECS = example_specs()
TODAY = dt.date(2026, 5, 1)


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="session")
def drafts(tmp_path_factory: pytest.TempPathFactory, library: Library) -> list[Path]:
    """Return the drafts of the nine examples, written once for the session."""
    folder = tmp_path_factory.mktemp("drafts")
    return [build(spec, library, folder / f"{spec.stem}.docx").outputs.docx for spec in EXAMPLES]


@pytest.fixture
def register(register_url: str) -> Iterator[Register]:
    opened = open_register(parse_location(register_url))
    yield opened
    opened.close()


def _add(register: Register, paths: list[Path], library: Library) -> list[actions.Added]:
    return actions.add_files(register, paths, library, status=None, on=TODAY, by="tester")


@pytest.fixture
def full(register: Register, drafts: list[Path], library: Library) -> Register:
    """Return a register holding the nine examples, from their specs and drafts."""
    added = _add(register, [*EXAMPLES, *drafts], library)
    assert [a.outcome for a in added] == ["added"] * 9
    return register


def _refs(predicate: object = None) -> list[str]:
    return sorted(
        s["agreement"]["reference"]
        for s in SPECS
        if predicate is None or predicate(s)  # type: ignore[operator]
    )


def test_list_holds_every_example_with_its_partners(full: Register) -> None:
    listed = {a.reference: a for a in actions.find_agreements(full, Filters())}
    assert sorted(listed) == _refs()
    for spec in SPECS:
        line = listed[spec["agreement"]["reference"]]
        assert line.kind == spec["agreement"]["kind"]
        assert line.title == spec["agreement"]["title"]
        assert line.end_date == spec["agreement"]["end_date"]
        assert line.partners == tuple(p["short_name"] for p in partners(spec))
        assert line.status == "draft"
        assert line.version == 1


@pytest.mark.parametrize(
    ("filters", "predicate"),
    [
        (
            Filters(kind="joint_implementation"),
            lambda s: s["agreement"]["kind"] == "joint_implementation",
        ),
        (Filters(kind="mou"), lambda s: s["agreement"]["kind"] == "mou"),
        (Filters(country="china"), lambda s: any(p["country"] == "China" for p in partners(s))),
        (
            Filters(country="Côte d'Ivoire"),
            lambda s: any(p["country"] == "Côte d'Ivoire" for p in partners(s)),
        ),
        (Filters(party="bp"), lambda s: any("bp" in p["short_name"].lower() for p in partners(s))),
        (
            Filters(party="foundation"),
            lambda s: any(
                "foundation" in (p["legal_name"] + " " + p["short_name"]).lower()
                for p in partners(s)
            ),
        ),
        (Filters(year=2026), lambda s: s["agreement"]["signature_date"].year == 2026),
        (Filters(year=2025), lambda s: False),
        (
            Filters(country="Switzerland"),
            lambda s: any(p["country"] == "Switzerland" for p in partners(s)),
        ),
    ],
    ids=["joint", "mou", "china", "cote-divoire", "bp", "foundation", "2026", "2025", "swiss"],
)
def test_list_filters(full: Register, filters: Filters, predicate: object) -> None:
    found = [a.reference for a in actions.find_agreements(full, filters)]
    assert found == _refs(predicate)
    assert found or filters.year == 2025


def test_status_changes_are_kept_with_who_and_when(full: Register) -> None:
    signed_on = dt.date(2026, 6, 1)
    assert actions.change_status(
        full, "ILO-PPP-2026-047", AgreementStatus.SIGNED, on=signed_on, by="K. Boateng"
    )
    assert not actions.change_status(
        full, "ILO-PPP-2026-047", AgreementStatus.SIGNED, on=signed_on, by="K. Boateng"
    )
    assert [a.reference for a in actions.find_agreements(full, Filters(status="signed"))] == [
        "ILO-PPP-2026-047"
    ]
    assert len(actions.find_agreements(full, Filters(status="draft"))) == 8
    history = actions.describe(full, "ILO-PPP-2026-047").history
    assert [(h.status, h.on, h.by) for h in history] == [
        ("draft", TODAY, "tester"),
        ("signed", signed_on, "K. Boateng"),
    ]
    with pytest.raises(RegisterError, match=r"^ILO-XXX-1: no such agreement in the register"):
        actions.change_status(full, "ILO-XXX-1", AgreementStatus.SENT, on=signed_on, by="x")


@pytest.mark.parametrize(
    ("today", "within"),
    [
        (dt.date(2026, 9, 1), 120),
        (dt.date(2026, 12, 1), 90),
        (dt.date(2027, 8, 1), 60),
        (dt.date(2028, 3, 1), 90),
        (dt.date(2029, 6, 1), 365),
    ],
)
def test_due_gives_what_the_specs_say(full: Register, today: dt.date, within: int) -> None:
    with full.reading() as session:
        items = falls_due(
            standings(session), today=today, within=within, screening_months=SCREENING_MONTHS
        )
    got = sorted((i.date, i.what, tuple(sorted(i.references))) for i in items)
    assert got == expected_due(SPECS, today, within)
    assert got, "each date above is chosen to have something due"


def test_an_ended_agreement_has_nothing_due(full: Register) -> None:
    today = dt.date(2026, 9, 1)
    before = actions.what_falls_due(full, load_library().settings, today=today, within=120)
    assert any(i.references == ("ILO-INK-2026-008",) for i in before)
    actions.change_status(full, "ILO-INK-2026-008", AgreementStatus.ENDED, on=today, by="x")
    after = actions.what_falls_due(full, load_library().settings, today=today, within=120)
    assert not any("ILO-INK-2026-008" in i.references for i in after)


def test_report_figures_are_those_of_the_specs(full: Register) -> None:
    expected = expected_figures(SPECS)
    with full.reading() as session:
        figures = compute_figures(
            session, today=dt.date(2026, 9, 1), within=90, screening_months=SCREENING_MONTHS
        )
    assert figures.agreements == 9
    assert figures.per_kind_and_year == expected.per_kind_and_year
    assert figures.per_currency == expected.per_currency
    assert figures.partners_by_sector == expected.partners_by_sector
    assert figures.partners == expected.partner_count
    assert dict(figures.fallbacks) == expected.fallbacks
    assert [(i.date, i.what) for i in figures.due] == [
        (d, w) for d, w, _ in expected_due(SPECS, dt.date(2026, 9, 1), 90)
    ]


def test_clauses_are_those_of_each_draft(full: Register, drafts: list[Path]) -> None:
    for draft in drafts:
        properties = read_provenance(draft)
        count = int(properties["agreements.clause_count"])
        reference = next(
            s["agreement"]["reference"]
            for s, p in zip(SPECS, EXAMPLES, strict=True)
            if p.stem == draft.stem
        )
        detail = actions.describe(full, reference)
        assert detail.clauses == tuple(
            properties[f"agreements.clause.{n:03d}"] for n in range(1, count + 1)
        )
        assert detail.versions[0].draft_name == draft.name
        assert detail.versions[0].spec_sha256 == properties["agreements.spec_sha256"]


def test_adding_again_changes_nothing(full: Register, drafts: list[Path], library: Library) -> None:
    again = _add(full, [*EXAMPLES, *drafts], library)
    assert {a.outcome for a in again} == {"unchanged"}
    with full.reading() as session:
        assert session.scalar(select(func.count()).select_from(Version)) == 9
        assert session.scalar(select(func.count()).select_from(StatusEvent)) == 9


def test_one_organisation_across_agreements(full: Register) -> None:
    keys = {
        (p["legal_name"].casefold(), p["country"].casefold()) for s in SPECS for p in s["parties"]
    }
    with full.reading() as session:
        assert session.scalar(select(func.count()).select_from(Organisation)) == len(keys)


def test_a_new_version_keeps_the_history(
    register: Register, library: Library, tmp_path: Path
) -> None:
    original = EXAMPLES[0]
    changed = tmp_path / original.name
    text = original.read_text(encoding="utf-8")
    title = SPECS[0]["agreement"]["title"]
    changed.write_text(text.replace(title, title + " (revised)"), encoding="utf-8")
    reference = SPECS[0]["agreement"]["reference"]
    assert [a.outcome for a in _add(register, [original], library)] == ["added"]
    actions.change_status(register, reference, AgreementStatus.SENT, on=TODAY, by="tester")
    assert [a.outcome for a in _add(register, [changed], library)] == ["new version"]
    detail = actions.describe(register, reference)
    assert detail.summary.title == title + " (revised)"
    assert detail.summary.version == 2
    assert detail.summary.status == "draft"
    assert [v.spec_name for v in detail.versions] == [str(original), str(changed)]
    assert [(h.status, h.version) for h in detail.history] == [
        ("draft", 1),
        ("sent", 1),
        ("draft", 2),
    ]
    assert [a.outcome for a in _add(register, [original], library)] == ["unchanged"]


def test_a_draft_needs_its_spec(register: Register, drafts: list[Path], library: Library) -> None:
    draft, spec = drafts[0], EXAMPLES[0]
    digest = read_provenance(draft)["agreements.spec_sha256"]
    with pytest.raises(RegisterError) as caught:
        _add(register, [draft], library)
    assert str(caught.value) == (
        f"{draft}: was drafted from a spec (sha256 {digest[:12]}...) that is neither given here "
        f"nor in the register; add the spec with it: agreements register add {draft} SPEC.yaml"
    )
    assert [a.outcome for a in _add(register, [spec], library)] == ["added"]
    assert [a.outcome for a in _add(register, [draft], library)] == ["draft recorded"]
    assert [a.outcome for a in _add(register, [draft], library)] == ["unchanged"]


def test_nothing_is_written_from_a_spec_that_does_not_validate(
    register: Register, library: Library, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    text = EXAMPLES[1].read_text(encoding="utf-8")
    broken.write_text(text.replace("\n  place:", "\n  plaec:", 1), encoding="utf-8")
    with pytest.raises(SpecInvalidError) as caught:
        _add(register, [EXAMPLES[0], broken], library)
    assert all(p.file == str(broken) for p in caught.value.problems)
    assert actions.find_agreements(register, Filters()) == []


def test_the_migrations_create_exactly_the_models(register: Register) -> None:
    with register.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        assert compare_metadata(context, Base.metadata) == []


def test_a_copied_register_file_is_readable(
    drafts: list[Path], library: Library, tmp_path: Path
) -> None:
    original, copy = tmp_path / "register.sqlite", tmp_path / "copy.sqlite"
    with open_register(parse_location(str(original))) as register:
        _add(register, [*EXAMPLES, *drafts], library)
    shutil.copyfile(original, copy)
    with open_register(parse_location(str(copy))) as reopened:
        assert len(actions.find_agreements(reopened, Filters())) == 9


def test_a_register_of_a_newer_version_is_refused(register_url: str) -> None:
    location = parse_location(register_url)
    with open_register(location) as register, register.writing() as session:
        session.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = '9999'"))
    with pytest.raises(RegisterError) as caught:
        open_register(location)
    assert str(caught.value) == (
        f"{location.shown}: was written by a newer version of agreements (schema 9999); "
        "upgrade agreements to use it"
    )


def test_amounts_stay_exact(register: Register, library: Library) -> None:
    record = spec_record(EXAMPLES[0].read_text(encoding="utf-8"), str(EXAMPLES[0]), library)
    huge = Decimal("123456789012345678.91")
    first = replace(record.contributions[0], amount=huge)
    record = replace(record, contributions=(first, *record.contributions[1:]))
    with register.writing() as session:
        add_records(session, [record], status=AgreementStatus.SENT, on=TODAY, by="t")
    detail = actions.describe(register, record.reference)
    assert detail.contributions[0].amount == huge
    assert str(detail.contributions[0].amount) == "123456789012345678.91"
    assert detail.summary.status == "sent"


@pytest.mark.parametrize(
    ("text", "url", "shown"),
    [
        ("reg.sqlite", "sqlite:///reg.sqlite", "reg.sqlite"),
        ("sqlite:///reg.sqlite", "sqlite:///reg.sqlite", "reg.sqlite"),
        (
            "postgresql://me:secret@db.example/agreements",
            "postgresql+psycopg://me:secret@db.example/agreements",
            "postgresql://me:***@db.example/agreements",
        ),
        (
            "postgres://me@/agreements?host=/run/pg",
            "postgresql+psycopg://me@/agreements?host=%2Frun%2Fpg",
            "postgresql://me@/agreements?host=%2Frun%2Fpg",
        ),
    ],
)
def test_locations(
    text: str, url: str, shown: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    location = parse_location(text)
    assert location.url.render_as_string(hide_password=False) == url
    assert location.shown == shown


def test_organisations_match_by_legal_name_and_country() -> None:
    assert match_key("BP  Berau Ltd.", "Indonesia") == match_key("bp berau ltd.", " INDONESIA")
    assert match_key("BP Berau Ltd.", "Indonesia") != match_key("BP Berau Ltd.", "Singapore")
    assert match_key("Ｒｅｄ Cross", "China") == match_key("Red Cross", "China")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2025, 11, 20), 12, dt.date(2026, 11, 20)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2027, 12, 15), 1, dt.date(2028, 1, 15)),
        (dt.date(2028, 2, 29), 12, dt.date(2029, 2, 28)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected
