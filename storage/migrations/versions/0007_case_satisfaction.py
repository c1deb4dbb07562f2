"""case satisfaction: the one question asked when a case closes (score and comment)

Revision ID: 0007_case_satisfaction
Revises: 0006_faq_acceptances
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_case_satisfaction"
down_revision: str | None = "0006_faq_acceptances"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_satisfaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("comment_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("commented_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_case_satisfaction_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_case_satisfaction_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_satisfaction")),
        sa.UniqueConstraint("case_id", name=op.f("uq_case_satisfaction_case_id")),
    )
    with op.batch_alter_table("case_satisfaction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_satisfaction_user_id"), ["user_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_case_satisfaction_answered_at"), ["answered_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("case_satisfaction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_satisfaction_answered_at"))
        batch_op.drop_index(batch_op.f("ix_case_satisfaction_user_id"))
    op.drop_table("case_satisfaction")
