"""attendance_counts: expected and present delegates per grouping value, kept as scans come in

Revision ID: a77e4dc0un75
Revises: p05i7i0n5tep
Create Date: 2026-12-05 07:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a77e4dc0un75'
down_revision = 'p05i7i0n5tep'
branch_labels = None
depends_on = None

GROUPINGS = ("birth_year", "ethnicity", "gender", "occupation_group", "religion", "sector", "unit")


def upgrade():
    op.create_table('attendance_counts',
                    sa.Column('event_id', sa.Integer(), nullable=False),
                    sa.Column('guest', sa.Boolean(), nullable=False),
                    sa.Column('dimension', sa.String(length=20), nullable=False),
                    sa.Column('value', sa.String(length=300), nullable=False),
                    sa.Column('expected', sa.Integer(), nullable=False),
                    sa.Column('present', sa.Integer(), nullable=False),
                    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('event_id', 'guest', 'dimension', 'value'))
    for name in GROUPINGS:  # the lists already there, counted once (checkin.counts.recount, for every event)
        value = f"COALESCE(CAST({name} AS VARCHAR(300)), '')"
        op.execute(f"INSERT INTO attendance_counts (event_id, guest, dimension, value, expected, present) "
                   f"SELECT event_id, is_guest, '{name}', {value}, COUNT(*), COUNT(checked_in_at) FROM delegates "
                   f"WHERE NOT revoked GROUP BY event_id, is_guest, {value}")


def downgrade():
    op.drop_table('attendance_counts')
