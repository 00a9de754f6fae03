"""the kiosk stands' PIN and the hall's seating plan of an event

Revision ID: 5ta4d5eat2pn
Revises: 5ta4d5eat1ng
Create Date: 2026-12-05 07:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5ta4d5eat2pn'
down_revision = '5ta4d5eat1ng'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kiosk_pin_hash', sa.String(length=256), nullable=True))
        batch_op.add_column(sa.Column('hall_plan', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('hall_plan')
        batch_op.drop_column('kiosk_pin_hash')
