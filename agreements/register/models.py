"""The register's tables, as SQLAlchemy ORM models.

An agreement (one reference) has versions, one per spec it was drafted from (a new spec
hash is a new version, and the earlier ones stay), and a history of status events. What a
version says (parties, contributions, reports, screenings, logo permission, clauses) hangs
off the version, so history is never overwritten. An organisation is one row across every
agreement, matched by legal name and country.

The migrations in `migrations/versions` create exactly these tables; a test compares them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Constraint names fixed by convention, so migrations name them the same on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Long enough for any reasonable name or reference, and indexable on every backend.
NAME = 500
AMOUNT_DIGITS = 40


class ExactDecimal(TypeDecorator[Decimal]):
    """An exact decimal kept as its text: SQLite would round a NUMERIC to a float."""

    impl = String(AMOUNT_DIGITS)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        return None if value is None else format(value, "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class Base(DeclarativeBase):
    """Base of every register table."""

    metadata = MetaData(naming_convention=NAMING)


class Organisation(Base):
    """A party, one row across every agreement it is party to."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    match_key: Mapped[str] = mapped_column(String(2 * NAME + 1), unique=True)
    legal_name: Mapped[str] = mapped_column(String(NAME))
    short_name: Mapped[str] = mapped_column(String(NAME))
    country: Mapped[str] = mapped_column(String(NAME))
    sector: Mapped[str] = mapped_column(String(60))


class Agreement(Base):
    """One agreement, by its reference."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    versions: Mapped[list[Version]] = relationship(
        back_populates="agreement", order_by="Version.number"
    )
    events: Mapped[list[StatusEvent]] = relationship(order_by="StatusEvent.id")


class Version(Base):
    """What one spec of an agreement said, with the draft made from it when known."""

    __tablename__ = "agreement_versions"
    __table_args__ = (
        UniqueConstraint("agreement_id", "number", name="uq_agreement_versions_number"),
        UniqueConstraint("agreement_id", "spec_sha256", name="uq_agreement_versions_spec"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    spec_sha256: Mapped[str] = mapped_column(String(64))
    spec_name: Mapped[str] = mapped_column(String(1000))
    spec_text: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    signature_date: Mapped[dt.date] = mapped_column(Date)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(NAME))
    library_version: Mapped[str] = mapped_column(String(64))
    draft_name: Mapped[str | None] = mapped_column(String(1000))
    draft_sha256: Mapped[str | None] = mapped_column(String(64))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)

    agreement: Mapped[Agreement] = relationship(back_populates="versions")
    parties: Mapped[list[Participation]] = relationship(
        cascade="all, delete-orphan", order_by="Participation.position"
    )
    contributions: Mapped[list[Contribution]] = relationship(
        cascade="all, delete-orphan", order_by="Contribution.position"
    )
    reports: Mapped[list[ReportDue]] = relationship(
        cascade="all, delete-orphan", order_by="ReportDue.position"
    )
    screenings: Mapped[list[Screening]] = relationship(
        cascade="all, delete-orphan", order_by="Screening.id"
    )
    permissions: Mapped[list[LogoPermission]] = relationship(
        cascade="all, delete-orphan", order_by="LogoPermission.id"
    )
    clauses: Mapped[list[ClauseUsed]] = relationship(
        cascade="all, delete-orphan", order_by="ClauseUsed.position"
    )


class StatusEvent(Base):
    """A step of an agreement's life: draft, sent, signed or ended, with who and when."""

    __tablename__ = "status_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    on_date: Mapped[dt.date] = mapped_column(Date)
    by_name: Mapped[str] = mapped_column(String(NAME))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Participation(Base):
    """An organisation as a party to one version, with its category and roles there."""

    __tablename__ = "agreement_parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("agreement_versions.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    party_key: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(40))
    roles: Mapped[str] = mapped_column(String(NAME))

    organisation: Mapped[Organisation] = relationship()


class Contribution(Base):
    """What a party gives: money, goods (valued) or services, in one currency."""

    __tablename__ = "contributions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("agreement_versions.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    position: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(40))
    amount: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    currency: Mapped[str | None] = mapped_column(String(8))
    description: Mapped[str] = mapped_column(Text)

    organisation: Mapped[Organisation] = relationship(foreign_keys=[organisation_id])
    recipient: Mapped[Organisation | None] = relationship(foreign_keys=[recipient_id])


class ReportDue(Base):
    """A report the agreement says is due, and when."""

    __tablename__ = "reports_due"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("agreement_versions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(NAME))
    period_end: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)
    financial_statement: Mapped[bool] = mapped_column(Boolean)


class Screening(Base):
    """A due-diligence record of an organisation, as a version's spec gives it."""

    __tablename__ = "due_diligence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("agreement_versions.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    reference: Mapped[str] = mapped_column(String(NAME))
    date: Mapped[dt.date] = mapped_column(Date)
    risk_level: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(40))

    organisation: Mapped[Organisation] = relationship()


class LogoPermission(Base):
    """The organisation's permission to use its name and emblem, until a date."""

    __tablename__ = "logo_permissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("agreement_versions.id"), index=True)
    reference: Mapped[str] = mapped_column(String(NAME))
    approved_on: Mapped[dt.date] = mapped_column(Date)
    approved_by: Mapped[str] = mapped_column(String(NAME))
    valid_until: Mapped[dt.date] = mapped_column(Date)


class ClauseUsed(Base):
    """An article of the draft: clause id@version and text hash, with a fallback chosen."""

    __tablename__ = "clauses_used"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("agreement_versions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    clause_id: Mapped[str] = mapped_column(String(100))
    clause_version: Mapped[int] = mapped_column(Integer)
    text_hash: Mapped[str] = mapped_column(String(64))
    approval: Mapped[str] = mapped_column(String(40))
    fallback_topic: Mapped[str | None] = mapped_column(String(100))
    fallback: Mapped[str | None] = mapped_column(String(100))
