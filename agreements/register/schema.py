"""Names that tell an agreements register from any other database."""

from __future__ import annotations

from pathlib import Path

# Alembic's own table, under a name no other application's migrations would use.
VERSION_TABLE = "agreements_register_version"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Key of the PostgreSQL advisory lock that serialises migrations and writes ("agre").
LOCK_KEY = 0x61677265
