"""Opening a register: one engine, its tables migrated, and transactions safe for many users.

Writers never interleave. On SQLite every write transaction starts with `BEGIN IMMEDIATE`,
which takes the file's write lock at once (others wait up to a minute), so a read-then-write
such as "find the organisation, else add it" cannot race another process. On PostgreSQL a
transaction-level advisory lock does the same. Adds are rare and short, so serialising them
costs nothing a user would notice and rules out lost or duplicated records.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from alembic.util.exc import CommandError
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from agreements.errors import RegisterError
from agreements.register.location import Location
from agreements.register.migrate import upgrade
from agreements.register.schema import LOCK_KEY

BUSY_TIMEOUT_SECONDS = 60
_SQLITE_MAGIC = b"SQLite format 3\x00"
_WRITE = "agreements_write"


def _explain(exc: BaseException, shown: str) -> str:
    """Return one line saying what is wrong with the register, from a driver error."""
    cause = getattr(exc, "orig", None) or exc
    first = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
    lowered = first.lower()
    if "not a database" in lowered or "malformed" in lowered:
        return (
            f"{shown}: is damaged or is not an agreements register ({first}); restore it "
            "from a backup or name another file"
        )
    if "database is locked" in lowered:
        return f"{shown}: another process kept the register busy for too long; try again"
    if "readonly" in lowered or "read-only" in lowered:
        return f"{shown}: cannot be written ({first}); check its permissions"
    return f"{shown}: cannot be used: {first}"


@contextmanager
def translated(shown: str) -> Iterator[None]:
    """Turn a database error inside the block into one `RegisterError` naming the register."""
    try:
        yield
    except (SQLAlchemyError, CommandError) as exc:
        raise RegisterError(_explain(exc, shown)) from None


def _sqlite_engine(location: Location) -> Engine:
    engine = create_engine(
        location.url,
        poolclass=NullPool,
        connect_args={"timeout": BUSY_TIMEOUT_SECONDS},
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, record: Any) -> None:
        # Leave transactions to us: the driver's own implicit BEGIN would not lock early.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _check_sqlite_file(location: Location) -> None:
    path = location.path
    assert path is not None
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as stream:
            header = stream.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise RegisterError(f"{location.shown}: cannot be read: {exc.strerror}") from None
    if header != _SQLITE_MAGIC:
        raise RegisterError(
            f"{location.shown}: is not an agreements register (not a SQLite database); "
            "name another file, or restore the register from a backup"
        )


class Register:
    """An open register: sessions to read it and to write it, one writer at a time."""

    def __init__(self, engine: Engine, location: Location) -> None:
        self.engine = engine
        self.location = location

    @property
    def shown(self) -> str:
        """Return the register's name for messages."""
        return self.location.shown

    def _lock(self, connection: Connection) -> None:
        if not self.location.is_sqlite:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Yield a session that sees one consistent state of the register."""
        with translated(self.shown), Session(self.engine) as session, session.begin():
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """Yield a session whose changes are committed together, or not at all, while no
        other writer runs."""
        writer = self.engine.execution_options(**{_WRITE: True})
        with translated(self.shown), Session(writer) as session, session.begin():
            self._lock(session.connection())
            yield session

    def close(self) -> None:
        """Release the register's connections."""
        self.engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_register(location: Location) -> Register:
    """Return the register at `location`, created or migrated to this version's tables.

    Raises `RegisterError` with one line for a damaged file, a database of another
    application, a register of a newer version, or a server that cannot be reached.
    """
    if location.is_sqlite:
        _check_sqlite_file(location)
        engine = _sqlite_engine(location)
    else:
        engine = create_engine(
            location.url, poolclass=NullPool, connect_args={"connect_timeout": 10}
        )
    register = Register(engine, location)
    try:
        with translated(location.shown), engine.execution_options(**{_WRITE: True}).begin() as conn:
            register._lock(conn)
            upgrade(conn, location.shown)
    except BaseException:
        engine.dispose()
        raise
    return register
