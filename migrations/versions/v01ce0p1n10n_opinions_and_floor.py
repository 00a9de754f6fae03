"""opinions and floor_requests: the delegates' opinions to the presidium and requests to speak (issue 23)

Revision ID: v01ce0p1n10n
Revises: u5ev3nt5pr1v
Create Date: 2026-12-05 11:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'v01ce0p1n10n'
down_revision = 'd3l3g4t10nc0'
branch_labels = None
depends_on = None


def _common():
    return [
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("delegate_id", sa.Integer(), sa.ForeignKey("delegates.id", ondelete="CASCADE"), nullable=False),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("programme_items.id", ondelete="SET NULL"), nullable=True),
    ]


def upgrade():
    op.create_table(
        "opinions", *_common(),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), server_default="received", nullable=False),
        sa.Column("forwarded_at", sa.DateTime(), nullable=True),
        sa.Column("forwarded_by", sa.String(length=80), nullable=True),
    )
    op.create_index("ix_opinions_event_id", "opinions", ["event_id"])
    op.create_index("ix_opinions_delegate_id", "opinions", ["delegate_id"])
    op.create_table(
        "floor_requests", *_common(),
        sa.Column("topic", sa.String(length=500), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), server_default="requested", nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by", sa.String(length=80), nullable=True),
        sa.Column("speech_id", sa.Integer(), sa.ForeignKey("speeches.id", ondelete="SET NULL"), nullable=True),
    )
    op.create_index("ix_floor_requests_event_id", "floor_requests", ["event_id"])
    op.create_index("ix_floor_requests_delegate_id", "floor_requests", ["delegate_id"])


def downgrade():
    for table in ("floor_requests", "opinions"):
        op.drop_index(f"ix_{table}_delegate_id", table_name=table)
        op.drop_index(f"ix_{table}_event_id", table_name=table)
        op.drop_table(table)
