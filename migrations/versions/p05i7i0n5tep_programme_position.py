"""live state: the programme's position (its sub-step) kept apart from what the screen shows

Revision ID: p05i7i0n5tep
Revises: f1llf4ct0r80
Create Date: 2026-12-05 07:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'p05i7i0n5tep'
down_revision = 'f1llf4ct0r80'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('live_states', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position_step', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('live_states', schema=None) as batch_op:
        batch_op.drop_column('position_step')
