"""honours per page 8 by default (issue 26: names and units above H/30 on a 4:3 projector)

Revision ID: a11y26per8page
Revises: 5ta4d5eat2pn
Create Date: 2026-12-05 07:40:00

Events that exist keep the number their organisers have; only a new event's default changes.
"""
from alembic import op


revision = 'a11y26per8page'
down_revision = '5ta4d5eat2pn'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.alter_column('honours_per_page', server_default='8')


def downgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.alter_column('honours_per_page', server_default='12')
