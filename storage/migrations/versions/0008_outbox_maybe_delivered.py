"""outbox.maybe_delivered: a send of the row may have reached Telegram (timeout, ambiguous
5xx, or the sender stopped mid-send), so a repeat carries a "sent again" mark

Revision ID: 0008_outbox_maybe_delivered
Revises: 0007_case_satisfaction
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_outbox_maybe_delivered"
down_revision: str | None = "0007_case_satisfaction"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("maybe_delivered", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("maybe_delivered")
