"""Names the register fixes: its version table, its lock, and the statuses of an agreement.

Kept free of database imports, so the CLI can offer the statuses without loading SQLAlchemy.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

# Alembic's own table, under a name no other application's migrations would use.
VERSION_TABLE = "agreements_register_version"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Key of the PostgreSQL advisory lock that serialises migrations and writes ("agre").
LOCK_KEY = 0x61677265


class AgreementStatus(StrEnum):
    """Where an agreement stands."""

    DRAFT = "draft"
    SENT = "sent"
    SIGNED = "signed"
    ENDED = "ended"
