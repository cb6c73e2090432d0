"""Alembic's entry point: migrate the connection `agreements.register.migrate` hands over.

The register opens its own connection, takes its lock and begins the transaction; Alembic
runs inside it (so two processes opening a new register never migrate it twice).
"""

from __future__ import annotations

from alembic import context

from agreements.register.models import Base
from agreements.register.schema import VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
