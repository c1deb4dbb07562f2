"""case cards and staff usernames

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("team_card_chat_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("team_card_message_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column("last_reminded_at", sa.DateTime(timezone=True), nullable=True)
        )

    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("username", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_staff_username"), ["username"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_username"))
        batch_op.drop_column("username")

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("last_reminded_at")
        batch_op.drop_column("team_card_message_id")
        batch_op.drop_column("team_card_chat_id")
