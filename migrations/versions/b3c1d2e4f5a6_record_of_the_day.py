"""the record of the day: audit log, item times, absence reasons, emulation fighters

Revision ID: b3c1d2e4f5a6
Revises: e57913919bdc
Create Date: 2026-11-25 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3c1d2e4f5a6'
down_revision = '5c41p7m0ment5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_event_id'), ['event_id'], unique=False)

    op.create_table('item_times',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['programme_items.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('item_times', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_times_event_id'), ['event_id'], unique=False)

    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_emulation_fighter', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('absence_reason', sa.String(length=300), nullable=True))


def downgrade():
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.drop_column('absence_reason')
        batch_op.drop_column('is_emulation_fighter')
    with op.batch_alter_table('item_times', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_times_event_id'))
    op.drop_table('item_times')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_event_id'))
    op.drop_table('audit_log')
