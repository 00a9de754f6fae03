"""attendance_counts by delegation: the organisers' attendance page and the credentials report count by delegation

Revision ID: d3l3g4t10nc0
Revises: u5ev3nt5pr1v
Create Date: 2026-12-05 11:40:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd3l3g4t10nc0'
down_revision = 'u5ev3nt5pr1v'
branch_labels = None
depends_on = None


def upgrade():
    # the lists already there, counted by delegation once (as checkin.counts.recount does)
    value = "COALESCE(CAST(delegation AS VARCHAR(300)), '')"
    op.execute(f"INSERT INTO attendance_counts (event_id, guest, dimension, value, expected, present) "
               f"SELECT event_id, is_guest, 'delegation', {value}, COUNT(*), COUNT(checked_in_at) FROM delegates "
               f"WHERE NOT revoked GROUP BY event_id, is_guest, {value}")


def downgrade():
    op.execute("DELETE FROM attendance_counts WHERE dimension = 'delegation'")
