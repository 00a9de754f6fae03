"""delegates: fillfactor 80 on PostgreSQL, so that a check-in rewrites the row in place (HOT update)

Revision ID: f1llf4ct0r80
Revises: b3c1a9e2f7d4
Create Date: 2026-11-25 22:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f1llf4ct0r80'
down_revision = 'b3c1a9e2f7d4'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE delegates SET (fillfactor = 80)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE delegates RESET (fillfactor)")
