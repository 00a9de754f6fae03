"""votes: method, rule, secret, entitled, verdict and times; the roll and tallies of electronic votes;
each delegate's ballot token; the time each speaker spoke

Revision ID: b7a1c0de1101
Revises: b3c1d2e4f5a6
Create Date: 2026-11-25 19:00:00

"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = 'b7a1c0de1101'
down_revision = 'b3c1d2e4f5a6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('secret', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('rule', sa.String(length=30), server_default='half_present', nullable=False))
        batch_op.add_column(sa.Column('entitled', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('listed', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('received', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('verdict', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('opened_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('counted_at', sa.DateTime(), nullable=True))
    op.execute("UPDATE votes SET method = 'hands' WHERE method = 'show_of_hands'")

    op.create_table('vote_voters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('delegate_id', sa.Integer(), nullable=False),
    sa.Column('voted_at', sa.DateTime(), nullable=True),
    sa.Column('choice', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['delegate_id'], ['delegates.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('vote_id', 'delegate_id', name='uq_vote_voters_vote_delegate')
    )
    with op.batch_alter_table('vote_voters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vote_voters_delegate_id'), ['delegate_id'], unique=False)
    op.create_table('vote_tallies',
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.String(length=10), nullable=False),
    sa.Column('shard', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('vote_id', 'choice', 'shard')
    )

    # Every delegate gets a ballot token of its own, 128 random bits like the badge code, never the same.
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ballot_token', sa.String(length=64), nullable=True))
    conn = op.get_bind()
    for (delegate_id,) in conn.execute(sa.text("SELECT id FROM delegates")).all():
        conn.execute(sa.text("UPDATE delegates SET ballot_token = :t WHERE id = :i"),
                     {"t": secrets.token_urlsafe(16), "i": delegate_id})
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.alter_column('ballot_token', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_delegates_ballot_token'), ['ballot_token'])

    with op.batch_alter_table('speeches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('spoken_s', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('speeches', schema=None) as batch_op:
        batch_op.drop_column('spoken_s')
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_delegates_ballot_token'), type_='unique')
        batch_op.drop_column('ballot_token')
    op.drop_table('vote_tallies')
    with op.batch_alter_table('vote_voters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vote_voters_delegate_id'))
    op.drop_table('vote_voters')
    op.execute("UPDATE votes SET method = 'show_of_hands' WHERE method = 'hands'")
    with op.batch_alter_table('votes', schema=None) as batch_op:
        for column in ('counted_at', 'closed_at', 'opened_at', 'verdict', 'received', 'listed', 'entitled',
                       'rule', 'secret'):
            batch_op.drop_column(column)
