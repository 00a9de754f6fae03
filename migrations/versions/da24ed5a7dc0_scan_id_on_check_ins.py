"""scan id on check-ins

Revision ID: da24ed5a7dc0
Revises: 743c7f0570a4
Create Date: 2026-11-25 13:05:11.718379

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'da24ed5a7dc0'
down_revision = '743c7f0570a4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scan_id', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint('uq_checkins_scan_id', ['scan_id'])



def downgrade():
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.drop_constraint('uq_checkins_scan_id', type_='unique')
        batch_op.drop_column('scan_id')

