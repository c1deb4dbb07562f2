"""calculator sessions and case deadlines

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "calc_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_calc_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calc_sessions")),
        sa.UniqueConstraint("user_id", name=op.f("uq_calc_sessions_user_id")),
    )
    with op.batch_alter_table("calc_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_calc_sessions_expires_at"), ["expires_at"], unique=False
        )

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_deadline", sa.Date(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_cases_next_deadline"), ["next_deadline"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_next_deadline"))
        batch_op.drop_column("next_deadline")

    with op.batch_alter_table("calc_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calc_sessions_expires_at"))

    op.drop_table("calc_sessions")
