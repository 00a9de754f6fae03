"""sessions that end: a server-side row per sign-in, accounts that can be disabled, door tablets paired by a code

Revision ID: b3c1a9e2f7d4
Revises: e57913919bdc
Create Date: 2026-11-25 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3c1a9e2f7d4'
down_revision = 'b7a1c0de1101'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('user_sessions',
                    sa.Column('id', sa.String(length=64), nullable=False),
                    sa.Column('user_id', sa.Integer(), nullable=False),
                    sa.Column('created_at', sa.DateTime(), nullable=False),
                    sa.Column('expires_at', sa.DateTime(), nullable=False),
                    sa.Column('ended_at', sa.DateTime(), nullable=True),
                    sa.Column('address', sa.String(length=64), nullable=True),
                    sa.Column('event_id', sa.Integer(), nullable=True),
                    sa.Column('door', sa.String(length=50), nullable=True),
                    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
                    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_sessions_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_user_sessions_event_id'), ['event_id'], unique=False)
    op.create_table('door_pairings',
                    sa.Column('id', sa.String(length=64), nullable=False),
                    sa.Column('event_id', sa.Integer(), nullable=False),
                    sa.Column('door', sa.String(length=50), nullable=False),
                    sa.Column('created_at', sa.DateTime(), nullable=False),
                    sa.Column('expires_at', sa.DateTime(), nullable=False),
                    sa.Column('used_at', sa.DateTime(), nullable=True),
                    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('door_pairings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_door_pairings_event_id'), ['event_id'], unique=False)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('disabled', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('disabled')
    with op.batch_alter_table('door_pairings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_door_pairings_event_id'))
    op.drop_table('door_pairings')
    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_sessions_event_id'))
        batch_op.drop_index(batch_op.f('ix_user_sessions_user_id'))
    op.drop_table('user_sessions')
