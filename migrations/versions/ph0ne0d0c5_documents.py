"""documents: the papers of the congress, read on the delegates' phones (issue 23)

Revision ID: ph0ne0d0c5
Revises: u5ev3nt5pr1v
Create Date: 2026-12-05 11:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ph0ne0d0c5'
down_revision = 'v01ce0p1n10n'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("delegation", sa.String(300), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("opens", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_documents_event_id", "documents", ["event_id"])


def downgrade():
    op.drop_index("ix_documents_event_id", table_name="documents")
    op.drop_table("documents")
