"""user_events: door and door-lead accounts assigned to events (issue 20)

Revision ID: u5ev3nt5pr1v
Revises: a11y26per8page
Create Date: 2026-12-05 07:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'u5ev3nt5pr1v'
down_revision = 'a11y26per8page'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "user_events",
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_user_events_event_id", "user_events", ["event_id"])
    # each event's own door account (made by pairing, may-cua-ID) belongs to that event
    op.execute("INSERT INTO user_events (user_id, event_id) SELECT users.id, events.id FROM users JOIN events "
               "ON users.username = 'may-cua-' || CAST(events.id AS VARCHAR(20))")


def downgrade():
    op.drop_index("ix_user_events_event_id", table_name="user_events")
    op.drop_table("user_events")
