"""recommendation procedure: forms, letters, public register

Revision ID: d0_recommendations
Revises: c0_sales
"""
from alembic import op
import sqlalchemy as sa

revision = "d0_recommendations"
down_revision = "c0_sales"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
