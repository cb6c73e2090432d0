"""The register's first tables: agreements and their versions, status history, organisations,
parties, contributions, reports due, due diligence, logo permissions and clauses used.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreements")),
        sa.UniqueConstraint("reference", name=op.f("uq_agreements_reference")),
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("match_key", sa.String(length=1001), nullable=False),
        sa.Column("legal_name", sa.String(length=500), nullable=False),
        sa.Column("short_name", sa.String(length=500), nullable=False),
        sa.Column("country", sa.String(length=500), nullable=False),
        sa.Column("sector", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("match_key", name=op.f("uq_organisations_match_key")),
    )
    op.create_table(
        "agreement_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("spec_sha256", sa.String(length=64), nullable=False),
        sa.Column("spec_name", sa.String(length=1000), nullable=False),
        sa.Column("spec_text", sa.Text(), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("signature_date", sa.Date(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=500), nullable=False),
        sa.Column("library_version", sa.String(length=64), nullable=False),
        sa.Column("draft_name", sa.String(length=1000), nullable=True),
        sa.Column("draft_sha256", sa.String(length=64), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_agreement_versions_agreement_id_agreements"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_versions")),
        sa.UniqueConstraint("agreement_id", "number", name="uq_agreement_versions_number"),
        sa.UniqueConstraint("agreement_id", "spec_sha256", name="uq_agreement_versions_spec"),
    )
    op.create_index(
        op.f("ix_agreement_versions_agreement_id"), "agreement_versions", ["agreement_id"]
    )
    op.create_table(
        "status_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("by_name", sa.String(length=500), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_status_events_agreement_id_agreements"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_events")),
    )
    op.create_index(op.f("ix_status_events_agreement_id"), "status_events", ["agreement_id"])
    op.create_table(
        "agreement_parties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("party_key", sa.String(length=40), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("roles", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_agreement_parties_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["agreement_versions.id"],
            name=op.f("fk_agreement_parties_version_id_agreement_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_parties")),
    )
    op.create_index(
        op.f("ix_agreement_parties_organisation_id"), "agreement_parties", ["organisation_id"]
    )
    op.create_index(op.f("ix_agreement_parties_version_id"), "agreement_parties", ["version_id"])
    op.create_table(
        "clauses_used",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.String(length=100), nullable=False),
        sa.Column("clause_version", sa.Integer(), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("approval", sa.String(length=40), nullable=False),
        sa.Column("fallback_topic", sa.String(length=100), nullable=True),
        sa.Column("fallback", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["agreement_versions.id"],
            name=op.f("fk_clauses_used_version_id_agreement_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clauses_used")),
    )
    op.create_index(op.f("ix_clauses_used_version_id"), "clauses_used", ["version_id"])
    op.create_table(
        "contributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("amount", sa.String(length=40), nullable=True),
        sa.Column("currency", sa.String(length=8), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_contributions_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["organisations.id"],
            name=op.f("fk_contributions_recipient_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["agreement_versions.id"],
            name=op.f("fk_contributions_version_id_agreement_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contributions")),
    )
    op.create_index(op.f("ix_contributions_version_id"), "contributions", ["version_id"])
    op.create_table(
        "due_diligence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=500), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("risk_level", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_due_diligence_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["agreement_versions.id"],
            name=op.f("fk_due_diligence_version_id_agreement_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_due_diligence")),
    )
    op.create_index(op.f("ix_due_diligence_organisation_id"), "due_diligence", ["organisation_id"])
    op.create_index(op.f("ix_due_diligence_version_id"), "due_diligence", ["version_id"])
    op.create_table(
        "logo_permissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=500), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=False),
        sa.Column("approved_by", sa.String(length=500), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["agreement_versions.id"],
            name=op.f("fk_logo_permissions_version_id_agreement_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logo_permissions")),
    )
    op.create_index(op.f("ix_logo_permissions_version_id"), "logo_permissions", ["version_id"])
    op.create_table(
        "reports_due",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("financial_statement", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["agreement_versions.id"],
            name=op.f("fk_reports_due_version_id_agreement_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports_due")),
    )
    op.create_index(op.f("ix_reports_due_version_id"), "reports_due", ["version_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_reports_due_version_id"), table_name="reports_due")
    op.drop_table("reports_due")
    op.drop_index(op.f("ix_logo_permissions_version_id"), table_name="logo_permissions")
    op.drop_table("logo_permissions")
    op.drop_index(op.f("ix_due_diligence_version_id"), table_name="due_diligence")
    op.drop_index(op.f("ix_due_diligence_organisation_id"), table_name="due_diligence")
    op.drop_table("due_diligence")
    op.drop_index(op.f("ix_contributions_version_id"), table_name="contributions")
    op.drop_table("contributions")
    op.drop_index(op.f("ix_clauses_used_version_id"), table_name="clauses_used")
    op.drop_table("clauses_used")
    op.drop_index(op.f("ix_agreement_parties_version_id"), table_name="agreement_parties")
    op.drop_index(op.f("ix_agreement_parties_organisation_id"), table_name="agreement_parties")
    op.drop_table("agreement_parties")
    op.drop_index(op.f("ix_status_events_agreement_id"), table_name="status_events")
    op.drop_table("status_events")
    op.drop_index(op.f("ix_agreement_versions_agreement_id"), table_name="agreement_versions")
    op.drop_table("agreement_versions")
    op.drop_table("organisations")
    op.drop_table("agreements")
