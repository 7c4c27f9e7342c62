"""cases: how the requester is answered (e-mail, post, phone), and the answers kept as written

A requester without e-mail is answered by post or phone, so the address may be empty.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reply_channel", sa.String(length=8), nullable=False, server_default="email")
        )
        batch_op.add_column(sa.Column("flagged", sa.JSON(), nullable=True))
        batch_op.alter_column("requester_email", existing_type=sa.String(length=320), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.alter_column("requester_email", existing_type=sa.String(length=320), nullable=False)
        batch_op.drop_column("flagged")
        batch_op.drop_column("reply_channel")
