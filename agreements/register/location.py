"""Where the register is: a SQLite file by default, or a PostgreSQL database by URL.

The first of these wins: `--register`, `AGREEMENTS_REGISTER`, the library settings'
`register` key (a relative path there is relative to the library folder).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from agreements.errors import RegisterError

ENV_VAR = "AGREEMENTS_REGISTER"
_POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


@dataclass(frozen=True)
class Location:
    """A register's database URL, and how to name it in messages (never with a password)."""

    url: URL
    shown: str

    @property
    def is_sqlite(self) -> bool:
        """Return True for a SQLite file, False for a PostgreSQL server."""
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        """Return the SQLite file, or None for a server."""
        return Path(self.url.database or "") if self.is_sqlite else None


def _sqlite_file(path: Path) -> Location:
    if path.is_dir():
        raise RegisterError(
            f"{path}: is a folder; the register is a file, e.g. {path}/register.sqlite"
        )
    if not path.parent.is_dir():
        raise RegisterError(f"{path}: folder {path.parent} does not exist; create it first")
    return Location(URL.create("sqlite", database=str(path)), str(path))


def _from_url(text: str) -> Location:
    try:
        url = make_url(text)
    except ArgumentError:
        raise RegisterError(f"{text!r}: not a database URL") from None
    scheme = url.drivername
    if scheme in _POSTGRES_SCHEMES:
        shown = url.set(drivername="postgresql").render_as_string(hide_password=True)
        return Location(url.set(drivername="postgresql+psycopg"), shown)
    if scheme == "sqlite" and url.database:
        return _sqlite_file(Path(url.database))
    raise RegisterError(
        f"{url.render_as_string(hide_password=True)}: unsupported register; give a SQLite "
        "file path or a postgresql:// URL"
    )


def parse_location(text: str, relative_to: Path | None = None) -> Location:
    """Return the location named by a file path or a URL (`postgresql://...`, `sqlite:///...`)."""
    if "://" in text:
        return _from_url(text)
    path = Path(text).expanduser()
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    return _sqlite_file(path)


def resolve_location(given: str | None, library_root: Path, configured: str | None) -> Location:
    """Return the register to use: `given` (`--register`), else $AGREEMENTS_REGISTER, else
    `configured` (the settings' `register`, relative to `library_root`)."""
    if given:
        return parse_location(given)
    env = os.environ.get(ENV_VAR)
    if env:
        return parse_location(env)
    if configured:
        return parse_location(configured, relative_to=library_root)
    raise RegisterError(
        f"no register is configured; set {ENV_VAR} to a SQLite file or a postgresql:// URL, "
        "or `register` in clauses/settings.yaml (register commands also take --register)"
    )
