"""sales procedure: requests, lines, invoices, payments, receipts

Revision ID: c0_sales
Revises: b0_ratings
"""
from alembic import op
import sqlalchemy as sa

revision = "c0_sales"
down_revision = "b0_ratings"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
