"""Many users at once: concurrent `register add` from several processes loses nothing, on
SQLite and on PostgreSQL, even while the first of them creates the tables."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import func, select

from agreements.register.database import open_register
from agreements.register.location import parse_location
from agreements.register.models import Agreement, Organisation, StatusEvent, Version
from tests.conftest import ENGLISH_EXAMPLES as EXAMPLES
from tests.conftest import ROOT
from tests.registers import example_specs


def _add(register_url: str, *specs: str) -> subprocess.Popen[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("AGREEMENTS_LIBRARY", "AGREEMENTS_REGISTER")
    }
    return subprocess.Popen(
        [sys.executable, "-m", "agreements", "register", "add", "--register", register_url, *specs],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_concurrent_adds_lose_nothing(register_url: str) -> None:
    names = [str(p.relative_to(ROOT)) for p in EXAMPLES]
    # Four processes add a share of the examples each, and two more add all of them:
    # every process races the others for the same organisation (the ILO), the last two race
    # for every record, and all of them race to create the tables.
    processes = [_add(register_url, *names[n::4]) for n in range(4)]
    processes += [_add(register_url, *names), _add(register_url, *reversed(names))]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert "Error" not in err
    specs = example_specs()
    parties = {
        (p["legal_name"].casefold(), p["country"].casefold()) for s in specs for p in s["parties"]
    }
    with open_register(parse_location(register_url)) as register, register.reading() as session:
        count = lambda model: session.scalar(select(func.count()).select_from(model))  # noqa: E731
        references = session.scalars(select(Agreement.reference).order_by(Agreement.reference))
        assert list(references) == sorted(s["agreement"]["reference"] for s in specs)
        assert count(Version) == len(specs)
        assert count(StatusEvent) == len(specs)
        assert count(Organisation) == len(parties)
