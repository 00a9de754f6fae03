"""the MC's script, and the details of the exchange and launch items

Revision ID: 5c41p7m0ment5
Revises: a1c0de5ub571
Create Date: 2026-11-25 19:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5c41p7m0ment5'
down_revision = 'a1c0de5ub571'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'script_lines',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('step', sa.String(length=40), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('event_id', 'step', name='uq_script_lines_event_step'),
    )
    with op.batch_alter_table('script_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_script_lines_event_id'), ['event_id'], unique=False)
    with op.batch_alter_table('programme_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('details', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('programme_items', schema=None) as batch_op:
        batch_op.drop_column('details')
    with op.batch_alter_table('script_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_script_lines_event_id'))
    op.drop_table('script_lines')
