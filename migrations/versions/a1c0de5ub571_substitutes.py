"""substitutes: who came in a delegate's place

Revision ID: a1c0de5ub571
Revises: e57913919bdc
Create Date: 2026-11-25 19:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'a1c0de5ub571'
down_revision = 'e57913919bdc'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('substitute_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_delegates_substitute_id_delegates', 'delegates', ['substitute_id'], ['id'],
                                    ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.drop_constraint('fk_delegates_substitute_id_delegates', type_='foreignkey')
        batch_op.drop_column('substitute_id')
