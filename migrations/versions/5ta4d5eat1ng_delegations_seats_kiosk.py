"""delegations and seats of delegates, kiosk pairings, the hall Wi-Fi of an event

Revision ID: 5ta4d5eat1ng
Revises: c0n7en7v3r51
Create Date: 2026-12-05 07:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5ta4d5eat1ng'
down_revision = 'c0n7en7v3r51'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seat_zone', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('seat_row', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('seat_no', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('delegation', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('delegation_head', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f('ix_delegates_delegation'), ['delegation'], unique=False)
    with op.batch_alter_table('door_pairings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(length=20), server_default='door', nullable=False))
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wifi_ssid', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('wifi_password', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('wifi_password')
        batch_op.drop_column('wifi_ssid')
    with op.batch_alter_table('door_pairings', schema=None) as batch_op:
        batch_op.drop_column('role')
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delegates_delegation'))
        batch_op.drop_column('delegation_head')
        batch_op.drop_column('delegation')
        batch_op.drop_column('seat_no')
        batch_op.drop_column('seat_row')
        batch_op.drop_column('seat_zone')
