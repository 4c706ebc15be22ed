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
    op.create_table(
        "sales_request",
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("line_types", sa.String(length=60), nullable=False),
        sa.Column("zero_tariff_requested", sa.Boolean(), nullable=False),
        sa.Column("zero_tariff_reason", sa.Text(), nullable=True),
        sa.Column("zero_tariff_decision", sa.String(length=10), nullable=True),
        sa.Column("invoice_number", sa.String(length=40), nullable=True),
        sa.Column("invoice_version", sa.Integer(), nullable=False),
        sa.Column("billing_code", sa.String(length=15), nullable=True),
        sa.Column("invoice_issued_at", sa.DateTime(), nullable=True),
        sa.Column("invoice_expires_at", sa.DateTime(), nullable=True),
        sa.Column("payment_method", sa.String(length=10), nullable=True),
        sa.Column("ntpn", sa.String(length=16), nullable=True),
        sa.Column("payer_name", sa.String(length=150), nullable=True),
        sa.Column("paid_amount", sa.Integer(), nullable=True),
        sa.Column("paid_at", sa.DateTime(), nullable=True),
        sa.Column("receipt_number", sa.String(length=40), nullable=True),
        sa.Column("sppd_originals_received", sa.Boolean(), nullable=False),
        sa.Column("sppd_originals_received_on", sa.Date(), nullable=True),
        sa.Column("hardcopy_handed_over", sa.Boolean(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("dispute_note", sa.Text(), nullable=True),
        sa.Column("correction_note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("sla_due_date", sa.Date(), nullable=True),
        sa.Column("sla_state", sa.String(length=10), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("applicant_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("total >= 0", name="ck_sales_request_total_nonnegative"),
        sa.ForeignKeyConstraint(["applicant_id"], ["ab_user.id"]),
        sa.ForeignKeyConstraint(["created_by_id"], ["ab_user.id"]),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ntpn", name="uq_sales_request_ntpn"),
    )
    with op.batch_alter_table("sales_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_request_applicant_id"), ["applicant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_request_delivered_at"), ["delivered_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_request_invoice_expires_at"), ["invoice_expires_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_request_office_id"), ["office_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_request_paid_at"), ["paid_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_request_sla_due_date"), ["sla_due_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_request_status"), ["status"], unique=False)
        batch_op.create_index("ix_sales_request_worklist", ["office_id", "sla_due_date", "id"], unique=False)

    op.create_table(
        "sales_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("product_type", sa.String(length=20), nullable=False),
        sa.Column("description", sa.String(length=250), nullable=False),
        sa.Column("tariff_id", sa.Integer(), nullable=True),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("hardcopy", sa.Boolean(), nullable=False),
        sa.Column("variables", sa.Text(), nullable=True),
        sa.Column("area", sa.String(length=150), nullable=True),
        sa.Column("area_level", sa.String(length=20), nullable=True),
        sa.Column("list_price", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.Integer(), nullable=False),
        sa.Column("line_total", sa.Integer(), nullable=False),
        sa.CheckConstraint("quantity >= 1", name="ck_sales_line_quantity_positive"),
        sa.CheckConstraint("unit_price >= 0 AND list_price >= 0 AND line_total >= 0",
                           name="ck_sales_line_prices_nonnegative"),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"]),
        sa.ForeignKeyConstraint(["request_id"], ["sales_request.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tariff_id"], ["tariff.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sales_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_line_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_line_request_id"), ["request_id"], unique=False)


def downgrade():
    with op.batch_alter_table("sales_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sales_line_request_id"))
        batch_op.drop_index(batch_op.f("ix_sales_line_product_id"))
    op.drop_table("sales_line")
    with op.batch_alter_table("sales_request", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_request_worklist")
        batch_op.drop_index(batch_op.f("ix_sales_request_status"))
        batch_op.drop_index(batch_op.f("ix_sales_request_sla_due_date"))
        batch_op.drop_index(batch_op.f("ix_sales_request_paid_at"))
        batch_op.drop_index(batch_op.f("ix_sales_request_office_id"))
        batch_op.drop_index(batch_op.f("ix_sales_request_invoice_expires_at"))
        batch_op.drop_index(batch_op.f("ix_sales_request_delivered_at"))
        batch_op.drop_index(batch_op.f("ix_sales_request_applicant_id"))
    op.drop_table("sales_request")
