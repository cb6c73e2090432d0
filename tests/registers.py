"""Helpers for the register tests: a real PostgreSQL server of our own, drafts of the
examples, the figures the examples should give (computed from their YAML, not from the
register), and a PNG reader for screenshots."""

from __future__ import annotations

import calendar
import datetime as dt
import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ENGLISH_EXAMPLES as EXAMPLES
from tests.conftest import ROOT, in_ci

SETTINGS = yaml.safe_load((ROOT / "clauses" / "settings.yaml").read_text(encoding="utf-8"))
ORGANISATION = SETTINGS["organisation"]["legal_name"]
SCREENING_MONTHS = SETTINGS["due_diligence_max_age_months"]


def require_tool(path: str | None, what: str) -> str:
    """Return the tool's path; fail in CI when it is missing, skip elsewhere."""
    if path is None:
        if in_ci():
            pytest.fail(f"{what} is missing; .ci/run must install it")
        pytest.skip(f"{what} is not installed")
    return path


# --- PostgreSQL -----------------------------------------------------------------------


@dataclass
class PostgresServer:
    """A PostgreSQL server in a temporary folder, reachable only on its unix socket."""

    folder: Path
    process: subprocess.Popen[bytes]
    binaries: Path
    as_user: list[str]
    port: int = 5432
    created: list[str] = field(default_factory=list)

    def url(self, database: str) -> str:
        return f"postgresql://postgres@/{database}?host={self.folder}&port={self.port}"

    def new_database(self) -> str:
        """Return the URL of a new, empty database."""
        import psycopg

        name = f"register_{len(self.created) + 1}"
        with psycopg.connect(
            f"host={self.folder} port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')  # a name we made, not input
        self.created.append(name)
        return self.url(name)

    def stop(self) -> None:
        # pg_ctl's fast shutdown; runuser would not pass a signal on to the server.
        pg_ctl = str(self.binaries / "pg_ctl")
        data = str(self.folder / "data")
        subprocess.run(
            [*self.as_user, pg_ctl, "stop", "-D", data, "-m", "fast", "-w", "-t", "30"],
            capture_output=True,
            check=False,
            timeout=60,
        )
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def find_initdb() -> str | None:
    """Return Debian's initdb (the newest version installed), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key)
    return found[-1] if found else None


def _version_key(path: str) -> int:
    part = Path(path).parent.parent.name
    return int(part) if part.isdigit() else 0


def start_postgres() -> PostgresServer:
    """Start a throw-away server: initdb in a temporary folder, no TCP, trust on the socket.

    As root it runs as the `postgres` user (PostgreSQL refuses to run as root).
    """
    initdb = require_tool(find_initdb(), "PostgreSQL (Debian package postgresql)")
    binaries = Path(initdb).parent
    folder = Path(tempfile.mkdtemp(prefix="agreements-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"
    subprocess.run(
        [
            *as_user,
            initdb,
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [
            *as_user,
            str(binaries / "postgres"),
            "-D",
            str(data),
            "-k",
            str(folder),
            "-c",
            "listen_addresses=",
            "-p",
            "5432",
            "-c",
            "fsync=off",
            "-c",
            "max_connections=60",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()  # the server has its own copy
    server = PostgresServer(folder, process, binaries, as_user)
    deadline = time.monotonic() + 60
    socket = folder / ".s.PGSQL.5432"
    while not socket.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            pytest.fail("PostgreSQL did not start: " + _tail(folder / "server.log"))
        time.sleep(0.1)
    _wait_ready(server, deadline)
    return server


def _wait_ready(server: PostgresServer, deadline: float) -> None:
    import psycopg

    while True:
        try:
            psycopg.connect(
                f"host={server.folder} port={server.port} user=postgres dbname=postgres"
            ).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _tail(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")[-2000:] if path.exists() else ""


# --- The examples, as the register should see them --------------------------------------


def example_specs() -> list[dict[str, Any]]:
    """Return the example specs as plain YAML data."""
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in EXAMPLES]


def _key(party: dict[str, Any]) -> tuple[str, str]:
    return (party["legal_name"].casefold(), party["country"].casefold())


def partners(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the parties of a spec other than the organisation."""
    return [p for p in spec["parties"] if p["legal_name"] != ORGANISATION]


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Expected:
    """The figures the nine examples give, computed from their YAML."""

    per_kind_and_year: dict[tuple[int, str], int]
    per_currency: dict[str, dict[str, Decimal]]
    partners_by_sector: dict[str, int]
    fallbacks: dict[str, int]
    partner_count: int


def expected_figures(specs: list[dict[str, Any]]) -> Expected:
    kinds: Counter[tuple[int, str]] = Counter()
    money: dict[str, dict[str, Decimal]] = {}
    sectors: dict[tuple[str, str], str] = {}
    fallbacks: Counter[str] = Counter()

    def add(currency: str, group: str, amount: Decimal) -> None:
        money.setdefault(currency, {})
        money[currency][group] = money[currency].get(group, Decimal(0)) + amount

    for spec in specs:
        head = spec["agreement"]
        kinds[(head["signature_date"].year, head["kind"])] += 1
        for c in spec.get("contributions", []):
            if c["type"] == "financial":
                add(c["currency"], "financial", Decimal(str(c["amount"])))
            elif c["type"] == "in_kind":
                for item in c["items"]:
                    value = Decimal(str(item["quantity"])) * Decimal(str(item["unit_value"]))
                    add(item["currency"], "goods and services (valued)", value)
            elif "estimated_value" in c:
                value = c["estimated_value"]
                add(value["currency"], "goods and services (valued)", Decimal(value["amount"]))
        for party in partners(spec):
            sectors[_key(party)] = party["sector"]
        for topic, name in (spec["terms"].get("fallbacks") or {}).items():
            fallbacks[f"{topic}: {name}"] += 1
    return Expected(
        dict(kinds),
        money,
        dict(Counter(sectors.values())),
        dict(fallbacks),
        len(sectors),
    )


def expected_due(
    specs: list[dict[str, Any]], today: dt.date, within: int
) -> list[tuple[dt.date, str, tuple[str, ...]]]:
    """Return (date, what, references) of everything due, computed from the YAML."""
    horizon = today + dt.timedelta(days=within)
    running = [s for s in specs if s["agreement"]["end_date"] >= today]
    items: list[tuple[dt.date, str, tuple[str, ...]]] = []
    for spec in running:
        ref = (spec["agreement"]["reference"],)
        for report in spec["terms"].get("reports", []):
            if today <= report["due_date"] <= horizon:
                items.append((report["due_date"], "report due", ref))
        if spec["agreement"]["end_date"] <= horizon:
            items.append((spec["agreement"]["end_date"], "agreement ends", ref))
        logo = spec["terms"]["names_and_logos"]
        if logo.get("use_planned") and today <= logo["approval"]["valid_until"] <= horizon:
            items.append((logo["approval"]["valid_until"], "logo permission ends", ref))
    latest: dict[tuple[str, str], dt.date] = {}
    for spec in specs:
        for party in spec["parties"]:
            if "due_diligence" in party:
                key = _key(party)
                latest[key] = max(latest.get(key, dt.date.min), party["due_diligence"]["date"])
    for key, date in latest.items():
        refs = tuple(
            sorted(
                s["agreement"]["reference"]
                for s in running
                if any(_key(p) == key for p in s["parties"])
            )
        )
        expires = add_months(date, SCREENING_MONTHS)
        if refs and expires < horizon:
            items.append((expires, "screening too old", refs))
    return sorted(items)


# --- Screenshots -----------------------------------------------------------------------


def find_chromium() -> str | None:
    """Return Debian's Chromium, or None."""
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )


def screenshot(page: Path, target: Path, size: tuple[int, int] = (1200, 2400)) -> Path:
    """Return a PNG of the page as headless Chromium draws it (no network, no GPU)."""
    chromium = require_tool(find_chromium(), "Chromium (Debian package chromium)")
    with tempfile.TemporaryDirectory(prefix="agreements-chromium-") as profile:
        result = subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--hide-scrollbars",
                "--no-first-run",
                f"--user-data-dir={profile}",
                f"--window-size={size[0]},{size[1]}",
                f"--screenshot={target}",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert target.is_file(), result.stderr[-2000:]
    return target
