"""`agreements register ...`: record specs and drafts, and ask the register questions."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from agreements.cli.options import LIBRARY_OPTION
from agreements.formatting import counted
from agreements.register.schema import AgreementStatus

if TYPE_CHECKING:
    from agreements.clauses.load import Library
    from agreements.register.database import Register

register_app = typer.Typer(
    help=(
        "The agreement register: what was drafted, with whom, for how much, and what falls "
        "due. SQLite file or postgresql:// URL from --register, AGREEMENTS_REGISTER or the "
        "`register` setting."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


class ListFormat(StrEnum):
    """How `register list` and `register due` print."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


REGISTER_OPTION: str | None = typer.Option(
    None,
    "--register",
    metavar="FILE|URL",
    help="SQLite file or postgresql:// URL (default: AGREEMENTS_REGISTER, then the settings).",
    show_default=False,
)
DATE_FORMATS = ["%Y-%m-%d"]


def register(app: typer.Typer) -> None:
    """Add the register commands to `app`."""
    app.add_typer(register_app, name="register")


def _open(given: str | None, library_dir: Path | None) -> tuple[Register, Library]:
    from agreements.clauses.load import load_library
    from agreements.register.actions import open_configured

    library = load_library(library_dir)
    return open_configured(given, library), library


def _day(value: dt.datetime | None) -> dt.date:
    return value.date() if value is not None else dt.date.today()


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@register_app.command("add", short_help="Record specs and drafts (idempotent).")
def add(
    paths: list[Path] = typer.Argument(
        ..., metavar="DRAFT.docx|SPEC.yaml", help="Drafts and specs.", show_default=False
    ),
    status: AgreementStatus | None = typer.Option(
        None, "--status", help="Status to record (default: draft for a new version)."
    ),
    on: dt.datetime | None = typer.Option(
        None, "--on", formats=DATE_FORMATS, help="Date of the status (default: today)."
    ),
    by: str | None = typer.Option(None, "--by", help="Who records it (default: you)."),
    given: str | None = REGISTER_OPTION,
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Record specs and the drafts made from them; nothing is written unless every spec is
    valid. A draft's spec must be given too, or already be in the register. The same spec
    twice is one record; a changed spec is a new version and keeps the earlier ones."""
    from agreements.register.actions import add_files

    opened, loaded = _open(given, library)
    with opened:
        added = add_files(opened, paths, loaded, status=status, on=_day(on), by=by or _user())
    for a in added:
        recorded = f", status {a.status}" if a.status else ""
        typer.echo(f"{a.reference}: {a.outcome} (version {a.version}{recorded})")


@register_app.command("status", short_help="Record that an agreement was sent, signed, ended.")
def status(
    reference: str = typer.Argument(..., metavar="REF", help="Agreement reference."),
    new_status: AgreementStatus = typer.Argument(
        ..., metavar="STATUS", help="draft, sent, signed, ended."
    ),
    on: dt.datetime | None = typer.Option(
        None, "--on", formats=DATE_FORMATS, help="Date it happened (default: today)."
    ),
    by: str | None = typer.Option(None, "--by", help="Who records it (default: you)."),
    given: str | None = REGISTER_OPTION,
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Record a step of an agreement's life for its latest version, with who and when."""
    from agreements.register.actions import change_status

    day = _day(on)
    opened, _ = _open(given, library)
    with opened:
        changed = change_status(opened, reference, new_status, on=day, by=by or _user())
    done = "recorded" if changed else "already recorded"
    typer.echo(f"{reference}: {new_status.value} on {day} {done}")


@register_app.command("list", short_help="List agreements, with filters.")
def list_agreements(
    kind: str | None = typer.Option(None, "--kind", help="Only this kind, e.g. funding."),
    party: str | None = typer.Option(None, "--party", help="A partner's name, or part of it."),
    country: str | None = typer.Option(None, "--country", help="A partner's country."),
    status: AgreementStatus | None = typer.Option(
        None, "--status", help="Only this current status."
    ),
    year: int | None = typer.Option(None, "--year", help="Only those signed in this year."),
    output_format: ListFormat = typer.Option(
        ListFormat.TABLE, "--format", help="table, json, csv."
    ),
    given: str | None = REGISTER_OPTION,
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """List the agreements with their latest version and status; party and country filter
    on the partners (every party but the organisation)."""
    from agreements.errors import UsageError
    from agreements.register.actions import find_agreements
    from agreements.register.queries import Filters
    from agreements.register.tables import LIST_COLUMNS, to_csv, to_json, to_table
    from agreements.spec.models import AgreementKind

    if kind is not None and kind not in {k.value for k in AgreementKind}:
        allowed = ", ".join(k.value for k in AgreementKind)
        raise UsageError(f"unknown kind {kind!r}; choose one of: {allowed}")
    filters = Filters(kind, party, country, status.value if status else None, year)
    opened, _ = _open(given, library)
    with opened:
        found = find_agreements(opened, filters)
    if output_format is ListFormat.JSON:
        typer.echo(to_json(found))
    elif output_format is ListFormat.CSV:
        typer.echo(to_csv(found), nl=False)
    else:
        typer.echo(to_table(found, LIST_COLUMNS))
        typer.echo(counted(len(found), "agreement"))


@register_app.command("show", short_help="Show all the register holds about an agreement.")
def show(
    reference: str = typer.Argument(..., metavar="REF", help="Agreement reference."),
    output_format: ListFormat = typer.Option(ListFormat.TABLE, "--format", help="table or json."),
    given: str | None = REGISTER_OPTION,
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Print an agreement: status history, versions, parties, money, reports, clauses."""
    from agreements.errors import UsageError
    from agreements.register.actions import describe
    from agreements.register.tables import detail_text, to_json

    if output_format is ListFormat.CSV:
        raise UsageError("register show prints a table or json, not csv")
    opened, _ = _open(given, library)
    with opened:
        detail = describe(opened, reference)
    typer.echo(to_json([detail]) if output_format is ListFormat.JSON else detail_text(detail))


@register_app.command("due", short_help="What falls due: reports, endings, screenings, logos.")
def due(
    within: int = typer.Option(90, "--within", min=0, max=3660, help="Days to look ahead."),
    today: dt.datetime | None = typer.Option(
        None, "--today", formats=DATE_FORMATS, help="Count from this date (default: today)."
    ),
    output_format: ListFormat = typer.Option(
        ListFormat.TABLE, "--format", help="table, json, csv."
    ),
    given: str | None = REGISTER_OPTION,
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """List reports due, agreements ending, screenings older than the organisation's limit
    and logo permissions ending, in running agreements, by date."""
    from agreements.register.actions import what_falls_due
    from agreements.register.tables import DUE_COLUMNS, to_csv, to_json, to_table

    opened, loaded = _open(given, library)
    with opened:
        items = what_falls_due(opened, loaded.settings, today=_day(today), within=within)
    if output_format is ListFormat.JSON:
        typer.echo(to_json(items))
    elif output_format is ListFormat.CSV:
        typer.echo(to_csv(items), nl=False)
    else:
        typer.echo(to_table(items, DUE_COLUMNS))
        typer.echo(f"{counted(len(items), 'item')} in the {within} days from {_day(today)}")


@register_app.command("report", short_help="Write the register's figures as an HTML page.")
def report(
    output: Path = typer.Option(..., "--output", "-o", help="HTML file to write."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    within: int = typer.Option(90, "--within", min=1, max=3660, help="Days to look ahead."),
    today: dt.datetime | None = typer.Option(
        None, "--today", formats=DATE_FORMATS, help="Count from this date (default: today)."
    ),
    given: str | None = REGISTER_OPTION,
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Write a self-contained HTML page with charts: agreements per kind and year,
    contributions per currency, partners by sector, fallbacks most negotiated, and what
    falls due."""
    from agreements.register.actions import report_html
    from agreements.writer import check_target, write_text_file

    check_target(output, force=force)
    opened, loaded = _open(given, library)
    with opened:
        page = report_html(opened, loaded.settings, today=_day(today), within=within)
    write_text_file(output, page, force=force)
    typer.echo(f"wrote {output}")
