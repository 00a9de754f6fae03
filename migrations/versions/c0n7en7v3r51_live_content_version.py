"""live_states.content_version: the version of the programme and script an MC panel has, fetched again only when
it changes

Revision ID: c0n7en7v3r51
Revises: a77e4dc0un75
Create Date: 2026-12-05 07:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0n7en7v3r51'
down_revision = 'a77e4dc0un75'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('live_states', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('live_states', schema=None) as batch_op:
        batch_op.drop_column('content_version')
