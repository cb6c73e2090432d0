"""Bringing a register's tables up to date with Alembic, run from code on every open.

The migrations ship inside the package (`migrations/`), so an installed wheel can create and
upgrade a register without an `alembic.ini` or the source tree.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from agreements.errors import RegisterError
from agreements.register.schema import MIGRATIONS, VERSION_TABLE

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def alembic_config(connection: Connection | None = None) -> Config:
    """Return an Alembic configuration for the shipped migrations, bound to `connection`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """Return the revision the tables of this version of agreements have."""
    head = _scripts().get_current_head()
    assert head is not None, "the register ships no migration"
    return head


def _known(revision: str) -> bool:
    try:
        return _scripts().get_revision(revision) is not None
    except Exception:  # alembic raises several types for an unknown or malformed id
        return False


def upgrade(connection: Connection, shown: str) -> None:
    """Check that the database is an agreements register (or empty) and migrate it to the
    head revision, inside the caller's transaction; raise `RegisterError` otherwise."""
    tables = set(inspect(connection).get_table_names())
    if tables and VERSION_TABLE not in tables:
        listed = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise RegisterError(
            f"{shown}: is a database of another application (tables: {listed}), not an "
            "agreements register; name a new file or an existing register"
        )
    current = MigrationContext.configure(
        connection, opts={"version_table": VERSION_TABLE}
    ).get_current_revision()
    if current == head_revision():
        return
    if current is not None and not _known(current):
        raise RegisterError(
            f"{shown}: was written by a newer version of agreements (schema {current}); "
            "upgrade agreements to use it"
        )
    command.upgrade(alembic_config(connection), "head")
