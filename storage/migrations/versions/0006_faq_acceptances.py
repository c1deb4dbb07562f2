"""faq acceptances: staff decisions on asked questions; the reason of a 👎

Revision ID: 0006_faq_acceptances
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_faq_acceptances"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "faq_acceptances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("entry_id", sa.String(length=64), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("line_number", sa.Integer(), nullable=True),
        sa.Column("line", sa.Text(), nullable=True),
        sa.Column("question_masked", sa.Text(), nullable=False),
        sa.Column("question_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_faq_acceptances_staff_id_staff"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faq_acceptances")),
    )
    with op.batch_alter_table("faq_acceptances", schema=None) as batch_op:
        batch_op.create_index("ix_faq_acceptances_staff", ["staff_id", "created_at"], unique=False)
    with op.batch_alter_table("faq_feedback", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("faq_feedback", schema=None) as batch_op:
        batch_op.drop_column("reason")
    with op.batch_alter_table("faq_acceptances", schema=None) as batch_op:
        batch_op.drop_index("ix_faq_acceptances_staff")
    op.drop_table("faq_acceptances")
